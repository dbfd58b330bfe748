"""sc-neurocore-opt: fit stochastic-computing spiking neural networks onto FPGAs.

A thin Python layer over one C++ engine (``sc_neurocore._core``): the
optimiser API of the published ``sc_neurocore.optimizer`` package, with the
published behaviour available as ``profile="reference"``.
"""

from sc_neurocore._core import __version__

__all__ = ["__version__"]
