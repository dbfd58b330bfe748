"""The iCE40 power model's calibration against tinyvision-ai-inc/ice40_power (docs/power.md).

Run with Debian's /usr/bin/python3 -m pytest -q tests/calibration/test_power_calibration.py (no FPGA tools
needed). The fit runs in the engine (sc-neurocore calibrate --power-fit): SCN_CLI_PATH names the binary, by
default build/sc-neurocore.
"""
import csv
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "power-calibrate")
CLI = os.environ.get("SCN_CLI_PATH", os.path.join(ROOT, "build", "sc-neurocore"))
MEASUREMENTS = os.path.join(ROOT, "data", "power", "ice40up5k-tinyvision.csv")
ACTIVITY = os.path.join(ROOT, "data", "power", "fixture-activity.csv")
COEFFICIENTS = os.path.join(ROOT, "data", "power", "ice40-coefficients.json")
LAYERS = os.path.join(ROOT, "data", "power", "layer-activity.csv")
LAYER_CONFIGS = os.path.join(ROOT, "data", "power", "layer-activity-configs.csv")
CONFIG_FIELDS = ["n_inputs", "n_neurons", "bitstream_length", "precision", "weight_bits", "generator", "polynomial",
                 "mode", "sparsity", "seed"]
PARAMS = ["static_ua", "hfosc_ua", "lfosc_ua", "pll_ua", "pll_ua_per_mhz", "tree_ua_per_mhz", "ff_ua_per_mhz",
          "toggle_ua_per_mhz", "dsp_ua_per_mhz"]


def power_calibrate(*args):
    return subprocess.run([sys.executable, SCRIPT, *args, "--cli", CLI], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def rows():
    return read_csv(MEASUREMENTS)


@pytest.fixture(scope="module")
def coefficients():
    with open(COEFFICIENTS) as f:
        return json.load(f)


def test_check_passes():
    proc = power_calibrate("check")
    assert proc.returncode == 0, proc.stdout


def test_table_has_all_19_rows(rows):
    assert [int(r["row"]) for r in rows] == list(range(1, 20))
    assert {r["use"] for r in rows} == {"fit", "holdout", "excluded"}
    assert [r["description"] for r in rows if r["use"] == "excluded"] == ["Unconfigured", "Reset"]
    assert all(r["note"] for r in rows if r["use"] == "excluded")
    assert all(r["clock_source"] in ("external", "hfosc", "lfosc", "pll", "none") for r in rows)
    by_row = {int(r["row"]): r for r in rows}
    assert float(by_row[3]["core_ua"]) == 85.6          # blank design
    assert float(by_row[5]["core_ua"]) == 616.65        # 28*2 counter
    assert float(by_row[19]["core_ua"]) == 2573.0       # PLL 48 MHz


def test_holdout_rows_within_25_percent(rows, coefficients):
    holdout = [int(r["row"]) for r in rows if r["use"] == "holdout"]
    assert holdout == [5, 6, 9, 10, 13, 16, 18]
    assert [h["row"] for h in coefficients["holdout"]] == holdout
    for h in coefficients["holdout"]:
        assert abs(h["predicted_ua"] - h["measured_ua"]) / h["measured_ua"] <= 0.25, h
        assert abs(h["relative_error"]) <= 0.25, h
    assert coefficients["max_holdout_error"] <= 0.25


def test_counter_fixtures_match_reported_logic_cells():
    activity = {r["design"]: r for r in read_csv(ACTIVITY)}
    for design, reported in (("counter28_x1", 32), ("counter28_x2", 60), ("counter28_x4", 116),
                             ("counter28_x8", 228)):
        lcs = int(activity[design]["logic_cells"])
        assert abs(lcs - reported) / reported <= 0.15, (design, lcs, reported)
        n = int(design[-1])
        assert int(activity[design]["ffs"]) == 28 * n
    assert int(activity["math_dsp"]["dsps"]) == 1
    assert int(activity["math_lut"]["dsps"]) == 0
    assert float(activity["blank"]["toggles_per_cycle"]) == 0.0


def test_coefficients_non_negative_and_complete(coefficients):
    assert sorted(coefficients["coefficients"]) == sorted(PARAMS)
    for name, value in coefficients["coefficients"].items():
        assert value >= 0.0, name
    assert coefficients["core_voltage"] == 1.219
    assert coefficients["family"] == "ice40"
    assert "ecc5e59" in coefficients["source"]
    assert coefficients["uncertainty_factor"] >= 1.0 + max(coefficients["max_holdout_error"],
                                                           coefficients["max_fit_error"])


def test_fit_rows_exclude_holdout_and_excluded_rows(rows, coefficients):
    fit = sorted(int(r["row"]) for r in rows if r["use"] == "fit")
    others = {int(r["row"]) for r in rows if r["use"] != "fit"}
    assert coefficients["fit_rows"] == fit
    assert not set(coefficients["fit_rows"]) & others


def test_holdout_values_do_not_reach_the_fit(tmp_path):
    """Scaling every held-out (and excluded) measurement by 10 must leave the coefficients unchanged."""
    def fitted(measurements, out):
        proc = power_calibrate("fit", "--measurements", measurements, "--out", str(out))
        assert proc.returncode == 0, proc.stdout
        with open(out) as f:
            return json.load(f)

    baseline = fitted(MEASUREMENTS, tmp_path / "baseline.json")
    rows = read_csv(MEASUREMENTS)
    for r in rows:
        if r["use"] != "fit":
            r["core_ua"] = repr(10.0 * float(r["core_ua"]))
    path = tmp_path / "perturbed.csv"
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    perturbed = fitted(str(path), tmp_path / "perturbed.json")
    assert perturbed["coefficients"] == baseline["coefficients"]
    assert perturbed["fit_rows"] == baseline["fit_rows"]


def test_check_fails_on_stale_coefficients(tmp_path):
    stale = json.load(open(COEFFICIENTS))
    stale["coefficients"]["tree_ua_per_mhz"] *= 1.01
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(stale, indent=2, sort_keys=True) + "\n")
    proc = power_calibrate("check", "--coefficients", str(path))
    assert proc.returncode == 1, proc.stdout


