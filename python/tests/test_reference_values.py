"""The reference profile through Python: reference-behaviour §1.2.4, §1.3.12, §1.4.2, §1.5.4 and §6."""

import numpy as np
import pytest

from sc_neurocore.energy import TARGETS, estimate
from sc_neurocore.optimizer import BenchmarkObservation, SurrogateSCOptimizer, TargetHardwareProfile, fit_to_target
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile, SCOptimizer

DEFAULT_NETWORK = [LayerProfile("encoder", 256, True), LayerProfile("decoder", 192)]


@pytest.mark.parametrize("mode, decorr, luts, power, accuracy, latency", [
    ("SC", "None", 240, 1.0, 0.875, 256),
    ("SC", "LFSR", 256, 1.0, 0.9375, 256),
    ("SC", "Sobol", 1740, 1.0, 0.99609375, 256),
    ("SC", "Halton", 1440, 1.0, 0.9953125, 256),
    ("SC", "SCC_Decorrelator", 1040, 1.0, 0.994140625, 256),
    ("Hybrid", "None", 3780, 15.7, 0.95, 256),
    ("Hybrid", "Halton", 3780, 15.7, 0.95, 256),
    ("Hybrid", "LFSR", 3796, 15.7, 0.96, 256),
    ("Hybrid", "Sobol", 4830, 15.7, 0.97, 256),
    ("Deterministic", "None", 12000, 50.0, 1.0, 1),
])
def test_estimate_resources_table(mode, decorr, luts, power, accuracy, latency):
    result = SCOptimizer(HardwareBudget(1, 1.0))._estimate_resources(100, 256, decorr, mode)
    assert result[0] == luts and result[1] == pytest.approx(power, rel=1e-12)
    assert result[2] == accuracy and result[3] == latency


def test_estimate_resources_other_lengths():
    estimate_resources = SCOptimizer(HardwareBudget(1, 1.0))._estimate_resources
    assert estimate_resources(100, 64, "LFSR", "SC") == (246, 0.25, 0.875, 64)
    assert estimate_resources(100, 1024, "LFSR", "SC") == (266, 4.0, 0.96875, 1024)
    assert estimate_resources(100, 4, "None", "SC")[0::2] == (210, 0.1)


def reference(target, **options):
    return SurrogateSCOptimizer(target, profile="reference", **options)


def test_case_a():
    report = reference(TargetHardwareProfile("default", HardwareBudget(200000, 800.0, 512))).optimise(DEFAULT_NETWORK)
    encoder, decoder = report.config["encoder"], report.config["decoder"]
    for config in (encoder, decoder):
        assert (config.mode, config.decorrelator, config.bitstream_length, config.precision_bits,
                config.lfsr_polynomial, config.latency_cycles) == ("SC", "Sobol", 64, 16, "none", 1)
    assert (encoder.luts_used, decoder.luts_used) == (4550, 3264)
    assert encoder.power_used == pytest.approx(5.531, abs=5e-4) and decoder.power_used == pytest.approx(0.298, abs=5e-4)
    assert encoder.accuracy_score == pytest.approx(0.9699821, abs=5e-8)
    assert decoder.accuracy_score == pytest.approx(0.9699818, abs=5e-8)
    assert report.training_points == 842 and report.profile == "reference" and report.search is None


def test_case_b_observation_influence():
    observation = BenchmarkObservation(64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999)
    report = reference(TargetHardwareProfile("b", HardwareBudget(20000, 200.0, 512)), bitstream_options=(64, 128),
                       precision_options=(4, 8), observations=[observation]).optimise([LayerProfile("layer", 64)])
    config = report.config["layer"]
    assert (config.decorrelator, config.bitstream_length, config.precision_bits, config.lfsr_polynomial) == \
        ("LFSR", 128, 8, "x16+x15+x13+x4+1")
    assert (config.luts_used, config.power_used, config.latency_cycles, config.accuracy_score) == (300, 1.2, 128, 0.999)
    assert config.utility_score == pytest.approx(0.94165, abs=1e-12)
    assert report.training_points == 61


def test_case_c_loader_feed(data_dir):
    from sc_neurocore.optimizer import load_observations
    observations = load_observations(data_dir / "evidence" / "case_c_loader_feed.json")
    report = reference(TargetHardwareProfile("c", HardwareBudget(10000, 100.0, 256)), bitstream_options=(64, 128),
                       precision_options=(4, 8), observations=observations).optimise([LayerProfile("layer", 64)])
    assert report.config["layer"].utility_score == pytest.approx(0.88605, abs=1e-12)


def test_case_d_feedback_loop(data_dir):
    from sc_neurocore.optimizer import optimise_from_evidence_payload
    import json
    payload = json.loads((data_dir / "evidence" / "case_d_feedback.json").read_text())
    result = optimise_from_evidence_payload(network=[LayerProfile("dense0", 128, True)],
                                            target=TargetHardwareProfile("d", HardwareBudget(10000, 100.0, 512)),
                                            payload=payload, profile="reference")
    config = result.report.config["dense0"]
    assert (config.decorrelator, config.bitstream_length, config.precision_bits, config.lfsr_polynomial) == \
        ("LFSR", 64, 16, "x16+x14+x13+x11+1")
    assert config.luts_used == 825 and config.accuracy_score == pytest.approx(0.9425, abs=5e-5)
    assert result.report.training_points == 425


