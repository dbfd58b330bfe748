"""sc_neurocore.hw.synth, optimise_from_build and the sweep (sc_neurocore.hw.sweep, sc-neurocore sweep).

The fast tests need no tool run (a missing or unknown tool, a design predicted too large, the sweep's
bookkeeping with a stand-in for synth, argument errors). The slow ones (SCN_SLOW=1, ctest -L slow:
python_synth_sweep) build the example network with Yosys and nextpnr-ice40 once from Python, and sweep
three points of its Pareto frontier on a Dask LocalCluster of two workers through `sc-neurocore sweep
--scheduler`.
"""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import REPO, cli_path, python_env

EXAMPLES = REPO / "examples"
NETWORK = EXAMPLES / "network.json"
WEIGHTS = EXAMPLES / "network_weights.json"
TOOLS = ("yosys", "nextpnr-ice40", "icepack", "icetime")

slow = pytest.mark.skipif(os.environ.get("SCN_SLOW") != "1", reason="builds with Yosys and nextpnr: SCN_SLOW=1")
needs_tools = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS), reason="needs yosys, nextpnr-ice40, icepack, icetime on PATH"
)


def small_plan(length=64, precision=4, mode="SC"):
    layer = {"bitstream_length": length, "decorrelator": "LFSR", "lfsr_polynomial": "x16+x14+x13+x11+1",
             "precision_bits": precision, "mode": mode}
    return {"layers": [dict(layer, id="encoder"), dict(layer, id="decoder")], "rejected_layers": []}


def the_cli():
    return cli_path()


# --- synth from Python, no tool run ------------------------------------------------------------------------


def test_synth_with_a_missing_tool_names_the_tool(tmp_path):
    from sc_neurocore.hw import synth

    with pytest.raises(ValueError) as error:
        synth(NETWORK, small_plan(), tmp_path / "build", tools={"yosys": "/nonexistent"})
    message = str(error.value)
    assert "yosys" in message and "/nonexistent" in message and "not an executable" in message
    assert not (tmp_path / "build").exists()


def test_synth_refuses_a_tool_the_flow_does_not_have(tmp_path):
    from sc_neurocore.hw import synth

    with pytest.raises(ValueError, match=r"'vivado' is not a tool of the ice40 flow \(yosys, nextpnr-ice40"):
        synth(NETWORK, small_plan(), tmp_path / "build", tools={"vivado": "/usr/bin/true"})


def test_does_not_fit_error_is_a_runtime_error():
    from sc_neurocore.hw import DoesNotFitError

    assert issubclass(DoesNotFitError, RuntimeError)


@needs_tools
def test_a_design_predicted_too_large_raises_does_not_fit_before_any_tool(tmp_path):
    from sc_neurocore.hw import DoesNotFitError, synth

    with pytest.raises(DoesNotFitError, match="no tool was run"):
        synth(NETWORK, small_plan(2048, 16, "Deterministic"), tmp_path / "build", weights=WEIGHTS,
              device="ice40-hx1k")
    assert not (tmp_path / "build").exists()


def test_optimise_from_build_without_evidence_is_an_os_error(tmp_path):
    from sc_neurocore.optimizer import optimise_from_build

    with pytest.raises(OSError, match="no evidence.json"):
        optimise_from_build(NETWORK, "ice40-low-power", tmp_path)


# --- the sweep's bookkeeping, with a stand-in for synth -----------------------------------------------------

FAKE_SYNTH = textwrap.dedent(
    """
    import json, os, sys
    args = sys.argv[2:]
    value = lambda flag: args[args.index(flag) + 1]
    plan, out = json.load(open(value("--plan"))), value("--out")
    assert sys.argv[1] == "synth" and "--quiet" in args and value("--jobs") == "1"
    fake = plan["fake"]
    if fake["exit"] in (0, 3):
        os.makedirs(out)
        row = lambda p, m: {"predicted": p, "measured": m, "relative_error": (p - m) / m}
        design = {"logic_cells": row(fake["predicted"], fake["cells"])}
        if fake["exit"] == 0:
            design["fmax_mhz"] = row(50.0, 40.0)
        json.dump({"unit": "ICESTORM_LC", "design": design, "warnings": []}, open(out + "/comparison.json", "w"))
        json.dump({"measurements": {"timing_met": fake["exit"] == 0}, "placed": fake["exit"] == 0},
                  open(out + "/evidence.json", "w"))
    if fake["exit"]:
        print("sc-neurocore: error: fake exit %d" % fake["exit"], file=sys.stderr)
    sys.exit(fake["exit"])
    """
)


