"""Automatically compress and tune SNNs for target hardware."""

from sc_neurocore.optimizer.feedback_loop import optimise_from_evidence_payload, optimise_from_synthesis_reports
from sc_neurocore.optimizer.observation_loader import (
    ObservationLoadError,
    load_observations,
    load_synthesis_observation,
    observation_from_synthesis_reports,
    observations_from_payload,
)
from sc_neurocore.optimizer.resource_optimizer import OptimizationResult, fit_to_target
from sc_neurocore.optimizer.surrogate_sc_optimizer import (
    BenchmarkObservation,
    SurrogateOptimizerReport,
    SurrogateSCOptimizer,
    TargetHardwareProfile,
)
from sc_neurocore.optimizer.synthesis_evidence import build_payload_from_reports, write_payload

__all__ = [
    "BenchmarkObservation",
    "ObservationLoadError",
    "OptimizationResult",
    "SurrogateOptimizerReport",
    "SurrogateSCOptimizer",
    "TargetHardwareProfile",
    "build_payload_from_reports",
    "fit_to_target",
    "load_observations",
    "load_synthesis_observation",
    "observation_from_synthesis_reports",
    "observations_from_payload",
    "optimise_from_evidence_payload",
    "optimise_from_synthesis_reports",
    "write_payload",
]
