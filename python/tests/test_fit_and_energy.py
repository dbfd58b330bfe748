"""docs/reference-behaviour.md §1.4 (fit_to_target) and §1.5 (energy estimator) through Python."""

import math

import numpy as np
import pytest

from sc_neurocore.energy import TARGETS, EnergyReport, LayerEstimate, estimate
from sc_neurocore.energy.fpga_models import BRAM_BITS_PER_WEIGHT, LIF_NEURON, FPGATarget, ModuleCost
from sc_neurocore.optimizer import OptimizationResult, fit_to_target
from sc_neurocore.optimizer.resource_optimizer import OptimizationStep

TWO_LAYERS = [(64, 32), (32, 16)]


def normal_weights(seed):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(size) for size in TWO_LAYERS]


def test_published_example_never_fits():
    weights = normal_weights(0)
    result = fit_to_target(TWO_LAYERS, weights, profile="reference")
    assert isinstance(result, OptimizationResult)
    assert (result.fits, result.final_luts, result.target_luts) == (False, 12632, 7680)
    assert result.utilization_pct == pytest.approx(164.479, abs=1e-3)
    assert result.final_bitstream_length == 32
    assert [step.action for step in result.steps] == [
        "Reduce L to 128", "Reduce L to 64", "Reduce L to 32",
        "Prune threshold=0.003", "Quantize to 14-bit", "Prune threshold=0.009", "Quantize to 12-bit",
        "Prune threshold=0.027", "Quantize to 10-bit", "Prune threshold=0.081", "Quantize to 8-bit",
        "Prune threshold=0.243", "Quantize to 6-bit", "Prune threshold=0.729", "Quantize to 4-bit",
        "Prune threshold=2.187",
    ]
    assert all(isinstance(s, OptimizationStep) for s in result.steps)
    assert {(s.luts_before, s.luts_after) for s in result.steps} == {(12632, 12632)}
    assert result.steps[2].bitstream_length == 32 and result.steps[0].sparsity == 0.0
    assert result.final_sparsity == pytest.approx(0.957, abs=0.02)
    assert [w.shape for w in result.optimized_weights] == [(64, 32), (32, 16)]
    assert result.optimized_weights[0].dtype == np.float64
    assert np.count_nonzero(result.optimized_weights[0]) < np.count_nonzero(weights[0])


def test_three_iterations_without_length_headroom():
    result = fit_to_target(TWO_LAYERS, normal_weights(1), max_iterations=3, min_bitstream_length=256,
                           profile="reference")
    assert [s.action for s in result.steps] == [
        "Prune threshold=0.003", "Quantize to 14-bit", "Prune threshold=0.009", "Quantize to 12-bit",
        "Prune threshold=0.027", "Quantize to 10-bit",
    ]
    assert result.final_bitstream_length == 256
    assert result.steps[1].sparsity == result.steps[0].sparsity


def test_summary_lists_steps():
    result = fit_to_target(TWO_LAYERS, normal_weights(3), "ice40", 1, profile="reference")
    assert result.summary() == (
        "Resource Optimization: ice40\n"
        "  Fits: NO\n"
        "  LUTs: 12,632 / 7,680 (164.5%)\n"
        "  Bitstream length: 128\n"
        "  Sparsity: 0.0%\n"
        "  Steps taken: 1\n"
        "    Reduce L to 128: 12,632 -> 12,632 LUTs"
    )


def test_summary_reflects_field_changes():
    step = OptimizationStep("x", 2000, 1000, 0.3, 64)
    result = OptimizationResult(False, "zynq", 1234567, 53200, 30.0, 64, 0.3, [step])
    assert result.summary().splitlines()[2:] == [
        "  LUTs: 1,234,567 / 53,200 (30.0%)", "  Bitstream length: 64", "  Sparsity: 30.0%", "  Steps taken: 1",
        "    x: 2,000 -> 1,000 LUTs",
    ]


