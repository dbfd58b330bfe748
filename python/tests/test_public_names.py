"""Names, signatures, dataclass semantics and profiles of the public API."""

import dataclasses
import importlib
import inspect

import pytest

ROOT_NAMES = [
    "fit_to_target",
    "OptimizationResult",
    "ObservationLoadError",
    "load_observations",
    "load_synthesis_observation",
    "observation_from_synthesis_reports",
    "observations_from_payload",
    "build_payload_from_reports",
    "write_payload",
    "BenchmarkObservation",
    "SurrogateOptimizerReport",
    "SurrogateSCOptimizer",
    "TargetHardwareProfile",
    "optimise_from_evidence_payload",
    "optimise_from_synthesis_reports",
]

SUBMODULE_NAMES = {
    "sc_neurocore.optimizer.sc_optimizer": [
        "SCOptimizer", "HardwareBudget", "LayerProfile", "LayerConfig", "OptimizerReport",
        "DecorrelationStrategy", "ComputeMode",
    ],
    "sc_neurocore.optimizer.surrogate_sc_optimizer": [
        "SurrogateLayerConfig", "_RidgeSurrogate", "SurrogateSCOptimizer", "TargetHardwareProfile",
        "BenchmarkObservation", "SurrogateOptimizerReport", "SearchCertificate",
    ],
    "sc_neurocore.optimizer.resource_optimizer": [
        "OptimizationStep", "OptimizationResult", "fit_to_target", "LayerFold",
    ],
    "sc_neurocore.optimizer.observation_loader": [
        "ObservationLoadError", "load_observations", "load_synthesis_observation",
        "observation_from_synthesis_reports", "observations_from_payload",
    ],
    "sc_neurocore.optimizer.synthesis_evidence": [
        "build_payload_from_reports", "write_payload", "load_design", "observation_to_record", "energy_payload",
        "main",
    ],
    "sc_neurocore.optimizer.feedback_loop": [
        "SynthesisFeedbackResult", "optimise_from_evidence_payload", "optimise_from_synthesis_reports",
        "SurrogateSCOptimizer",
    ],
    "sc_neurocore.energy": ["estimate", "TARGETS", "EnergyReport", "LayerEstimate", "FPGATarget"],
    "sc_neurocore.energy.estimator": ["estimate", "EnergyReport", "LayerEstimate"],
    "sc_neurocore.energy.fpga_models": ["TARGETS", "FPGATarget", "ModuleCost", "LIF_NEURON", "BRAM_BITS_PER_WEIGHT"],
    "sc_neurocore.compression": ["prune_weights", "quantize_weights", "PruningReport"],
    "sc_neurocore.cli": ["main"],
}


@pytest.mark.parametrize("name", ROOT_NAMES)
def test_root_exports(name):
    import sc_neurocore.optimizer as optimizer

    assert hasattr(optimizer, name)
    assert name in optimizer.__all__


@pytest.mark.parametrize("module,names", sorted(SUBMODULE_NAMES.items()))
def test_submodule_names(module, names):
    loaded = importlib.import_module(module)
    for name in names:
        assert hasattr(loaded, name), f"{module}.{name}"


def test_sc_optimizer_types_are_not_exported_at_the_root():
    import sc_neurocore.optimizer as optimizer

    for name in ("SCOptimizer", "HardwareBudget", "LayerProfile", "LayerConfig", "OptimizerReport"):
        assert not hasattr(optimizer, name)


def test_observation_load_error_is_a_value_error():
    from sc_neurocore.optimizer import ObservationLoadError

    assert issubclass(ObservationLoadError, ValueError)


def keyword_only(function):
    return [p.name for p in inspect.signature(function).parameters.values() if p.kind is p.KEYWORD_ONLY]


def defaults(function):
    return {
        p.name: p.default
        for p in inspect.signature(function).parameters.values()
        if p.default is not inspect.Parameter.empty
    }


