import numpy as np
import pytest
from gradients import assert_matches_finite_differences
from hypothesis import given
from hypothesis import strategies as st
from strategies import FLOAT_DTYPES, batch_sizes, seeds

from nnlib.losses import binary_cross_entropy
from nnlib.neurons import (
    neuron_backward,
    neuron_forward,
    predict_logistic,
    train_logistic_regression,
)


def _problem(n_x, m, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((n_x, 1)).astype(dtype)
    b = dtype(rng.standard_normal())
    X = rng.standard_normal((n_x, m)).astype(dtype)
    Y = (rng.random((1, m)) > 0.5).astype(dtype)
    return w, b, X, Y


def test_neuron_forward_is_sigmoid_of_weighted_sum_plus_bias():
    w = np.array([[1.0], [-2.0]])
    X = np.array([[1.0, 0.0], [1.0, 0.5]])
    A, _ = neuron_forward(w, 0.5, X)
    z = np.array([[1 - 2 + 0.5, 0 - 1 + 0.5]])
    np.testing.assert_allclose(A, 1 / (1 + np.exp(-z)))


@given(n_x=st.integers(1, 6), m=batch_sizes, seed=seeds)
def test_neuron_backward_matches_finite_differences_of_the_cost(n_x, m, seed):
    w, b, X, Y = _problem(n_x, m, seed)
    _, cache = neuron_forward(w, b, X)
    dw, db = neuron_backward(Y, cache)
    assert dw.shape == w.shape and np.shape(db) == ()

    def cost(w_, b_):
        return binary_cross_entropy(neuron_forward(w_, b_, X)[0], Y)

    assert_matches_finite_differences(dw, lambda w_: cost(w_, b), w)
    assert_matches_finite_differences(np.array(db), lambda b_: cost(w, b_[()]), np.array(b))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_neuron_keeps_float_dtype_and_leaves_inputs_alone(dtype):
    w, b, X, Y = _problem(3, 5, 0, dtype)
    copies = [w.copy(), X.copy(), Y.copy()]
    A, cache = neuron_forward(w, b, X)
    dw, db = neuron_backward(Y, cache)
    assert A.dtype == dw.dtype == np.asarray(db).dtype == dtype
    for before, after in zip(copies, [w, X, Y], strict=True):
        np.testing.assert_array_equal(before, after)


def test_neuron_forward_rejects_weights_that_do_not_match_the_features():
    with pytest.raises(ValueError, match=r"w has shape \(2, 1\), expected \(3, 1\)"):
        neuron_forward(np.zeros((2, 1)), 0.0, np.zeros((3, 4)))


def test_neuron_forward_rejects_a_vector_bias():
    with pytest.raises(ValueError, match=r"b has shape \(1, 1\), expected \(\)"):
        neuron_forward(np.zeros((2, 1)), np.zeros((1, 1)), np.zeros((2, 4)))


def test_logistic_regression_separates_a_separable_set_and_lowers_the_cost():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2, 200))
    Y = (X[0] + 2 * X[1] > 0.3).astype(float).reshape(1, -1)
    w, b, costs = train_logistic_regression(X, Y, learning_rate=1.0, num_iterations=300)
    assert len(costs) == 300
    assert costs[-1] < costs[0] / 3
    assert np.all(np.diff(costs) <= 1e-12)  # full-batch descent with a safe step never goes up
    assert np.mean(predict_logistic(w, b, X) == Y) >= 0.97


def test_predict_logistic_thresholds_at_one_half():
    w = np.array([[1.0]])
    labels = predict_logistic(w, 0.0, np.array([[-0.1, 0.1, 3.0]]))
    np.testing.assert_array_equal(labels, [[0, 1, 1]])
    assert labels.shape == (1, 3)
