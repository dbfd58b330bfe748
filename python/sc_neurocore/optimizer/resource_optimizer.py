"""Deterministic resource fitting: the prune / quantise / bitstream-length loop.

``fit_to_target`` halves the bitstream length, then prunes and quantises the
weights until the energy estimator says the network fits the target FPGA
(or the iterations run out). Inputs are never modified; the result carries
compressed copies of the weights in their original dtype.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, List, Sequence, Tuple

import numpy as np

from sc_neurocore import _core

__all__ = ["OptimizationResult", "OptimizationStep", "fit_to_target"]


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
) -> OptimizationResult:
    """Automatically compress an SNN to fit a target FPGA.

    Iteratively applies: 1. bitstream length reduction (halving L),
    2. weight pruning (increasing threshold), 3. weight quantisation (reducing
    bit width); stops when the energy estimator says the network fits.

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
        ``refused_step`` says what it would have saved. 0 turns the floor off.

    Returns
    -------
    OptimizationResult

    Example:

    >>> import numpy as np
    >>> result = fit_to_target([(16, 16), (16, 8)], [np.full((16, 16), 0.1), np.full((16, 8), 0.1)])
    >>> result.fits, result.final_bitstream_length, result.lut_unit
    (True, 256, 'ICESTORM_LC')
    """
    return _core.fit_to_target(
        layer_sizes, weights, target, max_iterations, min_bitstream_length, initial_bitstream_length,
        "" if profile is None else str(profile), max_utilisation, clock_mhz,
        None if min_accuracy is None else float(min_accuracy)
    )
