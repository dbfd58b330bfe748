"""Deterministic resource fitting: the prune / quantise / bitstream-length loop.

``fit_to_target`` halves the bitstream length, then prunes and quantises the
weights until the energy estimator says the network fits the target FPGA
(or the iterations run out). Inputs are never modified; the result carries
compressed copies of the weights in their original dtype.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, List, Sequence, Tuple

import numpy as np

from sc_neurocore import _core

__all__ = ["LayerFold", "OptimizationResult", "OptimizationStep", "fit_to_target"]


@dataclass
class OptimizationStep:
    """One action of the loop and its effect on the estimated LUTs."""

    action: str
    luts_before: int
    luts_after: int
    sparsity: float
    bitstream_length: int
    accuracy_before: float = 0.0  # default profile: network accuracy score before the step
    accuracy_after: float = 0.0  # ... and after it
    task_accuracy_after: Optional[float] = None  # with validation data: the measure on it after the step


@dataclass
class LayerFold:
    """A layer's fold (docs/hardware.md, "Folded layers"): ``neuron_lanes`` x ``input_lanes`` synapse lanes,
    the weights in ``weight_memory`` ("block_ram", "spram" or "logic"), and with ``input_memory`` the first
    layer's inputs in block RAM; ``neuron_lanes`` 0 is a spatial layer (every synapse its own logic)."""

    neuron_lanes: int = 0
    input_lanes: int = 0
    weight_memory: str = "block_ram"
    input_memory: bool = False


@dataclass
class OptimizationResult:
    """Result of the resource optimization process.

    ``optimized_weights`` is left out of ``repr`` and ``==`` (NumPy arrays
    have no single truth value); ``profile`` records the profile used.
    """

    fits: bool
    target: str
    final_luts: int
    target_luts: int
    utilization_pct: float
    final_bitstream_length: int
    final_sparsity: float
    steps: List[OptimizationStep] = field(default_factory=list)
    optimized_weights: List[np.ndarray] = field(default_factory=list, repr=False, compare=False)
    profile: str = "default"
    final_accuracy: float = 0.0  # default profile: characterised accuracy x weight fidelity
    final_weight_bits: int = 0  # default profile: weight bits of the final design
    shortfall: str = ""  # default profile: what is missing when it does not fit
    min_accuracy: float = 0.0  # default profile: the accuracy-score floor the fit kept
    refused_step: str = ""  # default profile: the step the floor refused, and what it would have saved
    # With validation data: "task_accuracy" (labels) or "end_to_end_score" (reference outputs), measured by
    # simulating the starting and the final configuration on it, and the floor no step crossed.
    validation_metric: str = ""
    start_task_accuracy: Optional[float] = None
    final_task_accuracy: Optional[float] = None
    min_task_accuracy: Optional[float] = None
    # Default profile: final_luts / target_luts count lut_unit (ICESTORM_LC on iCE40); target_luts is
    # max_utilisation x device_logic_cells (the routable margin).
    lut_unit: str = ""
    device_logic_cells: int = 0
    max_utilisation: float = 0.0
    clock_mhz: float = 0.0
    clock_basis: str = ""
    fmax_mhz: float = 0.0  # the slowest layer's predicted fmax after placement
    power_mw: float = 0.0
    power_basis: str = ""
    power_uncertainty_factor: float = 0.0
    warnings: List[str] = field(default_factory=list)
    # Default profile: the final configuration's cycles per inference and block RAM (folded layers add both).
    latency_cycles: int = 0
    bram_kb: float = 0.0
    # Default profile: each layer's fold as the fit's fold steps left it (``neuron_lanes`` 0: spatial).
    final_folds: List["LayerFold"] = field(default_factory=list)

    def summary(self) -> str:
        """Fit verdict, LUTs against the device, L, sparsity and every step."""
        return _core.optimization_result_summary(self)


