"""The calibration sweep runs on local workers (--jobs) and on a Dask cluster (--scheduler) with the same
results: here a LocalCluster of two worker processes and three small layers through Yosys and nextpnr."""
import csv
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "calibrate")
CLI = os.environ.get("SCN_CLI_PATH", os.path.join(ROOT, "build", "sc-neurocore"))
CONFIGS = """n_inputs,n_neurons,bitstream_length,precision,weight_bits,generator,polynomial,mode,sparsity,seed
4,2,64,4,0,lfsr,x16+x14+x13+x11+1,sc,0.0,1
6,3,128,6,3,sobol,x16+x14+x13+x11+1,hybrid,0.25,2
5,2,100,5,0,scc,x16+x15+x13+x4+1,sc,0.0,3
"""


def sweep(tmp_path, name, *extra):
    configs = tmp_path / "configs.csv"
    configs.write_text(CONFIGS)
    out = tmp_path / f"{name}.csv"
    run = subprocess.run([sys.executable, SCRIPT, "--cli", CLI, "synthesise", "--family", "ice40",
                          "--configs", str(configs), "--out", str(out), *extra],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    # One progress line per layer, with the elapsed time.
    assert len([line for line in run.stderr.splitlines() if " s] " in line]) == 3
    with open(out) as f:
        return list(csv.DictReader(f))


def measured(rows):
    return [(r["module"], r["luts"], r["ffs"], r["carries"], r["logic_cells"]) for r in rows]


def test_local_workers_and_a_dask_cluster_measure_the_same(tmp_path):
    distributed = pytest.importorskip("distributed")
    local = sweep(tmp_path, "local", "--jobs", "2")
    assert [r["module"] for r in local] == ["sc_layer_4x2_l64_p4_q4_lfsr_sc_s0",
                                            "sc_layer_6x3_l128_p6_q3_sobol_hybrid_s250",
                                            "sc_layer_5x2_l100_p5_q5_scc_sc_s0"]
    for r in local:
        assert int(r["logic_cells"]) >= int(r["luts"]) > 0
        assert r["nextpnr"].startswith("nextpnr-ice40")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = sweep(tmp_path, "dask", "--scheduler", cluster.scheduler_address)
    assert measured(remote) == measured(local)


def measure_layers(tmp_path, *extra):
    configs = tmp_path / "configs.csv"
    configs.write_text(CONFIGS)
    return subprocess.run([CLI, "measure-layers", "--family", "ice40", "--configs", str(configs), *extra],
                          capture_output=True, text=True, timeout=600)


def test_a_placed_layer_resumes_from_its_kept_reports(tmp_path):
    keep = tmp_path / "kept"
    first = measure_layers(tmp_path, "--rows", "0", "--place", "--keep-logs", str(keep))
    assert first.returncode == 0, first.stderr
    [row] = list(csv.DictReader(first.stdout.splitlines()))
    assert row["module"] == "sc_layer_4x2_l64_p4_q4_lfsr_sc_s0"
    assert row["placed"] == "routed" and float(row["fmax_mhz"]) > 20
    assert int(row["wrapper_cells"]) > int(row["logic_cells"])  # the wrapper's shift registers
    assert row["seconds"] != "" and row["device"] == "hx8k:ct256"
    assert (keep / "sc_layer_4x2_l64_p4_q4_lfsr_sc_s0.route.rpt.json").exists()
    again = measure_layers(tmp_path, "--rows", "0", "--place", "--keep-logs", str(keep))
    assert again.returncode == 0, again.stderr
    [resumed] = list(csv.DictReader(again.stdout.splitlines()))
    assert resumed["seconds"] == ""  # nothing ran again
    assert {k: v for k, v in resumed.items() if k != "seconds"} == {k: v for k, v in row.items() if k != "seconds"}


def test_a_failing_tool_names_the_stage_and_its_log(tmp_path):
    failed = measure_layers(tmp_path, "--rows", "1", "--yosys", "/bin/false")
    assert failed.returncode == 1
    [line] = failed.stderr.strip().splitlines()
    assert "synthesise sc_layer_6x3_l128_p6_q3_sobol_hybrid_s250: false exited with 1 (log " in line, line
    bad = measure_layers(tmp_path, "--rows", "7")
    assert bad.returncode == 2 and "--rows 7: the file has 3 row(s)" in bad.stderr


def test_a_network_is_measured_whole_and_layer_by_layer(tmp_path):
    configs, out = tmp_path / "net.csv", tmp_path / "measured.csv"
    for command in (["network-sample", "--seed", "9", "--count", "1", "--max-width", "4", "--out", str(configs)],
                    ["network-synthesise", "--configs", str(configs), "--out", str(out), "--jobs", "2"]):
        run = subprocess.run([sys.executable, SCRIPT, "--cli", CLI, *command], capture_output=True, text=True,
                             timeout=600)
        assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(open(out)))
    assert len(rows) >= 2 and len({r["network"] for r in rows}) == 1
    whole = int(rows[0]["network_logic_cells"])
    assert whole > sum(int(r["logic_cells"]) for r in rows) * 0.8
    assert all(int(r["logic_cells"]) > 0 and r["nextpnr"].startswith("nextpnr-ice40") for r in rows)
