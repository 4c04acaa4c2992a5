"""Data sets for every chapter, made on the spot or shipped with a package.

Nothing here downloads. Every function returns examples as columns:
``X`` with shape ``(n_x, m)`` and labels ``Y`` with shape ``(n_y, m)``.

* ``make_spirals``: two interleaved spirals in the plane, not linearly separable.
* ``make_xor``: four noisy clusters labelled by the XOR of their quadrant signs.
* ``load_digits``: the 8x8 handwritten digits that scikit-learn ships with its
  package (1,797 images, 10 classes), split into training and test sets.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from nnlib.broadcasting import one_hot

__all__ = ["DataSplit", "load_digits", "make_spirals", "make_xor"]


class DataSplit(NamedTuple):
    """A training/test split; ``Y`` matrices are one-hot, ``labels`` are ``(m,)`` integers."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    labels_train: np.ndarray
    labels_test: np.ndarray


def make_spirals(m: int = 400, noise: float = 0.2, turns: float = 1.5, seed: int = 0):
    """Two interleaved spiral arms, ``m // 2`` points each (class 0 and class 1).

    Returns:
        ``(X, Y)``: ``X`` with shape ``(2, m)``, ``Y`` with shape ``(1, m)`` (0.0 or 1.0).
    """
    rng = np.random.default_rng(seed)
    per_class = m // 2
    radius = np.linspace(0.15, 1.0, per_class)
    angle = 2 * np.pi * turns * radius
    arms = []
    for label in (0, 1):
        theta = angle + np.pi * label + rng.normal(0, noise, per_class) * radius
        arms.append(np.stack([radius * np.cos(theta), radius * np.sin(theta)]))
    X = np.concatenate(arms, axis=1)
    Y = np.repeat([0.0, 1.0], per_class).reshape(1, -1)
    return X, Y


def make_xor(m: int = 200, noise: float = 0.15, seed: int = 0):
    """Points around the four corners of ``[-1, 1]^2``, labelled 1 where ``x1 * x2 < 0``.

    Returns:
        ``(X, Y)``: ``X`` with shape ``(2, m)``, ``Y`` with shape ``(1, m)`` (0.0 or 1.0).
    """
    rng = np.random.default_rng(seed)
    corners = rng.choice(np.array([-1.0, 1.0]), size=(2, m))
    X = corners + rng.normal(0, noise, (2, m))
    Y = (corners[0] * corners[1] < 0).astype(np.float64).reshape(1, -1)
    return X, Y


def load_digits(test_fraction: float = 0.25, seed: int = 0, dtype=np.float64) -> DataSplit:
    """The 8x8 digits from scikit-learn's package data, shuffled and split.

    Pixels are scaled from 0..16 to 0..1.

    Returns:
        A ``DataSplit`` with ``X_*`` of shape ``(64, m)``, ``Y_*`` one-hot of shape
        ``(10, m)`` and ``labels_*`` of shape ``(m,)``.
    """
    from sklearn.datasets import load_digits as sklearn_digits

    digits = sklearn_digits()
    X = (digits.data.T / 16.0).astype(dtype)
    labels = digits.target.astype(np.int64)
    order = np.random.default_rng(seed).permutation(labels.size)
    num_test = round(test_fraction * labels.size)
    test, train = order[:num_test], order[num_test:]
    return DataSplit(
        X_train=X[:, train],
        Y_train=one_hot(labels[train], 10, dtype=dtype),
        X_test=X[:, test],
        Y_test=one_hot(labels[test], 10, dtype=dtype),
        labels_train=labels[train],
        labels_test=labels[test],
    )