def test_signatures_and_defaults():
    from sc_neurocore.compression import prune_weights, quantize_weights
    from sc_neurocore.energy import estimate
    from sc_neurocore.optimizer import (
        build_payload_from_reports,
        fit_to_target,
        load_synthesis_observation,
        observation_from_synthesis_reports,
        observations_from_payload,
        optimise_from_evidence_payload,
        optimise_from_synthesis_reports,
    )
    from sc_neurocore.optimizer.sc_optimizer import SCOptimizer
    from sc_neurocore.optimizer.surrogate_sc_optimizer import SurrogateSCOptimizer, _RidgeSurrogate

    assert list(inspect.signature(fit_to_target).parameters)[:6] == [
        "layer_sizes", "weights", "target", "max_iterations", "min_bitstream_length", "initial_bitstream_length",
    ]
    assert defaults(fit_to_target) == {
        "target": "ice40", "max_iterations": 10, "min_bitstream_length": 32, "initial_bitstream_length": 256,
        "profile": None,
        "max_utilisation": 0.85,
        "clock_mhz": None,
        "min_accuracy": None,
        "validation_inputs": None,
        "validation_labels": None,
        "validation_reference": None,
        "min_task_accuracy": None,
        "folds": True,
    }
    assert keyword_only(fit_to_target) == [
        "profile", "max_utilisation", "clock_mhz", "min_accuracy", "validation_inputs", "validation_labels",
        "validation_reference", "min_task_accuracy", "folds",
    ]
    assert keyword_only(SCOptimizer.optimize_annealing) == ["t_init", "t_min", "alpha", "max_iter", "seed"]
    assert defaults(SCOptimizer.optimize_annealing) == {
        "t_init": 1.0, "t_min": 0.001, "alpha": 0.95, "max_iter": 2000, "seed": 42,
    }
    assert keyword_only(SurrogateSCOptimizer.__init__) == [
        "bitstream_options", "precision_options", "lfsr_polynomials", "observations", "profile", "device",
        "clock_mhz", "max_utilisation",
    ]
    surrogate_defaults = defaults(SurrogateSCOptimizer.__init__)
    assert surrogate_defaults["bitstream_options"] == (64, 128, 256, 512, 1024, 2048)
    assert surrogate_defaults["precision_options"] == (4, 6, 8, 12, 16)
    assert surrogate_defaults["lfsr_polynomials"] == (
        "x16+x14+x13+x11+1", "x16+x15+x13+x4+1", "x16+x12+x3+x1+1",
    )
    assert surrogate_defaults["observations"] == ()
    assert surrogate_defaults["profile"] is None  # None: SC_NEUROCORE_PROFILE, else default
    assert defaults(_RidgeSurrogate.__init__) == {"alpha": 1e-3}
    assert defaults(estimate) == {
        "target": "ice40", "bitstream_length": 256, "neuron_type": "lif", "event_driven": False,
        # clock_mhz None: 100 MHz under the reference profile (as published), the device's clock under default.
        "clock_mhz": None, "include_infra": True, "profile": None, "precision": None, "weight_bits": None,
        "generator": None, "polynomial": None, "mode": None, "sparsity": None, "device": None,
        "max_utilisation": 0.85,
    }
    assert defaults(prune_weights) == {"threshold": 0.01, "method": "magnitude"}
    assert defaults(quantize_weights) == {"bits": 8, "symmetric": True}
    assert keyword_only(observations_from_payload) == ["source"]
    # The published keywords in order, then ours (profile: None reads SC_NEUROCORE_PROFILE).
    assert keyword_only(load_synthesis_observation) == ["design", "accuracy_score", "latency_cycles", "profile"]
    assert keyword_only(observation_from_synthesis_reports) == [
        "design", "accuracy_score", "latency_cycles", "source", "profile",
    ]
    assert defaults(observation_from_synthesis_reports)["source"] == "<synthesis-reports>"
    assert keyword_only(build_payload_from_reports) == [
        "design_path", "utilisation_path", "power_path", "timing_path", "accuracy_score", "latency_cycles",
        "clock_mhz", "inferences_per_run", "profile",
    ]
    assert keyword_only(optimise_from_evidence_payload) == ["network", "target", "payload", "profile"]
    assert keyword_only(optimise_from_synthesis_reports)[:10] == [
        "network", "target", "design_path", "utilisation_path", "power_path", "accuracy_score", "timing_path",
        "latency_cycles", "clock_mhz", "inferences_per_run",
    ]


def test_enums_carry_the_published_strings():
    from sc_neurocore.optimizer.sc_optimizer import ComputeMode, DecorrelationStrategy

    assert [(m.name, m.value) for m in DecorrelationStrategy] == [
        ("NONE", "None"), ("LFSR", "LFSR"), ("SOBOL", "Sobol"), ("HALTON", "Halton"),
        ("SCC_DECORRELATOR", "SCC_Decorrelator"),
    ]
    assert [(m.name, m.value) for m in ComputeMode] == [
        ("SC", "SC"), ("DETERMINISTIC", "Deterministic"), ("HYBRID", "Hybrid"),
    ]


