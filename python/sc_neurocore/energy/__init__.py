"""Energy and resource estimation for SC networks on FPGAs."""

from sc_neurocore.energy.estimator import EnergyReport, LayerEstimate, estimate
from sc_neurocore.energy.fpga_models import TARGETS, FPGATarget

__all__ = ["EnergyReport", "FPGATarget", "LayerEstimate", "TARGETS", "estimate"]
