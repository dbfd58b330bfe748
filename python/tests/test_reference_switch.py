"""Under ``SC_NEUROCORE_PROFILE=reference`` (issue 13): the API page's examples and docs/reference-behaviour.md
§2-§3 as the published package gives them, with no ``profile=`` anywhere, as published code calls us."""

import json
import subprocess
import sys

import pytest

from conftest import DESIGN, VIVADO_POWER, VIVADO_TIMING, VIVADO_UTIL, python_env
from test_api_page import BUILD_PAYLOAD, CLI_ARGS, FIT_TO_TARGET, SURROGATE, run_example
from sc_neurocore.optimizer import (
    ObservationLoadError,
    TargetHardwareProfile,
    build_payload_from_reports,
    load_synthesis_observation,
    observation_from_synthesis_reports,
    optimise_from_synthesis_reports,
)
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
from sc_neurocore.optimizer.synthesis_evidence import main

SC_DESIGN = {"mac_count": 256, "bitstream_length": 256, "decorrelator": "Sobol", "mode": "SC",
             "precision_bits": 8, "lfsr_polynomial": "x16+x14+x13+x11+1"}


@pytest.fixture(autouse=True)
def published(monkeypatch):
    monkeypatch.setenv("SC_NEUROCORE_PROFILE", "reference")


def test_api_page_examples_give_the_published_results(capsys, api_page_workspace):
    run_example(FIT_TO_TARGET)
    assert capsys.readouterr().out.splitlines()[:3] == [
        "Resource Optimization: ice40", "  Fits: YES", "  LUTs: 3,992 / 7,680 (52.0%)"]
    report = run_example(SURROGATE)["report"]
    assert report.profile == "reference"
    payload = run_example(BUILD_PAYLOAD)["payload"]
    # The published payload: no provenance, measurements or warnings; the reports read by the text rules.
    assert set(payload) == {"source_reports", "observations", "energy"}
    assert payload["observations"][0]["luts_used"] == 9 and payload["observations"][0]["power_mw"] == 77.0
    assert payload["energy"]["latency_seconds"] == 1.28e-06
    written = (api_page_workspace / "build/synthesis_observations.json").read_text()
    assert written.startswith('{\n  "energy": {\n    "clock_mhz": 100.0,') and written.endswith("}\n")


def test_the_cli_example_writes_the_published_payload(api_page_workspace):
    expected = run_example(BUILD_PAYLOAD)["payload"]
    (api_page_workspace / "build/synthesis_observations.json").unlink()
    done = subprocess.run([sys.executable, "-m", "sc_neurocore", *CLI_ARGS], capture_output=True, text=True,
                          env=python_env())
    assert done.returncode == 0, done.stderr
    assert json.loads((api_page_workspace / "build/synthesis_observations.json").read_text()) == expected


def test_excerpts_are_read_by_the_published_patterns():
    obs = observation_from_synthesis_reports(
        {"utilisation": "| CLB LUTs* | 1,024 | 10% |", "power": "Total On-Chip Power (W): 0.125"},
        design=SC_DESIGN, accuracy_score=0.99, latency_cycles=64)
    assert (obs.luts_used, obs.power_mw, obs.latency_cycles) == (1024, 125.0, 64)
    quartus = observation_from_synthesis_reports(
        {"fit": "ALMs needed [=A-B+C] : 118", "power": "Total thermal power dissipation : 3.2 mW",
         "timing": "Latency: 64 cycles"}, design=SC_DESIGN, accuracy_score=0.9)
    assert (quartus.luts_used, quartus.power_mw, quartus.latency_cycles) == (118, 3.2, 64)
    # The published pitfalls, number for number.
    pitfall = observation_from_synthesis_reports(
        {"u": "Slice LUTs | 7", "p": "Total On-Chip Power (W) : 1.2e-01", "t": "Clock cycles per sample 4 ns"},
        design=SC_DESIGN, accuracy_score=0.9)
    assert (pitfall.power_mw, pitfall.latency_cycles) == (1200.0, 4)
    with pytest.raises(ObservationLoadError, match="<synthesis-reports>: synthesis reports missing power_mw"):
        observation_from_synthesis_reports({"u": "CLB LUTs | 3", "p": "Total On-Chip Power: 1.5e-3 W"},
                                           design=SC_DESIGN, accuracy_score=0.9, latency_cycles=1)
    with pytest.raises(ObservationLoadError, match="observation 0: missing one of latency_cycles, cycles, latency"):
        observation_from_synthesis_reports({"u": "CLB LUTs | 3", "p": "Thermal Power 2 mW\nLatency = 5 cycles"},
                                           design=SC_DESIGN, accuracy_score=0.9)
    # An explicit profile wins over the variable: the default profile parses by structure and refuses these.
    with pytest.raises(ValueError, match="not a recognised report"):
        observation_from_synthesis_reports({"u": "CLB LUTs | 3", "p": "Total On-Chip Power (W): 0.1"},
                                           design=SC_DESIGN, accuracy_score=0.9, latency_cycles=1, profile="default")


