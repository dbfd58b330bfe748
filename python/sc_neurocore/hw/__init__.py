"""The hardware of a planned network.

``emit_network`` writes the whole network as Verilog (``sc_network.v``), an
Icarus Verilog testbench and a manifest; ``simulate`` runs the same network bit
for bit on input vectors and compares it with its exact counterpart. Both take
the network manifest and the plan as paths, dicts, or (for the plan) the report
``SurrogateSCOptimizer.optimise`` returned. See docs/network.md.

``synth`` builds the planned network with the device family's open-source tools (Yosys, nextpnr-ice40,
icepack, icetime), writes the evidence and compares the measurements with the predictions, as
``sc-neurocore synth`` does; ``sc_neurocore.hw.sweep`` builds many plans at once, locally or on a Dask
cluster (``sc-neurocore sweep``).

Example::

    from sc_neurocore.hw import emit_network, simulate, synth
    build = emit_network("examples/network.json", "plan.json", "build/net")
    result = simulate("examples/network.json", "plan.json", [[0.5] * 16])
    result.raw, result.outputs, result.layers[0].measured_accuracy_score
    synth("examples/network.json", "plan.json", "build/hx8k").comparison["design"]["logic_cells"]
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from sc_neurocore import _core
from sc_neurocore._matrices import as_weight_matrix

__all__ = [
    "DoesNotFitError",
    "EmittedNetwork",
    "LayerAccuracy",
    "NetworkSimulation",
    "SynthResult",
    "emit_network",
    "simulate",
    "synth",
]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass
class LayerAccuracy:
    """One layer's accuracy on the simulated inputs, next to the plan's prediction.

    The scores are ``1 - RMSE / std(exact)`` of the layer's accumulators (0 for an output that
    ignores its inputs); ``snr_db`` is the same error as a signal-to-noise ratio and ``noise_share``
    the random part of the squared error (the rest is a systematic bias).
    """

    id: str
    predicted_accuracy_score: float
    measured_accuracy_score: float
    rmse: float
    bias: float
    snr_db: float = 0.0
    noise_share: float = 0.0


@dataclass
class NetworkSimulation:
    """The bit-true simulation of the generated network.

    ``raw`` are the last layer's output words as ``out_data`` presents them (signed integers),
    ``outputs`` their decoded values, ``exact`` the exact network's; one row per input vector.
    """

    raw: np.ndarray
    outputs: np.ndarray
    exact: np.ndarray
    inputs: np.ndarray
    layers: List[LayerAccuracy] = field(default_factory=list)
    input_bits: int = 0
    output_bits: int = 0
    synapse_bit_ops_per_inference: int = 0
    #: With ``reference=``: {"sc": {...}, "exact": {...}}, each rmse, bias, noise_rmse, exact_std, snr_db and
    #: accuracy_score (1 - RMSE / std(reference)) of that network's outputs against the reference.
    end_to_end: Optional[Dict[str, Dict[str, float]]] = None
    #: With ``labels=``: {"sc": share, "exact": share, "vectors": n}, argmax agreement with the labels.
    task_accuracy: Optional[Dict[str, float]] = None


@dataclass
class EmittedNetwork:
    """What ``emit_network`` wrote: the folder and its manifest."""

    path: Path
    manifest: Dict[str, Any]

    @property
    def cycles_per_inference(self) -> int:
        return int(self.manifest["cycles_per_inference"])

    @property
    def pins(self) -> int:
        return int(self.manifest["pins"])


def _json_source(value: Any, what: str) -> Tuple[Any, str]:
    if isinstance(value, (str, os.PathLike)):
        path = Path(value)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FileNotFoundError(f"{path}: no such file") from None
        try:
            return json.loads(text), str(path)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: invalid JSON: {error}") from None
    return value, what


def _network_json(network: Any) -> Tuple[Any, str]:
    if isinstance(network, (list, tuple)) and network and hasattr(network[0], "mac_count"):
        layers = []
        for layer in network:
            item = {"id": layer.id, "mac_count": layer.mac_count, "is_critical_path": bool(layer.is_critical_path)}
            if getattr(layer, "n_inputs", None) is not None:
                item["n_inputs"] = layer.n_inputs
            if getattr(layer, "n_neurons", None) is not None:
                item["n_neurons"] = layer.n_neurons
            layers.append(item)
        return {"layers": layers}, "network"
    return _json_source(network, "network")


def _plan_json(plan: Any) -> Tuple[Any, str]:
    if hasattr(plan, "to_json") and isinstance(getattr(plan, "config", None), dict):
        return plan.to_json(), "plan"  # a SurrogateOptimizerReport: the document `optimise --out` writes
    return _json_source(plan, "plan")


def _weights(weights: Any) -> Tuple[List[np.ndarray], List[str]]:
    if weights is None:
        return [], []
    if isinstance(weights, (str, os.PathLike)):
        return [], [os.fspath(weights)]
    items = list(weights)
    if items and all(isinstance(w, (str, os.PathLike)) for w in items):
        return [], [os.fspath(w) for w in items]
    return [np.asarray(as_weight_matrix(w, i), dtype=np.float64) for i, w in enumerate(items)], []


def _vectors(inputs: Any) -> Tuple[Any, str]:
    if isinstance(inputs, (str, os.PathLike)):
        return _json_source(inputs, "inputs")
    if isinstance(inputs, np.ndarray):
        return inputs.tolist(), "inputs"
    return [list(map(float, row)) if not isinstance(row, np.ndarray) else row.tolist() for row in inputs], "inputs"


def emit_network(
    network: Any,
    plan: Any,
    out: PathLike,
    *,
    weights: Any = None,
    seed: int = 1,
    calibration_inputs: Any = None,
) -> EmittedNetwork:
    """Write ``out/sc_network.v``, ``out/tb_sc_network.v`` and ``out/manifest.json`` (atomically).

    ``weights``: one 2-D array (n_inputs x n_neurons) per layer, or paths of .npy / JSON files;
    None = seeded weights (layer i uses ``seed + i``). ``calibration_inputs``: input vectors that set
    the activation shifts (default: 256 seeded vectors); give ``simulate`` the same.

    >>> emit_network("examples/network.json", plan, "build/net").pins  # doctest: +SKIP
    27
    """
    arrays, files = _weights(weights)
    network_value, network_source = _network_json(network)
    plan_value, plan_source = _plan_json(plan)
    calibration = None if calibration_inputs is None else _vectors(calibration_inputs)[0]
    manifest = _core.hw_emit_network(
        network_value, network_source, plan_value, plan_source, arrays, files, int(seed), calibration, os.fspath(out)
    )
    return EmittedNetwork(Path(out), manifest)


def simulate(
    network: Any,
    plan: Any,
    inputs: Any,
    *,
    weights: Any = None,
    seed: int = 1,
    calibration_inputs: Any = None,
    out: Optional[PathLike] = None,
    hex_inputs: Optional[PathLike] = None,
    hex_outputs: Optional[PathLike] = None,
    reference: Any = None,
    labels: Any = None,
) -> NetworkSimulation:
    """Simulate the generated network bit for bit on ``inputs`` (vectors of reals in [0, 1]).

    Returns the raw output words, their decoded values, the exact network's outputs and each
    layer's measured accuracy score next to the plan's prediction. ``out``, ``hex_inputs`` and
    ``hex_outputs`` also write the CLI's JSON and the testbench's files. ``reference`` (the float
    network's outputs, one row per input vector; an array or a JSON path) adds ``end_to_end``;
    ``labels`` (class indices) adds ``task_accuracy``; as ``simulate --reference/--labels``.

    >>> simulate("examples/network.json", plan, np.full((4, 16), 0.5)).raw.shape  # doctest: +SKIP
    (4, 8)
    """
    network_value, network_source = _network_json(network)
    plan_value, plan_source = _plan_json(plan)
    arrays, files = _weights(weights)
    vectors, inputs_source = _vectors(inputs)
    calibration = None if calibration_inputs is None else _vectors(calibration_inputs)[0]
    result = _core.hw_simulate(
        network_value,
        network_source,
        plan_value,
        plan_source,
        arrays,
        files,
        int(seed),
        calibration,
        vectors,
        inputs_source,
        None if out is None else os.fspath(out),
        None if hex_inputs is None else os.fspath(hex_inputs),
        None if hex_outputs is None else os.fspath(hex_outputs),
        *_reference_and_labels(reference, labels),
    )
    layers = [
        LayerAccuracy(
            l["id"],
            l["predicted_accuracy_score"],
            l["measured_accuracy_score"],
            l["rmse"],
            l["bias"],
            l["snr_db"],
            l["noise_share"],
        )
        for l in result["layers"]
    ]
    return NetworkSimulation(
        raw=np.asarray(result["raw"], dtype=np.int64),
        outputs=np.asarray(result["outputs"], dtype=np.float64),
        exact=np.asarray(result["exact"], dtype=np.float64),
        inputs=np.asarray(result["inputs"], dtype=np.uint32),
        layers=layers,
        input_bits=int(result["input_bits"]),
        output_bits=int(result["output_bits"]),
        synapse_bit_ops_per_inference=int(result["synapse_bit_ops_per_inference"]),
        end_to_end=result.get("end_to_end"),
        task_accuracy=result.get("task_accuracy"),
    )


def _reference_and_labels(reference: Any, labels: Any) -> Tuple[Any, str, Any, str]:
    ref, ref_source = (None, "") if reference is None else _json_or_array(reference, "reference")
    lab, lab_source = (None, "") if labels is None else _json_or_array(labels, "labels")
    return ref, ref_source, lab, lab_source


def _json_or_array(value: Any, name: str) -> Tuple[Any, str]:
    if isinstance(value, (str, os.PathLike)):
        return _json_source(value, name)
    return np.asarray(value).tolist(), name


class DoesNotFitError(RuntimeError):
    """The design does not fit the device: "needs N ICESTORM_LC, device has M".

    Raised by ``synth`` (the CLI's exit status 3) when the prediction already exceeds the device (no tool
    was run, no build folder) or when packing does (the build folder holds what was measured).
    """


@dataclass
class SynthResult:
    """What ``synth`` built: the build folder, its evidence file, the comparison with the predictions.

    ``comparison`` is the content of ``build/comparison.json``: ``{"design": {QUANTITY: {"predicted",
    "measured", "relative_error"}}, "layers": {...}, "layer_order": [...], "warnings": [...]}``.
    """

    build: Path
    evidence: Path
    comparison: Dict[str, Any]
    placed: bool
    warnings: List[str] = field(default_factory=list)

    def table(self) -> str:
        """The comparison as the table ``sc-neurocore synth`` prints."""
        return _core.flow_comparison_table(self.comparison)


def _write_json(folder: str, name: str, value: Any) -> str:
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, sort_keys=True)
    return path


def synth(
    network: Any,
    plan: Any,
    out: PathLike,
    *,
    weights: Any = None,
    device: str = "ice40-hx8k",
    package: Optional[str] = None,
    clock_mhz: Optional[float] = None,
    seed: int = 1,
    jobs: int = 1,
    timeout: float = 0,
    tools: Optional[Dict[str, PathLike]] = None,
    quiet: bool = True,
    force: bool = False,
) -> SynthResult:
    """Build the planned network with the open-source tools into ``out`` (``sc-neurocore synth``).

    ``network`` and ``plan`` are paths, dicts, or (network) LayerProfiles and (plan) the report
    ``SurrogateSCOptimizer.optimise`` returned; ``weights`` paths of .npy / JSON files or arrays (None =
    seeded weights). ``device``/``package``: a catalogue device and one of its packages; ``clock_mhz``: the
    clock constraint (default: the device's calibrated clock); ``seed``: nextpnr's placement seed;
    ``jobs``: layers synthesised at once; ``timeout``: seconds each stage may run (0 = none); ``tools``:
    paths of the tools, e.g. ``{"yosys": "/opt/yosys/bin/yosys", "nextpnr": ...}`` (default: PATH);
    ``quiet=False`` prints the progress lines on stderr; ``force=True`` builds even when the predicted cells
    exceed the device (nextpnr's packer then decides).

    ``out`` is written beside itself and renamed into place. Raises ``ValueError`` for bad input or a
    missing tool (naming the tool and its Debian package), ``DoesNotFitError`` when the design does not fit,
    ``RuntimeError`` naming the stage and its log when a tool fails, ``KeyboardInterrupt`` on Ctrl-C.

    >>> r = synth("examples/network.json", "plan.json", "build/hx8k",
    ...           weights="examples/network_weights.json", clock_mhz=50)  # doctest: +SKIP
    >>> r.comparison["design"]["logic_cells"]["measured"], r.placed  # doctest: +SKIP
    (1581.0, True)
    """
    with tempfile.TemporaryDirectory(prefix="scn-synth-") as scratch:
        if isinstance(network, (str, os.PathLike)):
            network_path = os.fspath(network)
        else:
            network_path = _write_json(scratch, "network.json", _network_json(network)[0])
        if isinstance(plan, (str, os.PathLike)):
            plan_path = os.fspath(plan)
        else:
            plan_path = _write_json(scratch, "plan.json", _plan_json(plan)[0])
        arrays, files = _weights(weights)
        for i, array in enumerate(arrays):
            files.append(os.path.join(scratch, f"weights_{i}.npy"))
            np.save(files[-1], np.ascontiguousarray(array, dtype="<f8"))
        result = _core.flow_synth(
            network_path,
            plan_path,
            files,
            1,
            None,
            str(device),
            "" if package is None else str(package),
            None if clock_mhz is None else float(clock_mhz),
            int(seed),
            os.fspath(out),
            int(jobs),
            float(timeout),
            {str(name): os.fspath(path) for name, path in (tools or {}).items()},
            bool(quiet),
            bool(force),
        )
    build = Path(result["build"])
    return SynthResult(
        build=build,
        evidence=build / "evidence.json",
        comparison=result["comparison"],
        placed=bool(result["placed"]),
        warnings=list(result["warnings"]),
    )
