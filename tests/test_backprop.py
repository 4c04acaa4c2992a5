import numpy as np
import pytest
from gradients import EPSILON, assert_matches_finite_differences
from hypothesis import given
from hypothesis import strategies as st
from strategies import FLOAT_DTYPES, batch_sizes, layer_dims, layer_widths, seeds

from nnlib import backprop
from nnlib.backprop import (
    gradient_check,
    linear_activation_backward,
    linear_backward,
    model_backward,
    model_forward,
    numerical_gradient,
)
from nnlib.broadcasting import one_hot
from nnlib.initialization import initialize_parameters
from nnlib.vectorization import linear_activation_forward, linear_forward

HIDDEN = ["relu", "leaky_relu", "tanh", "sigmoid"]
OUTPUTS = ["sigmoid", "softmax"]


def _parameters(dims, seed):
    """Xavier weights and small random biases. Zero biases would put a unit's Z exactly
    on ReLU's kink whenever the previous layer is all zero for an example, and finite
    differences across a kink measure the average of the two slopes."""
    parameters = initialize_parameters(dims, "xavier", seed=seed)
    rng = np.random.default_rng(seed)
    for name in parameters:
        if name.startswith("b"):
            parameters[name] = rng.normal(0, 0.1, parameters[name].shape)
    return parameters


def _labels(output_activation, n_out, m, rng):
    if output_activation == "sigmoid":
        return (rng.random((n_out, m)) > 0.5).astype(float)
    return one_hot(rng.integers(0, n_out, m), n_out)


def test_numerical_gradient_matches_a_known_derivative():
    x = np.array([[0.3, -1.2], [2.0, 0.5]])
    grad = numerical_gradient(lambda v: np.sum(np.sin(v) * v**2), x)
    np.testing.assert_allclose(grad, np.cos(x) * x**2 + 2 * x * np.sin(x), rtol=1e-8)
    np.testing.assert_array_equal(x, [[0.3, -1.2], [2.0, 0.5]])  # the point is not moved


@given(n_prev=layer_widths, n=layer_widths, m=batch_sizes, seed=seeds)
def test_linear_backward_matches_finite_differences(n_prev, n, m, seed):
    rng = np.random.default_rng(seed)
    A_prev, W, b = (
        rng.standard_normal((n_prev, m)),
        rng.standard_normal((n, n_prev)),
        rng.standard_normal((n, 1)),
    )
    dZ = rng.standard_normal((n, m))  # J = sum(dZ * Z) has exactly this gradient dJ/dZ
    dA_prev, dW, db = linear_backward(dZ, linear_forward(A_prev, W, b)[1])
    assert (dA_prev.shape, dW.shape, db.shape) == (A_prev.shape, W.shape, b.shape)
    assert_matches_finite_differences(dA_prev, lambda a: np.sum(dZ * (W @ a + b)), A_prev)
    assert_matches_finite_differences(dW, lambda w: np.sum(dZ * (w @ A_prev + b)), W)
    assert_matches_finite_differences(db, lambda c: np.sum(dZ * (W @ A_prev + c)), b)


@pytest.mark.parametrize("activation", [*HIDDEN, "softmax"])
def test_linear_activation_backward_matches_finite_differences(activation):
    rng = np.random.default_rng(3)
    A_prev, W, b = (
        rng.standard_normal((4, 6)),
        rng.standard_normal((3, 4)),
        rng.standard_normal((3, 1)),
    )
    dA = rng.standard_normal((3, 6))

    def J(a, w, c):
        return np.sum(dA * linear_activation_forward(a, w, c, activation)[0])

    _, cache = linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)
    assert_matches_finite_differences(dA_prev, lambda a: J(a, W, b), A_prev)
    assert_matches_finite_differences(dW, lambda w: J(A_prev, w, b), W)
    assert_matches_finite_differences(db, lambda c: J(A_prev, W, c), b)


def test_linear_activation_backward_refuses_a_different_activation_than_the_forward():
    _, cache = linear_activation_forward(np.ones((2, 3)), np.ones((1, 2)), np.zeros((1, 1)), "relu")
    with pytest.raises(ValueError, match="activation is 'tanh' but the forward pass used 'relu'"):
        linear_activation_backward(np.ones((1, 3)), cache, "tanh")


@pytest.mark.parametrize("output_activation", OUTPUTS)
@pytest.mark.parametrize("hidden_activation", HIDDEN)
def test_model_backward_matches_finite_differences(hidden_activation, output_activation):
    rng = np.random.default_rng(7)
    dims = [5, 4, 3, 1 if output_activation == "sigmoid" else 3]
    parameters = _parameters(dims, seed=11)
    X = rng.standard_normal((5, 8))
    Y = _labels(output_activation, dims[-1], 8, rng)
    error = gradient_check(
        X,
        Y,
        parameters,
        epsilon=EPSILON,
        hidden_activation=hidden_activation,
        output_activation=output_activation,
    )
    assert error < 1e-7


