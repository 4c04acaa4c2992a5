r"""Chapters: Neurons and Backpropagation.

The cost ``J`` is the mean of the per-example losses over the ``m`` examples
(columns) of a batch.

Binary cross-entropy, for sigmoid outputs ``A`` and labels ``Y`` in {0, 1}, both
of shape ``(1, m)``:

.. math:: J = -\frac{1}{m} \sum_{i=1}^{m}
          \left[ y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log (1 - a^{(i)}) \right]

Cross-entropy, for softmax outputs ``A`` and one-hot labels ``Y``, both of shape
``(C, m)``:

.. math:: J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{C} y_k^{(i)} \log a_k^{(i)}

Both are minus the mean log-likelihood of the labels under the model's
predicted probabilities (maximum likelihood). Probabilities are clipped to
``[eps, 1 - eps]``, with ``eps`` the machine epsilon of their dtype, before the
logarithm, so a saturated output (``A`` exactly 0 or 1) gives a large but
finite cost instead of ``inf`` and a warning.
"""

from __future__ import annotations

import numpy as np

from nnlib.broadcasting import as_float_array, check_shape

__all__ = ["OUTPUT_ACTIVATIONS", "binary_cross_entropy", "compute_cost", "cross_entropy"]


def binary_cross_entropy(A, Y):
    """Mean binary cross-entropy of sigmoid outputs ``A`` against labels ``Y``.

    Args:
        A: predicted probabilities ``P(y = 1 | x)``, shape ``(1, m)`` (or ``(n_y, m)``
            for ``n_y`` independent binary outputs).
        Y: labels in {0, 1}, same shape as ``A``.

    Returns:
        The scalar cost ``J`` (a NumPy scalar of ``A``'s dtype).
    """
    A, Y = _check_cost_args(A, Y)
    A = _clip_probabilities(A)
    m = A.shape[1]
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m


def cross_entropy(A, Y):
    """Mean cross-entropy of softmax outputs ``A`` against one-hot labels ``Y``.

    Args:
        A: predicted class probabilities, shape ``(C, m)``, columns summing to 1.
        Y: one-hot labels, shape ``(C, m)``.

    Returns:
        The scalar cost ``J`` (a NumPy scalar of ``A``'s dtype).
    """
    A, Y = _check_cost_args(A, Y)
    A = _clip_probabilities(A)
    m = A.shape[1]
    return -np.sum(Y * np.log(A)) / m


OUTPUT_ACTIVATIONS = {"sigmoid": binary_cross_entropy, "softmax": cross_entropy}
"""The output activations nnlib trains, each with the cost that matches it."""


def compute_cost(AL, Y, output_activation: str = "sigmoid"):
    """The cost that matches ``output_activation``: binary cross-entropy for
    ``"sigmoid"``, cross-entropy for ``"softmax"``. Shapes as in those functions."""
    try:
        cost = OUTPUT_ACTIVATIONS[output_activation]
    except KeyError:
        raise ValueError(
            f"output_activation must be 'sigmoid' or 'softmax', got {output_activation!r}"
        ) from None
    return cost(AL, Y)


def _check_cost_args(A, Y):
    A = as_float_array("A", A)
    check_shape("A", A, (None, None))
    Y = as_float_array("Y", Y).astype(A.dtype, copy=False)
    check_shape("Y", Y, A.shape)
    return A, Y


def _clip_probabilities(A):
    eps = np.finfo(A.dtype).eps
    return np.clip(A, eps, 1 - eps)
