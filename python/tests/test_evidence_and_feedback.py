"""docs/reference-behaviour.md §3 (synthesis evidence) and §1.7 (feedback loop) through Python."""

import json

import pytest

from conftest import DESIGN, EVIDENCE, VIVADO_POWER, VIVADO_TIMING, VIVADO_UTIL
from sc_neurocore.optimizer import (
    BenchmarkObservation,
    SurrogateSCOptimizer,
    TargetHardwareProfile,
    build_payload_from_reports,
    optimise_from_evidence_payload,
    optimise_from_synthesis_reports,
    write_payload,
)
from sc_neurocore.optimizer import feedback_loop
from sc_neurocore.optimizer.feedback_loop import SynthesisFeedbackResult
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
from sc_neurocore.optimizer.synthesis_evidence import energy_payload, load_design, observation_to_record

TARGET = TargetHardwareProfile("d", HardwareBudget(10000, 100.0, 512))
DENSE0 = [LayerProfile("dense0", 128, True)]


def vocos_payload(**extra):
    return build_payload_from_reports(design_path=DESIGN, utilisation_path=VIVADO_UTIL, power_path=VIVADO_POWER,
                                      timing_path=VIVADO_TIMING, accuracy_score=0.991, **extra)


def test_payload_from_vivado_triple():
    payload = vocos_payload(clock_mhz=100.0, inferences_per_run=2)
    assert payload["observations"] == [{
        "accuracy_score": 0.991, "bitstream_length": 64, "decorrelator": "SCC_Decorrelator",
        "is_critical_path": True, "latency_cycles": 128, "lfsr_polynomial": "none", "luts_used": 9,
        "mac_count": 128, "mode": "SC", "power_mw": 77.0, "precision_bits": 16,
    }]
    assert payload["source_reports"] == {"utilisation": str(VIVADO_UTIL), "power": str(VIVADO_POWER),
                                         "timing": str(VIVADO_TIMING)}
    assert payload["energy"]["latency_seconds"] == 1.28e-06
    assert payload["energy"]["inferences_per_run"] == 2
    assert set(payload["provenance"]) == {"utilisation", "power", "timing"}
    assert payload["provenance"]["power"]["tool"] == "vivado"
    assert len(payload["provenance"]["power"]["sha256"]) == 64
    assert "energy" not in vocos_payload()


def test_energy_payload_published_example():
    observation = BenchmarkObservation(1, 64, "None", "SC", 8, "none", 1, 125.0, 128, 0.9)
    energy = energy_payload(observation, clock_mhz=100.0, inferences_per_run=2)
    assert energy == {"clock_mhz": 100.0, "inferences_per_run": 2, "latency_seconds": 1.28e-06,
                      "total_energy_uj": 0.16, "energy_uj_per_inference": 0.08}
    assert energy_payload(observation, clock_mhz=None, inferences_per_run=None) is None
    with pytest.raises(ValueError, match="energy requires both --clock-mhz and --inferences-per-run"):
        energy_payload(observation, clock_mhz=100.0, inferences_per_run=None)
    with pytest.raises(ValueError, match="clock_mhz must be positive"):
        energy_payload(observation, clock_mhz=0.0, inferences_per_run=1)
    with pytest.raises(ValueError, match="clock_mhz must be positive and finite"):
        energy_payload(observation, clock_mhz=float("nan"), inferences_per_run=1)
    with pytest.raises(ValueError, match="energy requires both"):
        vocos_payload(clock_mhz=100.0)


def test_write_payload_to_file_and_stdout(tmp_path, capfd):
    payload = {"energy": {"latency_seconds": 1.28e-06, "clock_mhz": 100.0}, "observations": [{"b": 1, "a": "µ"}]}
    target = tmp_path / "new" / "folder" / "evidence.json"
    write_payload(payload, target)
    expected = (
        '{\n  "energy": {\n    "clock_mhz": 100.0,\n    "latency_seconds": 1.28e-06\n  },\n'
        '  "observations": [\n    {\n      "a": "\\u00b5",\n      "b": 1\n    }\n  ]\n}\n'
    )
    assert target.read_text() == expected
    assert json.dumps(payload, indent=2, sort_keys=True) + "\n" == expected
    write_payload(payload, None)
    assert capfd.readouterr().out == expected


