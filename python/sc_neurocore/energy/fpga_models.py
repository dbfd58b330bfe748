"""FPGA device catalogue and module costs of the energy model.

``TARGETS`` maps each catalogue key to its device, in the published order
(ice40, ecp5, artix7, zynq, then any devices added since). The numbers come
from the C++ catalogue, the single source of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

from sc_neurocore import _core

__all__ = [
    "AER_ENCODER",
    "AER_ROUTER",
    "AXI_LITE",
    "AXI_STREAM",
    "BITSTREAM_ENCODER",
    "BRAM_BITS_PER_WEIGHT",
    "DMA",
    "EVENT_NEURON",
    "FPGATarget",
    "LIF_NEURON",
    "ModuleCost",
    "SC_SYNAPSE",
    "TARGETS",
]


@dataclass(frozen=True)
class FPGATarget:
    """One device: LUTs, BRAM (KB), DSPs, core voltage (V), max clock, switched capacitance (fF per LUT toggle)."""

    name: str
    family: str
    total_luts: int
    total_bram_kb: int
    total_dsp: int
    voltage: float
    max_freq_mhz: float
    c_eff_per_lut_ff: float


@dataclass(frozen=True)
class ModuleCost:
    """Resources of one hardware building block."""

    luts: int
    ffs: int
    bram_bits: int = 0
    description: str = ""


TARGETS: Dict[str, FPGATarget] = dict(_core.fpga_targets())

_COSTS: Dict[str, ModuleCost] = dict(_core.module_costs())
LIF_NEURON = _COSTS["LIF_NEURON"]
EVENT_NEURON = _COSTS["EVENT_NEURON"]
BITSTREAM_ENCODER = _COSTS["BITSTREAM_ENCODER"]
SC_SYNAPSE = _COSTS["SC_SYNAPSE"]
AXI_LITE = _COSTS["AXI_LITE"]
AXI_STREAM = _COSTS["AXI_STREAM"]
DMA = _COSTS["DMA"]
AER_ENCODER = _COSTS["AER_ENCODER"]
AER_ROUTER = _COSTS["AER_ROUTER"]

#: Weight storage width when a layer's weights go to BRAM.
BRAM_BITS_PER_WEIGHT: int = _core.BRAM_BITS_PER_WEIGHT
