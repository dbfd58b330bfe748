"""The published energy / resource estimator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Sequence, Tuple

from sc_neurocore import _core


@dataclass
class LayerEstimate:
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

    def __post_init__(self):
        for name, value in _core.energy_totals(self.target, self.layers, self.infra_luts, self.clock_freq_mhz).items():
            setattr(self, name, value)

    def summary(self) -> str:
        return _core.summary_text(
            "energy",
            {
                "target": self.target,
                "layers": self.layers,
                "infra_luts": self.infra_luts,
                "clock_freq_mhz": self.clock_freq_mhz,
            },
        )


def estimate(
    layer_sizes: Sequence[Tuple[int, int]],
    target: str = "ice40",
    bitstream_length: int = 256,
    neuron_type: str = "lif",
    event_driven: bool = False,
    clock_mhz: float = 100.0,
    include_infra: bool = True,
) -> EnergyReport:
    """LUTs, FFs, BRAM, power, latency and energy per inference of a dense SC network."""
    data = _core.energy_estimate(
        [tuple(size) for size in layer_sizes], target, bitstream_length, neuron_type, event_driven, clock_mhz, include_infra
    )
    return EnergyReport(
        target=data["target"],
        layers=[LayerEstimate(*values) for values in data["layers"]],
        infra_luts=data["infra_luts"],
        clock_freq_mhz=data["clock_freq_mhz"],
    )