def test_fit_errors_are_value_errors_with_the_engine_message():
    weights = normal_weights(0)
    with pytest.raises(ValueError, match="Unknown target 'virtex'"):
        fit_to_target(TWO_LAYERS, weights, target="virtex")
    with pytest.raises(ValueError, match="min_bitstream_length 512 is above initial_bitstream_length 256"):
        fit_to_target(TWO_LAYERS, weights, min_bitstream_length=512)
    with pytest.raises(ValueError, match="got 1 weight arrays for 2 layers"):
        fit_to_target(TWO_LAYERS, weights[:1])
    with pytest.raises(ValueError, match=r"weights 0 have shape \(32, 16\), expected \(64, 32\) or its transpose"):
        fit_to_target(TWO_LAYERS, weights[::-1])
    bad = [w.copy() for w in weights]
    bad[1][0, 5] = np.nan
    with pytest.raises(ValueError, match=r"weights 1 element 5 is not finite \(nan\)"):
        fit_to_target(TWO_LAYERS, bad)
    with pytest.raises(TypeError, match=r"layer_sizes\[1\] must be a pair"):
        fit_to_target([(64, 32), 32], weights)


def test_targets_catalogue():
    assert list(TARGETS)[:4] == ["ice40", "ecp5", "artix7", "zynq"]
    assert TARGETS["ice40"] == FPGATarget("ice40_hx8k", "ice40", 7680, 128, 0, 1.2, 150.0, 5.0)
    assert TARGETS["ecp5"] == FPGATarget("ecp5_85k", "ecp5", 83640, 3744, 156, 1.1, 400.0, 4.0)
    assert TARGETS["artix7"] == FPGATarget("artix7_100t", "xc7a", 63400, 4860, 240, 1.0, 450.0, 3.5)
    assert TARGETS["zynq"] == FPGATarget("zynq_7020", "xc7z", 53200, 4480, 220, 1.0, 400.0, 3.5)
    assert LIF_NEURON == ModuleCost(120, 48, 0, LIF_NEURON.description)
    assert BRAM_BITS_PER_WEIGHT == 16


def test_small_layer_on_ice40():
    report = estimate([(4, 2)])
    assert isinstance(report, EnergyReport) and isinstance(report.layers[0], LayerEstimate)
    assert (report.total_luts, report.infra_luts, report.layers[0].luts, report.total_ffs) == (612, 200, 412, 160)
    assert report.total_dynamic_power_mw == pytest.approx(0.14832, rel=1e-12)
    assert report.total_latency_cycles == 258
    assert report.energy_per_inference_nj == pytest.approx(0.3826656, rel=1e-9)
    assert report.utilization_pct == pytest.approx(7.96875, rel=1e-12)
    assert report.fits_on_target is True and report.total_bram_kb == 0.0
    assert report.layers[0].name == "layer_0"


def test_energy_reference_values():
    artix = estimate([(4, 2)], target="artix7")
    assert artix.total_luts == 612
    assert artix.total_dynamic_power_mw == pytest.approx(0.0721, rel=1e-12)
    assert artix.utilization_pct == pytest.approx(0.9652996845425869, rel=1e-12)
    mnist = estimate([(784, 128), (128, 10)])
    assert (mnist.total_luts, mnist.total_latency_cycles, mnist.fits_on_target) == (156094, 516, False)
    assert mnist.total_dynamic_power_mw == pytest.approx(56.12, abs=0.005)
    assert mnist.utilization_pct == pytest.approx(2032.4739583333333, rel=1e-12)
    assert mnist.total_bram_kb == 198.5
    square = estimate([(100, 100)])
    assert square.total_luts == 26800 and square.total_bram_kb == pytest.approx(19.53125, rel=1e-12)
    clocked = estimate([(16, 8)])
    assert clocked.total_luts == 1960
    assert clocked.total_dynamic_power_mw == pytest.approx(0.6336, rel=1e-12)
    driven = estimate([(16, 8)], event_driven=True)
    assert (driven.total_luts, driven.infra_luts) == (1840, 360)
    assert driven.total_dynamic_power_mw == pytest.approx(0.10656, rel=1e-12)
    assert estimate([(4, 2)], include_infra=False).total_luts == 412


def test_energy_summary():
    lines = estimate([(4, 2)]).summary().split("\n")
    assert lines[0] == "SC-NeuroCore Energy Estimate \u2014 ice40"
    assert lines[1] == "=" * 55
    assert lines[3] == "  layer_0: 4->2 (8 syn, L=256) -> 412 LUTs, 0.15 mW"
    assert "  Total LUTs:     612" in lines and "  Fits on target: YES" in lines


