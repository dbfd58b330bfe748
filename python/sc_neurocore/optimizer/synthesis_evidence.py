"""Evidence payloads from vendor synthesis reports.

``build_payload_from_reports`` parses utilisation, power and (optionally)
timing reports, merges the design metadata and the measured accuracy into one
observation, adds energy figures when both ``clock_mhz`` and
``inferences_per_run`` are given, and records each report's provenance.
Vendor reports remain the evidence source: no synthesis is run and no
measurement is invented.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional

from sc_neurocore import _core, cli
from sc_neurocore.optimizer.observation_loader import PathLike
from sc_neurocore.optimizer.surrogate_sc_optimizer import BenchmarkObservation

__all__ = [
    "build_payload_from_reports",
    "energy_payload",
    "load_design",
    "main",
    "observation_to_record",
    "write_payload",
]


def load_design(path: PathLike) -> Dict[str, Any]:
    """Design metadata: a JSON object (ValueError otherwise)."""
    return _core.load_design(path)


def observation_to_record(obs: BenchmarkObservation) -> Dict[str, Any]:
    """The 11-key evidence record of an observation."""
    return _core.observation_to_record(obs)


def energy_payload(
    obs: BenchmarkObservation, *, clock_mhz: Optional[float], inferences_per_run: Optional[int]
) -> Optional[Dict[str, Any]]:
    """Latency and energy figures; None when both arguments are None.

    ValueError when only one is given or either is not positive.
    """
    return _core.energy_payload(obs, clock_mhz, inferences_per_run)


def build_payload_from_reports(
    *,
    design_path: PathLike,
    utilisation_path: PathLike,
    power_path: Optional[PathLike] = None,
    timing_path: Optional[PathLike] = None,
    accuracy_score: float,
    latency_cycles: Optional[int] = None,
    clock_mhz: Optional[float] = None,
    inferences_per_run: Optional[int] = None,
) -> Dict[str, Any]:
    """Build an evidence payload from report files and explicit metadata."""
    return _core.build_payload_from_reports(
        design_path,
        utilisation_path,
        power_path,
        timing_path,
        accuracy_score,
        latency_cycles,
        clock_mhz,
        inferences_per_run,
    )


def write_payload(payload: Dict[str, Any], output: Optional[PathLike]) -> None:
    """Write evidence JSON (sorted keys, 2-space indent) to a file or stdout.

    Missing parent folders are created; the file is replaced atomically.
    """
    if output is None:
        sys.stdout.write(_core.payload_text(payload))
        return
    _core.write_payload(payload, output)


def main(argv: Optional[List[str]] = None) -> int:
    """The collector as a program: ``sc-neurocore collect-synthesis`` with ``argv``."""
    return cli.run(["collect-synthesis", *(sys.argv[1:] if argv is None else argv)])