def test_report_files_are_read_ignoring_undecodable_bytes(tmp_path):
    util = tmp_path / "util.rpt"
    util.write_bytes(b"Device \xff\xfe\n| CLB LUTs | 2,048 |\n")
    power = tmp_path / "power.rpt"
    power.write_bytes(b"| Total On-Chip Power (W) | 0.250 |\nLatency (cycles): 96\n")
    obs = load_synthesis_observation({"utilisation": util, "power": power}, design=SC_DESIGN, accuracy_score=0.95)
    assert (obs.luts_used, obs.power_mw, obs.latency_cycles) == (2048, 250.0, 96)
    with pytest.raises(FileNotFoundError):
        load_synthesis_observation({"utilisation": tmp_path / "none.rpt"}, design=SC_DESIGN, accuracy_score=0.9)


def test_feedback_loop_case_d(tmp_path):
    # docs/reference-behaviour.md §1.3.12 case D: an SCC layer's report excerpts (1,024 LUTs, 1.2 mW, 64 cycles) fed
    # back for dense0; the parsed latency goes over the design's 128.
    (tmp_path / "util.rpt").write_text("| CLB LUTs | 1,024 | 0 | 53200 | 1.92 |\n")
    (tmp_path / "power.rpt").write_text("| Total On-Chip Power (W) | 0.0012 |\n")
    (tmp_path / "timing.rpt").write_text("Latency: 64 cycles\n")
    result = optimise_from_synthesis_reports(
        network=[LayerProfile("dense0", 128, True)], target=TargetHardwareProfile("d", HardwareBudget(10000, 100.0, 512)),
        design_path=DESIGN, utilisation_path=tmp_path / "util.rpt", power_path=tmp_path / "power.rpt",
        timing_path=tmp_path / "timing.rpt", accuracy_score=0.991)
    assert result.evidence_payload["observations"][0]["luts_used"] == 1024
    assert result.evidence_payload["observations"][0]["latency_cycles"] == 64
    config = result.report.config["dense0"]
    assert (config.mode, config.decorrelator, config.bitstream_length, config.precision_bits) == ("SC", "LFSR", 64, 16)
    assert config.lfsr_polynomial == "x16+x14+x13+x11+1" and config.luts_used == 825
    assert config.accuracy_score == pytest.approx(0.9425, abs=5e-5)
    assert result.report.training_points == 425
    assert "provenance" not in result.evidence_payload


def test_build_payload_needs_a_power_report_and_validates_energy(tmp_path):
    with pytest.raises(ValueError, match="needs a power report"):
        build_payload_from_reports(design_path=DESIGN, utilisation_path=VIVADO_UTIL, accuracy_score=0.9)
    with pytest.raises(ValueError, match="energy requires both --clock-mhz and --inferences-per-run"):
        build_payload_from_reports(design_path=DESIGN, utilisation_path=VIVADO_UTIL, power_path=VIVADO_POWER,
                                   accuracy_score=0.9, clock_mhz=100.0)
    not_object = tmp_path / "design.json"
    not_object.write_text("[1]")
    with pytest.raises(ValueError, match="design metadata must be a JSON object"):
        build_payload_from_reports(design_path=not_object, utilisation_path=VIVADO_UTIL, power_path=VIVADO_POWER,
                                   accuracy_score=0.9)


def test_collector_main_prints_the_published_payload(capsys):
    args = ["--design", str(DESIGN), "--utilisation", str(VIVADO_UTIL), "--power", str(VIVADO_POWER),
            "--accuracy-score", "0.991", "--clock-mhz", "100", "--inferences-per-run", "2"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert list(json.loads(printed)) == ["energy", "observations", "source_reports"]
    assert json.loads(printed)["energy"]["energy_uj_per_inference"] == pytest.approx(
        77.0 / 1000 * 1.28e-06 / 2 * 1e6)
    with pytest.raises(SystemExit) as exited:
        main([*args[:6]])
    assert exited.value.code == 2 and "required: --accuracy-score" in capsys.readouterr().err
