"""FPGA resource / energy estimator and device catalogue."""

from sc_neurocore.energy.estimator import (
    DeviceEnergyReport,
    DeviceLayerEstimate,
    EnergyReport,
    LayerEstimate,
    estimate,
)
from sc_neurocore.energy.fpga_models import TARGETS, FPGATarget, ModuleCost

__all__ = [
    "DeviceEnergyReport",
    "DeviceLayerEstimate",
    "EnergyReport",
    "FPGATarget",
    "LayerEstimate",
    "ModuleCost",
    "TARGETS",
    "estimate",
]
