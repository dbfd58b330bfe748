"""Strict loaders for measured benchmark and synthesis observations.

Payloads may be a list of records or an object whose ``observations``,
``benchmark_observations``, ``layers``, ``runs`` or ``results`` list holds
them. Required fields must be present; integers reject booleans, fractions and
non-finite numbers; numeric metrics must be finite and non-negative. Anything
that cannot be trusted raises ``ObservationLoadError`` naming the source, the
record and the field. Nothing is invented.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Mapping, Optional, Union

from sc_neurocore import _core
from sc_neurocore.optimizer.surrogate_sc_optimizer import BenchmarkObservation

__all__ = [
    "ObservationLoadError",
    "load_observations",
    "load_synthesis_observation",
    "observation_from_synthesis_reports",
    "observations_from_payload",
    "parse_report",
]

PathLike = Union[str, "os.PathLike[str]"]


class ObservationLoadError(ValueError):
    """Raised when a benchmark/synthesis observation cannot be trusted."""


def load_observations(path: PathLike) -> List[BenchmarkObservation]:
    """Load benchmark observations from a JSON evidence file.

    A missing file raises FileNotFoundError; invalid JSON or records raise
    ObservationLoadError.

    >>> [o.luts_used for o in load_observations("tests/data/evidence/case_b_observation.json")]
    [300]
    """
    return _core.load_observations(path)


def observations_from_payload(payload: Any, *, source: str = "<memory>") -> List[BenchmarkObservation]:
    """Convert an in-memory benchmark/synthesis payload into observations.

    Errors are ObservationLoadError prefixed with ``source`` and the record's index.

    >>> record = {"mac_count": 256, "bitstream_length": 256, "decorrelator": "Sobol", "mode": "SC",
    ...           "precision_bits": 8, "lfsr_polynomial": "none", "luts_used": 900, "power_mw": 12.5,
    ...           "latency_cycles": 258, "accuracy_score": 0.97}
    >>> observations_from_payload({"observations": [record]})[0].power_mw
    12.5
    """
    return _core.observations_from_payload(payload, source)


def load_synthesis_observation(
    report_paths: Mapping[str, PathLike],
    *,
    design: Mapping[str, Any],
    accuracy_score: float,
    latency_cycles: Optional[int] = None,
    profile: Optional[str] = None,
) -> BenchmarkObservation:
    """Load one observation from Vivado/Quartus report files plus design metadata.

    Raw vendor reports do not describe the compiler decision that produced
    the hardware, and many do not carry model accuracy. The caller must
    therefore provide the design fields and measured accuracy explicitly.
    ``profile``: "default" parses each report by its structure; "reference"
    reads them as the published package does (its regular-expression rules
    over the merged text); None: ``SC_NEUROCORE_PROFILE``, else default.

    Example::

        obs = load_synthesis_observation(
            {"utilisation": "util.rpt", "power": "power.rpt"},
            design={"mac_count": 256, "bitstream_length": 256, "decorrelator": "Sobol", "mode": "SC",
                    "precision_bits": 8, "lfsr_polynomial": "x16+x14+x13+x11+1"},
            accuracy_score=0.99, latency_cycles=256)
    """
    return _core.load_synthesis_observation(report_paths, design, accuracy_score, latency_cycles, profile or "")


def observation_from_synthesis_reports(
    reports: Mapping[str, str],
    *,
    design: Mapping[str, Any],
    accuracy_score: float,
    latency_cycles: Optional[int] = None,
    source: str = "<synthesis-reports>",
    profile: Optional[str] = None,
) -> BenchmarkObservation:
    """Build one observation from raw Vivado/Quartus text reports (name -> text).

    ``profile`` as for ``load_synthesis_observation``: under "reference" an
    excerpt such as ``"| CLB LUTs | 1,024 |"`` plus ``"Total On-Chip Power (W): 0.125"``
    is enough, and a ``"Latency: 64 cycles"`` line gives the latency.

    Example::

        obs = observation_from_synthesis_reports(
            {"utilisation": "| CLB LUTs | 1,024 |", "power": "Total On-Chip Power (W): 0.125"},
            design=design, accuracy_score=0.99, latency_cycles=64, profile="reference")
        obs.luts_used, obs.power_mw  # (1024, 125.0)
    """
    return _core.observation_from_synthesis_reports(
        reports, design, accuracy_score, latency_cycles, source, profile or ""
    )


def parse_report(path: PathLike) -> Dict[str, Any]:
    """Read one Vivado, Quartus, Yosys, nextpnr, icetime, Lattice or Gowin report by its structure
    (``sc-neurocore parse-report --json``): its tool, kind, tool version, device, every metric with its unit
    and the line it came from. ValueError (naming the file) for a report whose structure is not recognised.

    Example::

        report = parse_report("build/hx8k/logs/nextpnr.log")
        report["tool"], report["metrics"]["luts_used"], report["units"]["luts_used"]  # nextpnr, 1550, ICESTORM_LC
    """
    return _core.parse_report(path)
