"""C++ errors arrive as the documented Python exception types, message unchanged."""

import pytest

from sc_neurocore.optimizer import ObservationLoadError, SurrogateSCOptimizer, TargetHardwareProfile
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile
from sc_neurocore.optimizer.surrogate_sc_optimizer import _RidgeSurrogate


def test_input_error_is_value_error():
    with pytest.raises(ValueError) as caught:
        SurrogateSCOptimizer(TargetHardwareProfile("t", HardwareBudget(1, 1.0)), bitstream_options=(0, 64))
    assert str(caught.value) == "bitstream_options must be positive integers, got 0"
    assert type(caught.value) is ValueError


def test_state_error_is_runtime_error():
    with pytest.raises(RuntimeError) as caught:
        _RidgeSurrogate().predict([[1.0]])
    assert str(caught.value) == "surrogate is not fitted"


def test_file_errors_are_os_errors(tmp_path):
    from sc_neurocore.optimizer import load_observations, write_payload

    with pytest.raises(FileNotFoundError) as caught:
        load_observations(tmp_path / "none.json")
    assert str(caught.value) == f"{tmp_path / 'none.json'}: no such file"
    with pytest.raises(OSError, match="is a directory"):
        write_payload({"a": 1}, tmp_path)


def test_observation_load_error_type_and_message():
    from sc_neurocore.optimizer import observations_from_payload

    with pytest.raises(ObservationLoadError) as caught:
        observations_from_payload("text", source="s.json")
    assert type(caught.value) is ObservationLoadError
    assert str(caught.value) == "s.json: observation payload must be a JSON object or list"


def test_duplicate_layer_ids():
    optimizer = SurrogateSCOptimizer(TargetHardwareProfile("t", HardwareBudget(1000, 1.0)))
    with pytest.raises(ValueError, match="layer 1 has duplicate id 'a'"):
        optimizer.optimise([LayerProfile("a", 1), LayerProfile("a", 2)])


def test_wrong_value_types_name_the_field():
    with pytest.raises(TypeError, match=r"HardwareBudget\.max_luts must be an int, got str"):
        SurrogateSCOptimizer(TargetHardwareProfile("t", HardwareBudget("1000", 1.0)))
    with pytest.raises(TypeError, match=r"LayerProfile\.is_critical_path must be a bool, got int"):
        SurrogateSCOptimizer(TargetHardwareProfile("t", HardwareBudget(1000, 1.0))).optimise([LayerProfile("a", 1, 1)])
    with pytest.raises(TypeError, match=r"HardwareBudget\.max_power_mw must be a number, got bool"):
        SurrogateSCOptimizer(TargetHardwareProfile("t", HardwareBudget(1000, True)))


def test_numpy_scalars_are_accepted():
    import numpy as np

    target = TargetHardwareProfile("t", HardwareBudget(np.int64(20000), np.float32(100.0)))
    report = SurrogateSCOptimizer(target).optimise([LayerProfile("a", np.int32(16), np.bool_(True))])
    assert report.feasible


def test_a_bias_vector_among_the_weights_says_biases_are_not_supported():
    # What scikit-learn's MLP gives: coefs_ and intercepts_ interleaved by a user who passes both.
    import numpy as np

    from sc_neurocore.hw import emit_network

    w1, b1 = np.ones((4, 3)), np.zeros(3)
    target = TargetHardwareProfile("t", HardwareBudget(max_luts=7680, max_power_mw=250.0))
    network = [LayerProfile("a", n_inputs=4, n_neurons=3)]
    with pytest.raises(ValueError, match=r"weights\[1\] has shape \(3,\): .*bias vector; biases are not supported"):
        SurrogateSCOptimizer(target).optimise(network, weights=[w1, b1])
    with pytest.raises(ValueError, match=r"weights\[1\] has shape \(3,\)"):
        emit_network(network, {"layers": []}, "unused", weights=[w1, b1])
    with pytest.raises(ValueError, match=r"weights\[0\] is not a rectangular matrix"):
        SurrogateSCOptimizer(target).optimise(network, weights=[[[1.0, 2.0], [3.0]]])


def test_a_shaped_layer_needs_no_mac_count():
    layer = LayerProfile("a", n_inputs=16, n_neurons=8)
    assert layer.mac_count == 128
    with pytest.raises(TypeError, match="give mac_count, or n_inputs and n_neurons"):
        LayerProfile("b")
