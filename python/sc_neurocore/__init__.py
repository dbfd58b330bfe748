"""SC-NeuroCore optimiser: fit stochastic-computing spiking neural networks onto FPGAs.

Subpackages:

- ``sc_neurocore.optimizer``: ``fit_to_target``, the surrogate SC optimiser and
  the strict measured-evidence loaders;
- ``sc_neurocore.energy``: the FPGA resource/energy estimator and device catalogue;
- ``sc_neurocore.compression``: weight pruning and quantisation.

Every computation runs in the C++ engine (``sc_neurocore._core``); these
modules add the dataclasses and Pythonic signatures.
"""

from sc_neurocore._core import __version__

__all__ = ["__version__"]
