"""A latency budget in microseconds (HardwareBudget.max_latency_us) binds at the plan's clock."""
import pytest


def test_time_budget_binds_at_the_planned_clock():
    import json
    import math
    import pathlib

    from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile, SCOptimizer

    trained = pathlib.Path(__file__).resolve().parents[2] / "data" / "calibration" / "trained"
    weights = str(trained / "digits-32.weights.json")
    network = [LayerProfile("l0", 64 * 32, False, 64, 32), LayerProfile("l1", 32 * 10, False, 32, 10)]
    budget = HardwareBudget(4488, 1000.0, max_latency_us=200.0)
    report = SurrogateSCOptimizer(TargetHardwareProfile("up5k", budget), device="ice40-up5k").optimise(
        network, weights=weights)
    plan = report.to_json()
    assert report.feasible and plan["latency_cap_us"] == 200.0
    assert plan["latency_cap_cycles"] == math.floor(200.0 * plan["clock_mhz"] * (1 + 1e-12))
    assert report.total_latency_cycles / plan["clock_mhz"] <= 200.0 and report.total_latency_cycles > 2048
    assert all(layer["fmax_mhz"] * 0.85 >= plan["clock_mhz"] for layer in plan["layers"])
    assert json.loads(json.dumps(plan))["latency_us"] <= 200.0
    with pytest.raises(ValueError, match="max_latency_us needs the default profile"):
        SurrogateSCOptimizer(TargetHardwareProfile("up5k", budget), profile="reference")
    with pytest.raises(ValueError, match="SCOptimizer plans no clock"):
        SCOptimizer(budget).optimize(network)
    with pytest.raises(ValueError, match="max_latency_us must be a finite non-negative number, got -1.0"):
        SurrogateSCOptimizer(TargetHardwareProfile("up5k", HardwareBudget(4488, 1000.0, max_latency_us=-1.0)))
