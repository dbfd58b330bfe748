"""Surrogate-guided SC optimisation (the published ``SurrogateSCOptimizer``).

``profile="reference"`` reproduces the published ridge-surrogate optimiser
number for number. ``profile="default"`` plans exactly over the analytical
costs (never negative) with measured observations overriding the points they
match, and reports the objective, a proven upper bound and the gap
(docs/default-profile.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from sc_neurocore import _core
from sc_neurocore._profiles import DEFAULT_PROFILE, check_profile
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile, SCOptimizer

DECORRELATORS = ("None", "LFSR", "Sobol", "Halton", "SCC_Decorrelator")
MODES = ("SC", "Hybrid", "Deterministic")
DEFAULT_LFSR_POLYNOMIALS = ("x16+x14+x13+x11+1", "x16+x15+x13+x4+1", "x16+x12+x3+x1+1")


@dataclass(frozen=True)
class TargetHardwareProfile:
    """Target device budget and compiler preference weights."""

    name: str
    budget: HardwareBudget
    lut_weight: float = 0.35
    power_weight: float = 0.35
    latency_weight: float = 0.20
    accuracy_weight: float = 1.0


@dataclass(frozen=True)
class BenchmarkObservation:
    """Measured or externally supplied design-point observation.

    The optimiser treats these as higher-priority training points than its
    analytical generated points. Only pass observations that come from real
    benchmark or synthesis outputs.
    """

    mac_count: int
    bitstream_length: int
    decorrelator: str
    mode: str
    precision_bits: int
    lfsr_polynomial: str
    luts_used: int
    power_mw: float
    latency_cycles: int
    accuracy_score: float
    is_critical_path: bool = False


@dataclass(frozen=True)
class SurrogateLayerConfig:
    bitstream_length: int
    decorrelator: str
    mode: str
    precision_bits: int
    lfsr_polynomial: str
    luts_used: int
    power_used: float
    latency_cycles: int
    accuracy_score: float
    utility_score: float


@dataclass(frozen=True)
class SearchCertificate:
    """How good a default-profile plan is, or why there is none."""

    solver: str
    objective: float
    upper_bound: float
    relative_gap: float
    proven_optimal: bool
    nodes: int
    binding: Tuple[str, ...] = ()
    min_luts: Optional[int] = None
    min_power_mw: Optional[float] = None
    min_latency_cycles: Optional[int] = None


@dataclass(frozen=True)
class SurrogateOptimizerReport:
    """Budgeted per-layer compiler configuration."""

    config: Dict[str, SurrogateLayerConfig]
    total_luts: int
    total_power_mw: float
    total_latency_cycles: int
    mean_accuracy: float
    training_points: int
    target_name: str
    rejected_layers: List[str] = field(default_factory=list)
    profile: str = DEFAULT_PROFILE
    search: Optional[SearchCertificate] = None

    @property
    def feasible(self) -> bool:
        """Whether every layer received a configuration."""
        return not self.rejected_layers


@dataclass(frozen=True)
class FrontierPlan:
    total_luts: int
    total_power_mw: float
    mean_accuracy: float
    total_latency_cycles: int
    within_budget: bool
    config: Dict[str, SurrogateLayerConfig]


@dataclass(frozen=True)
class NetworkFrontier:
    target_name: str
    plans: List[FrontierPlan]
    approximate: bool = False


class _RidgeSurrogate:
    """Ridge regression with every column regularised: C = solve(X'X + aI, X'Y)."""

    def __init__(self, alpha: float = 1e-3):
        self.alpha = alpha
        self._coef: Optional[np.ndarray] = None

    def fit(self, X, Y) -> "_RidgeSurrogate":
        X = np.asarray(X, dtype=np.float64)
        Y = np.asarray(Y, dtype=np.float64)
        if X.ndim != 2 or Y.ndim != 2:
            raise ValueError("X and Y must be two-dimensional")
        if X.shape[0] != Y.shape[0]:
            raise ValueError("row count mismatch between X and Y")
        self._coef = np.asarray(_core.ridge_fit(X, Y, float(self.alpha)))
        return self

    def predict(self, X) -> np.ndarray:
        if self._coef is None:
            raise RuntimeError("surrogate is not fitted")
        return np.asarray(X, dtype=np.float64) @ self._coef


def _config_from(values) -> SurrogateLayerConfig:
    return SurrogateLayerConfig(*values)


def _report_from(data: dict) -> SurrogateOptimizerReport:
    search = data["search"]
    return SurrogateOptimizerReport(
        config={layer_id: _config_from(values) for layer_id, values in data["config"]},
        total_luts=data["total_luts"],
        total_power_mw=data["total_power_mw"],
        total_latency_cycles=data["total_latency_cycles"],
        mean_accuracy=data["mean_accuracy"],
        training_points=data["training_points"],
        target_name=data["target_name"],
        rejected_layers=list(data["rejected_layers"]),
        profile=data["profile"],
        search=None if search is None else SearchCertificate(**{**search, "binding": tuple(search["binding"])}),
    )


def _config_from_plan_layer(layer: dict) -> SurrogateLayerConfig:
    return SurrogateLayerConfig(
        layer["bitstream_length"],
        layer["decorrelator"],
        layer["mode"],
        layer["precision_bits"],
        layer["lfsr_polynomial"],
        layer["luts_used"],
        layer["power_used"],
        layer["latency_cycles"],
        layer["accuracy_score"],
        layer["utility_score"],
    )


class SurrogateSCOptimizer:
    """Compiler optimiser over SC design points (bitstream length, decorrelator, precision, polynomial, mode)."""

    def __init__(
        self,
        target: TargetHardwareProfile,
        *,
        bitstream_options: Sequence[int] = (64, 128, 256, 512, 1024, 2048),
        precision_options: Sequence[int] = (4, 6, 8, 12, 16),
        lfsr_polynomials: Sequence[str] = DEFAULT_LFSR_POLYNOMIALS,
        observations: Sequence[BenchmarkObservation] = (),
        profile: str = DEFAULT_PROFILE,
    ):
        self.target = target
        self.bitstream_options = tuple(sorted({int(v) for v in bitstream_options}))
        self.precision_options = tuple(sorted({int(v) for v in precision_options}))
        self.lfsr_polynomials = tuple(lfsr_polynomials)
        self.observations = tuple(observations)
        self.profile = check_profile(profile)
        self._sc_optimizer = SCOptimizer(target.budget)
        self._surrogate = _RidgeSurrogate(alpha=1e-3)
        self._training_points = 0

    def _engine_arguments(self):
        return (
            list(self.bitstream_options),
            list(self.precision_options),
            list(self.lfsr_polynomials),
            list(self.observations),
        )

    def optimise(self, network: Sequence[LayerProfile]) -> SurrogateOptimizerReport:
        """Select budgeted layer settings for ``network``."""
        data = _core.surrogate_optimise(self.target, list(network), *self._engine_arguments(), self.profile)
        self._training_points = data["training_points"]
        return _report_from(data)

    def pareto_frontier(self, network: Sequence[LayerProfile], *, max_points: int = 20000) -> NetworkFrontier:
        """Whole-network plans not beaten on total LUTs, total power and weighted accuracy, sorted by LUTs."""
        data = _core.surrogate_pareto_frontier(self.target, list(network), *self._engine_arguments(), max_points)
        plans = [
            FrontierPlan(
                total_luts=point["total_luts"],
                total_power_mw=point["total_power_mw"],
                mean_accuracy=point["mean_accuracy"],
                total_latency_cycles=point["total_latency_cycles"],
                within_budget=point["within_budget"],
                config={layer["id"]: _config_from_plan_layer(layer) for layer in point["layers"]},
            )
            for point in data["points"]
        ]
        return NetworkFrontier(target_name=data["target_name"], plans=plans, approximate=data["approximate"])
