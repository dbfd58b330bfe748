"""docs/reference-behaviour.md §1.2 through Python: the analytical model (§1.2.4),
candidates, greedy, annealing (§6) and Pareto extraction."""

import pytest

from sc_neurocore.optimizer.sc_optimizer import (
    ComputeMode,
    DecorrelationStrategy,
    HardwareBudget,
    LayerConfig,
    LayerProfile,
    OptimizerReport,
    SCOptimizer,
)


def make_network(mac_count, first_critical=True):
    return [LayerProfile(f"L{i}", mac_count, first_critical and i == 0) for i in range(5)]


# §1.2.4 [computed], M = 100, L = 256: (decorr, mode) -> (LUTs, power, accuracy, latency)
TABLE = [
    ("None", "SC", 240, 1.0, 0.875, 256),
    ("LFSR", "SC", 256, 1.0, 0.9375, 256),
    ("Sobol", "SC", 1740, 1.0, 0.99609375, 256),
    ("Halton", "SC", 1440, 1.0, 0.9953125, 256),
    ("SCC_Decorrelator", "SC", 1040, 1.0, 0.994140625, 256),
    ("None", "Hybrid", 3780, 15.7, 0.95, 256),
    ("Halton", "Hybrid", 3780, 15.7, 0.95, 256),
    ("LFSR", "Hybrid", 3796, 15.7, 0.96, 256),
    ("Sobol", "Hybrid", 4830, 15.7, 0.97, 256),
    ("None", "Deterministic", 12000, 50.0, 1.0, 1),
]


@pytest.mark.parametrize("decorr,mode,luts,power,accuracy,latency", TABLE)
def test_estimate_resources_reference_table(decorr, mode, luts, power, accuracy, latency):
    got = SCOptimizer(HardwareBudget(1, 1.0))._estimate_resources(100, 256, decorr, mode)
    assert got[0] == luts and got[3] == latency
    assert got[1] == pytest.approx(power, rel=1e-9)
    assert got[2] == pytest.approx(accuracy, rel=1e-9)
    assert isinstance(got[0], int) and isinstance(got[3], int)


def test_estimate_resources_other_lengths_and_clamp():
    optimizer = SCOptimizer(HardwareBudget(1, 1.0))
    assert optimizer._estimate_resources(100, 64, "LFSR", "SC") == (246, 0.25, 0.875, 64)
    assert optimizer._estimate_resources(100, 1024, "LFSR", "SC") == (266, 4.0, 0.96875, 1024)
    luts, _, accuracy, _ = optimizer._estimate_resources(100, 4, "None", "SC")
    assert (luts, accuracy) == (210, 0.1)
    # The Hybrid power keeps Python's evaluation order, so it matches bit for bit.
    for m in (3, 7, 100, 333):
        for length in (64, 1000):
            power = optimizer._estimate_resources(m, length, "None", "Hybrid")[1]
            assert power == 0.7 * m * 0.01 * (length / 256) + 0.3 * m * 0.5
    # Enum members are accepted as their strings.
    assert optimizer._estimate_resources(100, 256, DecorrelationStrategy.SOBOL, ComputeMode.SC)[0] == 1740


def test_estimate_resources_zero_length_is_a_value_error():
    with pytest.raises(ValueError, match="bitstream length must be positive"):
        SCOptimizer(HardwareBudget(1, 1.0))._estimate_resources(100, 0, "None", "SC")


def test_public_lists_and_candidates():
    optimizer = SCOptimizer(HardwareBudget(500000, 5000.0))
    assert optimizer.bitstream_options == [64, 128, 256, 512, 1024, 2048]
    assert optimizer.decorrelators == [d.value for d in DecorrelationStrategy]
    assert optimizer.modes == ["SC", "Deterministic", "Hybrid"]
    candidates = optimizer._generate_candidates(LayerProfile("a", 100))
    assert len(candidates) == 61
    assert all(isinstance(c, LayerConfig) for c in candidates)
    assert [c.mode for c in candidates] == ["SC"] * 30 + ["Deterministic"] + ["Hybrid"] * 30
    assert candidates[30].bitstream_length == 1 and candidates[30].decorrelator == "None"
    assert candidates[2].luts_used == 2 * 100 + 6 * 5 + 15 * 100
    assert candidates[5].bitstream_length == 128


def test_greedy_generous_budget_ends_all_deterministic():
    report = SCOptimizer(HardwareBudget(500000, 5000.0)).optimize(make_network(100))
    assert isinstance(report, OptimizerReport)
    assert list(report.config) == ["L0", "L1", "L2", "L3", "L4"]
    assert {c.mode for c in report.config.values()} == {"Deterministic"}
    assert (report.total_luts, report.total_power_mw, report.total_latency_cycles) == (60000, 250.0, 1)
    assert report.mean_accuracy == 1.0
    assert report.pareto_frontier == []


def test_greedy_tight_budget_mixes_deterministic_and_long_sobol():
    report = SCOptimizer(HardwareBudget(50000, 500.0)).optimize(make_network(200, first_critical=False))
    assert report.config["L0"].mode == "Deterministic" and report.config["L0"].luts_used == 24000
    for layer in ("L1", "L2", "L3", "L4"):
        assert report.config[layer] == LayerConfig(2048, "Sobol", "SC", 3455, 16.0, 1 - 1 / 2048, 2048)
    assert (report.total_luts, report.total_power_mw, report.total_latency_cycles) == (37820, 164.0, 2048)
    assert report.mean_accuracy == pytest.approx(0.999609375, rel=1e-12)
    assert report.summary().splitlines()[0] == (
        "LUTs: 37820, Power: 164.00 mW, Latency: 2048 cycles, Accuracy: 0.9996"
    )
    assert report.summary().splitlines()[2] == "  L1: N=2048, decorr=Sobol, mode=SC, acc=0.9995"


