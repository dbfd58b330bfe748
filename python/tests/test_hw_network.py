"""sc_neurocore.hw: emit_network and simulate, against the CLI and on bad input."""

import json
import subprocess

import numpy as np
import pytest

from conftest import REPO, cli_path
from sc_neurocore.hw import NetworkSimulation, emit_network, simulate

NETWORK = REPO / "examples" / "network.json"
PLAN = {
    "layers": [
        {"id": "encoder", "bitstream_length": 100, "decorrelator": "LFSR", "precision_bits": 6, "mode": "SC"},
        {"id": "decoder", "bitstream_length": 64, "decorrelator": "Sobol", "precision_bits": 5, "mode": "Hybrid"},
    ]
}


def signed_weights(seed=4):
    rng = np.random.default_rng(seed)
    first = rng.normal(size=(16, 16))
    first[rng.random((16, 16)) < 0.3] = 0.0
    return [first, rng.normal(size=(16, 8))]


def test_emit_network_writes_the_folder_and_its_manifest(tmp_path):
    built = emit_network(NETWORK, PLAN, tmp_path / "net", weights=signed_weights())
    assert sorted(p.name for p in (tmp_path / "net").iterdir()) == ["manifest.json", "sc_network.v", "tb_sc_network.v"]
    assert built.manifest["top"] == "sc_network"
    # 16 input words, (100 + 2) + (64 + 2) compute cycles, 8 output words.
    assert built.cycles_per_inference == 16 + 102 + 66 + 8
    assert built.pins == 6 + 6 + 6  # layer 0's 6-bit inputs, the last layer's 5 bits + sign
    assert [layer["activation"]["kind"] for layer in built.manifest["layers"]] == ["relu", "linear"]
    assert built.manifest["layers"][0]["weights"] == "given"


def test_simulate_returns_arrays_and_matches_the_cli(tmp_path):
    weights = signed_weights()
    rng = np.random.default_rng(3)
    inputs = rng.random((20, 16))
    result = simulate(NETWORK, PLAN, inputs, weights=weights)
    assert isinstance(result, NetworkSimulation)
    assert result.raw.shape == (20, 8) and result.raw.dtype == np.int64
    assert result.outputs.shape == result.exact.shape == (20, 8)
    assert result.inputs.shape == (20, 16) and int(result.inputs.max()) <= 63
    assert [layer.id for layer in result.layers] == ["encoder", "decoder"]
    assert 0.0 < result.layers[0].measured_accuracy_score < 1.0
    # The same files through the CLI give the same numbers.
    (tmp_path / "plan.json").write_text(json.dumps(PLAN))
    (tmp_path / "x.json").write_text(json.dumps(inputs.tolist()))
    np.save(tmp_path / "w0.npy", weights[0])
    np.save(tmp_path / "w1.npy", weights[1])
    subprocess.run(
        [cli_path(), "simulate", "--network", str(NETWORK), "--plan", str(tmp_path / "plan.json"),
         "--weights", f"{tmp_path / 'w0.npy'},{tmp_path / 'w1.npy'}", "--inputs", str(tmp_path / "x.json"),
         "--out", str(tmp_path / "y.json")],
        check=True, capture_output=True,
    )
    cli = json.loads((tmp_path / "y.json").read_text())
    assert cli["raw"] == result.raw.tolist()
    assert cli["layers"][1]["measured_accuracy_score"] == result.layers[1].measured_accuracy_score
    assert cli["layers"][1]["snr_db"] == result.layers[1].snr_db
    assert cli["layers"][1]["noise_share"] == result.layers[1].noise_share
    # The score and the SNR say the same: 1 - rmse/std against 10 log10(std^2/rmse^2).
    for layer in result.layers:
        assert 0.0 <= layer.noise_share <= 1.0
        assert layer.measured_accuracy_score == pytest.approx(1.0 - 10.0 ** (-layer.snr_db / 20.0), abs=1e-9)


