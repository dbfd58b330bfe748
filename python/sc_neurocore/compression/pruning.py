"""Weight pruning: magnitude or per-array percentile thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np

from sc_neurocore import _core

__all__ = ["PruningReport", "prune_weights"]


@dataclass
class PruningReport:
    """Parameter counts before and after pruning.

    ``pruned_params`` counts every masked entry, including entries that were
    already zero.
    """

    original_params: int
    pruned_params: int
    remaining_params: int
    sparsity: float
    original_neurons: int = 0
    pruned_neurons: int = 0


def prune_weights(
    weights: Sequence[np.ndarray], threshold: float = 0.01, method: str = "magnitude"
) -> Tuple[List[np.ndarray], PruningReport]:
    """Zero small weights; returns new arrays (same dtype) and a report.

    ``method="percentile"`` zeroes entries at or below the ``threshold``-th
    percentile of each array's non-zero magnitudes; any other method zeroes
    entries with ``|w| <= threshold``. The inputs are not modified.

    >>> import numpy as np
    >>> pruned, report = prune_weights([np.array([[0.5, -0.004], [0.02, -0.3]])], threshold=0.01)
    >>> pruned[0].tolist(), report.sparsity
    ([[0.5, 0.0], [0.02, -0.3]], 0.25)
    """
    arrays, report = _core.prune_weights(weights, threshold, method)
    return arrays, report
