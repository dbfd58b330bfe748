"""pip install . : builds sc_neurocore._core from the same C++ sources as CMake.

Offline on Debian 12 after scripts/install-deps, with Debian's setuptools and
pybind11 and no build isolation:
    /usr/bin/python3 -m venv --system-site-packages VENV
    VENV/bin/pip install --no-build-isolation .
"""

import pathlib
import re

from pybind11.setup_helpers import ParallelCompile, Pybind11Extension, build_ext
from setuptools import find_packages, setup

ROOT = pathlib.Path(__file__).resolve().parent
VERSION = re.search(r"project\(sc_neurocore_opt VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)

# The core library and the CLI (python3 -m sc_neurocore), everything under src/ but the executable's main.
SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.cpp") if p != ROOT / "src/cli/main.cpp")
SOURCES += ["python/src/module.cpp", "python/src/convert.cpp"]

ParallelCompile("SCN_BUILD_JOBS", default=0).install()

setup(
    name="sc-neurocore-opt",
    version=VERSION,
    description="Fit stochastic-computing spiking neural networks onto FPGAs (C++ engine, CLI and Python API)",
    package_dir={"": "python"},
    packages=find_packages("python", exclude=["tests", "tests.*"]),
    ext_modules=[
        Pybind11Extension(
            "sc_neurocore._core",
            SOURCES,
            include_dirs=["include", "src/evidence/reports", "/usr/include/eigen3"],
            define_macros=[("SCN_VERSION", f'"{VERSION}"')],
            cxx_std=20,
        )
    ],
    cmdclass={"build_ext": build_ext},
    entry_points={"console_scripts": ["sc-neurocore=sc_neurocore.cli:main"]},
    python_requires=">=3.9",
    install_requires=["numpy"],
    zip_safe=False,
)
