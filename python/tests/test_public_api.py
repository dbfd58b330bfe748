"""Names, signatures and dataclass behaviour as reference-behaviour §1.1-1.7 and §5 describe."""

import dataclasses
import inspect

import pytest


def test_root_names():
    import sc_neurocore.optimizer as optimizer
    for name in ["fit_to_target", "OptimizationResult", "ObservationLoadError", "load_observations",
                 "load_synthesis_observation", "observation_from_synthesis_reports", "observations_from_payload",
                 "build_payload_from_reports", "write_payload", "BenchmarkObservation", "SurrogateOptimizerReport",
                 "SurrogateSCOptimizer", "TargetHardwareProfile", "optimise_from_evidence_payload",
                 "optimise_from_synthesis_reports"]:
        assert hasattr(optimizer, name), name
    for name in ["SCOptimizer", "HardwareBudget", "LayerProfile", "LayerConfig", "OptimizerReport"]:
        assert not hasattr(optimizer, name), name  # these live in their submodules only


def test_submodule_names():
    from sc_neurocore.compression import prune_weights, quantize_weights  # noqa: F401
    from sc_neurocore.energy import TARGETS, estimate  # noqa: F401
    from sc_neurocore.optimizer.feedback_loop import SynthesisFeedbackResult  # noqa: F401
    from sc_neurocore.optimizer.resource_optimizer import OptimizationStep  # noqa: F401
    from sc_neurocore.optimizer.sc_optimizer import (  # noqa: F401
        ComputeMode, DecorrelationStrategy, HardwareBudget, LayerConfig, LayerProfile, OptimizerReport, SCOptimizer)
    from sc_neurocore.optimizer.surrogate_sc_optimizer import SurrogateLayerConfig, _RidgeSurrogate  # noqa: F401
    from sc_neurocore.optimizer import observation_loader, synthesis_evidence  # noqa: F401


def test_enums_and_private_names():
    from sc_neurocore.optimizer.sc_optimizer import ComputeMode, DecorrelationStrategy, HardwareBudget, SCOptimizer
    assert [d.value for d in DecorrelationStrategy] == ["None", "LFSR", "Sobol", "Halton", "SCC_Decorrelator"]
    assert [m.value for m in ComputeMode] == ["SC", "Deterministic", "Hybrid"]
    optimizer = SCOptimizer(HardwareBudget(1000, 10.0))
    assert optimizer.bitstream_options == [64, 128, 256, 512, 1024, 2048]
    assert optimizer.modes == ["SC", "Deterministic", "Hybrid"]
    for name in ["_estimate_resources", "_generate_candidates", "_score", "_is_feasible"]:
        assert callable(getattr(optimizer, name))
    assert isinstance(inspect.getattr_static(SCOptimizer, "_extract_pareto"), staticmethod)


def test_keyword_only_parameters_and_defaults():
    from sc_neurocore.optimizer import (SurrogateSCOptimizer, fit_to_target, load_synthesis_observation,
                                        observation_from_synthesis_reports, observations_from_payload,
                                        optimise_from_evidence_payload, optimise_from_synthesis_reports)
    from sc_neurocore.optimizer.sc_optimizer import SCOptimizer

    def kinds(function):
        return {name: (p.kind, p.default) for name, p in inspect.signature(function).parameters.items()}

    annealing = kinds(SCOptimizer.optimize_annealing)
    for name, default in [("t_init", 1.0), ("t_min", 0.001), ("alpha", 0.95), ("max_iter", 2000), ("seed", 42)]:
        assert annealing[name] == (inspect.Parameter.KEYWORD_ONLY, default)
    fit = kinds(fit_to_target)
    assert fit["target"] == (inspect.Parameter.POSITIONAL_OR_KEYWORD, "ice40")
    assert fit["max_iterations"][1] == 10 and fit["min_bitstream_length"][1] == 32
    assert fit["initial_bitstream_length"][1] == 256
    assert fit["profile"] == (inspect.Parameter.KEYWORD_ONLY, "default")
    surrogate = kinds(SurrogateSCOptimizer.__init__)
    assert surrogate["bitstream_options"] == (inspect.Parameter.KEYWORD_ONLY, (64, 128, 256, 512, 1024, 2048))
    assert surrogate["precision_options"][1] == (4, 6, 8, 12, 16)
    assert surrogate["observations"][1] == ()
    assert kinds(observations_from_payload)["source"] == (inspect.Parameter.KEYWORD_ONLY, "<memory>")
    assert kinds(observation_from_synthesis_reports)["source"][1] == "<synthesis-reports>"
    assert kinds(load_synthesis_observation)["latency_cycles"] == (inspect.Parameter.KEYWORD_ONLY, None)
    for function in (optimise_from_evidence_payload, optimise_from_synthesis_reports):
        assert all(p.kind == inspect.Parameter.KEYWORD_ONLY for p in inspect.signature(function).parameters.values())