def test_energy_report_derives_totals_at_construction():
    layer = LayerEstimate("layer_0", 4, 2, 8, 256, 412, 160, 0, 0.1, 258)
    report = EnergyReport("custom", [layer])
    assert (report.total_luts, report.fits_on_target, report.utilization_pct) == (412, True, 0.0)
    report = EnergyReport(target="ice40", layers=[layer], infra_luts=200, clock_freq_mhz=50.0)
    assert report.total_luts == 612 and report.utilization_pct == pytest.approx(7.96875)
    with pytest.raises(TypeError):
        EnergyReport("ice40", [layer], total_luts=1)


def test_energy_errors():
    with pytest.raises(ValueError, match=r"Unknown target 'virtex'\. Options: \['ice40', 'ecp5', 'artix7', 'zynq'"):
        estimate([(4, 2)], target="virtex")
    with pytest.raises(ValueError, match="clock_mhz must be positive"):
        estimate([(4, 2)], clock_mhz=0)


def test_default_estimate_is_the_clis_with_its_fields_and_knobs(monkeypatch):
    import json
    import subprocess

    from conftest import cli_path
    from sc_neurocore.energy import DeviceEnergyReport, DeviceLayerEstimate

    monkeypatch.delenv("SC_NEUROCORE_PROFILE", raising=False)
    report = estimate(TWO_LAYERS, profile="default", device="ice40-hx8k", precision=6, generator="sobol")
    assert isinstance(report, DeviceEnergyReport) and isinstance(report.layers[0], DeviceLayerEstimate)
    done = subprocess.run([cli_path(), "estimate", "--layers", "64x32,32x16", "--profile", "default", "--target",
                           "ice40-hx8k", "--precision", "6", "--generator", "sobol", "--json"],
                          capture_output=True, text=True, check=True)
    cli = json.loads(done.stdout)
    assert report.total_logic_cells == cli["total_logic_cells"] > sum(l.logic_cells for l in report.layers)  # + infra
    assert [l.logic_cells for l in report.layers] == [l["logic_cells"] for l in cli["layers"]]
    assert report.fmax_mhz == cli["fmax_mhz"] == min(l.fmax_mhz for l in report.layers) > 0
    assert report.total_power_mw == cli["total_power_mw"] and report.power_basis.startswith("activity:")
    assert report.lut_unit == "ICESTORM_LC" and report.device_logic_cells == 7680
    assert report.logic_cell_budget == 6528 and report.clock_freq_mhz == cli["clock_freq_mhz"]
    # The clock the design meets: 0.85 x its predicted fmax, never above the HX8K's calibrated 70 MHz.
    assert report.clock_freq_mhz == min(70.0, math.floor(0.85 * report.fmax_mhz * 10) / 10)
    assert report.clock_basis.startswith("planned: 0.85 x the predicted fmax ")
    assert (report.layers[0].precision, report.layers[0].generator, report.layers[0].weight_bits) == (6, "sobol", 6)
    assert report.summary().startswith("SC-NeuroCore Energy Estimate — ice40-hx8k (profile default)")
    # Fewer comparator bits, fewer cells; an explicit clock is used as given.
    assert estimate(TWO_LAYERS, profile="default", precision=4).total_logic_cells < estimate(
        TWO_LAYERS, profile="default", precision=8).total_logic_cells
    assert estimate([(4, 2)], profile="default", clock_mhz=12.0).clock_freq_mhz == 12.0


def test_the_reference_estimate_is_unchanged_and_refuses_default_knobs(monkeypatch):
    monkeypatch.setenv("SC_NEUROCORE_PROFILE", "default")
    assert isinstance(estimate([(4, 2)], profile="reference"), EnergyReport)
    assert estimate([(4, 2)]).profile == "default"  # the variable decides when no profile is given
    monkeypatch.delenv("SC_NEUROCORE_PROFILE")
    report = estimate([(4, 2)])
    assert isinstance(report, EnergyReport) and report.total_luts == 612 and report.clock_freq_mhz == 100.0
    with pytest.raises(ValueError, match="estimate: precision, device need\\(s\\) profile='default'"):
        estimate([(4, 2)], precision=6, device="ice40-hx8k")
    with pytest.raises(ValueError, match="generator"):
        estimate([(4, 2)], profile="default", generator="chaos")


