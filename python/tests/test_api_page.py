"""Every Python example of the API page (docs: "Optimiser API"), run verbatim.

The code strings below are copied character for character from the page;
the page's layout puts every line at column 0.
"""

import json
import math
import subprocess
import sys

from conftest import python_env
from sc_neurocore.optimizer import SurrogateOptimizerReport

FIT_TO_TARGET = """\
import numpy as np
from sc_neurocore.optimizer import fit_to_target
weights = [np.ones((32, 16), dtype=np.float32)]
result = fit_to_target(
layer_sizes=[(32, 16)],
weights=weights,
target="ice40",
initial_bitstream_length=256,
)
print(result.summary())
"""

SURROGATE = """\
from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
target = TargetHardwareProfile(
name="ice40-low-power",
budget=HardwareBudget(max_luts=7680, max_power_mw=250.0, max_latency_cycles=4096),
)
network = [
LayerProfile(id="encoder", mac_count=256, is_critical_path=True),
LayerProfile(id="decoder", mac_count=128),
]
report = SurrogateSCOptimizer(target).optimise(network)
"""

LOAD_OBSERVATIONS = """\
from sc_neurocore.optimizer import load_observations
observations = load_observations("benchmarks/results/fpga_power_observations.json")
"""

BUILD_PAYLOAD = """\
from sc_neurocore.optimizer import build_payload_from_reports, write_payload
payload = build_payload_from_reports(
design_path="build/network_design.json",
utilisation_path="build/vivado_utilisation.rpt",
power_path="build/vivado_power.rpt",
timing_path="build/vivado_timing.rpt",
accuracy_score=0.991,
clock_mhz=100.0,
inferences_per_run=1,
)
write_payload(payload, "build/synthesis_observations.json")
"""

CLI_ARGS = [
    "collect-synthesis",
    "--design", "build/network_design.json",
    "--utilisation", "build/vivado_utilisation.rpt",
    "--power", "build/vivado_power.rpt",
    "--timing", "build/vivado_timing.rpt",
    "--accuracy-score", "0.991",
    "--clock-mhz", "100",
    "--inferences-per-run", "1",
    "--out", "build/synthesis_observations.json",
]


def run_example(code):
    namespace = {}
    exec(compile(code, "<api-page>", "exec"), namespace)
    return namespace


def test_fit_to_target_example_prints_the_summary(capsys):
    namespace = run_example(FIT_TO_TARGET)
    printed = capsys.readouterr().out
    # "whether the design fits, final estimated LUT use, selected bitstream
    # length, sparsity, and each optimisation step"; the default profile counts
    # the device's logic cells against the routable budget (85 % of the HX8K) and
    # adds the weight bits, the accuracy score, the clock and the power with their
    # bases (the reference profile prints 3,992 LUTs).
    lines = printed.splitlines()
    result = namespace["result"]
    assert lines[:2] == ["Resource Optimization: ice40", "  Fits: YES"]
    assert lines[2] == (f"  Logic cells: {result.final_luts:,} ICESTORM_LC / 6,528 (85% of 7,680; "
                        f"{result.utilization_pct:.1f}% of the device)")
    assert lines[3:7] == ["  Bitstream length: 256", "  Sparsity: 0.0%", "  Steps taken: 0",
                          "  Weight bits: 8"]
    # Nothing folded: the spatial network's latency (its I/O words and L + 2 for the layer), no block RAM.
    assert result.latency_cycles == 32 + 16 + 256 + 2  # 32 input words, 16 output words, the layer's L + 2
    assert lines[7] == (f"  Latency: {result.latency_cycles:,} cycles ({result.latency_cycles / result.clock_mhz:.1f} "
                        "us), block RAM 0.0 KB")
    assert lines[8] == ("  Accuracy score: 0.9595 (floor 0.80: the layers' signal scores x the share of the "
                        "trained weights kept; not task accuracy)")
    # Estimated at the clock the design meets: 0.85 x its predicted fmax (below the HX8K's calibrated 70 MHz).
    assert lines[9] == (f"  Clock: {result.clock_mhz:.1f} MHz (planned: 0.85 x the predicted fmax {result.fmax_mhz:.1f} "
                        f"MHz), predicted fmax {result.fmax_mhz:.1f} MHz")
    assert result.clock_mhz == min(70.0, math.floor(0.85 * result.fmax_mhz * 10) / 10)
    assert lines[10].startswith(f"  Power: {result.power_mw:.2f} mW within x1.60 (activity: ")
    assert result.fits is True
    assert result.lut_unit == "ICESTORM_LC" and result.target_luts == 6528
    assert result.final_luts > 2182  # more cells than the layer's 2,182 SB_LUT4: carries take cells too
    assert result.profile == "default"
    assert result.shortfall == ""
    assert result.final_bitstream_length == 256
    assert result.final_sparsity == 0.0
    assert result.steps == []
    assert len(result.optimized_weights) == 1


def test_surrogate_example_report_has_every_listed_field():
    report = run_example(SURROGATE)["report"]
    assert isinstance(report, SurrogateOptimizerReport)
    assert list(report.config) == ["encoder", "decoder"]
    assert report.rejected_layers == [] and report.feasible
    assert report.target_name == "ice40-low-power"
    assert report.profile == "default"
    for config in report.config.values():
        # selected bitstream length, decorrelator, precision, LFSR polynomial,
        # estimated LUTs, power, latency, utility score
        assert config.bitstream_length in (64, 128, 256, 512, 1024, 2048)
        assert config.decorrelator in ("None", "LFSR", "Sobol", "Halton", "SCC_Decorrelator")
        assert config.precision_bits in (4, 6, 8, 12, 16)
        assert isinstance(config.lfsr_polynomial, str) and config.lfsr_polynomial
        assert config.luts_used >= 1
        assert config.power_used >= 0.0
        assert config.latency_cycles >= 1
        assert isinstance(config.utility_score, float)
    assert report.total_luts <= 7680 and report.total_power_mw <= 250.0


def test_load_observations_example(api_page_workspace):
    observations = run_example(LOAD_OBSERVATIONS)["observations"]
    assert len(observations) == 1
    assert observations[0].luts_used == 300
    assert observations[0].lfsr_polynomial == "x16+x15+x13+x4+1"


def test_build_payload_example_writes_evidence_with_energy(api_page_workspace):
    namespace = run_example(BUILD_PAYLOAD)
    written = json.loads((api_page_workspace / "build/synthesis_observations.json").read_text())
    assert written == namespace["payload"]
    observation = written["observations"][0]
    assert observation["luts_used"] == 9
    assert observation["power_mw"] == 77.0
    assert observation["accuracy_score"] == 0.991
    assert observation["latency_cycles"] == 128
    # Energy appears because both clock_mhz and inferences_per_run were given.
    assert written["energy"]["clock_mhz"] == 100.0
    assert written["energy"]["inferences_per_run"] == 1
    assert written["source_reports"] == {
        "utilisation": "build/vivado_utilisation.rpt",
        "power": "build/vivado_power.rpt",
        "timing": "build/vivado_timing.rpt",
    }


def test_cli_example_through_python_module_writes_the_same_evidence(api_page_workspace):
    payload = run_example(BUILD_PAYLOAD)["payload"]
    (api_page_workspace / "build/synthesis_observations.json").unlink()
    done = subprocess.run([sys.executable, "-m", "sc_neurocore", *CLI_ARGS], capture_output=True, text=True,
                          env=python_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Evidence written: build/synthesis_observations.json\n"
    assert json.loads((api_page_workspace / "build/synthesis_observations.json").read_text()) == payload