def test_positional_and_keyword_construction():
    from sc_neurocore.optimizer import BenchmarkObservation, TargetHardwareProfile
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerConfig, LayerProfile
    assert LayerProfile("enc", 256, True) == LayerProfile(id="enc", mac_count=256, is_critical_path=True)
    assert HardwareBudget(10, 1.5).max_latency_cycles == 0
    assert LayerConfig(64, "None", "SC", 230, 0.25, 0.75).latency_cycles == 0
    target = TargetHardwareProfile("t", HardwareBudget(1, 1.0))
    assert (target.lut_weight, target.power_weight, target.latency_weight, target.accuracy_weight) == (0.35, 0.35, 0.2, 1.0)
    observation = BenchmarkObservation(64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999)
    assert observation.is_critical_path is False


def test_frozen_dataclasses_reject_assignment_and_replace_works():
    from sc_neurocore.optimizer import BenchmarkObservation, TargetHardwareProfile
    from sc_neurocore.optimizer.feedback_loop import SynthesisFeedbackResult
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget
    from sc_neurocore.optimizer.surrogate_sc_optimizer import SurrogateLayerConfig, SurrogateOptimizerReport
    config = SurrogateLayerConfig(64, "Sobol", "SC", 16, "none", 4550, 5.5, 1, 0.97, 1.05)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.luts_used = 1
    longer = dataclasses.replace(config, bitstream_length=128)
    assert longer.bitstream_length == 128 and longer.luts_used == 4550 and longer != config
    assert dataclasses.replace(longer, bitstream_length=64) == config
    for frozen in [TargetHardwareProfile("t", HardwareBudget(1, 1.0)),
                   BenchmarkObservation(1, 64, "None", "SC", 8, "none", 1, 1.0, 64, 0.9),
                   SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "t"),
                   SynthesisFeedbackResult({}, (), SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "t"))]:
        assert dataclasses.is_dataclass(frozen)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(frozen, dataclasses.fields(frozen)[0].name, None)
    assert SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "t", ["x"]).feasible is False


def test_mutable_dataclasses_and_repr():
    import numpy as np
    from sc_neurocore.optimizer import OptimizationResult
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
    layer = LayerProfile("a", 1)
    layer.mac_count = 5
    assert layer.mac_count == 5
    budget = HardwareBudget(1, 1.0)
    budget.max_luts = 2
    result = OptimizationResult(True, "ice40", 1, 2, 50.0, 64, 0.0, optimized_weights=[np.zeros(3)])
    assert "optimized_weights" not in repr(result)
    assert dataclasses.is_dataclass(result)


def test_errors_arrive_as_documented_types():
    from sc_neurocore.optimizer import ObservationLoadError, fit_to_target, load_observations
    from sc_neurocore.optimizer.surrogate_sc_optimizer import _RidgeSurrogate
    assert issubclass(ObservationLoadError, ValueError)
    with pytest.raises(FileNotFoundError, match="nowhere.json: no such file"):
        load_observations("/nowhere.json")
    with pytest.raises(ValueError, match="Unknown target 'virtex'"):
        fit_to_target([(4, 2)], [__import__("numpy").ones((4, 2))], target="virtex")
    with pytest.raises(RuntimeError, match="not fitted"):
        _RidgeSurrogate().predict([[1.0]])
    with pytest.raises(ValueError, match="two-dimensional"):
        _RidgeSurrogate().fit([1.0, 2.0], [[1.0], [2.0]])
    with pytest.raises(ValueError, match="row count mismatch"):
        _RidgeSurrogate().fit([[1.0], [2.0]], [[1.0]])
    with pytest.raises(ValueError, match="unknown profile 'fast'"):
        fit_to_target([(4, 2)], [__import__("numpy").ones((4, 2))], profile="fast")


def test_feedback_loop_looks_the_optimiser_up_when_it_runs(monkeypatch):
    from sc_neurocore.optimizer import feedback_loop
    calls = []

    class Fake:
        def __init__(self, target, *, observations, profile):
            calls.append((target, observations, profile))

        def optimise(self, network):
            return None

    monkeypatch.setattr(feedback_loop, "SurrogateSCOptimizer", Fake)
    payload = {"observations": [{"mac_count": 1, "bitstream_length": 64, "decorrelator": "None", "mode": "SC",
                                 "precision_bits": 8, "lfsr_polynomial": "none", "luts_used": 3, "power_mw": 0.1,
                                 "latency_cycles": 64, "accuracy_score": 0.5}]}
    with pytest.raises(RuntimeError, match="surrogate optimiser returned no report"):
        feedback_loop.optimise_from_evidence_payload(network=[], target="t", payload=payload)
    assert len(calls) == 1 and calls[0][1][0].luts_used == 3