def fit_to_target(
    layer_sizes: Sequence[Tuple[int, int]],
    weights: Sequence[np.ndarray],
    target: str = "ice40",
    max_iterations: int = 10,
    min_bitstream_length: int = 32,
    initial_bitstream_length: int = 256,
    *,
    profile: Optional[str] = None,
    max_utilisation: float = 0.85,
    clock_mhz: Optional[float] = None,
    min_accuracy: Optional[float] = None,
    validation_inputs: Any = None,
    validation_labels: Any = None,
    validation_reference: Any = None,
    min_task_accuracy: Optional[float] = None,
    folds: bool = True,
) -> OptimizationResult:
    """Automatically compress an SNN to fit a target FPGA.

    Iteratively applies: 1. bitstream length reduction (halving L),
    2. weight pruning (increasing threshold), 3. weight quantisation (reducing
    bit width), and in the default profile 4. folding the largest layer onto
    block RAM; stops when the energy estimator says the network fits.

    Parameters
    ----------
    layer_sizes : list of (n_inputs, n_neurons)
    weights : list of float32 or float64 ndarray, one per layer, shaped
        (n_inputs, n_neurons) or its transpose
    target : str
        FPGA target ('ice40', 'ecp5', 'artix7', 'zynq').
    max_iterations : int
        Maximum optimisation steps.
    min_bitstream_length : int
        Minimum allowed L.
    initial_bitstream_length : int
        Starting bitstream length.
    profile : str, optional
        ``"default"`` or ``"reference"`` (the published behaviour); None: the environment variable
        ``SC_NEUROCORE_PROFILE``, else ``"default"``.
    max_utilisation : float
        Default profile: the fraction of the device's logic cells the result may use (the routable margin;
        nextpnr stops placing well before 100 %).
    clock_mhz : float, optional
        Default profile: the clock of the power and energy figures (default: the device's calibrated clock).
    min_accuracy : float, optional
        Default profile (None: 0.8): no step may take the accuracy score (the layers' signal scores x the share of the
        trained weights kept; not task accuracy) below this floor; the fit stops before such a step and
        ``refused_step`` says what it would have saved. 0 turns the floor off. With validation data it
        defaults to 0 (the task-accuracy floor takes its place).
    validation_inputs : array or JSON path, optional
        Default profile: input vectors (reals in [0, 1]) with ``validation_labels`` (class indices) or
        ``validation_reference`` (the float network's outputs). Every configuration the fit would step to is
        built as ``fit --plan-out`` and emit-network build it and simulated bit for bit on them; no step may
        take its task accuracy (with labels; else its end-to-end score) below ``min_task_accuracy``, as
        ``sc-neurocore fit --validation``.
    min_task_accuracy : float, optional
        The floor (None: 0.95 x the starting configuration's measure).
    folds : bool
        Default profile: also fold the layer with the most cells (its weights into block RAM on fewer synapse
        lanes; no accuracy lost, more latency), as ``sc-neurocore fit`` does; False: as ``fit --no-fold``.

    Returns
    -------
    OptimizationResult

    Example:

    >>> import numpy as np
    >>> result = fit_to_target([(16, 16), (16, 8)], [np.full((16, 16), 0.1), np.full((16, 8), 0.1)])
    >>> result.fits, result.final_bitstream_length, result.lut_unit
    (True, 256, 'ICESTORM_LC')
    """
    validation = _validation(validation_inputs, validation_labels, validation_reference, min_task_accuracy)
    return _core.fit_to_target(
        layer_sizes, weights, target, max_iterations, min_bitstream_length, initial_bitstream_length,
        "" if profile is None else str(profile), max_utilisation, clock_mhz,
        None if min_accuracy is None else float(min_accuracy),
        *validation,
        None if min_task_accuracy is None else float(min_task_accuracy),
        bool(folds),
    )


def _validation(inputs: Any, labels: Any, reference: Any, floor: Any) -> Tuple[Any, str, Any, str, Any, str]:
    """The validation data as the engine takes it: (inputs, source, reference, source, labels, source)."""
    if inputs is None:
        if labels is not None or reference is not None or floor is not None:
            raise ValueError("validation_labels, validation_reference and min_task_accuracy need validation_inputs")
        return None, "", None, "", None, ""
    from sc_neurocore.hw import _json_or_array, _vectors

    vectors, vectors_source = _vectors(inputs)
    ref, ref_source = (None, "") if reference is None else _json_or_array(reference, "validation_reference")
    lab, lab_source = (None, "") if labels is None else _json_or_array(labels, "validation_labels")
    return vectors, vectors_source, ref, ref_source, lab, lab_source
