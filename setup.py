"""Builds the sc_neurocore package: the pure-Python modules under python/ and
the extension sc_neurocore._core.

The extension is compiled from every engine source (src/**/*.cpp, except the
CLI executable's src/cli/main.cpp) plus the bindings (python/src/*.cpp). The
sources are globbed, so this file never lists them: the folders' CMakeLists
stay the one place where sources are named. Needs only Debian packages
(python3-setuptools, pybind11-dev, libeigen3-dev, nlohmann-json3-dev,
libcli11-dev), so `pip install --no-build-isolation .` works offline.

Environment: SCN_BUILD_JOBS (parallel compile jobs, default: CPU count),
SCN_BUILD_BASE (setuptools build folder, default: build-py), SCN_OPT_LEVEL (the compiler's
optimisation flag, default -O2; the install test passes -O0: it checks the install, not the engine's speed).
"""

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from setuptools import Extension, find_packages, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version() -> str:
    """The version of the top-level CMake project, the single source of it."""
    match = re.search(r"project\(\s*\S+\s+VERSION\s+([0-9.]+)", (ROOT / "CMakeLists.txt").read_text())
    if not match:
        raise RuntimeError("CMakeLists.txt: no project VERSION")
    return match.group(1)


# Data compiled into the engine (src/model/CMakeLists.txt does the same with configure_file): the template,
# the data file, and the @VARIABLE@ the file's text replaces.
EMBEDDED_DATA = [
    ("src/model/devices_data.cpp.in", "data/devices.json", "SCN_DEVICES_JSON"),
    ("src/model/power_data.cpp.in", "data/power/ice40-coefficients.json", "SCN_POWER_JSON"),
]


def embedded_data_sources(build_base: str) -> list:
    """Writes each template with its data filled in under BUILD_BASE/generated (atomically; unchanged files are
    left alone so that rebuilds stay incremental)."""
    folder = Path(build_base) / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for template, data, variable in EMBEDDED_DATA:
        text = (ROOT / template).read_text(encoding="utf-8")
        text = text.replace(f"@{variable}@", (ROOT / data).read_text(encoding="utf-8"))
        target = folder / Path(template).name[: -len(".in")]
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            temporary = target.with_suffix(".tmp")
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, target)
        sources.append(str(target))
    return sources


def extension_sources(build_base: str) -> list:
    engine = [p for p in sorted((ROOT / "src").rglob("*.cpp")) if p != ROOT / "src" / "cli" / "main.cpp"]
    bindings = sorted((ROOT / "python" / "src").glob("*.cpp"))
    return [str(p.relative_to(ROOT)) for p in engine + bindings] + embedded_data_sources(build_base)


def eigen_include_dirs() -> list:
    if shutil.which("pkg-config"):
        result = subprocess.run(["pkg-config", "--cflags-only-I", "eigen3"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip():
            return [flag[2:] for flag in result.stdout.split()]
    return ["/usr/include/eigen3"]


def pybind11_include_dirs() -> list:
    try:  # pip's pybind11 when present; Debian's pybind11-dev lives in /usr/include
        import pybind11

        return [pybind11.get_include()]
    except ImportError:
        return []


class ParallelBuildExt(build_ext):
    """build_ext compiling one extension's sources in parallel (setuptools compiles them one by one)."""

    def build_extensions(self) -> None:
        jobs = int(os.environ.get("SCN_BUILD_JOBS", os.cpu_count() or 1))
        compiler = self.compiler

        def compile_all(sources, output_dir=None, macros=None, include_dirs=None, debug=0, extra_preargs=None,
                        extra_postargs=None, depends=None):
            macros, objects, extra, pp_opts, build = compiler._setup_compile(
                output_dir, macros, include_dirs, sources, depends, extra_postargs)
            cc_args = compiler._get_cc_args(pp_opts, debug, extra_preargs)

            start, done, lock = time.monotonic(), [0], threading.Lock()

            def compile_one(obj):
                source, ext = build[obj]
                compiler._compile(obj, source, ext, cc_args, extra, pp_opts)
                with lock:  # a line per file (pip shows them with -v): the build is long, not stuck
                    done[0] += 1
                    print(f"sc-neurocore: [{time.monotonic() - start:6.1f} s] compiled {done[0]}/{len(objects)} "
                          f"{os.path.relpath(source, ROOT)}", file=sys.stderr, flush=True)

            with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
                list(pool.map(compile_one, objects))
            return objects

        compiler.compile = compile_all
        super().build_extensions()


VERSION = project_version()
BUILD_BASE = os.environ.get("SCN_BUILD_BASE", "build-py")
os.makedirs(BUILD_BASE, exist_ok=True)  # egg_info wants its folder to exist

core = Extension(
    "sc_neurocore._core",
    sources=extension_sources(BUILD_BASE),
    include_dirs=["include", "src", "python/src", *eigen_include_dirs(), *pybind11_include_dirs()],
    define_macros=[("SCN_VERSION", f'"{VERSION}"'), ("NDEBUG", None)],
    extra_compile_args=["-std=c++20", "-fvisibility=hidden", os.environ.get("SCN_OPT_LEVEL", "-O2"), "-g0"],
    libraries=["re2"],  # the reference profile's report-text rules (libre2-dev)
    language="c++",
)

setup(
    name="sc-neurocore",
    version=VERSION,
    description="Fit stochastic-computing spiking neural networks onto FPGAs (C++ engine, Python API)",
    long_description=(ROOT / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    python_requires=">=3.9",
    install_requires=["numpy"],
    package_dir={"": "python"},
    packages=find_packages("python", include=["sc_neurocore", "sc_neurocore.*"]),
    package_data={"sc_neurocore": ["py.typed"]},  # PEP 561: the package's annotations are its type hints
    ext_modules=[core],
    cmdclass={"build_ext": ParallelBuildExt},
    entry_points={"console_scripts": ["sc-neurocore = sc_neurocore.cli:main"]},
    options={"build": {"build_base": BUILD_BASE}, "egg_info": {"egg_base": BUILD_BASE}},
    zip_safe=False,
)