def test_positional_and_keyword_construction():
    from sc_neurocore.optimizer import BenchmarkObservation, TargetHardwareProfile
    from sc_neurocore.optimizer.resource_optimizer import OptimizationStep
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerConfig, LayerProfile
    from sc_neurocore.optimizer.surrogate_sc_optimizer import SurrogateLayerConfig

    assert HardwareBudget(7680, 250.0) == HardwareBudget(max_luts=7680, max_power_mw=250.0, max_latency_cycles=0)
    assert LayerProfile("enc", 256, True) == LayerProfile(id="enc", mac_count=256, is_critical_path=True)
    assert LayerProfile("dec", 128).is_critical_path is False
    assert LayerConfig(64, "LFSR", "SC", 256, 1.0, 0.9375) == LayerConfig(
        bitstream_length=64, decorrelator="LFSR", mode="SC", luts_used=256, power_used=1.0,
        accuracy_score=0.9375, latency_cycles=0,
    )
    budget = HardwareBudget(100, 1.0)
    target = TargetHardwareProfile("t", budget)
    assert (target.lut_weight, target.power_weight, target.latency_weight, target.accuracy_weight) == (
        0.35, 0.35, 0.20, 1.0,
    )
    assert TargetHardwareProfile("t", budget, 0.1, 0.2, 0.3, 0.4) == TargetHardwareProfile(
        name="t", budget=budget, lut_weight=0.1, power_weight=0.2, latency_weight=0.3, accuracy_weight=0.4,
    )
    positional = BenchmarkObservation(64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999)
    assert positional.is_critical_path is False
    assert SurrogateLayerConfig(64, "None", "SC", 4, "none", 1, 0.0, 1, 0.5, 0.4).utility_score == 0.4
    assert OptimizationStep("Reduce L to 128", 10, 10, 0.0, 128).bitstream_length == 128


def test_frozen_dataclasses_reject_assignment():
    from sc_neurocore.energy import TARGETS
    from sc_neurocore.optimizer import BenchmarkObservation, SurrogateOptimizerReport, TargetHardwareProfile
    from sc_neurocore.optimizer.feedback_loop import SynthesisFeedbackResult
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget
    from sc_neurocore.optimizer.surrogate_sc_optimizer import SurrogateLayerConfig

    frozen = [
        (TargetHardwareProfile("t", HardwareBudget(1, 1.0)), "name"),
        (BenchmarkObservation(1, 64, "None", "SC", 8, "none", 1, 0.1, 64, 0.9), "luts_used"),
        (SurrogateLayerConfig(64, "None", "SC", 4, "none", 1, 0.0, 1, 0.5, 0.4), "luts_used"),
        (SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "t"), "total_luts"),
        (SynthesisFeedbackResult({}, (), SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "t")), "report"),
        (TARGETS["ice40"], "total_luts"),
    ]
    for value, field in frozen:
        assert dataclasses.is_dataclass(value)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, field, 0)


def test_mutable_dataclasses_accept_assignment():
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile

    budget = HardwareBudget(1, 1.0)
    budget.max_luts = 2
    layer = LayerProfile("a", 1)
    layer.is_critical_path = True
    assert (budget.max_luts, layer.is_critical_path) == (2, True)


def test_replace_and_equality_on_surrogate_layer_config():
    from sc_neurocore.optimizer.surrogate_sc_optimizer import SurrogateLayerConfig

    config = SurrogateLayerConfig(64, "Sobol", "SC", 16, "none", 4550, 5.531, 1, 0.97, 0.9)
    longer = dataclasses.replace(config, bitstream_length=128)
    assert isinstance(longer, SurrogateLayerConfig)
    assert longer.bitstream_length == 128 and config.bitstream_length == 64
    assert longer != config
    assert dataclasses.replace(longer, bitstream_length=64) == config
    assert "SurrogateLayerConfig(bitstream_length=64, decorrelator='Sobol'" in repr(config)


def test_report_feasible_property_and_profile_field():
    from sc_neurocore.optimizer import SurrogateOptimizerReport

    report = SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "t")
    assert report.feasible and report.rejected_layers == [] and report.profile == "default"
    rejected = SurrogateOptimizerReport({}, 0, 0.0, 0, 0.0, 0, "t", ["enc"], "reference")
    assert not rejected.feasible and rejected.profile == "reference"
    assert [f.name for f in dataclasses.fields(SurrogateOptimizerReport)][-2:] == ["profile", "search"]
    assert report.search is None


def test_optimization_result_hides_weights_from_repr():
    import numpy as np

    from sc_neurocore.optimizer import OptimizationResult

    result = OptimizationResult(True, "ice40", 1, 2, 50.0, 256, 0.0, [], [np.zeros(3)])
    assert "optimized_weights" not in repr(result)
    assert result == OptimizationResult(True, "ice40", 1, 2, 50.0, 256, 0.0, [], [np.ones(3)])


@pytest.mark.parametrize("profile", ["default", "reference"])
def test_profile_is_recorded(profile):
    import numpy as np

    from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile, fit_to_target
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile

    target = TargetHardwareProfile("t", HardwareBudget(20000, 100.0))
    optimizer = SurrogateSCOptimizer(target, profile=profile)
    assert optimizer.profile == profile
    assert optimizer.optimise([LayerProfile("a", 16)]).profile == profile
    result = fit_to_target([(4, 2)], [np.ones((4, 2))], profile=profile)
    assert result.profile == profile


def test_unknown_profile_is_a_value_error():
    from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget

    with pytest.raises(ValueError, match="reference"):
        SurrogateSCOptimizer(TargetHardwareProfile("t", HardwareBudget(1, 1.0)), profile="fastest")


def test_version():
    import sc_neurocore

    assert sc_neurocore.__version__.count(".") == 2