@given(dims=layer_dims, m=batch_sizes, seed=seeds, output_activation=st.sampled_from(OUTPUTS))
def test_model_backward_matches_finite_differences_for_any_sizes(dims, m, seed, output_activation):
    rng = np.random.default_rng(seed)
    if output_activation == "softmax":
        dims = [*dims[:-1], max(dims[-1], 2)]
    parameters = _parameters(dims, seed=seed)
    # Inputs of scale 0.5 keep tanh out of saturation, where gradients near 1e-8 are
    # smaller than the rounding noise of finite differences and no check is possible.
    X = 0.5 * rng.standard_normal((dims[0], m))
    Y = _labels(output_activation, dims[-1], m, rng)
    kwargs = {"hidden_activation": "tanh", "output_activation": output_activation}
    AL, caches = model_forward(X, parameters, **kwargs)
    grads = model_backward(AL, Y, caches)
    assert set(grads) == {f"d{name}" for name in parameters}
    for name, value in parameters.items():
        assert grads[f"d{name}"].shape == value.shape
    assert gradient_check(X, Y, parameters, epsilon=EPSILON, **kwargs) < 1e-7


def test_output_gradient_is_a_minus_y_over_m():
    rng = np.random.default_rng(0)
    parameters = initialize_parameters([3, 2], "he", seed=0)
    X = rng.standard_normal((3, 4))
    Y = one_hot([0, 1, 1, 0], 2)
    AL, caches = model_forward(X, parameters, output_activation="softmax")
    grads = model_backward(AL, Y, caches)
    np.testing.assert_allclose(grads["dW1"], (AL - Y) @ X.T / 4)
    np.testing.assert_allclose(grads["db1"], np.sum(AL - Y, axis=1, keepdims=True) / 4)


def test_gradient_check_catches_a_backward_pass_that_forgets_a_factor(monkeypatch):
    rng = np.random.default_rng(1)
    parameters = initialize_parameters([3, 4, 1], "xavier", seed=2)
    X, Y = rng.standard_normal((3, 5)), (rng.random((1, 5)) > 0.5).astype(float)
    correct = backprop.model_backward

    def doubled_dW1(AL, Y, caches):
        grads = correct(AL, Y, caches)
        return {**grads, "dW1": 2 * grads["dW1"]}

    monkeypatch.setattr(backprop, "model_backward", doubled_dW1)
    assert gradient_check(X, Y, parameters, hidden_activation="tanh") > 0.1


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_model_forward_and_backward_keep_dtype_and_inputs(dtype):
    rng = np.random.default_rng(5)
    parameters = initialize_parameters([4, 3, 3], "he", seed=5, dtype=dtype)
    X = rng.standard_normal((4, 6)).astype(dtype)
    Y = one_hot(rng.integers(0, 3, 6), 3, dtype=np.float64)  # labels' dtype must not leak in
    snapshot = {name: value.copy() for name, value in parameters.items()}
    X_before, Y_before = X.copy(), Y.copy()
    AL, caches = model_forward(X, parameters, output_activation="softmax")
    grads = model_backward(AL, Y, caches)
    assert AL.dtype == dtype
    assert all(g.dtype == dtype for g in grads.values())
    for name, value in parameters.items():
        np.testing.assert_array_equal(value, snapshot[name])
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)


def test_model_forward_names_the_layer_whose_shape_is_wrong():
    parameters = initialize_parameters([4, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"A_prev has shape \(5, 2\), expected \(4, any\)"):
        model_forward(np.ones((5, 2)), parameters)
    parameters["W2"] = parameters["W2"].T
    with pytest.raises(ValueError, match=r"A_prev has shape \(3, 2\), expected \(1, any\)"):
        model_forward(np.ones((4, 2)), parameters)


@pytest.mark.parametrize("keys", [[], ["W1", "b2"], ["W1", "b1", "W3", "b3"]])
def test_model_forward_wants_w1_b1_to_wl_bl(keys):
    with pytest.raises(ValueError, match=r"parameters must hold W1, b1, \.\.\., WL, bL"):
        model_forward(np.ones((2, 2)), {key: np.ones((2, 2)) for key in keys})


def test_model_forward_rejects_an_output_activation_it_cannot_train():
    with pytest.raises(ValueError, match="output_activation must be 'sigmoid' or 'softmax'"):
        model_forward(
            np.ones((2, 2)), initialize_parameters([2, 1], seed=0), output_activation="relu"
        )


def test_model_backward_rejects_labels_of_another_shape():
    parameters = initialize_parameters([2, 1], seed=0)
    AL, caches = model_forward(np.ones((2, 3)), parameters)
    with pytest.raises(ValueError, match=r"Y has shape \(3,\), expected \(1, 3\)"):
        model_backward(AL, np.ones(3), caches)
