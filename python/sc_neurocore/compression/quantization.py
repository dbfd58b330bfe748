"""Uniform weight quantisation."""

from __future__ import annotations

from typing import List, Sequence

import numpy as np

from sc_neurocore import _core

__all__ = ["quantize_weights"]


def quantize_weights(weights: Sequence[np.ndarray], bits: int = 8, symmetric: bool = True) -> List[np.ndarray]:
    """Round each array to ``2**bits`` uniform levels (bits clamped to [2, 16]).

    Symmetric: steps of ``max|w| / (2**(bits-1) - 1)``, halves to even;
    asymmetric: steps of ``(max - min) / (2**bits - 1)`` from the minimum.
    Returns new arrays of the input dtype; the inputs are not modified.

    >>> import numpy as np
    >>> [round(v, 4) for v in quantize_weights([np.array([0.5, -0.25, 0.1])], bits=4)[0]]
    [0.5, -0.2857, 0.0714]
    """
    return _core.quantize_weights(weights, bits, symmetric)
