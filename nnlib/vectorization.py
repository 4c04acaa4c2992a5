r"""Chapter: Vectorization.

A layer's forward pass for all ``m`` examples at once. With the examples as the
columns of ``A_prev`` (shape ``(n[l-1], m)``), weights ``W`` (shape
``(n[l], n[l-1])``) and bias ``b`` (shape ``(n[l], 1)``):

.. math:: Z = W A_{prev} + b, \qquad A = g(Z)

where ``b`` is broadcast across the ``m`` columns. One matrix product replaces
``n[l] * m`` dot products.

The ``*_loop`` twins compute the same ``Z`` with Python loops, so the chapter
can time them against the vectorized version. They exist to be slow; nothing
else in nnlib calls them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from nnlib.activations import get_activation
from nnlib.broadcasting import as_float_array, check_shape

__all__ = [
    "LinearActivationCache",
    "LinearCache",
    "linear_activation_forward",
    "linear_forward",
    "linear_forward_loop",
    "linear_forward_per_example",
]


class LinearCache(NamedTuple):
    """The inputs of ``linear_forward``, kept for ``linear_backward``."""

    A_prev: np.ndarray  #: activations of the previous layer, shape (n[l-1], m)
    W: np.ndarray  #: weights, shape (n[l], n[l-1])
    b: np.ndarray  #: bias, shape (n[l], 1)


class LinearActivationCache(NamedTuple):
    """What ``linear_activation_backward`` needs: the linear step's inputs, ``Z``
    and the name of the activation applied to it."""

    linear: LinearCache
    Z: np.ndarray  #: pre-activations, shape (n[l], m)
    activation: str


def linear_forward(A_prev, W, b):
    """Linear part of a layer: ``Z = W A_prev + b``.

    Args:
        A_prev: activations of the previous layer (or ``X``), shape ``(n[l-1], m)``.
        W: weights, shape ``(n[l], n[l-1])``.
        b: bias, shape ``(n[l], 1)``; broadcast over the ``m`` columns.

    Returns:
        ``(Z, cache)``: ``Z`` with shape ``(n[l], m)`` and a ``LinearCache``.
    """
    A_prev, W, b = _check_linear_args(A_prev, W, b)
    Z = W @ A_prev + b
    return Z, LinearCache(A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation: str):
    """A whole layer: ``A = g(W A_prev + b)``.

    Args:
        A_prev, W, b: as in ``linear_forward``.
        activation: ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"leaky_relu"`` or
            ``"softmax"``.

    Returns:
        ``(A, cache)``: ``A`` with shape ``(n[l], m)`` and a
        ``LinearActivationCache``.
    """
    g = get_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g.forward(Z), LinearActivationCache(linear_cache, Z, activation)


def linear_forward_loop(A_prev, W, b):
    """``linear_forward`` with three nested Python loops and no NumPy arithmetic:
    ``Z[i, j] = sum_k W[i, k] A_prev[k, j] + b[i]``. Same arguments and result."""
    A_prev, W, b = _check_linear_args(A_prev, W, b)
    n, n_prev = W.shape
    m = A_prev.shape[1]
    Z = np.zeros((n, m), dtype=np.result_type(A_prev, W, b))
    for i in range(n):
        for j in range(m):
            total = b[i, 0]
            for k in range(n_prev):
                total += W[i, k] * A_prev[k, j]
            Z[i, j] = total
    return Z, LinearCache(A_prev, W, b)


def linear_forward_per_example(A_prev, W, b):
    """``linear_forward`` one example (column) at a time, NumPy inside the loop:
    ``z^(j) = W a^(j) + b``. Same arguments and result."""
    A_prev, W, b = _check_linear_args(A_prev, W, b)
    Z = np.zeros((W.shape[0], A_prev.shape[1]), dtype=np.result_type(A_prev, W, b))
    for j in range(A_prev.shape[1]):
        Z[:, j : j + 1] = W @ A_prev[:, j : j + 1] + b
    return Z, LinearCache(A_prev, W, b)


def _check_linear_args(A_prev, W, b):
    W = as_float_array("W", W)
    check_shape("W", W, (None, None))
    n, n_prev = W.shape
    A_prev = as_float_array("A_prev", A_prev)
    check_shape("A_prev", A_prev, (n_prev, None))
    b = as_float_array("b", b)
    check_shape("b", b, (n, 1))
    return A_prev, W, b
