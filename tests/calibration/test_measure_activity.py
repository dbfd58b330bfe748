"""sc-neurocore measure-activity through Yosys, nextpnr-ice40 and Icarus: a power fixture and an SC layer
measured afresh agree with the committed activity tables (data/power/) that the power fit reads."""
import csv
import io
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("SCN_CLI_PATH", os.path.join(ROOT, "build", "sc-neurocore"))


def committed(name):
    with open(os.path.join(ROOT, "data", "power", name), newline="") as f:
        return list(csv.DictReader(f))


def measure(*flags):
    run = subprocess.run([CLI, "measure-activity", *flags], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return run, list(csv.DictReader(io.StringIO(run.stdout)))


def test_a_fixture_toggles_as_committed():
    run, [row] = measure("--fixtures", os.path.join(ROOT, "tests", "data", "power"), "--designs", "counter24")
    # A 24-bit counter: every cycle bit 0 flips, bit 1 every second cycle...: 2 toggles per cycle in the
    # flip-flops (less the wrap), as many in the LUTs, and 1 in the carry chain.
    assert row["toggles_per_cycle"] == "4.999023"
    assert (row["luts"], row["ffs"], row["carries"], row["dsps"]) == ("24", "24", "22", "0")
    expected = next(r for r in committed("fixture-activity.csv") if r["design"] == "counter24")
    if row["yosys"] == expected["yosys"] and row["nextpnr"] == expected["nextpnr"]:
        assert row == expected
    assert "counter24: LC " in run.stderr and "(SB_CARRY 1.000, SB_DFF* 2.000, SB_LUT4 2.000)" in run.stderr


def test_a_layer_streams_its_cycles_and_matches_the_committed_row(tmp_path):
    configs = tmp_path / "configs.csv"
    with open(os.path.join(ROOT, "data", "power", "layer-activity-configs.csv")) as f:
        configs.write_text("".join(f.readlines()[:2]))  # the header and the 4x2, L = 64 layer
    _, [row] = measure("--layers", str(configs))
    expected = committed("layer-activity.csv")[0]
    assert row["module"] == "sc_layer_4x2_l64_p4_q4_none_sc_s0" and row["cycles"] == "64"
    assert row["simulated_toggles_per_cycle"] == expected["simulated_toggles_per_cycle"]
    assert 0.5 < float(row["ratio"]) < 2.0
    if row["yosys"] == expected["yosys"] and row["nextpnr"] == expected["nextpnr"]:
        assert row == expected


def test_bad_designs_are_refused_before_any_tool_runs():
    run = subprocess.run([CLI, "measure-activity", "--fixtures", ROOT, "--designs", "a:fast"], capture_output=True,
                         text=True)
    assert run.returncode == 2 and "--designs a:fast: want NAME or NAME:dsp" in run.stderr
