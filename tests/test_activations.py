import math

import numpy as np
import pytest
from gradients import assert_matches_finite_differences
from hypothesis import given
from hypothesis import strategies as st
from strategies import FLOAT_DTYPES, arrays, away_from_zero

from nnlib import activations as act

ELEMENTWISE = ["sigmoid", "tanh", "relu", "leaky_relu"]
ORACLES = {
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)),
    "tanh": math.tanh,
    "relu": lambda z: max(0.0, z),
    "leaky_relu": lambda z: max(0.01 * z, z),
}
shapes = st.tuples(st.integers(1, 4), st.integers(1, 5))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise_activation_matches_scalar_formula(name):
    Z = np.linspace(-6, 6, 25).reshape(5, 5)
    expected = np.vectorize(ORACLES[name])(Z)
    np.testing.assert_allclose(act.ACTIVATIONS[name].forward(Z), expected, rtol=1e-12, atol=1e-15)


def test_leaky_relu_is_max_of_alpha_z_and_z():
    Z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])
    np.testing.assert_array_equal(act.leaky_relu(Z, alpha=0.1), np.maximum(0.1 * Z, Z))


@pytest.mark.parametrize("name", [*ELEMENTWISE, "softmax"])
@given(data=st.data())
def test_backward_matches_finite_differences(name, data):
    shape = data.draw(shapes)
    Z = data.draw(away_from_zero(shape))
    dA = data.draw(arrays(shape))
    g = act.ACTIVATIONS[name]
    assert_matches_finite_differences(g.backward(dA, Z), lambda z: np.sum(dA * g.forward(z)), Z)


def test_relu_derivative_at_zero_is_zero_by_convention():
    Z = np.zeros((2, 3))
    np.testing.assert_array_equal(act.relu_backward(np.ones_like(Z), Z), 0.0)


def test_leaky_relu_derivative_at_zero_is_alpha_by_convention():
    Z = np.zeros((1, 4))
    np.testing.assert_array_equal(act.leaky_relu_backward(np.ones_like(Z), Z, alpha=0.2), 0.2)


def test_sigmoid_derivative_is_a_times_one_minus_a():
    Z = np.linspace(-3, 3, 7).reshape(1, -1)
    A = act.sigmoid(Z)
    np.testing.assert_allclose(act.sigmoid_backward(np.ones_like(Z), Z), A * (1 - A))


def test_tanh_derivative_is_one_minus_a_squared():
    Z = np.linspace(-3, 3, 7).reshape(1, -1)
    A = act.tanh(Z)
    np.testing.assert_allclose(act.tanh_backward(np.ones_like(Z), Z), 1 - A**2)


@given(Z=arrays((4, 6), low=-50, high=50))
def test_softmax_columns_are_probabilities(Z):
    S = act.softmax(Z)
    assert np.all(S >= 0)
    np.testing.assert_allclose(S.sum(axis=0), 1.0, rtol=1e-12)


def test_softmax_matches_naive_formula_on_small_inputs():
    Z = np.array([[1.0, -1.0], [2.0, 0.0], [3.0, 1.0]])
    E = np.exp(Z)
    np.testing.assert_allclose(act.softmax(Z), E / E.sum(axis=0), rtol=1e-14)


def test_softmax_is_invariant_to_adding_a_constant_per_column():
    Z = np.array([[0.5, 3.0], [1.5, -2.0]])
    np.testing.assert_allclose(act.softmax(Z + np.array([[100.0, -40.0]])), act.softmax(Z))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("scale", [1e2, 1e4])
def test_sigmoid_and_softmax_are_finite_and_silent_on_extreme_inputs(dtype, scale):
    Z = (np.array([[-1.0, 0.0, 1.0], [1.0, -1.0, 0.5]]) * scale).astype(dtype)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        outputs = [act.sigmoid(Z), act.softmax(Z)]
        outputs += [
            act.sigmoid_backward(np.ones_like(Z), Z),
            act.softmax_backward(np.ones_like(Z), Z),
        ]
    for out in outputs:
        assert out.dtype == dtype
        assert np.all(np.isfinite(out))
    np.testing.assert_allclose(act.sigmoid(Z)[0], [0.0, 0.5, 1.0], atol=1e-12)


@pytest.mark.parametrize("name", [*ELEMENTWISE, "softmax"])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_float_dtype_is_preserved_and_inputs_untouched(name, dtype):
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((3, 4)).astype(dtype)
    dA = rng.standard_normal((3, 4)).astype(dtype)
    Z_before, dA_before = Z.copy(), dA.copy()
    g = act.ACTIVATIONS[name]
    assert g.forward(Z).dtype == dtype
    assert g.backward(dA, Z).dtype == dtype
    np.testing.assert_array_equal(Z, Z_before)
    np.testing.assert_array_equal(dA, dA_before)


def test_integer_input_becomes_float():
    assert act.relu(np.array([[-1, 2]])).dtype == np.float64


@pytest.mark.parametrize("name", [*ELEMENTWISE, "softmax"])
def test_backward_with_mismatched_shapes_names_dA(name):
    with pytest.raises(ValueError, match=r"dA has shape \(2, 3\), expected \(3, 2\)"):
        act.ACTIVATIONS[name].backward(np.ones((2, 3)), np.ones((3, 2)))


def test_unknown_activation_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown activation 'relu6'.*'sigmoid'"):
        act.get_activation("relu6")


@pytest.mark.parametrize("alpha", [0.0, 1.0, -0.1])
def test_leaky_relu_rejects_slopes_outside_zero_one(alpha):
    with pytest.raises(ValueError, match="alpha"):
        act.leaky_relu(np.ones((1, 1)), alpha=alpha)
