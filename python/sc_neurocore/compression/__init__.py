"""Weight compression: pruning and quantisation."""

from sc_neurocore.compression.pruning import PruningReport, prune_weights
from sc_neurocore.compression.quantization import quantize_weights

__all__ = ["PruningReport", "prune_weights", "quantize_weights"]
