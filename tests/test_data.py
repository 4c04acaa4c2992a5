import numpy as np

from nnlib.data import load_digits, make_spirals, make_xor


def test_spirals_are_two_balanced_classes_of_columns():
    X, Y = make_spirals(m=100, seed=0)
    assert X.shape == (2, 100) and Y.shape == (1, 100)
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.sum() == 50
    again, _ = make_spirals(m=100, seed=0)
    np.testing.assert_array_equal(X, again)


def test_xor_labels_follow_the_quadrant_signs_when_noise_is_small():
    X, Y = make_xor(m=200, noise=0.05, seed=0)
    assert X.shape == (2, 200) and Y.shape == (1, 200)
    np.testing.assert_array_equal(Y[0], (X[0] * X[1] < 0).astype(float))


def test_digits_split_has_one_hot_labels_and_unit_range_pixels():
    data = load_digits(test_fraction=0.25, seed=0)
    m_train, m_test = data.X_train.shape[1], data.X_test.shape[1]
    assert m_train + m_test == 1797 and m_test == 449
    assert data.X_train.shape[0] == data.X_test.shape[0] == 64
    assert data.Y_train.shape == (10, m_train) and data.Y_test.shape == (10, m_test)
    np.testing.assert_array_equal(data.Y_train.argmax(axis=0), data.labels_train)
    assert data.X_train.min() >= 0.0 and data.X_train.max() <= 1.0
    assert load_digits(dtype=np.float32).X_test.dtype == np.float32
