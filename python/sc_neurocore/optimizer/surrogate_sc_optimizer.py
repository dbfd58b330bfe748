"""Surrogate-guided stochastic-computing compiler optimiser.

``SurrogateSCOptimizer`` chooses per-layer bitstream length, decorrelator,
mode, precision and LFSR polynomial under a LUT / power / latency budget. It
trains a ridge surrogate on analytical design points plus optional measured
``BenchmarkObservation`` records, ranks each layer's grid by utility and
rebalances. The engine runs in C++; ``profile`` selects ``"reference"`` (the
published behaviour, number for number) or ``"default"`` (ours).
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np

from sc_neurocore import _core
from sc_neurocore._matrices import as_weight_matrix
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile

__all__ = [
    "BenchmarkObservation",
    "DEFAULT_LFSR_POLYNOMIALS",
    "FrontierPlan",
    "NetworkFrontier",
    "SearchCertificate",
    "SurrogateLayerConfig",
    "SurrogateOptimizerReport",
    "SurrogateSCOptimizer",
    "TargetHardwareProfile",
]

#: A layer's weight matrix: a 2-D float32/float64 array, or nested lists of numbers.
WeightMatrix = Union[np.ndarray, Sequence[Sequence[float]]]
PathLike = Union[str, "os.PathLike[str]"]
#: A network: its layers, or the path of a network manifest (``sc-neurocore optimise --network``).
NetworkSource = Union[Sequence[LayerProfile], PathLike]
#: Weights: one matrix per layer, or the paths of .npy / JSON weight files (``--weights``).
WeightsSource = Union[Sequence[WeightMatrix], PathLike, Sequence[PathLike]]


def _layers(network: Any) -> List[LayerProfile]:
    if isinstance(network, (str, os.PathLike)):
        return list(_core.flow_load_network(os.fspath(network)))
    return list(network)


def _weight_arrays(weights: Any) -> Optional[List[np.ndarray]]:
    """Float arrays as they are (never copied or modified), paths of .npy / JSON weight files read as the
    CLI's ``--weights`` reads them, anything else as float64; each must be a matrix (a bias vector is refused
    with a message saying so)."""
    if weights is None:
        return None
    if isinstance(weights, (str, os.PathLike)):
        weights = [weights]
    weights = list(weights)
    if weights and all(isinstance(w, (str, os.PathLike)) for w in weights):
        return list(_core.load_weight_files([os.fspath(w) for w in weights]))
    return [as_weight_matrix(w, i) for i, w in enumerate(weights)]


#: The three 16-bit LFSR polynomials the grid tries by default.
DEFAULT_LFSR_POLYNOMIALS: Tuple[str, ...] = ("x16+x14+x13+x11+1", "x16+x15+x13+x4+1", "x16+x12+x3+x1+1")


@dataclass(frozen=True)
class TargetHardwareProfile:
    """Target device budget and compiler preference weights."""

    name: str
    budget: HardwareBudget
    lut_weight: float = 0.35
    power_weight: float = 0.35
    latency_weight: float = 0.20
    accuracy_weight: float = 1.0


@dataclass(frozen=True)
class BenchmarkObservation:
    """Measured or externally supplied design-point observation.

    The optimiser treats these as higher-priority training points than its
    analytical generated points. Callers should only pass observations that
    come from real benchmark or synthesis outputs.
    """

    mac_count: int
    bitstream_length: int
    decorrelator: str
    mode: str
    precision_bits: int
    lfsr_polynomial: str
    luts_used: int
    power_mw: float
    latency_cycles: int
    accuracy_score: float
    is_critical_path: bool = False


@dataclass(frozen=True)
class SurrogateLayerConfig:
    """The compiler settings chosen for one layer, their predicted cost and utility.

    Default profile: a folded layer (weights in memory on ``neuron_lanes`` x ``input_lanes`` synapse lanes,
    docs/hardware.md "Folded layers") names its lanes and ``weight_memory``; ``neuron_lanes`` 0 is a
    spatial layer; ``input_memory``: the first layer's inputs sit in block RAM. ``bram_blocks``, ``spram_blocks``: the blocks of the device's block RAM and SPRAM the layer
    takes.
    """

    bitstream_length: int
    decorrelator: str
    mode: str
    precision_bits: int
    lfsr_polynomial: str
    luts_used: int
    power_used: float
    latency_cycles: int
    accuracy_score: float
    utility_score: float
    neuron_lanes: int = 0
    input_lanes: int = 0
    weight_memory: str = ""
    input_memory: bool = False
    bram_blocks: int = 0
    spram_blocks: int = 0


@dataclass(frozen=True)
class SearchCertificate:
    """How good a default-profile plan is, or why no plan fits.

    With a plan: the network objective it reaches, an upper bound no plan
    within the budget exceeds, their relative gap (0 = proven optimal) and the
    search nodes used. Without one: the binding constraints (``binding``) and
    the smallest budgets that would admit a plan (``min_*``, None when unknown).
    """

    solver: str
    objective: float
    upper_bound: float
    relative_gap: float
    proven_optimal: bool
    nodes: int
    binding: List[str] = field(default_factory=list)
    min_luts: Optional[int] = None
    min_power_mw: Optional[float] = None
    min_latency_cycles: Optional[int] = None


@dataclass(frozen=True)
class SurrogateOptimizerReport:
    """Budgeted per-layer compiler configuration.

    ``config`` maps layer id to its settings (critical layers first);
    ``profile`` records the optimiser profile that produced the report and
    ``search`` the default profile's optimality certificate (None for the
    reference profile).
    """

    config: Dict[str, SurrogateLayerConfig]
    total_luts: int
    total_power_mw: float
    total_latency_cycles: int
    mean_accuracy: float
    training_points: int
    target_name: str
    rejected_layers: List[str] = field(default_factory=list)
    profile: str = "default"
    search: Optional[SearchCertificate] = None

    @property
    def feasible(self) -> bool:
        """Whether every layer received a configuration."""
        return not self.rejected_layers

    def to_json(self) -> Dict[str, Any]:
        """The plan document ``sc-neurocore optimise --out`` writes for this result.

        A report from ``optimise`` gives the engine's document: with the default profile also the device,
        its logic-cell budget, the predicted fmax and each layer's shape and cost provenance. A report made
        in Python (``dataclasses.replace``) gives what its fields hold. ``write_report``, ``emit_network``,
        ``simulate`` and ``synth`` take either the report or this document.

        Example::

            plan = SurrogateSCOptimizer(target).optimise(network).to_json()
            json.dump(plan, open("plan.json", "w"), indent=2)
        """
        return _document(self, _core.plan_json)


@dataclass(frozen=True)
class FrontierPlan:
    """One whole-network plan of the Pareto frontier (accuracy weighted 2:1 for critical layers)."""

    total_luts: int
    total_power_mw: float
    mean_accuracy: float
    total_latency_cycles: int
    within_budget: bool
    config: Dict[str, SurrogateLayerConfig]


@dataclass(frozen=True)
class NetworkFrontier:
    """Non-dominated plans over (LUTs, power, accuracy), sorted by LUTs; ``approximate`` when capped."""

    target_name: str
    plans: List[FrontierPlan]
    approximate: bool

    def to_json(self) -> Dict[str, Any]:
        """The frontier document ``sc-neurocore optimise --pareto`` writes (``write_report``'s ``pareto``).

        Example::

            frontier = SurrogateSCOptimizer(target).pareto_frontier(network)
            write_report(report, "report.html", pareto=frontier)
        """
        return _document(self, _core.frontier_json)


def _document(value: Any, build: Any) -> Dict[str, Any]:
    """The engine's document attached to ``value`` (a copy), else the one its fields give."""
    document = value.__dict__.get("_document")
    return copy.deepcopy(document) if document is not None else build(value)


class _RidgeSurrogate:
    """Ridge regression with every column regularised: ``C = solve(XᵀX + αI, XᵀY)``."""

    def __init__(self, alpha: float = 1e-3) -> None:
        self._engine = _core.RidgeSurrogate(alpha)

    @property
    def alpha(self) -> float:
        return self._engine.alpha

    @property
    def coefficients(self) -> Optional[np.ndarray]:
        """The fitted coefficient matrix, or None before ``fit``."""
        return self._engine.coefficients

    def fit(self, X: np.ndarray, Y: np.ndarray) -> "_RidgeSurrogate":
        """Fit on two-dimensional ``X`` (rows x features) and ``Y`` (rows x outputs)."""
        self._engine.fit(X, Y)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """``X @ C``; RuntimeError before ``fit``."""
        return self._engine.predict(X)


class SurrogateSCOptimizer:
    """Compiler optimiser using a learned surrogate over SC design points.

    Bitstream and precision options are cast to int, de-duplicated and
    sorted; polynomials keep their order. The options are fixed at
    construction (read-only attributes).
    """

    def __init__(
        self,
        target: Union[TargetHardwareProfile, str],
        *,
        bitstream_options: Iterable[int] = (64, 128, 256, 512, 1024, 2048),
        precision_options: Iterable[int] = (4, 6, 8, 12, 16),
        lfsr_polynomials: Iterable[str] = DEFAULT_LFSR_POLYNOMIALS,
        observations: Iterable[BenchmarkObservation] = (),
        profile: Optional[str] = None,
        device: Optional[str] = None,
        clock_mhz: Optional[float] = None,
        max_utilisation: float = 0.85,
    ) -> None:
        """``profile``: "default" (ours), "reference" (the published optimiser) or None (``SC_NEUROCORE_PROFILE``,
        else default). Default profile only, as ``sc-neurocore optimise`` takes them: ``device``, the catalogue
        device whose calibrated model costs the candidates (None: a built-in target's own device when ``target`` names
        one, else "ice40", the HX8K); ``clock_mhz``, the clock
        power is costed at (None: the device's calibrated clock); ``max_utilisation``, the fraction of the
        device's logic cells a plan may use. ``target`` may be the name of a built-in target profile
        (``"ice40-low-power"``, ``sc-neurocore targets``).

        Example::

            optimiser = SurrogateSCOptimizer(target, device="ice40-up5k", clock_mhz=24.0)
            report = optimiser.optimise(network, weights=[w1, w2])
        """
        if isinstance(target, str):  # a built-in target profile, as --target-profile names it
            target_name, target = target, _core.builtin_target_profile(target)
            if device is None:  # planned on the target's own device, as --target-profile does
                device = _core.planning_device_for(target_name)
        self._target = target
        self._observations = tuple(observations)
        self._engine = _core.SurrogateSCOptimizer(
            target,
            [int(length) for length in bitstream_options],
            [int(bits) for bits in precision_options],
            list(lfsr_polynomials),
            list(self._observations),
            "" if profile is None else str(profile),  # None: SC_NEUROCORE_PROFILE, else "default"
            "" if device is None else str(device),
            clock_mhz,
            float(max_utilisation),
        )

    @property
    def target(self) -> TargetHardwareProfile:
        return self._target

    @property
    def observations(self) -> Tuple[BenchmarkObservation, ...]:
        return self._observations

    @property
    def bitstream_options(self) -> Tuple[int, ...]:
        return tuple(self._engine.bitstream_options)

    @property
    def precision_options(self) -> Tuple[int, ...]:
        return tuple(self._engine.precision_options)

    @property
    def lfsr_polynomials(self) -> Tuple[str, ...]:
        return tuple(self._engine.lfsr_polynomials)

    @property
    def profile(self) -> str:
        return self._engine.profile

    @property
    def training_points(self) -> int:
        """Rows the surrogate was last trained on (0 before ``optimise``)."""
        return self._engine.training_points

    def optimise(
        self,
        network: NetworkSource,
        *,
        weights: Optional[WeightsSource] = None,
        validation_inputs: Any = None,
        validation_reference: Any = None,
        validation_labels: Any = None,
        verify_top: int = 0,
        seed: int = 1,
        calibration_inputs: Any = None,
    ) -> SurrogateOptimizerReport:
        """Select budgeted layer settings for ``network`` (LayerProfiles, or the path of a network manifest).

        ``weights`` (default profile only): one trained matrix per layer, in network order, of shape
        ``(n_inputs, n_neurons)``, or the paths of .npy / JSON weight files; the plan then costs their
        real structure (pruned synapses, shared weight comparators) instead of expectations over random
        weights. ValueError in the reference profile, for a count or shape that does not match the
        network, or for a non-finite weight. ``report.to_json()`` is the plan ``optimise --out`` writes.

        Example::

            report = SurrogateSCOptimizer("ice40-low-power").optimise(
                "examples/network.json", weights="examples/network_weights.json")
            report.total_luts, report.to_json()["device"]  # (cells, "ice40-hx8k")

        ``validation_inputs`` (default profile; input vectors of reals in [0, 1], an array or a JSON path) simulates
        the chosen plan as ``emit_network`` builds it (``weights``, else weights seeded with ``seed``;
        ``calibration_inputs`` as there) and adds ``report.to_json()["validation"]``: predicted against measured
        accuracy, as ``sc-neurocore optimise --validation``. ``validation_reference`` (the float network's
        outputs) and ``validation_labels`` (class indices) add end-to-end and task accuracy; ``verify_top=K``
        also simulates the K best plans within the budget (the Pareto frontier's, by the planner's objective).

        Example::

            report = SurrogateSCOptimizer("ice40-low-power").optimise(
                "examples/network.json", validation_inputs="examples/network_inputs.json", verify_top=3)
            report.to_json()["validation"]["chosen"]["measured"]["sc_vs_exact"]["accuracy_score"]
        """
        if validation_inputs is None:
            if validation_reference is not None or validation_labels is not None or verify_top:
                raise ValueError("validation_reference, validation_labels and verify_top need validation_inputs")
            return self._engine.optimise(_layers(network), _weight_arrays(weights))
        from sc_neurocore.hw import _json_or_array, _network_json, _vectors

        if int(verify_top) < 0:
            raise ValueError(f"verify_top must be 0 or more, got {verify_top}")
        manifest, manifest_source = _network_json(network)
        inputs, inputs_source = _vectors(validation_inputs)
        reference, reference_source = (
            (None, "") if validation_reference is None else _json_or_array(validation_reference, "validation_reference")
        )
        labels, labels_source = (
            (None, "") if validation_labels is None else _json_or_array(validation_labels, "validation_labels")
        )
        calibration = None if calibration_inputs is None else _vectors(calibration_inputs)[0]
        return self._engine.optimise_validated(
            _layers(network),
            _weight_arrays(weights),
            manifest,
            manifest_source,
            int(seed),
            inputs,
            inputs_source,
            reference,
            reference_source,
            labels,
            labels_source,
            calibration,
            int(verify_top),
        )

    def pareto_frontier(
        self,
        network: NetworkSource,
        *,
        weights: Optional[WeightsSource] = None,
        max_points: int = 20000,
    ) -> NetworkFrontier:
        """Whole-network plans that no other plan beats on LUTs, power and accuracy at once.

        Uses the default profile's costs (observations override the points they
        match; ``network`` and ``weights`` as in ``optimise``) within the latency cap, whatever
        the LUT and power budgets; ``within_budget`` marks the plans that fit them.

        Example::

            frontier = optimiser.pareto_frontier("examples/network.json")
            [(p.total_luts, round(p.mean_accuracy, 3)) for p in frontier.plans if p.within_budget][:3]
        """
        return self._engine.pareto_frontier(_layers(network), max_points, _weight_arrays(weights))

    def _fit_surrogate(self, network: Sequence[LayerProfile]) -> None:
        """Train on every layer's analytical grid plus 4 copies of each observation."""
        self._engine.fit(list(network))

    def _rank_layer_candidates(
        self, layer: LayerProfile, remaining_luts: float, remaining_power: float
    ) -> List[SurrogateLayerConfig]:
        """Grid candidates within the remaining budget, best utility first (after ``_fit_surrogate``)."""
        return self._engine.rank_layer_candidates(layer, remaining_luts, remaining_power)