def fake_plans(folder, specs):
    folder.mkdir()
    for name, spec in specs.items():
        (folder / f"{name}.json").write_text(json.dumps(dict(small_plan(), fake=spec)))
    return folder


def test_the_sweep_records_every_outcome(tmp_path):
    from sc_neurocore.hw.sweep import sweep

    fake = tmp_path / "fake_synth.py"
    fake.write_text(FAKE_SYNTH)
    plans = fake_plans(tmp_path / "plans", {
        "b_fits": {"exit": 0, "cells": 100, "predicted": 110.0},
        "a_fits": {"exit": 0, "cells": 200, "predicted": 180.0},
        "c_too_big": {"exit": 3, "cells": 9000, "predicted": 8100.0},
        "d_fails": {"exit": 1},
    })
    out = tmp_path / "out"
    (out / "d_fails").mkdir(parents=True)  # an earlier sweep's build must not count
    (out / "d_fails" / "comparison.json").write_text("{}")
    result = sweep(NETWORK, plans, "ice40-hx8k", out, jobs=2, cli=[sys.executable, str(fake)], quiet=True,
                   check_tools=False)
    assert result == json.loads((out / "sweep.json").read_text())
    rows = {r["name"]: r for r in result["results"]}
    assert [r["name"] for r in result["results"]] == ["a_fits", "b_fits", "c_too_big", "d_fails"]
    assert rows["a_fits"]["fits"] is True and rows["a_fits"]["status"] == "built"
    assert rows["a_fits"]["logic_cells"] == {"predicted": 180.0, "measured": 200, "relative_error": -0.1}
    assert rows["a_fits"]["fmax_mhz"]["relative_error"] == 0.25 and rows["a_fits"]["timing_met"] is True
    assert rows["c_too_big"]["fits"] is False and rows["c_too_big"]["exit_status"] == 3
    assert rows["c_too_big"]["fmax_mhz"]["measured"] is None
    assert rows["c_too_big"]["message"] == "sc-neurocore: error: fake exit 3"
    assert rows["d_fails"]["status"] == "failed" and rows["d_fails"]["fits"] is None
    assert rows["d_fails"]["build"] is None and not (out / "d_fails").exists()
    assert (out / "d_fails.log").read_text().startswith("$ ")
    summary = result["summary"]
    assert (summary["count"], summary["built"], summary["does_not_fit"], summary["failed"]) == (4, 2, 1, 1)
    assert summary["logic_cells"]["compared"] == 3
    assert summary["logic_cells"]["median_abs_relative_error"] == pytest.approx(0.1)
    assert summary["logic_cells"]["max_abs_relative_error"] == pytest.approx(0.1)
    assert summary["fmax_mhz"]["compared"] == 2 and summary["fmax_mhz"]["max_abs_relative_error"] == 0.25


