"""The value types of ``sc_optimizer``, kept in their own module.

``importlib.reload(sc_optimizer)`` (the published test suites do it to switch engines) re-runs that
module; because the classes live here, the reload binds the same class objects again, and values
made before it stay instances of ``sc_optimizer.OptimizerReport`` and the others. They present
themselves as ``sc_neurocore.optimizer.sc_optimizer`` members (repr, pickle, help).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Dict, List, Optional, Tuple

from sc_neurocore import _core

#: (total LUTs, total power in mW, score) of one explored configuration.
ParetoPoint = Tuple[int, float, float]


class DecorrelationStrategy(Enum):
    """Stream decorrelation schemes; configurations carry the ``.value`` strings."""

    NONE = "None"
    LFSR = "LFSR"
    SOBOL = "Sobol"
    HALTON = "Halton"
    SCC_DECORRELATOR = "SCC_Decorrelator"


class ComputeMode(Enum):
    """How a layer computes; configurations carry the ``.value`` strings."""

    SC = "SC"
    DETERMINISTIC = "Deterministic"
    HYBRID = "Hybrid"


@dataclass
class HardwareBudget:
    """Device limits. ``max_latency_cycles == 0`` means no latency cap.

    ``max_latency_us`` (an extension; 0 = none) caps the latency in microseconds at the plan's clock: the
    default profile of ``SurrogateSCOptimizer`` turns it into cycles at the clock it plans at (with
    ``max_latency_cycles`` too, the smaller cap binds); the reference profile and ``SCOptimizer`` plan no
    clock and refuse it."""

    max_luts: int
    max_power_mw: float
    max_latency_cycles: int = 0
    max_latency_us: float = 0.0


@dataclass
class LayerProfile:
    """One layer of the network: its id, multiply-accumulate count and criticality.

    ``n_inputs`` and ``n_neurons`` (both or neither, with ``mac_count == n_inputs * n_neurons``) give the
    layer's shape: the default profile costs exactly that shape instead of a square guess from
    ``mac_count``; the reference profile ignores it. With the shape, ``mac_count`` may be left out.
    """

    id: str
    mac_count: Optional[int] = None
    is_critical_path: bool = False
    n_inputs: Optional[int] = None
    n_neurons: Optional[int] = None

    def __post_init__(self) -> None:
        if self.mac_count is None:
            if self.n_inputs is None or self.n_neurons is None:
                raise TypeError(f"LayerProfile {self.id!r}: give mac_count, or n_inputs and n_neurons")
            self.mac_count = self.n_inputs * self.n_neurons


@dataclass
class LayerConfig:
    """The settings chosen for one layer and what they cost."""

    bitstream_length: int
    decorrelator: str
    mode: str
    luts_used: int
    power_used: float
    accuracy_score: float
    latency_cycles: int = 0


@dataclass
class OptimizerReport:
    """Per-layer configuration (in network order) and totals.

    Latency is the maximum over layers (layers run in parallel); the accuracy
    is weighted 2:1 for critical-path layers.
    """

    config: Dict[str, LayerConfig]
    total_luts: int
    total_power_mw: float
    total_latency_cycles: int
    mean_accuracy: float
    pareto_frontier: List[ParetoPoint] = field(default_factory=list)

    def summary(self) -> str:
        """One totals line, then one line per layer."""
        return _core.optimizer_report_summary(self)


for _type in (DecorrelationStrategy, ComputeMode, HardwareBudget, LayerProfile, LayerConfig, OptimizerReport):
    _type.__module__ = "sc_neurocore.optimizer.sc_optimizer"
del _type
