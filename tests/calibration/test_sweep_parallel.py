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
