import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import seeds

from nnlib.data import load_digits, make_spirals
from nnlib.neurons import predict_logistic, train_logistic_regression
from nnlib.training import (
    accuracy,
    initialize_velocity,
    predict,
    random_mini_batches,
    train,
    update_parameters,
    update_parameters_with_momentum,
)


@given(m=st.integers(1, 40), batch_size=st.integers(1, 50), seed=seeds)
def test_mini_batches_hold_every_example_once_and_keep_pairs_together(m, batch_size, seed):
    X = np.arange(2 * m, dtype=float).reshape(2, m)
    Y = np.arange(m).reshape(1, m)
    batches = random_mini_batches(X, Y, batch_size, seed)
    assert len(batches) == -(-m // batch_size)
    assert [xb.shape[1] for xb, _ in batches[:-1]] == [batch_size] * (len(batches) - 1)
    columns = np.concatenate([yb for _, yb in batches], axis=1).ravel()
    assert sorted(columns) == list(range(m))
    for xb, yb in batches:
        np.testing.assert_array_equal(xb[0], yb[0] * 1.0)  # X column j still belongs to label j


def test_mini_batches_are_reproducible_and_shuffled():
    X, Y = np.arange(20.0).reshape(1, 20), np.arange(20).reshape(1, 20)
    first = random_mini_batches(X, Y, 5, seed=3)
    again = random_mini_batches(X, Y, 5, seed=3)
    for (xa, _), (xb, _) in zip(first, again, strict=True):
        np.testing.assert_array_equal(xa, xb)
    assert not np.array_equal(np.concatenate([xb for xb, _ in first], axis=1), X)


@pytest.mark.parametrize("batch_size", [0, -2, 2.5])
def test_mini_batches_reject_a_bad_batch_size(batch_size):
    with pytest.raises(ValueError, match="batch_size must be a positive integer"):
        random_mini_batches(np.ones((1, 4)), np.ones((1, 4)), batch_size)


def test_mini_batches_reject_labels_for_another_number_of_examples():
    with pytest.raises(ValueError, match=r"Y has shape \(1, 3\), expected \(any, 4\)"):
        random_mini_batches(np.ones((2, 4)), np.ones((1, 3)), 2)


def test_update_parameters_steps_against_the_gradient_without_touching_the_input():
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[10.0, -10.0]]), "db1": np.array([[1.0]])}
    updated = update_parameters(parameters, grads, learning_rate=0.1)
    np.testing.assert_allclose(updated["W1"], [[0.0, 3.0]])
    np.testing.assert_allclose(updated["b1"], [[0.4]])
    np.testing.assert_array_equal(parameters["W1"], [[1.0, 2.0]])


def test_update_parameters_names_a_missing_or_misshapen_gradient():
    parameters = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1))}
    with pytest.raises(ValueError, match="grads has no 'db1' for parameter 'b1'"):
        update_parameters(parameters, {"dW1": np.ones((2, 3))}, 0.1)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(3, 2\), expected \(2, 3\)"):
        update_parameters(parameters, {"dW1": np.ones((3, 2)), "db1": np.ones((2, 1))}, 0.1)


def test_momentum_is_an_exponentially_weighted_average_of_gradients():
    # Worked by hand: beta = 0.9, alpha = 0.1, constant gradient 1, from W = 0, v = 0.
    # step 1: v = 0.1,                 W = -0.01
    # step 2: v = 0.9 * 0.1 + 0.1 = 0.19,  W = -0.01 - 0.019 = -0.029
    parameters = {"W1": np.zeros((1, 1)), "b1": np.zeros((1, 1))}
    grads = {"dW1": np.ones((1, 1)), "db1": np.zeros((1, 1))}
    velocity = initialize_velocity(parameters)
    assert set(velocity) == {"dW1", "db1"}
    for expected_v, expected_W in [(0.1, -0.01), (0.19, -0.029)]:
        parameters, velocity = update_parameters_with_momentum(
            parameters, grads, velocity, 0.9, 0.1
        )
        assert velocity["dW1"][0, 0] == pytest.approx(expected_v)
        assert parameters["W1"][0, 0] == pytest.approx(expected_W)


