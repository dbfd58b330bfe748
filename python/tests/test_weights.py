"""Weights at the boundary: float32/float64 NumPy arrays in (any layout), same
dtype out, inputs never mutated, other dtypes and shapes refused clearly.
Also pruning and quantisation reference behaviour (§1.6)."""

import numpy as np
import pytest

from sc_neurocore.compression import PruningReport, prune_weights, quantize_weights
from sc_neurocore.optimizer import fit_to_target


def layers(dtype):
    rng = np.random.default_rng(5)
    return [rng.standard_normal((64, 32)).astype(dtype), rng.standard_normal((32, 16)).astype(dtype)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_inputs_are_never_mutated_and_dtype_is_kept(dtype):
    weights = layers(dtype)
    before = [w.copy() for w in weights]
    result = fit_to_target([(64, 32), (32, 16)], weights, min_bitstream_length=256, max_iterations=4)
    pruned, _ = prune_weights(weights, threshold=0.5)
    quantized = quantize_weights(weights, bits=4)
    for original, kept in zip(before, weights):
        np.testing.assert_array_equal(original, kept)
    for produced in (result.optimized_weights, pruned, quantized):
        assert [w.dtype for w in produced] == [np.dtype(dtype)] * 2
        assert [w.shape for w in produced] == [(64, 32), (32, 16)]
        assert all(w.flags.c_contiguous and w.flags.writeable for w in produced)
        assert all(p is not w for p, w in zip(produced, weights))


def test_float32_is_computed_in_float32():
    weights = [np.array([[0.1, -0.7], [0.33, 1.0]], dtype=np.float32)]
    (quantized,) = quantize_weights(weights, bits=4)
    step = np.float32(1.0) / np.float32(7)
    expected = np.clip(np.round(weights[0] / step) * step, -1, 1).astype(np.float32)
    np.testing.assert_array_equal(quantized, expected)


def test_non_contiguous_and_transposed_views_are_read_correctly():
    base = np.arange(1, 65, dtype=np.float64).reshape(8, 8) / 64
    view = base[::2, ::2]  # strided, not C-contiguous
    pruned, report = prune_weights([view], threshold=0.2)
    np.testing.assert_array_equal(pruned[0], np.where(np.abs(view) <= 0.2, 0.0, view))
    assert report.original_params == 16
    transposed = np.asfortranarray(base)
    np.testing.assert_array_equal(prune_weights([transposed], threshold=0.0)[0][0], base)
    fit_to_target([(32, 16)], [np.ones((16, 32), dtype=np.float32).T])  # Fortran-ordered transpose


def test_big_endian_input():
    weights = [np.array([[0.5, -0.005]], dtype=">f8")]
    pruned, _ = prune_weights(weights)
    np.testing.assert_array_equal(pruned[0], [[0.5, 0.0]])
    assert pruned[0].dtype == np.float64


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.float16, np.complex128, np.bool_, object])
def test_other_dtypes_are_refused_naming_index_and_dtype(dtype):
    weights = [np.ones((4, 2)), np.ones((4, 2)).astype(dtype)]
    expected = rf"weights\[1\] has dtype {np.dtype(dtype)}; expected float32 or float64"
    with pytest.raises(TypeError, match=expected):
        prune_weights(weights)
    with pytest.raises(TypeError, match=expected):
        quantize_weights(weights)
    with pytest.raises(TypeError, match=expected):
        fit_to_target([(4, 2), (4, 2)], weights)


def test_non_arrays_and_bad_shapes_are_refused():
    with pytest.raises(TypeError, match=r"weights\[0\] must be a numpy.ndarray of float32 or float64, got list"):
        prune_weights([[0.1, 0.2]])
    with pytest.raises(TypeError, match="weights must be a list of numpy arrays, got ndarray"):
        fit_to_target([(4, 2)], np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"weights\[0\] is a 0-d array"):
        quantize_weights([np.array(1.0)])
    with pytest.raises(ValueError, match=r"weights 0 have shape \(8,\), expected \(4, 2\)"):
        fit_to_target([(4, 2)], [np.ones(8)])
    with pytest.raises(ValueError, match=r"weights 0 have shape \(2, 2, 2\)"):
        fit_to_target([(4, 2)], [np.ones((2, 2, 2))])
    with pytest.raises(ValueError, match="empty"):
        quantize_weights([np.ones((0, 3))])


def test_magnitude_pruning_counts_every_masked_entry():
    weights = [np.array([[0.0, 0.005, -0.01, 0.5]], dtype=np.float64)]
    pruned, report = prune_weights(weights)
    np.testing.assert_array_equal(pruned[0], [[0.0, 0.0, 0.0, 0.5]])
    assert report == PruningReport(4, 3, 1, 0.75, 0, 0)


def test_percentile_pruning_uses_non_zero_magnitudes():
    weights = [np.array([0.0, 1.0, 2.0, 3.0, 4.0])]
    pruned, report = prune_weights(weights, threshold=50, method="percentile")
    cutoff = np.percentile([1.0, 2.0, 3.0, 4.0], 50)
    np.testing.assert_array_equal(pruned[0], np.where(np.abs(weights[0]) <= cutoff, 0.0, weights[0]))
    assert report.pruned_params == 3


def test_symmetric_and_asymmetric_quantisation():
    w = np.array([-1.0, -0.26, 0.0, 0.26, 0.5, 1.0])
    (symmetric,) = quantize_weights([w], bits=3)
    step = 1.0 / 3
    np.testing.assert_allclose(symmetric, np.clip(np.round(w / step) * step, -1, 1), rtol=0, atol=0)
    (asymmetric,) = quantize_weights([w], bits=2, symmetric=False)
    step = 2.0 / 3
    np.testing.assert_allclose(asymmetric, np.round((w + 1) / step) * step - 1, rtol=0, atol=1e-15)
