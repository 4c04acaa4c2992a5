import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import FLOAT_DTYPES, batch_sizes

from nnlib.broadcasting import check_shape, one_hot, standardize


def test_check_shape_accepts_matching_shapes_and_wildcards():
    check_shape("W1", np.zeros((3, 4)), (3, 4))
    check_shape("A_prev", np.zeros((4, 7)), (4, None))
    check_shape("b", 0.5, ())


def test_check_shape_names_the_argument_the_actual_and_the_expected_shape():
    with pytest.raises(ValueError) as error:
        check_shape("W2", np.zeros((3, 4)), (4, 3))
    assert str(error.value) == "W2 has shape (3, 4), expected (4, 3)"


def test_check_shape_points_out_rank_one_arrays():
    with pytest.raises(ValueError, match=r"b1 has shape \(3,\), expected \(3, 1\): b1 is a rank-1"):
        check_shape("b1", np.zeros(3), (3, 1))


def test_check_shape_shows_wildcards_as_any():
    with pytest.raises(ValueError, match=r"expected \(4, any\)"):
        check_shape("A_prev", np.zeros((5, 2)), (4, None))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_standardize_gives_each_feature_zero_mean_and_unit_variance(dtype):
    rng = np.random.default_rng(0)
    X = (rng.normal(5.0, 3.0, (4, 200)) * np.array([[1], [10], [100], [0.1]])).astype(dtype)
    X_before = X.copy()
    X_std, mean, std = standardize(X)
    assert X_std.dtype == dtype and mean.shape == (4, 1) and std.shape == (4, 1)
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(X_std.mean(axis=1), 0.0, atol=tol)
    np.testing.assert_allclose(X_std.std(axis=1), 1.0, rtol=tol)
    np.testing.assert_array_equal(X, X_before)


def test_standardize_reuses_training_statistics_on_test_data():
    X_train = np.array([[0.0, 2.0, 4.0], [1.0, 1.0, 4.0]])
    X_test = np.array([[2.0], [3.0]])
    _, mean, std = standardize(X_train)
    X_test_std, mean_out, std_out = standardize(X_test, mean, std)
    np.testing.assert_array_equal(mean_out, mean)
    np.testing.assert_array_equal(std_out, std)
    np.testing.assert_allclose(X_test_std, (X_test - [[2.0], [2.0]]) / std)


def test_standardize_maps_a_constant_feature_to_zero():
    X_std, _, std = standardize(np.array([[3.0, 3.0, 3.0], [1.0, 2.0, 3.0]]))
    np.testing.assert_array_equal(X_std[0], 0.0)
    assert std[0, 0] == 1.0


def test_standardize_wants_both_statistics_or_neither():
    with pytest.raises(ValueError, match="both mean and std"):
        standardize(np.ones((2, 3)), mean=np.zeros((2, 1)))


def test_standardize_rejects_statistics_of_another_shape():
    with pytest.raises(ValueError, match=r"mean has shape \(3, 1\), expected \(2, 1\)"):
        standardize(np.ones((2, 3)), np.zeros((3, 1)), np.ones((3, 1)))


@given(m=batch_sizes, num_classes=st.integers(1, 6), data=st.data())
def test_one_hot_has_a_single_one_per_column_at_the_label(m, num_classes, data):
    labels = np.array(data.draw(st.lists(st.integers(0, num_classes - 1), min_size=m, max_size=m)))
    Y = one_hot(labels, num_classes)
    assert Y.shape == (num_classes, m)
    np.testing.assert_array_equal(Y.sum(axis=0), 1.0)
    np.testing.assert_array_equal(Y.argmax(axis=0), labels)


def test_one_hot_accepts_row_labels_and_a_dtype():
    Y = one_hot(np.array([[2, 0]]), 3, dtype=np.float32)
    assert Y.dtype == np.float32
    np.testing.assert_array_equal(Y, [[0, 1], [0, 0], [1, 0]])


@pytest.mark.parametrize("labels", [[0, 3], [-1, 1]])
def test_one_hot_rejects_labels_out_of_range(labels):
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 3\)"):
        one_hot(np.array(labels), 3)


def test_one_hot_rejects_fractional_labels():
    with pytest.raises(ValueError, match="whole numbers"):
        one_hot(np.array([0.5, 1.0]), 3)
