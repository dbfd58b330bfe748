"""Automatically compress and tune SNNs for target hardware.

- ``fit_to_target``: deterministic resource fitting against FPGA target budgets.
- ``SurrogateSCOptimizer``: ML-guided stochastic-computing compiler choices from
  analytical design points plus optional measured observations.
- Strict evidence loaders, so benchmark and synthesis reports can feed the
  surrogate without fabricating missing LUT, power, latency or accuracy values.

``SCOptimizer`` and its value types live in ``sc_neurocore.optimizer.sc_optimizer``.
"""

from sc_neurocore.optimizer.feedback_loop import (
    SynthesisFeedbackResult,
    optimise_from_build,
    optimise_from_evidence_payload,
    optimise_from_synthesis_reports,
)
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
    "SynthesisFeedbackResult",
    "TargetHardwareProfile",
    "build_payload_from_reports",
    "fit_to_target",
    "load_observations",
    "load_synthesis_observation",
    "observation_from_synthesis_reports",
    "observations_from_payload",
    "optimise_from_build",
    "optimise_from_evidence_payload",
    "optimise_from_synthesis_reports",
    "write_payload",
]
