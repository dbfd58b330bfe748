"""SurrogateSCOptimizer.optimise(validation_inputs=...): the plan re-scored by simulating its network.

No accuracy of the model is pinned: the measurement must be what ``simulate`` gives for the same plan, and
what ``sc-neurocore optimise --validation`` writes for the same data.
"""

import json
import subprocess

import numpy as np
import pytest

from conftest import REPO, cli_path
from sc_neurocore.hw import simulate
from sc_neurocore.optimizer import SurrogateSCOptimizer

NETWORK = REPO / "examples" / "network.json"
WEIGHTS = REPO / "examples" / "network_weights.json"
INPUTS = REPO / "examples" / "network_inputs.json"


def data():
    inputs = np.asarray(json.loads(INPUTS.read_text()))
    rng = np.random.default_rng(11)
    return inputs, rng.normal(size=(len(inputs), 8)), rng.integers(0, 8, size=len(inputs))


def knobs_plan(entry):
    keys = ("id", "bitstream_length", "decorrelator", "lfsr_polynomial", "precision_bits", "mode", "fold")
    return {"layers": [{k: layer[k] for k in keys if k in layer} for layer in entry["layers"]]}


def test_validation_measures_the_plans_as_simulate_does():
    inputs, reference, labels = data()
    report = SurrogateSCOptimizer("ice40-low-power").optimise(
        NETWORK,
        weights=WEIGHTS,
        validation_inputs=inputs,
        validation_reference=reference,
        validation_labels=labels,
        verify_top=2,
    )
    validation = report.to_json()["validation"]
    assert validation["vectors"] == len(inputs)
    assert validation["chosen"]["cells"] == report.total_luts
    assert validation["chosen"]["predicted"]["mean_accuracy"] == report.mean_accuracy
    plans = [(validation["chosen"], report)] + [(entry, knobs_plan(entry)) for entry in validation["verified"]]
    assert len(validation["verified"]) == 2
    assert knobs_plan(validation["verified"][0]) != knobs_plan(validation["verified"][1])
    for entry, plan in plans:
        sim = simulate(NETWORK, plan, inputs, weights=WEIGHTS, reference=reference, labels=labels)
        measured = entry["measured"]
        assert [layer["measured_accuracy_score"] for layer in measured["layers"]] == [
            layer.measured_accuracy_score for layer in sim.layers
        ]
        assert [layer["predicted_accuracy_score"] for layer in measured["layers"]] == [
            layer.predicted_accuracy_score for layer in sim.layers
        ]
        assert measured["end_to_end"] == sim.end_to_end
        assert measured["task_accuracy"] == sim.task_accuracy
        against_exact = simulate(NETWORK, plan, inputs, weights=WEIGHTS, reference=sim.exact)
        assert measured["sc_vs_exact"] == against_exact.end_to_end["sc"]


def test_validation_matches_the_cli(tmp_path):
    inputs, reference, _ = data()
    (tmp_path / "ref.json").write_text(json.dumps(reference.tolist()))
    report = SurrogateSCOptimizer("ice40-low-power").optimise(
        NETWORK, weights=WEIGHTS, validation_inputs=INPUTS, validation_reference=tmp_path / "ref.json", verify_top=3
    )
    subprocess.run(
        [cli_path(), "optimise", "--network", str(NETWORK), "--weights", str(WEIGHTS), "--target-profile",
         "ice40-low-power", "--validation", f"{INPUTS},{tmp_path / 'ref.json'}", "--verify-top", "3",
         "--out", str(tmp_path / "plan.json")],
        check=True, capture_output=True,
    )
    cli = json.loads((tmp_path / "plan.json").read_text())["validation"]
    python = report.to_json()["validation"]
    # The same measurements; only the names of the weights differ (files on the CLI, arrays here).
    assert python["weights"] == "weights" and cli["weights"] == str(WEIGHTS)
    for key in ("chosen", "verified", "vectors", "inputs", "reference", "ranking"):
        assert python[key] == cli[key], key


def test_validation_needs_inputs_and_rejects_bad_vectors():
    optimiser = SurrogateSCOptimizer("ice40-low-power")
    with pytest.raises(ValueError, match="need validation_inputs"):
        optimiser.optimise(NETWORK, verify_top=2)
    inputs, _, _ = data()
    with pytest.raises(ValueError, match="inputs: vector 0 has 15 values, the first layer has 16 inputs"):
        optimiser.optimise(NETWORK, validation_inputs=inputs[:, 1:])
    with pytest.raises(ValueError, match="default profile"):
        SurrogateSCOptimizer("ice40-low-power", profile="reference").optimise(NETWORK, validation_inputs=inputs)
    # Without validation the report is the plain one.
    assert "validation" not in optimiser.optimise(NETWORK).to_json()