def test_fit_keeps_the_accuracy_floor_and_says_what_it_refused():
    import json

    from conftest import REPO
    from sc_neurocore.optimizer import fit_to_target

    weights = [np.asarray(w) for w in json.load(open(REPO / "examples" / "weights_64x32_32x16.json"))]
    # The floor judges the lossy moves (folding loses nothing: test_fit_folds_before_it_quantises).
    result = fit_to_target([(64, 32), (32, 16)], weights, target="ice40-up5k", folds=False)
    assert not result.fits and result.min_accuracy == 0.8 and result.final_accuracy >= 0.8
    assert "below the floor 0.80" in result.refused_step
    assert fit_to_target([(64, 32), (32, 16)], weights, target="ice40-up5k", min_accuracy=0, folds=False).fits


def test_fit_folds_before_it_quantises():
    import json

    from conftest import REPO
    from sc_neurocore.optimizer import fit_to_target

    weights = [np.asarray(w) for w in json.load(open(REPO / "examples" / "weights_64x32_32x16.json"))]
    result = fit_to_target([(64, 32), (32, 16)], weights, target="ice40-up5k")
    assert result.fits and result.final_weight_bits == 8
    assert result.steps and all(step.action.startswith("Fold layer ") for step in result.steps)
    assert all(step.accuracy_after == step.accuracy_before for step in result.steps)
    assert all(step.luts_after < step.luts_before for step in result.steps)
    # Each layer's final fold is its last fold step's ("Fold layer 0 onto 32x8 lanes (block_ram)").
    last = {}
    for step in result.steps:
        words = step.action.split()
        lanes = words[4].split("x")
        last[int(words[2])] = (int(lanes[0]), int(lanes[1]), words[6].strip("()"))
    assert len(last) == 2
    assert [(f.neuron_lanes, f.input_lanes, f.weight_memory) for f in result.final_folds] == [last[0], last[1]]
    spatial = fit_to_target([(64, 32), (32, 16)], weights, target="ice40-up5k", folds=False, min_accuracy=0)
    assert [f.neuron_lanes for f in spatial.final_folds] == [0, 0]


def test_fit_with_validation_data_keeps_the_task_accuracy_floor_as_the_cli_does():
    import json
    import pathlib
    import subprocess

    from conftest import cli_path

    trained = pathlib.Path(__file__).resolve().parents[2] / "data" / "calibration" / "trained"
    weights = [np.asarray(w) for w in json.loads((trained / "digits-16.weights.json").read_text())]
    inputs, labels = trained / "digits.test-inputs.json", trained / "digits.test-labels.json"
    result = fit_to_target([(64, 16), (16, 10)], weights, "ice40-up5k", validation_inputs=str(inputs),
                           validation_labels=str(labels), folds=False)
    assert result.validation_metric == "task_accuracy" and result.min_accuracy == 0.0
    assert result.min_task_accuracy == pytest.approx(0.95 * result.start_task_accuracy)
    assert result.final_task_accuracy >= result.min_task_accuracy
    assert all(step.task_accuracy_after >= result.min_task_accuracy for step in result.steps)
    assert "below the floor" in result.refused_step and "task accuracy on the validation data" in result.refused_step
    done = subprocess.run([cli_path(), "fit", "--layers", "64x16,16x10", "--weights",
                           str(trained / "digits-16.weights.json"), "--target", "ice40-up5k", "--validation",
                           f"{inputs},{labels}", "--json", "--no-fold"], capture_output=True, text=True, check=True)
    cli = json.loads(done.stdout)
    assert cli["validation"] == {"metric": "task_accuracy", "start": result.start_task_accuracy,
                                 "final": result.final_task_accuracy, "floor": result.min_task_accuracy}
    assert [s["task_accuracy_after"] for s in cli["steps"]] == [s.task_accuracy_after for s in result.steps]
    assert "validation: L=256, 7-bit weights" in done.stderr  # a progress line per simulated configuration
    with pytest.raises(ValueError, match="need validation_inputs"):
        fit_to_target([(64, 16), (16, 10)], weights, "ice40-up5k", validation_labels=str(labels))