def test_the_sweep_builds_evenly_spaced_points_of_a_frontier(tmp_path):
    from sc_neurocore.hw.sweep import sweep

    fake = tmp_path / "fake_synth.py"
    fake.write_text(FAKE_SYNTH)
    points = [dict(small_plan(), total_luts=10 * i, fake={"exit": 0, "cells": 10 + i, "predicted": 10.0 + i})
              for i in range(7)]
    frontier = tmp_path / "frontier.json"
    frontier.write_text(json.dumps({"target_name": "t", "approximate": False, "points": points}))
    out = tmp_path / "out"
    result = sweep(NETWORK, frontier, "ice40-hx8k", out, max_points=3, cli=[sys.executable, str(fake)], quiet=True,
                   check_tools=False)
    assert [r["name"] for r in result["results"]] == ["point_000", "point_003", "point_006"]
    plan = json.loads((out / "plans" / "point_003.json").read_text())
    assert plan["source"] == {"pareto": str(frontier), "point": 3} and plan["total_luts"] == 30
    assert result["source"] == {"pareto": str(frontier), "max_points": 3, "within_budget": False}
    points[3]["within_budget"] = points[5]["within_budget"] = True
    frontier.write_text(json.dumps({"target_name": "t", "approximate": False, "points": points}))
    result = sweep(NETWORK, frontier, "ice40-hx8k", out, within_budget=True, cli=[sys.executable, str(fake)],
                   quiet=True, check_tools=False)
    assert [r["name"] for r in result["results"]] == ["point_003", "point_005"]


def run_module(*args):
    return subprocess.run([sys.executable, "-m", "sc_neurocore.hw.sweep", *map(str, args)], capture_output=True,
                          text=True, env=python_env(), timeout=120)


