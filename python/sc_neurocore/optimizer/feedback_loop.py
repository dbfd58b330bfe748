"""Measured evidence back into the optimiser.

Report files are parsed into strict evidence, evidence becomes measured
observations, and those observations drive the SC optimiser for the network.
It never invokes vendor tools or fabricates missing metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional, Sequence, Tuple

from sc_neurocore._profiles import DEFAULT_PROFILE
from sc_neurocore.optimizer.observation_loader import observations_from_payload
from sc_neurocore.optimizer.sc_optimizer import LayerProfile
from sc_neurocore.optimizer.surrogate_sc_optimizer import (
    BenchmarkObservation,
    SurrogateOptimizerReport,
    SurrogateSCOptimizer,
    TargetHardwareProfile,
)
from sc_neurocore.optimizer.synthesis_evidence import build_payload_from_reports


@dataclass(frozen=True)
class SynthesisFeedbackResult:
    """Result of one measured-evidence optimiser feedback pass."""

    evidence_payload: Dict[str, Any]
    observations: Tuple[BenchmarkObservation, ...]
    report: SurrogateOptimizerReport


def optimise_from_evidence_payload(
    *,
    network: Sequence[LayerProfile],
    target: TargetHardwareProfile,
    payload: Dict[str, Any],
    profile: str = DEFAULT_PROFILE,
) -> SynthesisFeedbackResult:
    """Rerun the SC optimiser from an in-memory evidence payload."""
    observations = tuple(observations_from_payload(payload))
    # Looked up as a module global at call time, so callers can substitute the optimiser.
    report = SurrogateSCOptimizer(target, observations=observations, profile=profile).optimise(list(network))
    if report is None:
        raise RuntimeError("surrogate optimiser returned no report")
    return SynthesisFeedbackResult(evidence_payload=payload, observations=observations, report=report)


def optimise_from_synthesis_reports(
    *,
    network: Sequence[LayerProfile],
    target: TargetHardwareProfile,
    design_path,
    utilisation_path,
    power_path,
    accuracy_score: float,
    timing_path=None,
    latency_cycles: Optional[int] = None,
    clock_mhz: Optional[float] = None,
    inferences_per_run: Optional[int] = None,
    profile: str = DEFAULT_PROFILE,
) -> SynthesisFeedbackResult:
    """Parse synthesis reports and immediately rerun the SC optimiser."""
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
