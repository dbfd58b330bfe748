"""Resource and energy estimate of an SC spiking network on an FPGA target.

Per layer: neurons, AND-gate synapses, one bitstream encoder per input and a
popcount tree; plus AXI-Lite (and AER when event-driven) infrastructure.
Latency is summed over layers (they run one after another); only LUTs decide
whether the design fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Sequence, Tuple

from sc_neurocore import _core

__all__ = ["EnergyReport", "LayerEstimate", "estimate"]


@dataclass
class LayerEstimate:
    """Resources, power and latency of one layer."""

    name: str
    n_inputs: int
    n_neurons: int
    n_synapses: int
    bitstream_length: int
    luts: int
    ffs: int
    bram_bits: int
    dynamic_power_mw: float
    latency_cycles: int


@dataclass
class EnergyReport:
    """Per-layer estimates and totals; the totals are derived at construction."""

    target: str
    layers: List[LayerEstimate]
    infra_luts: int = 0
    clock_freq_mhz: float = 100.0
    total_luts: int = field(init=False)
    total_ffs: int = field(init=False)
    total_bram_kb: float = field(init=False)
    total_dynamic_power_mw: float = field(init=False)
    total_latency_cycles: int = field(init=False)
    energy_per_inference_nj: float = field(init=False)
    fits_on_target: bool = field(init=False)
    utilization_pct: float = field(init=False)

    def __post_init__(self) -> None:
        totals = _core.energy_report_totals(self.target, self.layers, self.infra_luts, self.clock_freq_mhz)
        for name, value in totals.items():
            setattr(self, name, value)

    def summary(self) -> str:
        """The human-readable estimate: layers, totals, energy, utilisation, fit verdict."""
        return _core.energy_report_summary(self)


def estimate(
    layer_sizes: Sequence[Tuple[int, int]],
    target: str = "ice40",
    bitstream_length: int = 256,
    neuron_type: str = "lif",
    event_driven: bool = False,
    clock_mhz: float = 100.0,
    include_infra: bool = True,
) -> EnergyReport:
    """Estimate LUTs, FFs, BRAM, power, latency and energy of ``layer_sizes`` on ``target``.

    ``layer_sizes`` lists (n_inputs, n_neurons) pairs. ``neuron_type`` is
    accepted and ignored, as published: ``event_driven`` selects the neuron.
    ValueError for an unknown target (the message lists the options).
    """
    return _core.estimate(layer_sizes, target, bitstream_length, neuron_type, event_driven, clock_mhz, include_infra)
