"""docs/reference-behaviour.md §2 (observation loader) through Python, with the
newest strict numeric rules."""

import copy
import json
import math

import pytest

from conftest import EVIDENCE, VIVADO_POWER, VIVADO_UTIL
from sc_neurocore.optimizer import (
    BenchmarkObservation,
    ObservationLoadError,
    load_observations,
    load_synthesis_observation,
    observation_from_synthesis_reports,
    observations_from_payload,
)

RECORD = {
    "mac_count": 64, "bitstream_length": 128, "decorrelator": "LFSR", "mode": "SC", "precision_bits": 8,
    "lfsr_polynomial": "x16+x15+x13+x4+1", "luts_used": 300, "power_mw": 1.2, "latency_cycles": 128,
    "accuracy_score": 0.999,
}
COMPLETE = BenchmarkObservation(64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999, False)


def record(**changes):
    result = copy.deepcopy(RECORD)
    for key, value in changes.items():
        if value is KeyError:
            del result[key]
        else:
            result[key] = value
    return result


def test_payload_shapes():
    assert observations_from_payload([record()]) == [COMPLETE]
    for key in ("observations", "benchmark_observations", "layers", "runs", "results"):
        assert len(observations_from_payload({key: [record(), record()]})) == 2
    first = {"results": [record(luts_used=999)], "observations": [record()], "runs": "not a list"}
    assert observations_from_payload(first)[0].luts_used == 300
    assert observations_from_payload({"observations": "none", "layers": [record(luts_used=7)]})[0].luts_used == 7
    assert observations_from_payload(record()) == [COMPLETE]
    assert observations_from_payload(record(luts_used=KeyError, report={"luts_used": 300})) == [COMPLETE]
    assert observations_from_payload(record(power_mw=KeyError, measurement={"power_mw": 1.2})) == [COMPLETE]


def test_defaults_and_shallow_merge():
    design = {k: v for k, v in RECORD.items() if k not in ("luts_used", "power_mw", "latency_cycles", "accuracy_score")}
    measured = {"luts_used": 300, "power_mw": 1.2, "latency_cycles": 128, "accuracy_score": 0.999}
    assert observations_from_payload({"design_defaults": design, "observations": [measured]}) == [COMPLETE]
    assert observations_from_payload({"design": design, "observations": [measured]}) == [COMPLETE]
    assert observations_from_payload({"design_defaults": {}, "design": design, "runs": [measured]}) == [COMPLETE]
    own = dict(measured, bitstream_length=256)
    assert observations_from_payload({"design": design, "runs": [own]})[0].bitstream_length == 256


def test_payload_rejections():
    cases = [
        ([record(), 3], "e.json observation 1: observation record must be a JSON object"),
        ([], "e.json contains no observation records"),
        ({"observations": []}, "e.json contains no observation records"),
        ({"note": "nothing here"}, "e.json contains no observation records"),
        ("text", "e.json: observation payload must be a JSON object or list"),
        (3.5, "e.json: observation payload must be a JSON object or list"),
    ]
    for payload, message in cases:
        with pytest.raises(ObservationLoadError) as caught:
            observations_from_payload(payload, source="e.json")
        assert message in str(caught.value)
    with pytest.raises(ObservationLoadError, match="<memory>: observation record must be a JSON object"):
        observations_from_payload({"design": [1], "runs": [record()]})


def test_nested_views_precedence():
    nested = record(design={"bitstream_length": 256}, candidate={"bitstream_length": 512, "mode": "Hybrid"})
    observation = observations_from_payload(nested)[0]
    assert (observation.bitstream_length, observation.mode) == (256, "Hybrid")
    nested.update(
        measurement={"luts_used": 1}, report={"luts_used": 2}, resources={"luts_used": 3},
        timing={"luts_used": 4, "latency_cycles": 77}, power={"luts_used": 5, "power_mw": 9.5},
    )
    observation = observations_from_payload(nested)[0]
    assert (observation.luts_used, observation.latency_cycles, observation.power_mw) == (5, 77, 9.5)
    assert observations_from_payload(record(power=12.0))[0].power_mw == 1.2


@pytest.mark.parametrize(
    "field,aliases",
    [
        ("luts_used", ["luts", "lut", "clb_luts", "logic_luts", "alm"]),
        ("power_mw", ["total_power_mw", "total_on_chip_power_mw", "thermal_power_mw"]),
        ("latency_cycles", ["cycles", "latency"]),
        ("accuracy_score", ["accuracy", "score", "parity_score"]),
    ],
)
def test_aliases(field, aliases):
    for alias in aliases:
        observation = observations_from_payload([record(**{field: KeyError, alias: 42})])[0]
        assert getattr(observation, field) == 42
    missing = "missing one of " + ", ".join([field, *aliases])
    with pytest.raises(ObservationLoadError, match=f"obs.json observation 0: {missing}"):
        observations_from_payload([record(**{field: KeyError})], source="obs.json")


@pytest.mark.parametrize("field", ["mac_count", "bitstream_length", "decorrelator", "mode", "precision_bits",
                                   "lfsr_polynomial"])
def test_missing_single_fields(field):
    with pytest.raises(ObservationLoadError, match=f"obs.json observation 1: missing {field}"):
        observations_from_payload([record(), record(**{field: KeyError})], source="obs.json")


