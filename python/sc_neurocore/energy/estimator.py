"""Resource and energy estimate of an SC spiking network on an FPGA target.

Reference profile (the published estimator, unchanged): per layer, neurons,
AND-gate synapses, one bitstream encoder per input and a popcount tree; plus
AXI-Lite (and AER when event-driven) infrastructure. Latency is summed over
layers (they run one after another); only LUTs decide whether the design fits.
Returns an ``EnergyReport``.

Default profile (``profile="default"``): the calibrated hardware model of the
device, per layer with the knobs given (precision, weight bits, generator,
polynomial, mode, sparsity): logic cells in the device's unit (ICESTORM_LC on
an iCE40), LUT4/carry/FF, predicted fmax after placement, power from simulated
switching activity with its basis and uncertainty, and the characterised SC
accuracy. Returns a ``DeviceEnergyReport``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Dict, List, Optional, Sequence, Tuple

from sc_neurocore import _core

__all__ = ["DeviceEnergyReport", "DeviceLayerEstimate", "EnergyReport", "LayerEstimate", "estimate"]


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


@dataclass(frozen=True)
class DeviceLayerEstimate:
    """One layer under the default profile's calibrated model (``estimate(..., profile="default")``)."""

    name: str
    n_inputs: int
    n_neurons: int
    n_synapses: int
    bitstream_length: int
    precision: int
    weight_bits: int
    generator: str
    polynomial: str
    mode: str
    sparsity: float
    logic_cells: int  # in the report's lut_unit: what decides fitting
    luts: int
    carry_cells: int
    ffs: int
    bram_bits: int
    fmax_mhz: float  # predicted after placement; 0 = the family has no fmax calibration
    dynamic_power_mw: float
    power_mw: float
    toggles_per_cycle: float  # the simulated switching activity the power comes from
    latency_cycles: int
    accuracy_score: float


@dataclass(frozen=True)
class DeviceEnergyReport:
    """The default profile's estimate: logic cells against the device's routable budget, fmax, and power
    with its basis. Every number says where it comes from (``hardware_model``, ``clock_basis``,
    ``power_basis``, ``power_source``)."""

    target: str
    device: str
    profile: str
    layers: Tuple[DeviceLayerEstimate, ...]
    lut_unit: str
    total_logic_cells: int
    device_logic_cells: int
    logic_cell_budget: int
    max_utilisation: float
    utilization_pct: float
    fits_on_target: bool
    total_luts: int
    total_carry_cells: int
    total_ffs: int
    total_bram_kb: float
    infra_luts: int
    clock_freq_mhz: float
    clock_basis: str
    fmax_mhz: float
    total_dynamic_power_mw: float
    fixed_power_mw: float
    total_power_mw: float
    power_basis: str
    power_source: str
    power_uncertainty_factor: float
    latency_convention: str
    total_latency_cycles: int
    end_to_end_latency_cycles: int
    energy_per_inference_nj: float
    mean_accuracy: float
    hardware_model: str
    warnings: Tuple[str, ...]
    _summary: str = field(default="", repr=False, compare=False)

    def summary(self) -> str:
        """The human-readable estimate, as ``sc-neurocore estimate --profile default`` prints it."""
        return self._summary

    @classmethod
    def _from_engine(cls, payload: Dict[str, Any], summary: str) -> "DeviceEnergyReport":
        layer_names = [f.name for f in fields(DeviceLayerEstimate)]
        values = {f.name: payload[f.name] for f in fields(cls) if f.name in payload and f.name != "layers"}
        values["layers"] = tuple(DeviceLayerEstimate(**{k: layer[k] for k in layer_names})
                                 for layer in payload["layers"])
        values["warnings"] = tuple(payload.get("warnings", ()))
        return cls(**values, _summary=summary)


_KNOB_DEFAULTS = {"precision": 8, "weight_bits": 0, "generator": "lfsr", "polynomial": "x16+x14+x13+x11+1",
                  "mode": "sc", "sparsity": 0.0}


def estimate(
    layer_sizes: Sequence[Tuple[int, int]],
    target: str = "ice40",
    bitstream_length: int = 256,
    neuron_type: str = "lif",
    event_driven: bool = False,
    clock_mhz: Optional[float] = None,
    include_infra: bool = True,
    *,
    profile: Optional[str] = None,
    precision: Optional[int] = None,
    weight_bits: Optional[int] = None,
    generator: Optional[str] = None,
    polynomial: Optional[str] = None,
    mode: Optional[str] = None,
    sparsity: Optional[float] = None,
    device: Optional[str] = None,
    max_utilisation: float = 0.85,
):
    """Estimate resources, power, latency and energy of ``layer_sizes`` ((n_inputs, n_neurons) pairs).

    ``profile``: "reference" (the published estimator: an ``EnergyReport`` in LUTs at ``clock_mhz``, default
    100 MHz; ``neuron_type`` is accepted and ignored, as published), "default" (the calibrated model: a
    ``DeviceEnergyReport`` in the device's logic cells with fmax and activity power; ``clock_mhz`` defaults
    to the device's calibrated clock), or None: ``SC_NEUROCORE_PROFILE``, else reference. The knobs
    (precision, weight_bits (0 = precision), generator none|lfsr|sobol|halton|scc, polynomial, mode
    sc|hybrid|deterministic, sparsity) and ``device`` (a catalogue device such as "ice40-hx8k"; default:
    ``target``) belong to the default profile; giving one with the reference profile is a ValueError.
    ValueError for an unknown target or device (the message lists the options) and for invalid knobs.

    Example::

        from sc_neurocore.energy import estimate
        estimate([(64, 32), (32, 16)]).total_luts                  # the published figure
        report = estimate([(64, 32), (32, 16)], profile="default", device="ice40-hx8k", precision=6,
                          generator="sobol")
        report.total_logic_cells, report.fmax_mhz, report.power_basis
    """
    knobs = {"precision": precision, "weight_bits": weight_bits, "generator": generator, "polynomial": polynomial,
             "mode": mode, "sparsity": sparsity}
    chosen = _core.chosen_profile(profile or "", "reference")
    if chosen == "reference":
        given = [name for name, value in [*knobs.items(), ("device", device)] if value is not None]
        if given:
            raise ValueError(f"estimate: {', '.join(given)} need(s) profile='default' (the reference estimator "
                             "has no such knob)")
        return _core.estimate(layer_sizes, target, bitstream_length, neuron_type, event_driven,
                              100.0 if clock_mhz is None else clock_mhz, include_infra)
    chosen_knobs = {name: _KNOB_DEFAULTS[name] if value is None else value for name, value in knobs.items()}
    payload, summary = _core.estimate_default(
        layer_sizes, device or target, bitstream_length, event_driven, clock_mhz, include_infra,
        chosen_knobs["precision"], chosen_knobs["weight_bits"], chosen_knobs["generator"],
        chosen_knobs["polynomial"], chosen_knobs["mode"], chosen_knobs["sparsity"], max_utilisation)
    return DeviceEnergyReport._from_engine(payload, summary)