def test_python_sweep_argument_errors_exit_2(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_module("--network", NETWORK, "--plans", empty, "--out", tmp_path / "out")
    assert run.returncode == 2 and "no *.json plan" in run.stderr, run.stderr
    run = run_module("--network", NETWORK, "--pareto", tmp_path / "missing.json", "--out", tmp_path / "out")
    assert run.returncode == 2 and "missing.json: no such file" in run.stderr, run.stderr
    run = run_module("--network", tmp_path / "nonet.json", "--plans", empty, "--out", tmp_path / "out")
    assert run.returncode == 2 and "nonet.json" in run.stderr, run.stderr


def test_cli_sweep_scheduler_runs_the_python_sweep(tmp_path):
    cli = the_cli()
    empty = tmp_path / "empty"
    empty.mkdir()
    # The Python side answers (the C++ side leaves the plans to it): an empty folder is its exit 2.
    run = subprocess.run([cli, "sweep", "--network", str(NETWORK), "--plans", str(empty), "--out",
                          str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"],
                         capture_output=True, text=True, env=python_env(), timeout=120)
    assert run.returncode == 2 and "no *.json plan" in run.stderr, run.stderr


def test_cli_sweep_scheduler_without_the_package_says_how_to_get_it(tmp_path):
    cli = the_cli()
    copy = tmp_path / "sc-neurocore"  # no build tree's python/ beside it
    shutil.copy(cli, copy)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONNOUSERSITE"] = "1"
    probe = subprocess.run(["/usr/bin/python3", "-c", "import sc_neurocore"], env=env, capture_output=True)
    if probe.returncode == 0:
        pytest.skip("sc_neurocore is installed for /usr/bin/python3")
    run = subprocess.run([str(copy), "sweep", "--network", str(NETWORK), "--plans", str(tmp_path), "--out",
                          str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 2, run.stderr
    assert "pip install ." in run.stderr and "PYTHONPATH" in run.stderr and "python3-distributed" in run.stderr


# --- the tools, for real (SCN_SLOW=1) ----------------------------------------------------------------------


def optimise(tmp_path, *extra):
    plan = tmp_path / "plan.json"
    run = subprocess.run([the_cli(), "optimise", "--network", str(NETWORK), "--target-profile", "ice40-low-power",
                          "--weights", str(WEIGHTS), "--out", str(plan), *map(str, extra)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return plan


@slow
@needs_tools
def test_synth_from_python_then_plan_again_from_the_build(tmp_path):
    from sc_neurocore.hw import SynthResult, synth
    from sc_neurocore.optimizer import SurrogateOptimizerReport, optimise_from_build

    plan = optimise(tmp_path)
    result = synth(NETWORK, plan, tmp_path / "build", weights=WEIGHTS, clock_mhz=50, jobs=2)
    assert isinstance(result, SynthResult)
    assert result.build == tmp_path / "build" and result.evidence == tmp_path / "build" / "evidence.json"
    assert result.comparison == json.loads((tmp_path / "build" / "comparison.json").read_text())
    design = result.comparison["design"]
    assert design["logic_cells"]["measured"] > 0 and isinstance(design["logic_cells"]["relative_error"], float)
    assert design["fmax_mhz"]["measured"] > 0
    assert result.comparison["layer_order"] == ["encoder", "decoder"]
    assert set(result.comparison["layers"]) == {"encoder", "decoder"}
    assert result.placed is True and isinstance(result.warnings, list)
    assert "logic_cells" in result.table()
    report = optimise_from_build(NETWORK, "ice40-low-power", tmp_path / "build", weights=WEIGHTS)
    assert isinstance(report, SurrogateOptimizerReport) and report.feasible
    assert report.training_points >= 2


@slow
@needs_tools
def test_sweep_of_a_frontier_on_a_dask_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    frontier = tmp_path / "frontier.json"
    # A small grid (4-bit, 64 and 256 cycles), so that every point builds in seconds.
    optimise(tmp_path, "--pareto", frontier, "--precisions", "4", "--bitstream-lengths", "64,256")
    within = [i for i, p in enumerate(json.loads(frontier.read_text())["points"]) if p["within_budget"]]
    assert len(within) >= 3
    out = tmp_path / "sweep"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        run = subprocess.run([the_cli(), "sweep", "--network", str(NETWORK), "--pareto", str(frontier),
                              "--weights", str(WEIGHTS), "--device", "ice40-hx8k", "--clock-mhz", "50",
                              "--out", str(out), "--max-points", "3", "--within-budget",
                              "--scheduler", cluster.scheduler_address],
                             capture_output=True, text=True, env=python_env(), timeout=600)
    assert run.returncode == 0, run.stderr
    sweep = json.loads((out / "sweep.json").read_text())
    assert sweep["runner"] == "dask" and sweep["scheduler"]
    names = [r["name"] for r in sweep["results"]]
    n = len(within)
    assert names == [f"point_{within[(i * (n - 1) + 1) // 2]:03d}" for i in range(3)]
    for r in sweep["results"]:
        assert r["exit_status"] in (0, 3), r["message"]
        assert r["logic_cells"]["measured"] > 0 and isinstance(r["logic_cells"]["relative_error"], float)
        comparison = json.loads((out / r["name"] / "comparison.json").read_text())
        assert comparison["design"]["logic_cells"] == r["logic_cells"]
    assert sweep["summary"]["count"] == 3 and sweep["summary"]["logic_cells"]["compared"] == 3
    assert len([line for line in run.stderr.splitlines() if "/3 point_" in line]) == 3
    assert "cells pred" in run.stdout


def test_a_dask_task_builds_one_plan_through_the_cli(tmp_path):
    # What a Dask worker runs: the engine's job, built by `sc-neurocore sweep --build-one` (here a plan synth
    # refuses, so no tool runs), its row printed by the engine and read back.
    from sc_neurocore import _core
    from sc_neurocore.hw.sweep import build_plan

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "broken.json").write_text('{"layers": 3}')
    options = {"network": str(NETWORK), "plans": str(plans), "weights": [], "device": "ice40-hx8k",
               "clock_mhz": None, "package": "", "out": str(tmp_path / "out"), "jobs": 1, "timeout": 0.0,
               "max_points": 0, "within_budget": False}
    [job] = _core.sweep_jobs(options)
    assert job["name"] == "broken" and job["log"] == str(tmp_path / "out" / "broken.log")
    assert job["build_one"][-4:] == ["--build-one", "broken", "--build-plan", str(plans / "broken.json")]
    row = build_plan(dict(job, cli=[the_cli()]))
    assert (row["name"], row["exit_status"], row["status"], row["fits"]) == ("broken", 2, "input_error", None)
    assert row["message"].startswith("sc-neurocore: error: ") and row["build"] is None
    assert (tmp_path / "out" / "broken.log").read_text().startswith("$ ")
    assert _core.sweep_progress_text(row).startswith("broken: input_error (exit 2) in ")
