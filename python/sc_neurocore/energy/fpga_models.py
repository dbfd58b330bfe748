"""FPGA device catalogue and module costs of the published energy model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

from sc_neurocore import _core


@dataclass(frozen=True)
class FPGATarget:
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
    luts: int
    ffs: int
    bram_bits: int = 0
    description: str = ""


TARGETS: Dict[str, FPGATarget] = {key: FPGATarget(*values) for key, *values in _core.targets()}

_COSTS = _core.module_costs()
LIF_NEURON = ModuleCost(*_COSTS["LIF_NEURON"])
EVENT_NEURON = ModuleCost(*_COSTS["EVENT_NEURON"])
BITSTREAM_ENCODER = ModuleCost(*_COSTS["BITSTREAM_ENCODER"])
SC_SYNAPSE = ModuleCost(*_COSTS["SC_SYNAPSE"])
AXI_LITE = ModuleCost(*_COSTS["AXI_LITE"])
AXI_STREAM = ModuleCost(*_COSTS["AXI_STREAM"])
DMA = ModuleCost(*_COSTS["DMA"])
AER_ENCODER = ModuleCost(*_COSTS["AER_ENCODER"])
AER_ROUTER = ModuleCost(*_COSTS["AER_ROUTER"])
BRAM_BITS_PER_WEIGHT = _core.BRAM_BITS_PER_WEIGHT
