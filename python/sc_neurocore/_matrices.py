"""The checks every Python entry point applies to weight matrices before they reach the engine, so that a
user who passes what their framework gives (biases included) reads what is wrong instead of a NumPy error."""
from typing import Any

import numpy as np


def as_weight_matrix(value: Any, index: int) -> np.ndarray:
    """``value`` as a 2-D float array (float32/float64 arrays as they are); ValueError naming ``weights[index]``
    when it is not a rectangular matrix, with a word on biases, which the hardware has no input for yet."""
    if isinstance(value, np.ndarray) and value.dtype in (np.float32, np.float64):
        array = value
    else:
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise ValueError(f"weights[{index}] is not a rectangular matrix of numbers ({error})") from None
    if array.ndim == 1:
        raise ValueError(
            f"weights[{index}] has shape {array.shape}: one value per neuron looks like a bias vector; biases "
            "are not supported yet (the generated layers have no bias input), pass only the weight matrices, "
            "one n_inputs x n_neurons array per layer")
    if array.ndim != 2:
        raise ValueError(f"weights[{index}] has shape {array.shape}: want one n_inputs x n_neurons matrix per layer")
    return array
