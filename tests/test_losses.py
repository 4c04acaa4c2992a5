import math

import numpy as np
import pytest
from strategies import FLOAT_DTYPES

from nnlib.activations import sigmoid, softmax
from nnlib.losses import binary_cross_entropy, compute_cost, cross_entropy


def test_binary_cross_entropy_is_the_mean_of_per_example_losses():
    A = np.array([[0.9, 0.2, 0.6]])
    Y = np.array([[1.0, 0.0, 0.0]])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.4)) / 3
    assert binary_cross_entropy(A, Y) == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_is_the_mean_minus_log_probability_of_the_true_class():
    A = np.array([[0.7, 0.1], [0.2, 0.3], [0.1, 0.6]])
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    expected = -(math.log(0.7) + math.log(0.6)) / 2
    assert cross_entropy(A, Y) == pytest.approx(expected, rel=1e-14)


def test_perfect_predictions_cost_almost_nothing():
    Y = np.array([[1.0, 0.0]])
    assert 0 <= binary_cross_entropy(Y, Y) < 1e-12


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_costs_are_finite_and_silent_when_outputs_saturate(dtype):
    Z = (np.array([[1e4, -1e4, 3.0], [-1e4, 1e4, -3.0]])).astype(dtype)
    Y = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]], dtype=dtype)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        costs = [binary_cross_entropy(sigmoid(Z), Y), cross_entropy(softmax(Z), Y)]
    for cost in costs:
        assert np.isfinite(cost)
        assert cost.dtype == dtype
        assert cost > 1  # confidently wrong answers must cost a lot, not nothing


def test_compute_cost_picks_the_cost_of_the_output_activation():
    A = np.array([[0.3, 0.6], [0.7, 0.4]])
    Y = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert compute_cost(A, Y, "softmax") == cross_entropy(A, Y)
    assert compute_cost(A, Y, "sigmoid") == binary_cross_entropy(A, Y)
    with pytest.raises(ValueError, match="output_activation must be 'sigmoid' or 'softmax'"):
        compute_cost(A, Y, "relu")


def test_labels_of_the_wrong_shape_are_rejected_by_name():
    with pytest.raises(ValueError, match=r"Y has shape \(2,\), expected \(1, 2\)"):
        binary_cross_entropy(np.array([[0.5, 0.5]]), np.array([1.0, 0.0]))
