"""Automatic compression to fit a target FPGA (the published ``fit_to_target``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Sequence, Tuple

import numpy as np

from sc_neurocore import _core
from sc_neurocore._profiles import DEFAULT_PROFILE, check_profile


@dataclass
class OptimizationStep:
    action: str
    luts_before: int
    luts_after: int
    sparsity: float
    bitstream_length: int


@dataclass
class OptimizationResult:
    """Result of the resource optimization process."""

    fits: bool
    target: str
    final_luts: int
    target_luts: int
    utilization_pct: float
    final_bitstream_length: int
    final_sparsity: float
    steps: List[OptimizationStep] = field(default_factory=list)
    optimized_weights: List[np.ndarray] = field(default_factory=list, repr=False)
    profile: str = DEFAULT_PROFILE

    def summary(self) -> str:
        return _core.summary_text(
            "fit",
            {
                "fits": self.fits,
                "target": self.target,
                "final_luts": self.final_luts,
                "target_luts": self.target_luts,
                "utilization_pct": self.utilization_pct,
                "final_bitstream_length": self.final_bitstream_length,
                "final_sparsity": self.final_sparsity,
                "steps": self.steps,
            },
        )


def fit_to_target(
    layer_sizes: Sequence[Tuple[int, int]],
    weights: Sequence[np.ndarray],
    target: str = "ice40",
    max_iterations: int = 10,
    min_bitstream_length: int = 32,
    initial_bitstream_length: int = 256,
    *,
    profile: str = DEFAULT_PROFILE,
) -> OptimizationResult:
    """Automatically compress an SNN to fit a target FPGA.

    Iteratively applies bitstream length reduction (halving L), weight pruning
    (increasing threshold) and weight quantization (reducing bit width), and
    stops when the estimator says the network fits. Weights are float32 or
    float64 arrays, each n_inputs x n_neurons (or its transpose); they are
    never modified.
    """
    data = _core.fit_to_target(
        [tuple(size) for size in layer_sizes],
        list(weights),
        target,
        max_iterations,
        min_bitstream_length,
        initial_bitstream_length,
        check_profile(profile),
    )
    return OptimizationResult(
        fits=data["fits"],
        target=data["target"],
        final_luts=data["final_luts"],
        target_luts=data["target_luts"],
        utilization_pct=data["utilization_pct"],
        final_bitstream_length=data["final_bitstream_length"],
        final_sparsity=data["final_sparsity"],
        steps=[OptimizationStep(*step) for step in data["steps"]],
        optimized_weights=list(data["optimized_weights"]),
        profile=data["profile"],
    )
