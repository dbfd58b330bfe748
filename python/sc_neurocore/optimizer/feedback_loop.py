"""Measured-evidence feedback: reports -> evidence -> observations -> optimiser.

The loop never runs vendor tools and never fabricates metrics: callers supply
the reports and the measured accuracy. The optimiser class and the helpers are
looked up as module globals when the functions run, so they can be replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional, Sequence, Tuple

from sc_neurocore.optimizer.observation_loader import PathLike, observations_from_payload
from sc_neurocore.optimizer.sc_optimizer import LayerProfile
from sc_neurocore.optimizer.surrogate_sc_optimizer import (
    BenchmarkObservation,
    SurrogateOptimizerReport,
    SurrogateSCOptimizer,
    TargetHardwareProfile,
)
from sc_neurocore.optimizer.synthesis_evidence import build_payload_from_reports

__all__ = ["SynthesisFeedbackResult", "optimise_from_evidence_payload", "optimise_from_synthesis_reports"]


@dataclass(frozen=True)
class SynthesisFeedbackResult:
    """Result of one measured-evidence optimiser feedback pass."""

    evidence_payload: Dict[str, Any]
    observations: Tuple[BenchmarkObservation, ...]
    report: SurrogateOptimizerReport


def optimise_from_synthesis_reports(
    *,
    network: Sequence[LayerProfile],
    target: TargetHardwareProfile,
    design_path: PathLike,
    utilisation_path: PathLike,
    power_path: PathLike,
    accuracy_score: float,
    timing_path: Optional[PathLike] = None,
    latency_cycles: Optional[int] = None,
    clock_mhz: Optional[float] = None,
    inferences_per_run: Optional[int] = None,
    profile: str = "default",
) -> SynthesisFeedbackResult:
    """Parse synthesis reports and immediately rerun the SC optimiser.

    Report files are parsed into strict evidence, evidence becomes measured
    observations, and those observations bias the surrogate optimiser for the
    supplied layer network.
    """
    payload = build_payload_from_reports(
        design_path=design_path,
        utilisation_path=utilisation_path,
        power_path=power_path,
        timing_path=timing_path,
        accuracy_score=accuracy_score,
        latency_cycles=latency_cycles,
        clock_mhz=clock_mhz,
        inferences_per_run=inferences_per_run,
    )
    return optimise_from_evidence_payload(network=network, target=target, payload=payload, profile=profile)


def optimise_from_evidence_payload(
    *,
    network: Sequence[LayerProfile],
    target: TargetHardwareProfile,
    payload: Any,
    profile: str = "default",
) -> SynthesisFeedbackResult:
    """Rerun the SC optimiser from an in-memory evidence payload."""
    observations = tuple(observations_from_payload(payload))
    # The default profile is the optimiser's own default: leave it out so a
    # replacement class with the published signature keeps working.
    options: Dict[str, Any] = {} if profile == "default" else {"profile": profile}
    report = SurrogateSCOptimizer(target, observations=observations, **options).optimise(network)
    if report is None:
        raise RuntimeError("surrogate optimiser returned no report")
    return SynthesisFeedbackResult(evidence_payload=payload, observations=observations, report=report)