def test_tight_budget():
    report = reference(TargetHardwareProfile("tight", HardwareBudget(8, 0.001, 512))).optimise(DEFAULT_NETWORK)
    assert not report.feasible and report.rejected_layers == ["encoder"]
    decoder = report.config["decoder"]
    assert (decoder.mode, decoder.decorrelator, decoder.bitstream_length, decoder.precision_bits) == ("SC", "None", 64, 4)
    assert (decoder.luts_used, decoder.power_used) == (1, 0.0)
    assert decoder.utility_score == pytest.approx(2202.17, abs=0.01)
    assert report.total_luts == 1 and report.total_power_mw <= 0.001


def test_annealing_and_greedy():
    network = [LayerProfile(f"L{i}", 100, i == 0) for i in range(5)]
    optimizer = SCOptimizer(HardwareBudget(500000, 5000.0))
    annealed = optimizer.optimize_annealing(network, max_iter=200)
    assert annealed.mean_accuracy == pytest.approx(0.99917806, abs=5e-9) and annealed.total_luts == 7465
    assert optimizer.optimize_annealing(network, seed=123).mean_accuracy == pytest.approx(0.99357585, abs=5e-9)
    greedy = optimizer.optimize(network)
    assert (greedy.total_luts, greedy.total_power_mw, greedy.total_latency_cycles, greedy.mean_accuracy) == \
        (60000, 250.0, 1, 1.0)
    assert greedy.summary().startswith("LUTs: 60000, Power: 250.00 mW, Latency: 1 cycles, Accuracy: 1.0000\n")


def test_fit_to_target_published_example():
    rng = np.random.default_rng(0)
    weights = [rng.standard_normal((64, 32)), rng.standard_normal((32, 16))]
    result = fit_to_target([(64, 32), (32, 16)], weights, profile="reference")
    assert (result.fits, result.final_luts, result.final_bitstream_length, len(result.steps)) == (False, 12632, 32, 16)
    assert result.utilization_pct == pytest.approx(164.479, abs=1e-3)
    assert [s.action for s in result.steps[:4]] == ["Reduce L to 128", "Reduce L to 64", "Reduce L to 32",
                                                    "Prune threshold=0.003"]
    assert result.steps[-1].action == "Prune threshold=2.187"
    assert all(s.luts_before == s.luts_after == 12632 for s in result.steps)
    assert result.final_sparsity == pytest.approx(0.957, abs=0.02)
    short = fit_to_target([(64, 32), (32, 16)], weights, max_iterations=3, min_bitstream_length=256,
                          profile="reference")
    assert [s.action for s in short.steps] == ["Prune threshold=0.003", "Quantize to 14-bit", "Prune threshold=0.009",
                                               "Quantize to 12-bit", "Prune threshold=0.027", "Quantize to 10-bit"]


@pytest.mark.parametrize("sizes, target, kwargs, luts, power", [
    ([(4, 2)], "ice40", {}, 612, 0.14832),
    ([(4, 2)], "artix7", {}, 612, 0.0721),
    ([(784, 128), (128, 10)], "ice40", {}, 156094, 56.12),
    ([(16, 8)], "ice40", {}, 1960, 0.6336),
    ([(16, 8)], "ice40", {"event_driven": True}, 1840, 0.10656),
    ([(4, 2)], "ice40", {"include_infra": False}, 412, None),
])
def test_energy_estimator(sizes, target, kwargs, luts, power):
    report = estimate(sizes, target=target, **kwargs)
    assert report.total_luts == luts
    if power is not None:
        assert report.total_dynamic_power_mw == pytest.approx(power, abs=5e-3 if luts == 156094 else 1e-12)


def test_energy_details():
    small = estimate([(4, 2)])
    assert (small.total_ffs, small.total_latency_cycles, small.fits_on_target) == (160, 258, True)
    assert small.utilization_pct == pytest.approx(7.96875, abs=1e-9)
    assert small.energy_per_inference_nj == pytest.approx(0.3826656, abs=1e-12)
    big = estimate([(784, 128), (128, 10)])
    assert big.total_bram_kb == 198.5 and not big.fits_on_target
    assert big.utilization_pct == pytest.approx(2032.47, abs=0.01)
    assert estimate([(100, 100)]).total_bram_kb == pytest.approx(19.53125)
    assert list(TARGETS) == ["ice40", "ecp5", "artix7", "zynq"]
    assert TARGETS["zynq"].total_luts == 53200
    with pytest.raises(ValueError, match=r"Unknown target 'x'. Options: \['ice40', 'ecp5', 'artix7', 'zynq'\]"):
        estimate([(4, 2)], target="x")
    assert big.summary().splitlines()[-1] == "  Fits on target: NO \u2014 exceeds LUT budget"
