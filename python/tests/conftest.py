"""Shared paths and fixtures of the Python suite.

Run from the build tree (ctest sets PYTHONPATH=build/python) or against an
installed package; fixture data comes from the repository's tests/data.
"""

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEST_DATA = REPO / "tests" / "data"
EVIDENCE = TEST_DATA / "evidence"
REPORTS = TEST_DATA / "reports"
VIVADO_UTIL = REPORTS / "vivado_util" / "vocos_post_place_util.rpt"
VIVADO_POWER = REPORTS / "vivado_power" / "vocos_post_route_power.rpt"
VIVADO_TIMING = REPORTS / "vivado_timing" / "vocos_post_route_timing_summary.rpt"
DESIGN = EVIDENCE / "design_sc_layer.json"


@pytest.fixture
def api_page_workspace(tmp_path, monkeypatch):
    """A working folder holding the files the API page's examples name."""
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    shutil.copy(EVIDENCE / "case_b_observation.json", tmp_path / "benchmarks/results/fpga_power_observations.json")
    build = tmp_path / "build"
    build.mkdir()
    shutil.copy(DESIGN, build / "network_design.json")
    shutil.copy(VIVADO_UTIL, build / "vivado_utilisation.rpt")
    shutil.copy(VIVADO_POWER, build / "vivado_power.rpt")
    shutil.copy(VIVADO_TIMING, build / "vivado_timing.rpt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def python_env():
    """The environment for `python3 -m sc_neurocore` subprocesses: the package under test first on the path."""
    import sc_neurocore

    env = dict(os.environ)
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(sc_neurocore.__file__)))  # symlinks kept
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return env


def cli_path():
    """The sc-neurocore executable these tests compare against: SCN_CLI_PATH (ctest sets it), else the
    README build's build/sc-neurocore. A test that needs it fails when it is missing, never skips: a
    comparison with nothing is not a pass."""
    path = os.environ.get("SCN_CLI_PATH")
    if path:
        if not Path(path).is_file():
            pytest.fail(f"SCN_CLI_PATH={path}: no such executable (build it: make build)")
        return path
    built = REPO / "build" / "sc-neurocore"
    if not built.is_file():
        pytest.fail(f"{built}: no sc-neurocore executable; build it (make build) or set SCN_CLI_PATH")
    return str(built)
