"""Weight compression: magnitude/percentile pruning and uniform quantisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np

from sc_neurocore import _core


@dataclass
class PruningReport:
    original_params: int
    pruned_params: int
    remaining_params: int
    sparsity: float
    original_neurons: int = 0
    pruned_neurons: int = 0


def prune_weights(
    weights: Sequence[np.ndarray], threshold: float = 0.01, method: str = "magnitude"
) -> Tuple[List[np.ndarray], PruningReport]:
    """Zero entries with |w| <= threshold (or <= the threshold-th percentile of |non-zero w|
    with method="percentile"). Returns new arrays; the inputs are not modified."""
    arrays, report = _core.prune_weights(list(weights), float(threshold), method)
    return list(arrays), PruningReport(*report)


def quantize_weights(weights: Sequence[np.ndarray], bits: int = 8, symmetric: bool = True) -> List[np.ndarray]:
    """Uniform quantisation to ``bits`` (clamped to 2..16), symmetric around 0 or over [min, max]."""
    return list(_core.quantize_weights(list(weights), int(bits), bool(symmetric)))


__all__ = ["PruningReport", "prune_weights", "quantize_weights"]
