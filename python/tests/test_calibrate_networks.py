"""scripts/calibrate's network sets: the committed samples are what their seeds give, and a network built
without the bias correction is planned without it (its cost is measured against the corrected build)."""

import csv
import importlib.machinery
import importlib.util
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "calibrate"
DATA = ROOT / "data" / "calibration"


def calibrate_module():
    loader = importlib.machinery.SourceFileLoader("scn_calibrate", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def sample(tmp_path, *flags):
    out = tmp_path / "configs.csv"
    subprocess.run([sys.executable, str(SCRIPT), "network-sample", *flags, "--out", str(out)], check=True)
    return out


def test_the_committed_fit_sample_is_what_seed_1_gives(tmp_path):
    out = sample(tmp_path, "--seed", "1", "--count", "24")
    assert out.read_bytes() == (DATA / "network-fit-configs.csv").read_bytes()


def test_the_non_negative_held_out_sample_has_no_negative_weights(tmp_path):
    out = sample(tmp_path, "--seed", "5", "--count", "10", "--non-negative-share", "1")
    assert out.read_bytes() == (DATA / "network-nonneg-holdout-configs.csv").read_bytes()
    rows = list(csv.DictReader(out.open()))
    assert len({r["network"] for r in rows}) == 10
    assert {r["negative_share"] for r in rows} == {"0.0"}
    # The default share keeps most layers signed: seed 1 has 9 non-negative layers of 56.
    default = list(csv.DictReader((DATA / "network-fit-configs.csv").open()))
    assert sum(r["negative_share"] == "0.0" for r in default) == 9
    assert len(default) == 56


def test_a_row_without_the_correction_is_planned_without_it(tmp_path):
    calibrate = calibrate_module()
    rows = list(csv.DictReader((DATA / "network-nonneg-holdout-configs.csv").open()))
    layers = [r for r in rows if r["network"] == "s5n0"]
    paths = calibrate.write_network_inputs([dict(r, bias_correction="0") for r in layers], tmp_path)
    plan = json.loads(pathlib.Path(paths["plan"]).read_text())
    assert [entry["bias_correction"] for entry in plan["layers"]] == [False, False, False]
    paths = calibrate.write_network_inputs(layers, tmp_path)
    plan = json.loads(pathlib.Path(paths["plan"]).read_text())
    assert all("bias_correction" not in entry for entry in plan["layers"])  # on: the default
