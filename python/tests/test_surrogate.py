"""docs/reference-behaviour.md §1.3 through Python: the ridge surrogate and the
§1.3.12 cases A-D and the tight budget (inputs as tests/search/surrogate_test.cpp)."""

import numpy as np
import pytest

from conftest import EVIDENCE
from sc_neurocore.optimizer import (
    BenchmarkObservation,
    SurrogateOptimizerReport,
    SurrogateSCOptimizer,
    TargetHardwareProfile,
    load_observations,
    optimise_from_evidence_payload,
)
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
from sc_neurocore.optimizer.surrogate_sc_optimizer import (
    FrontierPlan,
    NetworkFrontier,
    SearchCertificate,
    SurrogateLayerConfig,
    _RidgeSurrogate,
)

DEFAULT_NETWORK = [LayerProfile("encoder", 256, True), LayerProfile("decoder", 192)]
OBSERVED = BenchmarkObservation(64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999)


def target(name, luts, power, latency=0):
    return TargetHardwareProfile(name, HardwareBudget(luts, power, latency))


def test_case_a_default_target():
    report = SurrogateSCOptimizer(target("default", 200000, 800.0, 512), profile="reference").optimise(
        DEFAULT_NETWORK
    )
    assert isinstance(report, SurrogateOptimizerReport) and report.feasible
    assert report.training_points == 842
    assert list(report.config) == ["encoder", "decoder"]
    for config in report.config.values():
        assert isinstance(config, SurrogateLayerConfig)
        assert (config.mode, config.decorrelator, config.bitstream_length, config.precision_bits) == (
            "SC", "Sobol", 64, 16,
        )
        assert config.lfsr_polynomial == "none" and config.latency_cycles == 1
    encoder, decoder = report.config["encoder"], report.config["decoder"]
    assert (encoder.luts_used, decoder.luts_used) == (4550, 3264)
    assert encoder.power_used == pytest.approx(5.531, abs=5e-4)
    assert decoder.power_used == pytest.approx(0.298, abs=5e-4)
    assert encoder.accuracy_score == pytest.approx(0.9699821, abs=5e-8)
    assert decoder.accuracy_score == pytest.approx(0.9699818, abs=5e-8)
    assert encoder.accuracy_score > decoder.accuracy_score
    assert (report.total_luts, report.total_latency_cycles) == (7814, 1)


def test_case_b_observation_influence():
    optimizer = SurrogateSCOptimizer(
        target("obs", 20000, 200.0, 512),
        bitstream_options=(128, 64, 128),
        precision_options=[8, 4],
        observations=[OBSERVED],
        profile="reference",
    )
    assert optimizer.bitstream_options == (64, 128) and optimizer.precision_options == (4, 8)
    assert optimizer.observations == (OBSERVED,)
    report = optimizer.optimise([LayerProfile("layer", 64)])
    config = report.config["layer"]
    assert config.utility_score == pytest.approx(0.94165, abs=1e-12)
    assert config == SurrogateLayerConfig(
        128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999, config.utility_score
    )
    assert report.training_points == 61 == optimizer.training_points


def test_case_c_loader_feed():
    observations = load_observations(EVIDENCE / "case_c_loader_feed.json")
    assert observations == [BenchmarkObservation(64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 0.7, 128, 0.999)]
    report = SurrogateSCOptimizer(
        target("c", 10000, 100.0, 256),
        bitstream_options=(64, 128),
        precision_options=(4, 8),
        observations=observations,
        profile="reference",
    ).optimise([LayerProfile("layer", 64)])
    config = report.config["layer"]
    assert (config.decorrelator, config.bitstream_length, config.lfsr_polynomial) == (
        "LFSR", 128, "x16+x15+x13+x4+1",
    )
    assert config.utility_score == pytest.approx(0.88605, abs=1e-12)


def test_case_d_feedback_loop():
    import json

    payload = json.loads((EVIDENCE / "case_d_feedback.json").read_text())
    result = optimise_from_evidence_payload(
        network=[LayerProfile("dense0", 128, True)], target=target("d", 10000, 100.0, 512), payload=payload,
        profile="reference",
    )
    config = result.report.config["dense0"]
    assert (config.mode, config.decorrelator, config.bitstream_length, config.precision_bits) == (
        "SC", "LFSR", 64, 16,
    )
    assert config.lfsr_polynomial == "x16+x14+x13+x11+1"
    assert config.luts_used == 825
    assert config.accuracy_score == pytest.approx(0.9425, abs=5e-5)
    assert result.report.training_points == 425
    assert result.report.profile == "reference"
    assert result.observations[0].decorrelator == "SCC_Decorrelator"


def test_tight_budget_rejects_encoder_and_clamps_decoder():
    report = SurrogateSCOptimizer(target("tight", 8, 0.001, 512), profile="reference").optimise(DEFAULT_NETWORK)
    assert not report.feasible
    assert report.rejected_layers == ["encoder"]
    assert list(report.config) == ["decoder"]
    decoder = report.config["decoder"]
    assert (decoder.mode, decoder.decorrelator, decoder.bitstream_length, decoder.precision_bits) == (
        "SC", "None", 64, 4,
    )
    assert (decoder.luts_used, decoder.power_used) == (1, 0.0)
    assert decoder.utility_score == pytest.approx(2202.17, abs=0.01)
    assert report.total_luts == 1 and report.total_power_mw <= 0.001


def test_empty_network_is_feasible_without_training():
    report = SurrogateSCOptimizer(target("empty", 100, 1.0)).optimise([])
    assert report == SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "empty", [], "default")


