"""Analytical SC design-space optimiser (the published ``SCOptimizer``).

Greedy "knapsack" upgrades and simulated annealing over 61 analytical
candidates per layer; the search runs in the C++ engine. Annealing draws from
CPython's Mersenne Twister, so a seed gives the published Python result.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from sc_neurocore import _core


class DecorrelationStrategy(enum.Enum):
    NONE = "None"
    LFSR = "LFSR"
    SOBOL = "Sobol"
    HALTON = "Halton"
    SCC_DECORRELATOR = "SCC_Decorrelator"


class ComputeMode(enum.Enum):
    SC = "SC"
    DETERMINISTIC = "Deterministic"
    HYBRID = "Hybrid"


@dataclass
class HardwareBudget:
    max_luts: int
    max_power_mw: float
    max_latency_cycles: int = 0  # 0 = no latency cap


@dataclass
class LayerProfile:
    id: str
    mac_count: int
    is_critical_path: bool = False


@dataclass
class LayerConfig:
    bitstream_length: int
    decorrelator: str
    mode: str
    luts_used: int
    power_used: float
    accuracy_score: float
    latency_cycles: int = 0


@dataclass
class OptimizerReport:
    config: Dict[str, LayerConfig]
    total_luts: int
    total_power_mw: float
    total_latency_cycles: int
    mean_accuracy: float
    pareto_frontier: List[Tuple[int, float, float]] = field(default_factory=list)

    def summary(self) -> str:
        return _core.summary_text(
            "optimizer",
            {
                "config": list(self.config.items()),
                "total_luts": self.total_luts,
                "total_power_mw": self.total_power_mw,
                "total_latency_cycles": self.total_latency_cycles,
                "mean_accuracy": self.mean_accuracy,
            },
        )


def _report_from(data: Optional[dict]) -> Optional[OptimizerReport]:
    if data is None:
        return None
    return OptimizerReport(
        config={layer_id: LayerConfig(*values) for layer_id, values in data["config"]},
        total_luts=data["total_luts"],
        total_power_mw=data["total_power_mw"],
        total_latency_cycles=data["total_latency_cycles"],
        mean_accuracy=data["mean_accuracy"],
        pareto_frontier=[tuple(point) for point in data["pareto_frontier"]],
    )


class SCOptimizer:
    """Analytical SC optimiser for a hardware budget."""

    def __init__(self, budget: HardwareBudget):
        self.budget = budget
        self.bitstream_options = [64, 128, 256, 512, 1024, 2048]
        self.decorrelators = [d.value for d in DecorrelationStrategy]
        self.modes = [m.value for m in ComputeMode]

    def _estimate_resources(self, mac_count: int, length: int, decorr: str, mode: str) -> Tuple[int, float, float, int]:
        """(LUTs, power mW, accuracy, latency cycles) of one layer setting."""
        return _core.estimate_resources(mac_count, length, decorr, mode)

    def _generate_candidates(self, layer: LayerProfile) -> List[LayerConfig]:
        """The 61 candidates: 30 SC, 1 Deterministic, 30 Hybrid."""
        return [LayerConfig(*values) for values in _core.generate_candidates(self.budget, layer.mac_count)]

    def _is_feasible(self, config: Dict[str, LayerConfig]) -> bool:
        return _core.sc_is_feasible(self.budget, config)

    def _score(self, config: Dict[str, LayerConfig], network: Sequence[LayerProfile]) -> float:
        """Weighted mean accuracy (critical layers weigh 2)."""
        return _core.sc_score(config, list(network))

    def optimize(self, network: Sequence[LayerProfile]) -> Optional[OptimizerReport]:
        """Greedy upgrades by accuracy gain per LUT; None when even the cheapest start is infeasible."""
        return _report_from(_core.sc_optimize(self.budget, list(network)))

    def optimize_annealing(
        self,
        network: Sequence[LayerProfile],
        *,
        t_init: float = 1.0,
        t_min: float = 0.001,
        alpha: float = 0.95,
        max_iter: int = 2000,
        seed: int = 42,
    ) -> Optional[OptimizerReport]:
        """Simulated annealing; the report carries the Pareto frontier of accepted states."""
        return _report_from(_core.sc_optimize_annealing(self.budget, list(network), t_init, t_min, alpha, max_iter, seed))

    @staticmethod
    def _extract_pareto(points: Sequence[Tuple[int, float, float]]) -> List[Tuple[int, float, float]]:
        """Non-dominated (luts, power, score) points, in input order."""
        points = list(points)
        return [points[i] for i in _core.extract_pareto(points)]