@pytest.mark.parametrize("field", ["mac_count", "bitstream_length", "precision_bits", "luts_used", "latency_cycles"])
def test_integer_fields_reject_booleans_fractions_non_finite_and_negatives(field):
    cases = [(True, "must be an int"), (128.9, "must be an int"), (math.nan, "must be an int"),
             (math.inf, "must be an int"), (-math.inf, "must be an int"), ("300", "must be an int"),
             (None, "must be an int"), (-3, "must be non-negative")]
    for value, problem in cases:
        with pytest.raises(ObservationLoadError, match=f"o.json observation 0: {field} {problem}"):
            observations_from_payload(record(**{field: value}), source="o.json")
    assert observations_from_payload(record(**{field: 128.0}))[0] is not None  # integral floats are accepted


@pytest.mark.parametrize("field", ["power_mw", "accuracy_score"])
def test_float_fields_reject_booleans_non_finite_and_negatives(field):
    cases = [(True, "must be numeric"), ("1.5", "must be numeric"), (None, "must be numeric"),
             (math.nan, "must be finite"), (math.inf, "must be finite"), (-0.5, "must be non-negative")]
    for value, problem in cases:
        with pytest.raises(ObservationLoadError, match=f"o.json observation 0: {field} {problem}"):
            observations_from_payload(record(**{field: value}), source="o.json")
    assert observations_from_payload(record(accuracy_score=1.5))[0].accuracy_score == 1.5  # no range check


@pytest.mark.parametrize("field", ["decorrelator", "mode", "lfsr_polynomial"])
def test_string_fields(field):
    for value in ("", 3, None, ["LFSR"]):
        with pytest.raises(ObservationLoadError, match=f"{field} must be a string"):
            observations_from_payload(record(**{field: value}), source="o.json")


def test_is_critical_path_must_be_a_boolean():
    assert observations_from_payload(record(is_critical_path=True))[0].is_critical_path is True
    for value in ("false", 1, None):
        with pytest.raises(ObservationLoadError, match="o.json observation 0: is_critical_path must be a boolean"):
            observations_from_payload(record(is_critical_path=value), source="o.json")


def test_first_failing_field_in_table_order():
    with pytest.raises(ObservationLoadError, match="bitstream_length must be non-negative"):
        observations_from_payload(record(power_mw=-1, bitstream_length=-1))


def test_alias_named_in_errors():
    with pytest.raises(ObservationLoadError, match="alm must be an int"):
        observations_from_payload([record(luts_used=KeyError, alm=True)])


def test_observation_load_errors_are_value_errors():
    with pytest.raises(ValueError):
        observations_from_payload([])


def test_load_observations_files(tmp_path):
    (tmp_path / "ok.json").write_text(json.dumps({"observations": [RECORD]}))
    assert load_observations(tmp_path / "ok.json") == [COMPLETE]
    assert load_observations(str(tmp_path / "ok.json")) == [COMPLETE]
    with pytest.raises(FileNotFoundError, match="missing.json: no such file"):
        load_observations(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text('{"observations": [\n  {"mac_count": 1,}\n]}')
    with pytest.raises(ObservationLoadError, match="bad.json is not valid JSON: line 2, column 19"):
        load_observations(tmp_path / "bad.json")
    (tmp_path / "empty.json").write_text("")
    with pytest.raises(ObservationLoadError, match="empty.json: file is empty"):
        load_observations(tmp_path / "empty.json")
    (tmp_path / "latin1.json").write_bytes(b'{"note": "0 \xb0C"}')
    with pytest.raises(ObservationLoadError, match="latin1.json: file is not UTF-8 text"):
        load_observations(tmp_path / "latin1.json")
    with pytest.raises(ObservationLoadError, match="is a directory"):
        load_observations(tmp_path)


def test_fixture_files():
    assert load_observations(EVIDENCE / "case_b_observation.json") == [COMPLETE]


def test_synthesis_reports_from_text_and_files():
    design = json.loads((EVIDENCE / "design_sc_layer.json").read_text())
    reports = {"utilisation": VIVADO_UTIL.read_text(), "power": VIVADO_POWER.read_text()}
    observation = observation_from_synthesis_reports(reports, design=design, accuracy_score=0.991)
    assert isinstance(observation, BenchmarkObservation)
    assert (observation.luts_used, observation.power_mw, observation.latency_cycles) == (9, 77.0, 128)
    assert (observation.decorrelator, observation.is_critical_path, observation.accuracy_score) == (
        "SCC_Decorrelator", True, 0.991,
    )
    explicit = observation_from_synthesis_reports(reports, design=design, accuracy_score=0.991, latency_cycles=64)
    assert explicit.latency_cycles == 64
    from_files = load_synthesis_observation({"utilisation": VIVADO_UTIL, "power": str(VIVADO_POWER)}, design=design,
                                            accuracy_score=0.991)
    assert from_files == observation


def test_synthesis_reports_missing_metrics():
    design = json.loads((EVIDENCE / "design_sc_layer.json").read_text())
    with pytest.raises(ObservationLoadError, match="<synthesis-reports>: synthesis reports missing power_mw"):
        observation_from_synthesis_reports({"utilisation": VIVADO_UTIL.read_text()}, design=design, accuracy_score=0.9)
    with pytest.raises(ObservationLoadError, match="design metadata must be a JSON object"):
        observation_from_synthesis_reports({"utilisation": VIVADO_UTIL.read_text(), "power": VIVADO_POWER.read_text()},
                                           design=[1], accuracy_score=0.9)