def test_private_fit_and_rank():
    optimizer = SurrogateSCOptimizer(target("tight", 8, 0.001, 512), profile="reference")
    with pytest.raises(RuntimeError, match="not fitted"):
        optimizer._rank_layer_candidates(DEFAULT_NETWORK[1], 8.0, 0.001)
    optimizer._fit_surrogate(DEFAULT_NETWORK)
    ranked = optimizer._rank_layer_candidates(DEFAULT_NETWORK[1], 8.0, 0.001)
    assert ranked[0].luts_used == 1 and ranked[0].precision_bits == 4
    utilities = [c.utility_score for c in ranked]
    assert utilities == sorted(utilities, reverse=True)


def test_same_input_same_report():
    network = [LayerProfile("a", 100, True), LayerProfile("b", 40), LayerProfile("c", 300)]
    first = SurrogateSCOptimizer(target("t", 30000, 300.0, 1024)).optimise(network)
    second = SurrogateSCOptimizer(target("t", 30000, 300.0, 1024)).optimise(network)
    assert first == second


def test_options_are_read_only():
    optimizer = SurrogateSCOptimizer(target("t", 100, 1.0))
    with pytest.raises(AttributeError):
        optimizer.bitstream_options = (64,)


def test_ridge_surrogate_solves_the_regularised_normal_equations():
    x = np.array([[1, 0], [1, 1], [1, 2], [1, 3]], dtype=float)
    y = np.array([[2], [5], [8], [11]], dtype=float)
    ridge = _RidgeSurrogate()
    assert ridge.alpha == 1e-3 and ridge.coefficients is None
    assert ridge.fit(x, y) is ridge
    expected = np.linalg.solve(x.T @ x + 1e-3 * np.eye(2), x.T @ y)
    np.testing.assert_allclose(ridge.coefficients, expected, rtol=1e-12)
    np.testing.assert_allclose(ridge.predict(x), x @ expected, rtol=1e-12)
    np.testing.assert_allclose(ridge.predict(np.array([1.0, 4.0])), np.array([1.0, 4.0]) @ expected, rtol=1e-12)


def test_ridge_surrogate_errors():
    ridge = _RidgeSurrogate(alpha=0.5)
    with pytest.raises(RuntimeError, match="not fitted"):
        ridge.predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match="two-dimensional"):
        ridge.fit(np.ones(3), np.ones((3, 1)))
    with pytest.raises(ValueError, match="two-dimensional"):
        ridge.fit(np.ones((3, 2)), np.ones(3))
    with pytest.raises(ValueError, match="row count mismatch"):
        ridge.fit(np.ones((3, 2)), np.ones((4, 1)))


def test_default_profile_reports_its_search_certificate():
    api_target = target("ice40-low-power", 7680, 250.0, 4096)
    network = [LayerProfile("encoder", 256, True), LayerProfile("decoder", 128)]
    report = SurrogateSCOptimizer(api_target).optimise(network)
    assert report.profile == "default" and report.feasible
    assert isinstance(report.search, SearchCertificate)
    assert report.search.proven_optimal and report.search.relative_gap == 0.0
    assert report.search.objective == report.search.upper_bound
    assert report.search.binding == [] and report.search.min_luts is None
    # Unlike the reference ridge surrogate, every cost is a real analytical cost (no 1-LUT, 0-mW layers).
    assert all(c.luts_used > 1 and c.power_used > 0 for c in report.config.values())
    assert SurrogateSCOptimizer(api_target, profile="reference").optimise(network).search is None


def test_default_profile_explains_why_nothing_fits():
    report = SurrogateSCOptimizer(target("tight", 8, 0.001, 512)).optimise(DEFAULT_NETWORK)
    assert not report.feasible and report.config == {}
    assert report.search.binding == ["luts", "power"]
    assert report.search.proven_optimal is False


def test_network_pareto_frontier():
    api_target = target("ice40-low-power", 7680, 250.0, 4096)
    network = [LayerProfile("encoder", 256, True), LayerProfile("decoder", 128)]
    frontier = SurrogateSCOptimizer(api_target).pareto_frontier(network)
    assert isinstance(frontier, NetworkFrontier) and frontier.target_name == "ice40-low-power"
    assert frontier.plans and all(isinstance(plan, FrontierPlan) for plan in frontier.plans)
    luts = [plan.total_luts for plan in frontier.plans]
    assert luts == sorted(luts)
    for plan in frontier.plans:
        assert list(plan.config) == ["encoder", "decoder"]
        assert plan.total_luts == sum(c.luts_used for c in plan.config.values())
        # The cell budget keeps the routable margin: 85 % of the HX8K's 7,680 ICESTORM_LC.
        assert plan.within_budget == (plan.total_luts <= 6528 and plan.total_power_mw <= 250.0)
    # A spatial plan fits this budget, so the frontier, like the plan, is spatial (folding is for networks no
    # spatial plan fits). No plan of it is dominated by another one (latency and block RAM are axes).
    assert all(c.neuron_lanes == 0 for plan in frontier.plans for c in plan.config.values())

    def key(plan):
        blocks = sum(c.bram_blocks for c in plan.config.values())
        return (plan.total_luts, plan.total_power_mw, -plan.mean_accuracy, plan.total_latency_cycles, blocks)

    for a in frontier.plans:
        for b in frontier.plans:
            key_a, key_b = key(a), key(b)
            assert not (all(y <= x for x, y in zip(key_a, key_b)) and key_a != key_b)
    assert any(plan.within_budget for plan in frontier.plans)