def test_seeded_weights_are_reproducible_and_the_seed_matters():
    inputs = np.full((3, 16), 0.75)
    first = simulate(NETWORK, PLAN, inputs, seed=5)
    assert np.array_equal(first.raw, simulate(NETWORK, PLAN, inputs, seed=5).raw)
    assert not np.array_equal(first.raw, simulate(NETWORK, PLAN, inputs, seed=6).raw)


def test_bad_input_is_a_value_error_naming_the_layer_and_nothing_is_written(tmp_path):
    with pytest.raises(ValueError, match=r"layer 1 \('decoder'\): weights are 16x4, the network says 16x8"):
        emit_network(NETWORK, PLAN, tmp_path / "net", weights=[np.ones((16, 16)), np.ones((16, 4))])
    with pytest.raises(ValueError, match=r"weight \[0\]\[1\] is not finite"):
        bad = np.ones((16, 16))
        bad[0, 1] = np.nan
        emit_network(NETWORK, PLAN, tmp_path / "net", weights=[bad, np.ones((16, 8))])
    with pytest.raises(ValueError, match=r"plan: layer 'decoder' of the network is not planned"):
        emit_network(NETWORK, {"layers": PLAN["layers"][:1]}, tmp_path / "net")
    assert not (tmp_path / "net").exists()
    with pytest.raises(ValueError, match=r"inputs: vector 1 element 0 = 1.5 is outside \[0, 1\]"):
        simulate(NETWORK, PLAN, [[0.5] * 16, [1.5] + [0.5] * 15], out=tmp_path / "y.json")
    with pytest.raises(ValueError, match=r"inputs: vector 0 has 15 values, the first layer has 16 inputs"):
        simulate(NETWORK, PLAN, [[0.5] * 15])
    assert not (tmp_path / "y.json").exists()


def test_a_plan_report_from_the_optimiser_is_accepted(tmp_path):
    from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
    from sc_neurocore.optimizer.sc_optimizer import HardwareBudget
    from sc_neurocore.optimizer.sc_optimizer import LayerProfile

    network = [LayerProfile("encoder", 256, True, n_inputs=16, n_neurons=16), LayerProfile("decoder", 128, n_inputs=16, n_neurons=8)]
    target = TargetHardwareProfile("ice40", HardwareBudget(max_luts=6000, max_power_mw=50.0))
    report = SurrogateSCOptimizer(target, profile="default").optimise(network)
    built = emit_network(network, report, tmp_path / "net")
    planned = {layer["id"]: layer["bitstream_length"] for layer in built.manifest["layers"]}
    assert planned["encoder"] == report.config["encoder"].bitstream_length
    result = simulate(network, report, np.full((2, 16), 0.5))
    assert result.raw.shape == (2, 8)


def test_simulate_scores_against_a_reference_and_labels_like_the_cli():
    inputs = np.random.default_rng(5).random((24, 16))
    plain = simulate(NETWORK, PLAN, inputs)
    assert plain.end_to_end is None and plain.task_accuracy is None
    labels = plain.exact.argmax(axis=1)
    result = simulate(NETWORK, PLAN, inputs, reference=plain.exact, labels=labels)
    assert result.end_to_end["exact"]["rmse"] == 0.0
    assert result.end_to_end["exact"]["accuracy_score"] == 1.0
    error = result.outputs - plain.exact
    assert result.end_to_end["sc"]["rmse"] == pytest.approx(np.sqrt(np.mean(error**2)), abs=1e-12)
    assert result.end_to_end["sc"]["bias"] == pytest.approx(np.mean(error), abs=1e-12)
    assert result.end_to_end["sc"]["accuracy_score"] == pytest.approx(
        max(0.0, 1.0 - np.sqrt(np.mean(error**2)) / np.std(plain.exact)), abs=1e-9
    )
    assert result.task_accuracy == {
        "sc": pytest.approx(float(np.mean(result.outputs.argmax(axis=1) == labels))),
        "exact": 1.0,
        "vectors": 24,
    }
    with pytest.raises(ValueError, match="labels: vector 0: label must be a class index in \\[0, 8\\)"):
        simulate(NETWORK, PLAN, inputs, labels=[9] * 24)
