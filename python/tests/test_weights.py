"""Weights are NumPy arrays in and out; inputs are never modified; dtypes and shapes are checked."""

import numpy as np
import pytest

from sc_neurocore.compression import prune_weights, quantize_weights
from sc_neurocore.optimizer import fit_to_target


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtypes_accepted_and_kept(dtype):
    rng = np.random.default_rng(3)
    weights = [rng.standard_normal((8, 4)).astype(dtype)]
    before = [w.copy() for w in weights]
    pruned, report = prune_weights(weights, threshold=0.5)
    quantised = quantize_weights(weights, bits=4)
    result = fit_to_target([(8, 4)], weights, max_iterations=2, min_bitstream_length=256, profile="reference")
    for arrays in (pruned, quantised, result.optimized_weights):
        assert arrays[0].dtype == dtype and arrays[0].shape == (8, 4)
    np.testing.assert_array_equal(weights[0], before[0])  # never mutated
    assert report.original_params == 32 and report.pruned_params == int(np.sum(np.abs(before[0]) <= 0.5))


def test_float32_arithmetic_like_numpy():
    w = np.array([[0.3, -0.7, 0.05]], dtype=np.float32)
    expected = np.clip(np.round(w / np.float32(0.7 / 7)) * np.float32(0.7 / 7), -0.7, 0.7).astype(np.float32)
    np.testing.assert_allclose(quantize_weights([w], bits=4)[0], expected, rtol=0, atol=1e-7)


def test_transposed_and_non_contiguous_weights():
    base = np.arange(32, dtype=np.float64).reshape(8, 4)
    assert fit_to_target([(4, 8)], [base], profile="reference").fits  # the transpose of 4x8
    strided = np.asfortranarray(base)
    assert prune_weights([strided], 3.0)[1].pruned_params == 4


@pytest.mark.parametrize("bad, error, message", [
    (np.ones((4, 2), dtype=np.int64), TypeError, "weights\\[0\\] has dtype int64"),
    (np.ones((4, 2), dtype=np.float16), TypeError, "has dtype float16"),
    ([[1.0, 2.0]], TypeError, "must be a NumPy array"),
    (np.ones((4, 3)), ValueError, r"weights 0 have shape \(4, 3\), expected \(4, 2\)"),
    (np.ones(8), ValueError, r"shape \(8,\)"),
    (np.array([[1.0, np.nan], [0, 0], [0, 0], [0, 0]]), ValueError, "not finite"),
])
def test_rejected_inputs(bad, error, message):
    with pytest.raises(error, match=message):
        fit_to_target([(4, 2)], [bad])
