"""FPGA resource / energy estimator and device catalogue."""

from sc_neurocore.energy.estimator import EnergyReport, LayerEstimate, estimate
from sc_neurocore.energy.fpga_models import TARGETS, FPGATarget, ModuleCost

__all__ = ["EnergyReport", "FPGATarget", "LayerEstimate", "ModuleCost", "TARGETS", "estimate"]
