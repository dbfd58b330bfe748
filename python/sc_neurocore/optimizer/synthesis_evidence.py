"""Vendor reports plus design metadata into optimiser evidence JSON.

The helper never runs synthesis and never invents measurements: reports are
the source. Energy fields appear only when both ``clock_mhz`` and
``inferences_per_run`` are given.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Any, Dict, Optional, Sequence

from sc_neurocore import _core
from sc_neurocore.optimizer.surrogate_sc_optimizer import BenchmarkObservation


def load_design(path) -> Dict[str, Any]:
    """The design metadata JSON object of ``path``."""
    return _core.load_design(str(path))


def observation_to_record(observation: BenchmarkObservation) -> Dict[str, Any]:
    """The 11-key record an evidence file holds for one observation."""
    return asdict(observation)


def energy_payload(
    observation: BenchmarkObservation, *, clock_mhz: Optional[float], inferences_per_run: Optional[int]
) -> Optional[Dict[str, Any]]:
    """Latency and energy per inference, or None when neither argument is given."""
    return _core.energy_payload(observation, clock_mhz, inferences_per_run)


def build_payload_from_reports(
    *,
    design_path,
    utilisation_path,
    power_path,
    timing_path=None,
    accuracy_score: float,
    latency_cycles: Optional[int] = None,
    clock_mhz: Optional[float] = None,
    inferences_per_run: Optional[int] = None,
) -> Dict[str, Any]:
    """Build an evidence payload from report files and explicit metadata."""
    return _core.build_payload_from_reports(
        str(design_path),
        str(utilisation_path),
        str(power_path),
        None if timing_path is None else str(timing_path),
        accuracy_score,
        latency_cycles,
        clock_mhz,
        inferences_per_run,
    )


def write_payload(payload: Dict[str, Any], output) -> None:
    """Write evidence JSON (sorted keys, 2-space indent) to a file (atomically) or, when None, to stdout."""
    if output is None:
        sys.stdout.write(_core.payload_text(payload))
        return
    _core.write_payload(payload, str(output))


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The collect-synthesis command: ``python3 -m sc_neurocore collect-synthesis ...`` does the same."""
    from sc_neurocore.cli import main as cli_main

    return cli_main(["collect-synthesis", *(sys.argv[1:] if argv is None else argv)])
