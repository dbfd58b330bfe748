"""The observation loader rules of reference-behaviour §2 through Python."""

import json
import math

import pytest

from sc_neurocore.optimizer import (ObservationLoadError, load_observations, observation_from_synthesis_reports,
                                    observations_from_payload)

RECORD = {"mac_count": 64, "bitstream_length": 128, "decorrelator": "LFSR", "mode": "SC", "precision_bits": 8,
          "lfsr_polynomial": "x16+x15+x13+x4+1", "luts_used": 300, "power_mw": 1.2, "latency_cycles": 128,
          "accuracy_score": 0.999}


@pytest.mark.parametrize("key", ["observations", "benchmark_observations", "layers", "runs", "results"])
def test_record_lists(key):
    assert observations_from_payload({key: [RECORD]})[0].luts_used == 300


def test_shapes_defaults_and_views():
    assert len(observations_from_payload([RECORD, RECORD])) == 2
    assert observations_from_payload(RECORD)[0].power_mw == 1.2
    design = {k: RECORD[k] for k in ("mac_count", "mode", "precision_bits", "lfsr_polynomial")}
    run = {"compiler": {"bitstream_length": 128, "decorrelator": "LFSR"}, "report": {"luts": 300},
           "power": {"total_power_mw": 1.2}, "timing": {"cycles": 128}, "accuracy": 0.999}
    for defaults in ("design_defaults", "design"):
        observation = observations_from_payload({defaults: design, "runs": [run]})[0]
        assert (observation.luts_used, observation.power_mw, observation.latency_cycles) == (300, 1.2, 128)
    nested = dict(RECORD, report={"luts_used": 2}, power={"luts_used": 5})
    assert observations_from_payload(nested)[0].luts_used == 5


@pytest.mark.parametrize("field, value, message", [
    ("luts_used", True, "luts_used must be an int"),
    ("luts_used", 128.9, "luts_used must be an int"),
    ("latency_cycles", math.nan, "latency_cycles must be an int"),
    ("mac_count", math.inf, "mac_count must be an int"),
    ("precision_bits", -8, "precision_bits must be non-negative"),
    ("power_mw", True, "power_mw must be numeric"),
    ("power_mw", math.nan, "power_mw must be finite"),
    ("accuracy_score", math.inf, "accuracy_score must be finite"),
    ("power_mw", -0.1, "power_mw must be non-negative"),
    ("decorrelator", "", "decorrelator must be a string"),
    ("is_critical_path", "false", "is_critical_path must be a boolean"),
])
def test_rejections(field, value, message):
    with pytest.raises(ObservationLoadError, match=f"obs.json observation 0: {message}"):
        observations_from_payload([dict(RECORD, **{field: value})], source="obs.json")


def test_missing_fields_and_empty_payloads():
    with pytest.raises(ObservationLoadError, match="missing one of luts_used, luts, lut, clb_luts, logic_luts, alm"):
        observations_from_payload([{k: v for k, v in RECORD.items() if k != "luts_used"}])
    with pytest.raises(ObservationLoadError, match="<memory> contains no observation records"):
        observations_from_payload({"observations": []})
    with pytest.raises(ObservationLoadError, match="observation 1: observation record must be a JSON object"):
        observations_from_payload([RECORD, 3])
    with pytest.raises(ObservationLoadError, match="must be a JSON object or list"):
        observations_from_payload("text")


def test_files(tmp_path):
    (tmp_path / "bad.json").write_text("{\"observations\": [")
    with pytest.raises(ObservationLoadError, match="bad.json is not valid JSON: line 1"):
        load_observations(tmp_path / "bad.json")
    (tmp_path / "ok.json").write_text(json.dumps([RECORD]))
    assert load_observations(str(tmp_path / "ok.json"))[0].mac_count == 64


def test_synthesis_reports_are_parsed_by_structure(reports_dir):
    util = (reports_dir / "vivado_util/vocos_post_place_util.rpt").read_text()
    power = (reports_dir / "vivado_power/vocos_post_route_power.rpt").read_text()
    design = {k: RECORD[k] for k in ("mac_count", "bitstream_length", "decorrelator", "mode", "precision_bits",
                                     "lfsr_polynomial")}
    observation = observation_from_synthesis_reports({"util": util, "power": power}, design=design, accuracy_score=0.9,
                                                     latency_cycles=96)
    assert (observation.luts_used, observation.power_mw, observation.latency_cycles) == (9, 77.0, 96)
    with pytest.raises(ObservationLoadError, match="synthesis reports missing power_mw"):
        observation_from_synthesis_reports({"util": util}, design=design, accuracy_score=0.9, latency_cycles=96)
    with pytest.raises(ValueError, match="not a recognised report"):
        observation_from_synthesis_reports({"x": "Total On-Chip Power: 1.5e-3 W"}, design=design, accuracy_score=0.9)
