"""Strict loaders for benchmark and synthesis evidence.

Every payload shape, alias and nested view of the published loader; numeric
metrics must be finite, non-negative numbers; integer fields reject booleans
and fractional values. Raw vendor reports are read by their structure (tables,
sections, units), never by the first number after a word.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from sc_neurocore import _core
from sc_neurocore.optimizer.surrogate_sc_optimizer import BenchmarkObservation

ObservationLoadError = _core.ObservationLoadError
ObservationLoadError.__module__ = __name__


def _observations(values) -> List[BenchmarkObservation]:
    return [BenchmarkObservation(*value) for value in values]


def load_observations(path) -> List[BenchmarkObservation]:
    """Load benchmark observations from a JSON evidence file."""
    return _observations(_core.load_observations(str(path)))


def observations_from_payload(payload: Any, *, source: str = "<memory>") -> List[BenchmarkObservation]:
    """Convert an in-memory benchmark/synthesis payload into observations."""
    return _observations(_core.observations_from_payload(payload, source))


def load_synthesis_observation(
    report_paths: Mapping[str, Any],
    *,
    design: Mapping[str, Any],
    accuracy_score: float,
    latency_cycles: Optional[int] = None,
) -> BenchmarkObservation:
    """Load one observation from Vivado/Quartus/Yosys/nextpnr report files plus design metadata.

    Raw vendor reports do not describe the compiler decision that produced the
    hardware, and many do not carry model accuracy, so the caller provides the
    design fields and the measured accuracy explicitly.
    """
    paths = {str(name): str(path) for name, path in report_paths.items()}
    return BenchmarkObservation(*_core.load_synthesis_observation(paths, dict(design), accuracy_score, latency_cycles))


def observation_from_synthesis_reports(
    reports: Mapping[str, str],
    *,
    design: Mapping[str, Any],
    accuracy_score: float,
    latency_cycles: Optional[int] = None,
    source: str = "<synthesis-reports>",
) -> BenchmarkObservation:
    """Build one observation from raw report texts (name -> text)."""
    texts = {str(name): str(text) for name, text in reports.items()}
    return BenchmarkObservation(
        *_core.observation_from_synthesis_reports(texts, dict(design), accuracy_score, latency_cycles, source)
    )
