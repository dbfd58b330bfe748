"""Analytical stochastic-computing design-space optimiser.

``SCOptimizer`` chooses a bitstream length, decorrelator and compute mode per
layer under a LUT / power / latency budget: greedy upgrades by accuracy gain
per LUT (``optimize``) or simulated annealing (``optimize_annealing``). The
model and the searches run in the C++ engine; the value types (defined in
``_sc_types`` so that a reload keeps them) are exported from here. Modes and decorrelators travel as the plain strings of the enums below.
"""

from __future__ import annotations

from enum import Enum
from typing import Dict, List, Optional, Sequence, Tuple, Union

from sc_neurocore import _core
from sc_neurocore.optimizer._sc_types import (  # the value types live apart: stable across importlib.reload
    ComputeMode,
    DecorrelationStrategy,
    HardwareBudget,
    LayerConfig,
    LayerProfile,
    OptimizerReport,
    ParetoPoint,
)

__all__ = [
    "ComputeMode",
    "DecorrelationStrategy",
    "HardwareBudget",
    "LayerConfig",
    "LayerProfile",
    "OptimizerReport",
    "SCOptimizer",
]

def _name(value: Union[str, Enum]) -> str:
    return value.value if isinstance(value, Enum) else value


class SCOptimizer:
    """Analytical SC design-space optimiser over a hardware budget.

    ``bitstream_options``, ``decorrelators`` and ``modes`` list the engine's
    candidate axes (61 candidates per layer); they are informational: the
    engine always searches its own fixed grid.
    """

    def __init__(self, budget: HardwareBudget) -> None:
        self.budget = budget
        lengths, decorrelators, modes = _core.sc_defaults()
        self.bitstream_options: List[int] = list(lengths)
        self.decorrelators: List[str] = list(decorrelators)
        self.modes: List[str] = list(modes)

    def _estimate_resources(
        self, mac_count: int, length: int, decorr: Union[str, DecorrelationStrategy], mode: Union[str, ComputeMode]
    ) -> Tuple[int, float, float, int]:
        """(LUTs, power mW, accuracy, latency cycles) of one layer setting."""
        return _core.sc_estimate_resources(mac_count, length, _name(decorr), _name(mode))

    def _generate_candidates(self, layer: LayerProfile) -> List[LayerConfig]:
        """The 61 candidates: 30 SC, 1 Deterministic, 30 Hybrid."""
        return _core.sc_generate_candidates(self.budget, layer)

    def _is_feasible(self, config: Dict[str, LayerConfig]) -> bool:
        """Whether the summed LUTs and power and the maximum latency fit the budget."""
        return _core.sc_is_feasible(self.budget, config)

    @staticmethod
    def _score(config: Dict[str, LayerConfig], network: Sequence[LayerProfile]) -> float:
        """Accuracy over ``network`` weighted 2:1 for critical-path layers."""
        return _core.sc_score(config, list(network))

    @staticmethod
    def _extract_pareto(points: Sequence[ParetoPoint]) -> List[ParetoPoint]:
        """The non-dominated (min LUTs, min power, max score) points."""
        return _core.sc_extract_pareto(list(points))

    @staticmethod
    def _sort_and_deduplicate(points: Sequence[ParetoPoint]) -> List[ParetoPoint]:
        """Stable sort by LUTs; drop repeats of (LUTs, power~4dp, score~4dp)."""
        return _core.sc_sort_and_deduplicate(list(points))

    def optimize(self, network: Sequence[LayerProfile]) -> Optional[OptimizerReport]:
        """Greedy upgrades by accuracy gain per LUT; None when even the cheapest start does not fit.

        >>> report = SCOptimizer(HardwareBudget(7680, 250.0)).optimize([LayerProfile("fc1", 2048, True)])
        >>> report.total_luts, report.config["fc1"].bitstream_length, report.config["fc1"].decorrelator
        (4167, 2048, 'LFSR')
        """
        return _core.sc_optimize(self.budget, list(network))

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
        """Simulated annealing with Python's Mersenne Twister seeded by ``seed``.

        The report holds the best configuration found and the Pareto frontier
        of the accepted states; None when the cheapest start does not fit.

        >>> report = SCOptimizer(HardwareBudget(7680, 250.0)).optimize_annealing(
        ...     [LayerProfile("fc1", 2048, True)], seed=1)
        >>> report.total_luts, report.config["fc1"].bitstream_length, len(report.pareto_frontier)
        (4167, 2048, 7)
        """
        return _core.sc_optimize_annealing(self.budget, list(network), t_init, t_min, alpha, max_iter, seed)
