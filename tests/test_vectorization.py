import numpy as np
import pytest
from hypothesis import given
from strategies import FLOAT_DTYPES, batch_sizes, layer_widths, seeds

from nnlib.activations import ACTIVATIONS
from nnlib.vectorization import (
    linear_activation_forward,
    linear_forward,
    linear_forward_loop,
    linear_forward_per_example,
)


def _layer(n_prev, n, m, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((n_prev, m)).astype(dtype),
        rng.standard_normal((n, n_prev)).astype(dtype),
        rng.standard_normal((n, 1)).astype(dtype),
    )


def test_linear_forward_adds_the_bias_to_every_column():
    A_prev = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
    W = np.array([[1.0, 2.0]])
    Z, cache = linear_forward(A_prev, W, np.array([[10.0]]))
    np.testing.assert_array_equal(Z, [[11.0, 12.0, 10.0]])
    assert cache.A_prev is A_prev and cache.W is W


@given(n_prev=layer_widths, n=layer_widths, m=batch_sizes, seed=seeds)
def test_loop_twins_compute_the_same_z(n_prev, n, m, seed):
    A_prev, W, b = _layer(n_prev, n, m, seed)
    Z, _ = linear_forward(A_prev, W, b)
    assert Z.shape == (n, m)
    np.testing.assert_allclose(linear_forward_loop(A_prev, W, b)[0], Z, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        linear_forward_per_example(A_prev, W, b)[0], Z, rtol=1e-12, atol=1e-12
    )


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_linear_activation_forward_applies_the_activation_and_keeps_dtype(activation, dtype):
    A_prev, W, b = _layer(4, 3, 5, 0, dtype)
    before = [A_prev.copy(), W.copy(), b.copy()]
    A, cache = linear_activation_forward(A_prev, W, b, activation)
    np.testing.assert_allclose(A, ACTIVATIONS[activation].forward(W @ A_prev + b), rtol=1e-6)
    assert A.dtype == dtype and cache.activation == activation and cache.Z.shape == (3, 5)
    for old, new in zip(before, [A_prev, W, b], strict=True):
        np.testing.assert_array_equal(old, new)


@pytest.mark.parametrize(
    "forward", [linear_forward, linear_forward_loop, linear_forward_per_example]
)
def test_mismatched_layer_shapes_name_the_argument(forward):
    A_prev, W, b = _layer(4, 3, 5, 0)
    with pytest.raises(ValueError, match=r"A_prev has shape \(5, 4\), expected \(4, any\)"):
        forward(A_prev.T, W, b)
    with pytest.raises(ValueError, match=r"b has shape \(3,\), expected \(3, 1\)"):
        forward(A_prev, W, b.ravel())


def test_unknown_activation_is_rejected():
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        linear_activation_forward(*_layer(2, 2, 2, 0), "swish")