def test_greedy_infeasible_start_returns_none():
    assert SCOptimizer(HardwareBudget(10, 1000.0)).optimize(make_network(100)) is None


def test_annealing_seed_42_matches_the_python_path():
    optimizer = SCOptimizer(HardwareBudget(500000, 5000.0))
    report = optimizer.optimize_annealing(make_network(100), max_iter=200)
    assert report.mean_accuracy == pytest.approx(0.99917806, abs=5e-9)
    assert report.total_luts == 7465
    assert report.pareto_frontier and all(len(p) == 3 for p in report.pareto_frontier)
    # The temperature schedule ends the loop after 135 iterations whatever max_iter is.
    for max_iter in (300, 2000):
        again = optimizer.optimize_annealing(make_network(100), max_iter=max_iter)
        assert again.config == report.config and again.mean_accuracy == report.mean_accuracy


def test_annealing_seed_123():
    report = SCOptimizer(HardwareBudget(500000, 5000.0)).optimize_annealing(make_network(100), seed=123)
    assert report.mean_accuracy == pytest.approx(0.99357585, abs=5e-9)


def test_annealing_infeasible_trials_keep_the_start():
    report = SCOptimizer(HardwareBudget(130, 1000.0)).optimize_annealing([LayerProfile("only", 50)], seed=7)
    assert report.config["only"] == LayerConfig(64, "None", "SC", 130, 0.125, 0.75, 64)
    assert report.pareto_frontier == [(130, 0.125, 0.75)]


def test_annealing_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        SCOptimizer(HardwareBudget(1, 1.0)).optimize_annealing(make_network(1), 1.0)


def test_score_and_feasibility_on_dicts():
    optimizer = SCOptimizer(HardwareBudget(500, 10.0, 100))
    network = [LayerProfile("a", 10, True), LayerProfile("b", 10)]
    config = {
        "a": LayerConfig(64, "None", "SC", 200, 1.0, 0.9, 64),
        "b": LayerConfig(64, "None", "SC", 200, 1.0, 0.6, 64),
    }
    assert optimizer._score(config, network) == pytest.approx((2 * 0.9 + 0.6) / 3)
    assert optimizer._is_feasible(config) is True
    config["b"] = LayerConfig(128, "None", "SC", 400, 1.0, 0.6, 128)
    assert optimizer._is_feasible(config) is False  # 600 LUTs and 128 cycles exceed the budget
    assert SCOptimizer._score({}, []) == 0.0


def test_pareto_extraction_and_deduplication():
    points = [(100, 1.0, 0.9), (100, 1.0, 0.9), (120, 1.0, 0.9), (90, 2.0, 0.8), (150, 0.5, 0.95), (150, 0.6, 0.95)]
    assert SCOptimizer._extract_pareto(points) == [(100, 1.0, 0.9), (100, 1.0, 0.9), (90, 2.0, 0.8), (150, 0.5, 0.95)]
    assert SCOptimizer._extract_pareto([]) == []
    noisy = [(200, 1.00001, 0.5), (100, 2.0, 0.9), (200, 1.00002, 0.50001), (100, 2.0, 0.9), (150, 1.5, 0.7)]
    assert SCOptimizer._sort_and_deduplicate(noisy) == [(100, 2.0, 0.9), (150, 1.5, 0.7), (200, 1.00001, 0.5)]


def test_budget_is_read_when_the_search_runs():
    optimizer = SCOptimizer(HardwareBudget(10, 1000.0))
    assert optimizer.optimize(make_network(100)) is None
    optimizer.budget = HardwareBudget(500000, 5000.0)
    assert optimizer.optimize(make_network(100)).total_luts == 60000


def test_bad_layer_values_name_the_field():
    optimizer = SCOptimizer(HardwareBudget(1000, 10.0))
    with pytest.raises(TypeError, match=r"LayerProfile\.mac_count must be an int, got float"):
        optimizer.optimize([LayerProfile("a", 10.5)])
    with pytest.raises(TypeError, match=r"expected a LayerProfile \(no attribute 'id'\), got dict"):
        optimizer.optimize([{"id": "a", "mac_count": 1}])
    with pytest.raises(ValueError, match="duplicate|twice|unique"):
        optimizer.optimize([LayerProfile("a", 4), LayerProfile("a", 5)])


def test_reloading_the_module_keeps_its_value_types():
    # The published suites reload sc_optimizer to switch engines; values made before must stay instances.
    import importlib

    import sc_neurocore.optimizer.sc_optimizer as mod

    before = mod.SCOptimizer(mod.HardwareBudget(max_luts=100000, max_power_mw=500.0)).optimize(
        [mod.LayerProfile("l0", 256)]
    )
    reloaded = importlib.reload(mod)
    assert isinstance(before, reloaded.OptimizerReport)
    assert isinstance(before.config["l0"], reloaded.LayerConfig)
    assert reloaded.OptimizerReport.__module__ == "sc_neurocore.optimizer.sc_optimizer"
    assert repr(reloaded.ComputeMode.SC) == "<ComputeMode.SC: 'SC'>"
