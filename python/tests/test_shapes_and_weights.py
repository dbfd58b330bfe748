"""Issue 11 through Python: LayerProfile shapes and trained weights in the default profile's plans."""

from types import SimpleNamespace

import numpy as np
import pytest

from sc_neurocore.optimizer import SurrogateSCOptimizer, TargetHardwareProfile
from sc_neurocore.optimizer.sc_optimizer import HardwareBudget, LayerProfile

TARGET = TargetHardwareProfile("t", HardwareBudget(7000, 500.0, 0))


def plan(network, **kwargs):
    return SurrogateSCOptimizer(TARGET).optimise(network, **kwargs)


def layer_cells(report, layer_id):
    return report.config[layer_id].luts_used


def test_published_positional_construction_is_unchanged():
    layer = LayerProfile("a", 256, True)
    assert (layer.id, layer.mac_count, layer.is_critical_path) == ("a", 256, True)
    assert layer.n_inputs is None and layer.n_neurons is None
    assert LayerProfile("a", 256) == LayerProfile(id="a", mac_count=256, is_critical_path=False)
    # Objects with only the published fields still work.
    duck = SimpleNamespace(id="a", mac_count=256, is_critical_path=False)
    assert plan([duck]).config == plan([LayerProfile("a", 256)]).config


def test_a_shaped_layer_costs_its_shape():
    # 256 MACs without a shape are costed as the square guess 16 x 16: the same as giving 16 x 16.
    square = plan([LayerProfile("a", 256, n_inputs=16, n_neurons=16)])
    guessed = plan([LayerProfile("a", 256)])
    tall = plan([LayerProfile("a", 256, n_inputs=64, n_neurons=4)])
    assert square.feasible and tall.feasible
    assert square.config == guessed.config
    assert square.total_luts == guessed.total_luts
    assert tall.config["a"] != square.config["a"]


def test_shape_errors_are_value_errors():
    with pytest.raises(ValueError, match=r"layer 0 \('a'\): mac_count 100 != n_inputs 16 x n_neurons 8 = 128"):
        plan([LayerProfile("a", 100, n_inputs=16, n_neurons=8)])
    with pytest.raises(ValueError, match=r"layer 1 \('b'\): n_neurons missing \(n_inputs is given"):
        plan([LayerProfile("a", 4), LayerProfile("b", 128, n_inputs=16)])


def test_reference_profile_ignores_shapes_and_refuses_weights():
    optimizer = SurrogateSCOptimizer(TARGET, profile="reference")
    shaped = optimizer.optimise([LayerProfile("a", 256, True, 64, 4), LayerProfile("b", 192)])
    plain = optimizer.optimise([LayerProfile("a", 256, True), LayerProfile("b", 192)])
    assert shaped == plain
    with pytest.raises(ValueError, match="weights need the default profile"):
        optimizer.optimise([LayerProfile("a", 4)], weights=[np.ones((2, 2))])
    with pytest.raises(ValueError, match="weights need the default profile"):
        optimizer.pareto_frontier([LayerProfile("a", 4)], weights=[np.ones((2, 2))])


def spread(n, m, zero_every=0):
    values = np.array([-1.0 + 2.0 * ((k * 37) % 101 + 1) / 102.0 for k in range(n * m)])
    if zero_every:
        values[::zero_every] = 0.0
    return values.reshape(n, m)


def test_weights_change_the_plan_and_are_not_modified():
    network = [LayerProfile("enc", 512, True, 32, 16), LayerProfile("dec", 128)]
    dense = [spread(32, 16), spread(16, 8)]
    half = [spread(32, 16, 2), spread(16, 8, 2)]
    before = [w.copy() for w in half]
    optimizer = SurrogateSCOptimizer(TARGET, bitstream_options=[256], precision_options=[8])
    without = optimizer.optimise(network)
    with_dense = optimizer.optimise(network, weights=dense)
    with_half = optimizer.optimise(network, weights=half)
    assert with_half.total_luts < with_dense.total_luts
    assert with_half.total_luts < without.total_luts
    assert all(np.array_equal(a, b) for a, b in zip(half, before))
    # Nested lists are matrices too, and float32 arrays are read as they are.
    as_lists = optimizer.optimise(network, weights=[w.tolist() for w in half])
    as_float32 = optimizer.optimise(network, weights=[w.astype(np.float32) for w in half])
    assert as_lists == with_half
    assert as_float32.feasible
    frontier = optimizer.pareto_frontier(network, weights=half, max_points=50)
    assert frontier.plans and min(p.total_luts for p in frontier.plans) <= with_half.total_luts


def test_weight_errors_name_the_matrix_the_layer_and_both_shapes():
    network = [LayerProfile("enc", 256, True, 16, 16)]
    with pytest.raises(ValueError, match=r"weights\[0\]: layer 0 \('enc'\): weights are 16x4, the network says 16x16"):
        plan(network, weights=[np.ones((16, 4))])
    with pytest.raises(ValueError, match="weights: 2 matrices for a network of 1 layer"):
        plan(network, weights=[np.ones((16, 16)), np.ones((2, 2))])
    bad = np.ones((16, 16))
    bad[3, 7] = np.inf
    with pytest.raises(ValueError, match=r"weights\[0\]: layer 0 \('enc'\): weight \[3\]\[7\] is not finite \(inf\)"):
        plan(network, weights=[bad])
    with pytest.raises(ValueError, match=r"weights\[0\] has shape \(256,\): .*bias vector"):
        plan(network, weights=[np.ones(256)])
