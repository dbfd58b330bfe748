"""Measured-evidence feedback: reports -> evidence -> observations -> optimiser.

The loop never runs vendor tools and never fabricates metrics: callers supply
the reports and the measured accuracy. The optimiser class and the helpers are
looked up as module globals when the functions run, so they can be replaced.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, Optional, Sequence, Tuple, Union

from sc_neurocore.optimizer.observation_loader import PathLike, observations_from_payload
from sc_neurocore.optimizer.sc_optimizer import LayerProfile
from sc_neurocore.optimizer.surrogate_sc_optimizer import (
    BenchmarkObservation,
    SurrogateOptimizerReport,
    SurrogateSCOptimizer,
    TargetHardwareProfile,
)
from sc_neurocore.optimizer.synthesis_evidence import build_payload_from_reports

__all__ = [
    "SynthesisFeedbackResult",
    "optimise_from_build",
    "optimise_from_evidence_payload",
    "optimise_from_synthesis_reports",
]


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
    profile: Optional[str] = None,
) -> SynthesisFeedbackResult:
    """Parse synthesis reports and immediately rerun the SC optimiser.

    Report files are parsed into strict evidence, evidence becomes measured
    observations, and those observations bias the surrogate optimiser for the
    supplied layer network.

    >>> from sc_neurocore.optimizer import TargetHardwareProfile
    >>> from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
    >>> result = optimise_from_synthesis_reports(
    ...     network=[LayerProfile("fc1", 256, True)],
    ...     target=TargetHardwareProfile("ice40-low-power", HardwareBudget(7680, 250.0, 4096)),
    ...     design_path="tests/data/evidence/design_sc_layer.json",
    ...     utilisation_path="tests/data/reports/vivado_util/vocos_post_place_util.rpt",
    ...     power_path="tests/data/reports/vivado_power/vocos_post_route_power.rpt",
    ...     accuracy_score=0.97)
    >>> [(o.luts_used, o.power_mw) for o in result.observations], result.report.feasible
    ([(9, 77.0)], True)
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
        profile=profile,  # the reports are read with the optimiser's profile
    )
    return optimise_from_evidence_payload(network=network, target=target, payload=payload, profile=profile)


def optimise_from_evidence_payload(
    *,
    network: Sequence[LayerProfile],
    target: TargetHardwareProfile,
    payload: Any,
    profile: Optional[str] = None,
) -> SynthesisFeedbackResult:
    """Rerun the SC optimiser from an in-memory evidence payload (``build_payload_from_reports``' result,
    or any payload ``observations_from_payload`` reads).

    >>> import json
    >>> from sc_neurocore.optimizer import TargetHardwareProfile
    >>> from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
    >>> result = optimise_from_evidence_payload(
    ...     network=[LayerProfile("fc1", 256, True)],
    ...     target=TargetHardwareProfile("ice40-low-power", HardwareBudget(7680, 250.0, 4096)),
    ...     payload=json.load(open("tests/data/evidence/case_b_observation.json")))
    >>> len(result.observations), result.report.config["fc1"].bitstream_length
    (1, 128)
    """
    observations = tuple(observations_from_payload(payload))
    # No profile: leave it out (the optimiser then reads SC_NEUROCORE_PROFILE), so a replacement class with
    # the published signature keeps working.
    options: Dict[str, Any] = {} if profile is None else {"profile": profile}
    report = SurrogateSCOptimizer(target, observations=observations, **options).optimise(network)
    if report is None:
        raise RuntimeError("surrogate optimiser returned no report")
    return SynthesisFeedbackResult(evidence_payload=payload, observations=observations, report=report)


def optimise_from_build(
    network: Union[Sequence[LayerProfile], "os.PathLike[str]", str],
    target: Union[TargetHardwareProfile, str],
    build: Union["os.PathLike[str]", str],
    *,
    weights: Any = None,
) -> SurrogateOptimizerReport:
    """Plan again from what ``sc-neurocore synth`` measured (``sc-neurocore feedback --build``).

    The observations of ``build/evidence.json`` (each layer's measured logic cells) feed the default
    profile's planner on the build's device and clock. ``network``: LayerProfiles or the path of a network
    manifest; ``target``: a TargetHardwareProfile or the name of a built-in target profile
    (``"ice40-low-power"``); ``weights``: one 2-D array per layer, or paths of .npy / JSON weight files
    (None = expectations). Raises FileNotFoundError / OSError when ``build`` holds no evidence.json and
    ObservationLoadError when it is not the evidence of synth. The layers costed from the measurements
    have ``costs == "measured"`` in the plan JSON (``sc_neurocore.hw`` builds it again).

    >>> report = optimise_from_build("examples/network.json", "ice40-low-power", "build/hx8k",
    ...                              weights="examples/network_weights.json")  # doctest: +SKIP
    >>> report.feasible, report.training_points > 0  # doctest: +SKIP
    (True, True)
    """
    from sc_neurocore import _core  # the engine, loaded when the loop is closed

    if isinstance(network, (str, os.PathLike)):
        network = _core.flow_load_network(os.fspath(network))
    if isinstance(target, str):
        target = _core.builtin_target_profile(target)
    arrays: Any = None
    files = []
    if isinstance(weights, (str, os.PathLike)):
        files = [os.fspath(weights)]
    elif weights is not None:
        items = list(weights)
        if items and all(isinstance(w, (str, os.PathLike)) for w in items):
            files = [os.fspath(w) for w in items]
        else:
            import numpy as np

            arrays = [
                w if isinstance(w, np.ndarray) and w.dtype in (np.float32, np.float64) else np.asarray(w, dtype=float)
                for w in items
            ]
    return _core.flow_optimise_from_build(list(network), target, os.fspath(build), arrays, files)
