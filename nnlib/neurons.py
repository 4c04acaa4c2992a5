r"""Chapter: Neurons.

One artificial neuron with a sigmoid non-linearity is logistic regression.
For weights ``w`` of shape ``(n_x, 1)``, a scalar bias ``b`` and data ``X`` of
shape ``(n_x, m)`` (one example per column):

.. math:: Z = w^T X + b, \qquad A = \sigma(Z), \qquad
          J = -\frac{1}{m} \sum_i \left[ y^{(i)} \log a^{(i)}
              + (1 - y^{(i)}) \log(1 - a^{(i)}) \right]

The gradient of the mean binary cross-entropy ``J``:

.. math:: dZ = \frac{1}{m} (A - Y), \qquad dw = X \, dZ^T, \qquad
          db = \sum_i dZ^{(i)}

Gradient descent repeats ``w <- w - alpha dw`` and ``b <- b - alpha db``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from nnlib.activations import sigmoid
from nnlib.broadcasting import as_float_array, check_shape
from nnlib.losses import binary_cross_entropy

__all__ = [
    "NeuronCache",
    "neuron_backward",
    "neuron_forward",
    "predict_logistic",
    "train_logistic_regression",
]


class NeuronCache(NamedTuple):
    """What ``neuron_backward`` needs from the forward pass."""

    X: np.ndarray  #: the inputs, shape (n_x, m)
    A: np.ndarray  #: the neuron's outputs sigma(w^T X + b), shape (1, m)


def neuron_forward(w, b, X):
    """Forward pass of a sigmoid neuron over ``m`` examples at once.

    Args:
        w: weights, shape ``(n_x, 1)``.
        b: bias, a scalar (Python number or 0-d array).
        X: inputs, shape ``(n_x, m)``.

    Returns:
        ``(A, cache)``: ``A = sigmoid(w^T X + b)`` with shape ``(1, m)``, and a
        ``NeuronCache(X, A)``.
    """
    X = as_float_array("X", X)
    check_shape("X", X, (None, None))
    w = as_float_array("w", w)
    check_shape("w", w, (X.shape[0], 1))
    check_shape("b", b, ())
    A = sigmoid(w.T @ X + b)
    return A, NeuronCache(X, A)


def neuron_backward(Y, cache: NeuronCache):
    """Gradients of the mean binary cross-entropy with respect to ``w`` and ``b``.

    Args:
        Y: labels in {0, 1}, shape ``(1, m)``.
        cache: the ``NeuronCache`` from ``neuron_forward``.

    Returns:
        ``(dw, db)``: ``dw = (1/m) X (A - Y)^T`` with shape ``(n_x, 1)``, and
        ``db = (1/m) sum(A - Y)``, a scalar.
    """
    X, A = cache
    Y = as_float_array("Y", Y).astype(A.dtype, copy=False)
    check_shape("Y", Y, A.shape)
    m = X.shape[1]
    dZ = (A - Y) / m
    return X @ dZ.T, np.sum(dZ)


def train_logistic_regression(X, Y, learning_rate: float, num_iterations: int):
    """Fit a sigmoid neuron by batch gradient descent, starting from zeros.

    Args:
        X: inputs, shape ``(n_x, m)``.
        Y: labels in {0, 1}, shape ``(1, m)``.
        learning_rate: the step size ``alpha``.
        num_iterations: the number of gradient steps.

    Returns:
        ``(w, b, costs)``: the weights ``(n_x, 1)``, the bias (a scalar), and a
        list of ``num_iterations`` costs, the one before each step.
    """
    X = as_float_array("X", X)
    check_shape("X", X, (None, None))
    w = np.zeros((X.shape[0], 1), dtype=X.dtype)
    b = X.dtype.type(0)
    costs = []
    for _ in range(num_iterations):
        A, cache = neuron_forward(w, b, X)
        costs.append(float(binary_cross_entropy(A, Y)))
        dw, db = neuron_backward(Y, cache)
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, b, costs


def predict_logistic(w, b, X):
    """Class predictions ``1`` where ``sigmoid(w^T X + b) > 0.5``, else ``0``.

    Shapes as in ``neuron_forward``; returns integers of shape ``(1, m)``.
    """
    A, _ = neuron_forward(w, b, X)
    return (A > 0.5).astype(np.int64)
