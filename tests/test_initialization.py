import numpy as np
import pytest

from nnlib.initialization import initialize_parameters

N_PREV, N = 400, 300
EXPECTED_VARIANCE = {
    "random": 0.01**2,
    "xavier": 1 / N_PREV,
    "glorot": 2 / (N_PREV + N),
    "he": 2 / N_PREV,
}


@pytest.mark.parametrize("method", sorted(EXPECTED_VARIANCE))
def test_sample_variance_matches_the_formula(method):
    W = initialize_parameters([N_PREV, N], method, seed=0)["W1"]
    # 120,000 draws: the sample variance is within 1% of the true one with
    # overwhelming probability (its relative standard error is sqrt(2/120000) = 0.4%).
    assert W.var() == pytest.approx(EXPECTED_VARIANCE[method], rel=0.015)
    assert abs(W.mean()) < 4 * np.sqrt(EXPECTED_VARIANCE[method] / W.size)


def test_zeros_gives_all_zero_weights():
    parameters = initialize_parameters([3, 4, 2], "zeros")
    assert all(not value.any() for value in parameters.values())


@pytest.mark.parametrize("method", ["zeros", "random", "xavier", "glorot", "he"])
def test_shapes_follow_the_layer_sizes_and_biases_start_at_zero(method):
    parameters = initialize_parameters([5, 4, 3, 1], method, seed=1)
    assert list(parameters) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    shapes = {name: value.shape for name, value in parameters.items()}
    assert shapes == {
        "W1": (4, 5),
        "b1": (4, 1),
        "W2": (3, 4),
        "b2": (3, 1),
        "W3": (1, 3),
        "b3": (1, 1),
    }
    for layer in (1, 2, 3):
        assert not parameters[f"b{layer}"].any()


def test_each_layer_uses_its_own_fan_in():
    parameters = initialize_parameters([1000, 500, 50], "he", seed=2)
    assert parameters["W1"].var() == pytest.approx(2 / 1000, rel=0.03)
    assert parameters["W2"].var() == pytest.approx(2 / 500, rel=0.06)


def test_same_seed_same_weights_other_seed_other_weights():
    a = initialize_parameters([3, 2], seed=5)["W1"]
    np.testing.assert_array_equal(a, initialize_parameters([3, 2], seed=5)["W1"])
    assert not np.array_equal(a, initialize_parameters([3, 2], seed=6)["W1"])


def test_dtype_is_honoured():
    parameters = initialize_parameters([3, 2], seed=0, dtype=np.float32)
    assert {value.dtype for value in parameters.values()} == {np.dtype(np.float32)}


def test_unknown_method_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown method 'lecun'.*'he'"):
        initialize_parameters([2, 2], "lecun")


@pytest.mark.parametrize("dims", [[3], [3, 0, 1], []])
def test_layer_sizes_must_be_positive_and_at_least_two(dims):
    with pytest.raises(ValueError, match="layer_dims"):
        initialize_parameters(dims)
