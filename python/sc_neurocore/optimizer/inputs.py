"""The inputs ``sc-neurocore optimise`` takes, read the way the CLI reads them.

``load_network`` reads a network manifest (``--network``), ``load_weights`` the trained weight files
(``--weights``) and ``target_profile`` a built-in budget (``--target-profile``), so that a Python script and
the CLI plan the same network from the same files::

    from sc_neurocore.optimizer import SurrogateSCOptimizer, load_network, load_weights, target_profile
    network = load_network("examples/network.json")
    report = SurrogateSCOptimizer(target_profile("ice40-low-power")).optimise(
        network, weights=load_weights(["examples/network_weights.json"]))
"""

from __future__ import annotations

import os
from typing import List, Sequence, Union

import numpy as np

from sc_neurocore import _core
from sc_neurocore.optimizer.sc_optimizer import LayerProfile
from sc_neurocore.optimizer.surrogate_sc_optimizer import TargetHardwareProfile

__all__ = ["load_network", "load_weights", "target_profile"]

PathLike = Union[str, "os.PathLike[str]"]


def load_network(path: PathLike) -> List[LayerProfile]:
    """The layers of a network manifest (``{"layers": [{"id", "mac_count", "n_inputs", "n_neurons", ...}]}``).

    Layers that give ``n_inputs`` and ``n_neurons`` carry their shape, which the default profile costs
    exactly. ValueError naming the file, the layer and the field for a malformed manifest.

    >>> [layer.id for layer in load_network("examples/network.json")]
    ['encoder', 'decoder']
    """
    return list(_core.flow_load_network(os.fspath(path)))


def load_weights(paths: Union[PathLike, Sequence[PathLike]]) -> List[np.ndarray]:
    """Weight matrices from .npy files (one matrix each) and JSON files (a matrix or a list of matrices),
    in order: one array per layer, ``(n_inputs, n_neurons)``, as ``--weights`` reads them.

    >>> [w.shape for w in load_weights("examples/network_weights.json")]
    [(16, 16), (16, 8)]
    """
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    return list(_core.load_weight_files([os.fspath(p) for p in items]))


def target_profile(name: str) -> TargetHardwareProfile:
    """A built-in target budget by name (``sc-neurocore targets`` lists them), as ``--target-profile`` takes it.

    >>> target_profile("ice40-low-power").budget.max_luts
    7680
    """
    return _core.builtin_target_profile(str(name))
