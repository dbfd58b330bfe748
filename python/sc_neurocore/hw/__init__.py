"""The hardware of a planned network.

``emit_network`` writes the whole network as Verilog (``sc_network.v``), an
Icarus Verilog testbench and a manifest; ``simulate`` runs the same network bit
for bit on input vectors and compares it with its exact counterpart. Both take
the network manifest and the plan as paths, dicts, or (for the plan) the report
``SurrogateSCOptimizer.optimise`` returned. See docs/network.md.

Example::

    from sc_neurocore.hw import emit_network, simulate
    build = emit_network("examples/network.json", "plan.json", "build/net")
    result = simulate("examples/network.json", "plan.json", [[0.5] * 16])
    result.raw, result.outputs, result.layers[0].measured_accuracy_score
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from sc_neurocore import _core

__all__ = ["EmittedNetwork", "LayerAccuracy", "NetworkSimulation", "emit_network", "simulate"]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass
class LayerAccuracy:
    """One layer's accuracy on the simulated inputs, next to the plan's prediction."""

    id: str
    predicted_accuracy_score: float
    measured_accuracy_score: float
    rmse: float
    bias: float


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
    config = getattr(plan, "config", None)
    if isinstance(config, dict):  # a SurrogateOptimizerReport
        layers = [
            {
                "id": layer_id,
                "bitstream_length": c.bitstream_length,
                "decorrelator": c.decorrelator,
                "lfsr_polynomial": c.lfsr_polynomial,
                "precision_bits": c.precision_bits,
                "mode": c.mode,
            }
            for layer_id, c in config.items()
        ]
        return {"layers": layers, "rejected_layers": list(getattr(plan, "rejected_layers", []))}, "plan"
    return _json_source(plan, "plan")


def _weights(weights: Any) -> Tuple[List[np.ndarray], List[str]]:
    if weights is None:
        return [], []
    if isinstance(weights, (str, os.PathLike)):
        return [], [os.fspath(weights)]
    items = list(weights)
    if items and all(isinstance(w, (str, os.PathLike)) for w in items):
        return [], [os.fspath(w) for w in items]
    return [np.asarray(w, dtype=np.float64) for w in items], []


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
    network_value, network_source = _network_json(network)
    plan_value, plan_source = _plan_json(plan)
    arrays, files = _weights(weights)
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
) -> NetworkSimulation:
    """Simulate the generated network bit for bit on ``inputs`` (vectors of reals in [0, 1]).

    Returns the raw output words, their decoded values, the exact network's outputs and each
    layer's measured accuracy score next to the plan's prediction. ``out``, ``hex_inputs`` and
    ``hex_outputs`` also write the CLI's JSON and the testbench's files.

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
    )
    layers = [
        LayerAccuracy(
            l["id"], l["predicted_accuracy_score"], l["measured_accuracy_score"], l["rmse"], l["bias"]
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
    )
