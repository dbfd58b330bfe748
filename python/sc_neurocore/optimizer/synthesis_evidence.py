"""Evidence payloads from vendor synthesis reports.

``build_payload_from_reports`` parses utilisation, power and (optionally)
timing reports, merges the design metadata and the measured accuracy into one
observation, adds energy figures when both ``clock_mhz`` and
``inferences_per_run`` are given, and records each report's provenance.
Vendor reports remain the evidence source: no synthesis is run and no
measurement is invented.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Dict, List, Optional

from sc_neurocore import _core
from sc_neurocore.optimizer.observation_loader import PathLike
from sc_neurocore.optimizer.surrogate_sc_optimizer import BenchmarkObservation

__all__ = [
    "build_parser",
    "build_payload",
    "build_payload_from_reports",
    "energy_payload",
    "load_design",
    "main",
    "observation_to_record",
    "write_payload",
]


def load_design(path: PathLike) -> Dict[str, Any]:
    """Design metadata: a JSON object (ValueError otherwise).

    >>> load_design("tests/data/evidence/design_sc_layer.json")["decorrelator"]
    'SCC_Decorrelator'
    """
    return _core.load_design(path)


def observation_to_record(obs: BenchmarkObservation) -> Dict[str, Any]:
    """The 11-key evidence record of an observation.

    >>> from sc_neurocore.optimizer import BenchmarkObservation
    >>> record = observation_to_record(BenchmarkObservation(256, 256, "Sobol", "SC", 8, "none", 900, 12.5, 258, 0.97))
    >>> len(record), record["luts_used"], record["power_mw"]
    (11, 900, 12.5)
    """
    return _core.observation_to_record(obs)


def energy_payload(
    obs: BenchmarkObservation, *, clock_mhz: Optional[float], inferences_per_run: Optional[int]
) -> Optional[Dict[str, Any]]:
    """Latency and energy figures; None when both arguments are None.

    ValueError when only one is given or either is not positive.

    >>> from sc_neurocore.optimizer import BenchmarkObservation
    >>> observation = BenchmarkObservation(256, 256, "Sobol", "SC", 8, "none", 900, 12.5, 258, 0.97)
    >>> energy_payload(observation, clock_mhz=100.0, inferences_per_run=1)["energy_uj_per_inference"]
    0.03225
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
    profile: Optional[str] = None,
) -> Dict[str, Any]:
    """Build an evidence payload from report files and explicit metadata.

    ``profile``: "default" (structural parsing, measurements and provenance in the payload), "reference"
    (the published payload, read by its regular-expression rules; a power report is required), None:
    ``SC_NEUROCORE_PROFILE``, else default.

    Example::

        payload = build_payload_from_reports(design_path="design.json", utilisation_path="util.rpt",
                                             power_path="power.rpt", accuracy_score=0.99, latency_cycles=256)
        payload["observations"][0]["luts_used"]
    """
    return _core.build_payload_from_reports(
        design_path,
        utilisation_path,
        power_path,
        timing_path,
        accuracy_score,
        latency_cycles,
        clock_mhz,
        inferences_per_run,
        profile or "",
    )


def write_payload(payload: Dict[str, Any], output: Optional[PathLike]) -> None:
    """Write evidence JSON (sorted keys, 2-space indent) to a file or stdout.

    Missing parent folders are created; the file is replaced atomically.

    >>> write_payload({"observations": [], "source_reports": {}}, None)
    {
      "observations": [],
      "source_reports": {}
    }
    """
    if output is None:
        sys.stdout.write(_core.payload_text(payload))
        return
    _core.write_payload(payload, output)


def build_parser() -> argparse.ArgumentParser:
    """The collector's command line, as the published ``tools/collect_synthesis_observation.py`` has it.

    >>> build_parser().parse_args(["--design", "d.json", "--utilisation", "u.rpt", "--power", "p.rpt",
    ...                            "--accuracy-score", "0.97"]).accuracy_score
    0.97
    """
    parser = argparse.ArgumentParser(
        description="Collect FPGA synthesis and power reports into SC optimiser evidence JSON."
    )
    parser.add_argument("--design", required=True, help="design metadata JSON (mac_count, bitstream_length, ...)")
    parser.add_argument("--utilisation", "--utilization", dest="utilisation", required=True,
                        help="utilisation / fitter report")
    parser.add_argument("--power", required=True, help="power report")
    parser.add_argument("--timing", help="timing report (optional)")
    parser.add_argument("--accuracy-score", type=float, required=True, help="measured accuracy of this design")
    parser.add_argument("--latency-cycles", type=int, help="measured latency in cycles")
    parser.add_argument("--clock-mhz", type=float, help="clock for the energy figures (with --inferences-per-run)")
    parser.add_argument("--inferences-per-run", type=int, help="inferences the latency covers")
    parser.add_argument("--out", help="evidence JSON to write (atomically); stdout otherwise")
    parser.add_argument("--profile", choices=("reference", "default"),
                        help="how reports are read (default: SC_NEUROCORE_PROFILE, else default)")
    return parser


def build_payload(args: argparse.Namespace) -> Dict[str, Any]:
    """The evidence payload of parsed command-line arguments.

    >>> args = build_parser().parse_args([
    ...     "--design", "tests/data/evidence/design_sc_layer.json",
    ...     "--utilisation", "tests/data/reports/vivado_util/vocos_post_place_util.rpt",
    ...     "--power", "tests/data/reports/vivado_power/vocos_post_route_power.rpt", "--accuracy-score", "0.97"])
    >>> build_payload(args)["observations"][0]["luts_used"]
    9
    """
    return build_payload_from_reports(
        design_path=args.design,
        utilisation_path=args.utilisation,
        power_path=args.power,
        timing_path=args.timing,
        accuracy_score=args.accuracy_score,
        latency_cycles=args.latency_cycles,
        clock_mhz=args.clock_mhz,
        inferences_per_run=args.inferences_per_run,
        profile=getattr(args, "profile", None),
    )


def main(argv: Optional[List[str]] = None) -> int:
    """The collector as a program, in this process (the published conventions).

    A missing or bad argument raises ``SystemExit(2)`` with argparse's usage message on stderr; an unreadable
    report or invalid evidence exits 2 with its message on stderr; success returns 0. Without ``--out`` the
    payload goes to ``sys.stdout``.

    Example::

        main(["--design", "design.json", "--utilisation", "util.rpt", "--power", "power.rpt",
              "--accuracy-score", "0.99", "--latency-cycles", "256", "--out", "evidence.json"])
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        write_payload(build_payload(args), args.out)
    except (OSError, ValueError) as exc:
        parser.exit(2, f"{exc}\n")
    return 0