def test_momentum_with_beta_zero_is_plain_gradient_descent():
    rng = np.random.default_rng(0)
    parameters = {"W1": rng.standard_normal((2, 2)), "b1": rng.standard_normal((2, 1))}
    grads = {"dW1": rng.standard_normal((2, 2)), "db1": rng.standard_normal((2, 1))}
    with_momentum, _ = update_parameters_with_momentum(
        parameters, grads, initialize_velocity(parameters), 0.0, 0.3
    )
    plain = update_parameters(parameters, grads, 0.3)
    for name in parameters:
        np.testing.assert_allclose(with_momentum[name], plain[name])


@pytest.mark.parametrize("beta", [-0.1, 1.0])
def test_momentum_rejects_beta_outside_zero_one(beta):
    parameters = {"W1": np.zeros((1, 1)), "b1": np.zeros((1, 1))}
    velocity = initialize_velocity(parameters)
    with pytest.raises(ValueError, match="beta must lie in"):
        update_parameters_with_momentum(parameters, velocity, velocity, beta, 0.1)


def test_network_fits_spirals_where_logistic_regression_cannot():
    X, Y = make_spirals(seed=0)
    w, b, _ = train_logistic_regression(X, Y, learning_rate=0.5, num_iterations=500)
    logistic_accuracy = float(np.mean(predict_logistic(w, b, X) == Y))
    parameters, history = train(
        X, Y, [2, 32, 32, 1], learning_rate=0.1, num_epochs=2000, beta=0.9, seed=0, progress=False
    )
    assert logistic_accuracy < 0.70
    assert accuracy(X, Y, parameters) >= 0.95
    assert history["cost"][-1] < history["cost"][0] / 3


def test_network_reaches_95_percent_test_accuracy_on_digits():
    data = load_digits(seed=0)
    parameters, history = train(
        data.X_train,
        data.Y_train,
        [64, 64, 10],
        learning_rate=0.1,
        num_epochs=40,
        batch_size=32,
        beta=0.9,
        seed=0,
        progress=False,
    )
    assert len(history["cost"]) == 40
    assert accuracy(data.X_test, data.Y_test, parameters) >= 0.95


def test_train_keeps_float32_and_shows_a_progress_bar(capsys):
    X, Y = make_spirals(m=40, seed=1)
    parameters, _ = train(X.astype(np.float32), Y, [2, 4, 1], num_epochs=3, progress=True)
    assert {value.dtype for value in parameters.values()} == {np.dtype(np.float32)}
    assert "training" in capsys.readouterr().err


def test_train_rejects_layer_sizes_that_do_not_fit_the_data():
    with pytest.raises(ValueError, match=r"X has shape \(2, 5\), expected \(3, any\)"):
        train(np.ones((2, 5)), np.ones((1, 5)), [3, 4, 1], progress=False)
    with pytest.raises(ValueError, match=r"Y has shape \(1, 5\), expected \(2, 5\)"):
        train(np.ones((2, 5)), np.ones((1, 5)), [2, 4, 2], progress=False)


def test_predict_returns_a_row_of_labels_for_both_output_kinds():
    binary = {"W1": np.array([[1.0, 0.0]]), "b1": np.zeros((1, 1))}
    np.testing.assert_array_equal(predict(np.array([[-1.0, 2.0], [0.0, 0.0]]), binary), [[0, 1]])
    three_classes = {"W1": np.eye(3), "b1": np.zeros((3, 1))}
    X = np.array([[5.0, 0.0], [0.0, 0.0], [0.0, 5.0]])
    np.testing.assert_array_equal(predict(X, three_classes), [[0, 2]])
    assert accuracy(X, np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]]), three_classes) == 1.0


def test_updates_keep_float32_even_with_a_numpy_float64_learning_rate():
    parameters = {"W1": np.ones((2, 2), np.float32), "b1": np.zeros((2, 1), np.float32)}
    grads = {"dW1": np.ones((2, 2), np.float32), "db1": np.ones((2, 1), np.float32)}
    rate, beta = np.float64(0.1), np.float64(0.9)
    plain = update_parameters(parameters, grads, rate)
    moved, velocity = update_parameters_with_momentum(
        parameters, grads, initialize_velocity(parameters), beta, rate
    )
    for result in (plain, moved, velocity):
        assert {value.dtype for value in result.values()} == {np.dtype(np.float32)}