def test_write_payload_refuses_values_json_cannot_hold(tmp_path):
    with pytest.raises(TypeError, match=r"payload\['x'\]: object of type set is not JSON serializable"):
        write_payload({"x": {1}}, tmp_path / "a.json")
    with pytest.raises(TypeError, match="keys must be str"):
        write_payload({1: 2}, tmp_path / "a.json")
    assert not (tmp_path / "a.json").exists()


def test_design_and_record_helpers(tmp_path):
    assert load_design(DESIGN)["decorrelator"] == "SCC_Decorrelator"
    (tmp_path / "list.json").write_text("[1]")
    with pytest.raises(ValueError, match="list.json: design metadata must be a JSON object"):
        load_design(tmp_path / "list.json")
    with pytest.raises(FileNotFoundError):
        load_design(tmp_path / "absent.json")
    observation = BenchmarkObservation(64, 128, "LFSR", "SC", 8, "x", 300, 1.2, 128, 0.999, True)
    record = observation_to_record(observation)
    assert len(record) == 11 and record["is_critical_path"] is True and record["power_mw"] == 1.2


def test_feedback_from_reports_reruns_the_optimiser():
    result = optimise_from_synthesis_reports(
        network=DENSE0, target=TARGET, design_path=DESIGN, utilisation_path=VIVADO_UTIL, power_path=VIVADO_POWER,
        accuracy_score=0.991, timing_path=VIVADO_TIMING, profile="reference",
    )
    assert isinstance(result, SynthesisFeedbackResult)
    assert result.observations == (BenchmarkObservation(128, 64, "SCC_Decorrelator", "SC", 16, "none", 9, 77.0, 128,
                                                        0.991, True),)
    assert result.evidence_payload["observations"][0]["luts_used"] == 9
    assert result.report.training_points == 425
    assert result.report.profile == "reference"


def test_feedback_looks_the_optimiser_up_when_it_runs(monkeypatch):
    payload = json.loads((EVIDENCE / "case_d_feedback.json").read_text())
    seen = {}

    class Silent:
        def __init__(self, target, *, observations=()):
            seen["target"], seen["observations"] = target, observations

        def optimise(self, network):
            return None

    monkeypatch.setattr(feedback_loop, "SurrogateSCOptimizer", Silent)
    with pytest.raises(RuntimeError, match="surrogate optimiser returned no report"):
        optimise_from_evidence_payload(network=DENSE0, target=TARGET, payload=payload)
    assert seen["target"] is TARGET and len(seen["observations"]) == 1

    monkeypatch.setattr(feedback_loop, "SurrogateSCOptimizer", SurrogateSCOptimizer)
    assert optimise_from_evidence_payload(network=DENSE0, target=TARGET, payload=payload).report.feasible


def test_feedback_payload_errors_are_observation_load_errors():
    from sc_neurocore.optimizer import ObservationLoadError

    with pytest.raises(ObservationLoadError, match="<memory> contains no observation records"):
        optimise_from_evidence_payload(network=DENSE0, target=TARGET, payload={"observations": []})


def test_yosys_and_nextpnr_give_measurements_and_no_invented_power():
    from conftest import REPORTS
    payload = build_payload_from_reports(design_path=DESIGN,
                                         utilisation_path=REPORTS / "yosys" / "project5_ice40_yosys0.9.log",
                                         timing_path=REPORTS / "nextpnr" / "project5_ice40_nextpnr.log",
                                         accuracy_score=0.97)
    measured = payload["measurements"]
    assert (measured["luts_used"], measured["lut_unit"], measured["ffs_used"]) == (3351, "LUT4", 1119)
    assert (measured["carry_cells"], measured["bram_used"]) == (770, 4.0)
    assert measured["fmax_mhz"] == {"display.refresh_tick": 131.94, "clk$SB_IO_IN_$glb_clk": 14.75}
    assert "total_power_mw" not in measured
    assert payload["missing"] == ["power_mw"] and payload["observations"] == []
    # The feedback loop accepts it and plans without observations.
    result = optimise_from_evidence_payload(network=DENSE0, target=TARGET, payload=payload)
    assert len(result.observations) == 0 and "dense0" in result.report.config