def test_fixtures_exist_for_every_design(rows):
    designs = {r["design"] for r in rows if r["design"]}
    for design in designs:
        assert os.path.exists(os.path.join(ROOT, "tests", "data", "power", design + ".v")), design


def test_layer_activity_covers_every_generator_and_mode():
    layers = read_csv(LAYERS)
    configs = read_csv(LAYER_CONFIGS)
    assert len(layers) >= 12
    assert [{k: r[k] for k in CONFIG_FIELDS} for r in layers] == configs
    assert {r["generator"] for r in layers} == {"none", "lfsr", "sobol", "halton", "scc"}
    assert {r["mode"] for r in layers} == {"sc", "hybrid"}
    assert {float(r["sparsity"]) == 0.0 for r in layers} == {True, False}
    assert {int(r["weight_bits"]) == 0 for r in layers} == {True, False}
    polynomials = {r["polynomial"] for r in read_csv(os.path.join(ROOT, "data", "calibration", "fit-configs.csv"))}
    for r in layers:
        assert r["polynomial"] in polynomials, r
        assert 0 <= int(r["weight_bits"]) < int(r["precision"]), r
        assert 4 <= int(r["precision"]) <= 12, r
        assert 64 <= int(r["bitstream_length"]) <= 1024, r
        assert int(r["n_inputs"]) * int(r["n_neurons"]) <= 256, r
        assert int(r["cycles"]) == min(int(r["bitstream_length"]), 1024), r
        netlist, simulated = float(r["netlist_toggles_per_cycle"]), float(r["simulated_toggles_per_cycle"])
        assert netlist > 0 and simulated > 0, r
        assert abs(float(r["ratio"]) - netlist / simulated) <= 1e-5 * netlist / simulated, r
        assert int(r["luts"]) > 0 and int(r["ffs"]) > 0 and int(r["logic_cells"]) > 0, r


def test_kappa_within_layer_ratios(coefficients):
    layers = read_csv(LAYERS)
    ratios = [float(r["netlist_toggles_per_cycle"]) / float(r["simulated_toggles_per_cycle"]) for r in layers]
    kappa = coefficients["netlist_toggles_per_simulated"]
    assert min(ratios) <= kappa <= max(ratios)
    # least squares through the origin: sum(s * n) / sum(s * s), 6 significant digits
    s = [float(r["simulated_toggles_per_cycle"]) for r in layers]
    n = [float(r["netlist_toggles_per_cycle"]) for r in layers]
    assert kappa == pytest.approx(sum(a * b for a, b in zip(s, n)) / sum(a * a for a in s), rel=1e-5)
    summary = coefficients["layer_activity"]
    assert summary["layers"] == len(layers)
    assert summary["ratio_min"] == pytest.approx(min(ratios), rel=1e-5)
    assert summary["ratio_max"] == pytest.approx(max(ratios), rel=1e-5)
    spread = max(max(r / kappa, kappa / r) for r in ratios)
    assert spread <= coefficients["activity_uncertainty_factor"] < spread + 0.05 + 1e-9
    combined = coefficients["uncertainty_factor"] * coefficients["activity_uncertainty_factor"]
    assert combined <= coefficients["combined_uncertainty_factor"] + 1e-9 < combined + 0.05 + 1e-9


def test_check_fails_on_stale_kappa(tmp_path):
    stale = json.load(open(COEFFICIENTS))
    stale["netlist_toggles_per_simulated"] *= 1.01
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(stale, indent=2, sort_keys=True) + "\n")
    proc = power_calibrate("check", "--coefficients", str(path))
    assert proc.returncode == 1, proc.stdout
