r"""Chapter: Activations.

Element-wise non-linearities ``A = g(Z)`` and their backward passes. Every
backward function takes the upstream gradient ``dA = dJ/dA`` and the cached
pre-activation ``Z`` (same shape) and returns ``dZ = dJ/dZ = dA * g'(Z)``, an
element-wise product.

=============  ==========================================  =====================================
name           forward :math:`g(z)`                        derivative :math:`g'(z)`
=============  ==========================================  =====================================
sigmoid        :math:`\sigma(z) = 1 / (1 + e^{-z})`        :math:`\sigma(z)\,(1 - \sigma(z))`
tanh           :math:`\tanh z`                             :math:`1 - \tanh^2 z`
relu           :math:`\max(0, z)`                          1 if :math:`z > 0`, else 0
leaky_relu     :math:`\max(\alpha z, z)`                    1 if :math:`z > 0`, else :math:`\alpha`
=============  ==========================================  =====================================

Convention at the kink: ReLU and leaky ReLU are not differentiable at 0; any
slope between the left and right slopes is a valid subgradient. nnlib uses the
left slope: ``relu'(0) = 0`` and ``leaky_relu'(0) = alpha``. Leaky ReLU's slope
``alpha`` must lie in (0, 1); it is a hyperparameter, 0.01 by default.

``softmax`` works on whole columns: for a column ``z`` of ``C`` scores,
``softmax(z)_k = exp(z_k) / sum_j exp(z_j)``. Its backward pass is the
Jacobian-vector product ``dZ = S * (dA - sum_k S_k dA_k)`` per column, computed
without forming the ``C x C`` Jacobian.

Numerical stability: ``sigmoid`` only ever exponentiates ``-|z|`` and
``softmax`` subtracts each column's maximum first, so neither overflows for any
finite input. float32 in, float32 out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from nnlib.broadcasting import as_float_array, check_shape

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "leaky_relu",
    "leaky_relu_backward",
    "relu",
    "relu_backward",
    "sigmoid",
    "sigmoid_backward",
    "softmax",
    "softmax_backward",
    "tanh",
    "tanh_backward",
]

DEFAULT_LEAKY_SLOPE = 0.01
"""Default ``alpha`` of leaky ReLU: a hyperparameter, 0.01 by common choice."""


def sigmoid(Z):
    """Logistic sigmoid ``1 / (1 + exp(-Z))``, element-wise; any shape.

    Computed as ``1 / (1 + e^{-|z|})`` for ``z >= 0`` and ``e^{-|z|} / (1 + e^{-|z|})``
    for ``z < 0``: the exponent is never positive, so nothing overflows.
    """
    Z = as_float_array("Z", Z)
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def sigmoid_backward(dA, Z):
    """``dZ = dA * s * (1 - s)`` with ``s = sigmoid(Z)``; ``dA`` and ``Z`` share a shape."""
    dA, Z = _check_backward_args(dA, Z)
    S = sigmoid(Z)
    return dA * S * (1 - S)


def tanh(Z):
    """Hyperbolic tangent, element-wise; any shape. Values in (-1, 1)."""
    return np.tanh(as_float_array("Z", Z))


def tanh_backward(dA, Z):
    """``dZ = dA * (1 - tanh(Z)**2)``; ``dA`` and ``Z`` share a shape."""
    dA, Z = _check_backward_args(dA, Z)
    T = np.tanh(Z)
    return dA * (1 - T * T)


def relu(Z):
    """Rectified linear unit ``max(0, Z)``, element-wise; any shape."""
    Z = as_float_array("Z", Z)
    return np.maximum(Z, 0)


def relu_backward(dA, Z):
    """``dZ = dA`` where ``Z > 0`` and 0 elsewhere (so ``relu'(0) = 0``)."""
    dA, Z = _check_backward_args(dA, Z)
    return dA * (Z > 0)


def leaky_relu(Z, alpha: float = DEFAULT_LEAKY_SLOPE):
    """Leaky ReLU ``max(alpha * Z, Z)`` for ``0 < alpha < 1``, element-wise; any shape."""
    Z = as_float_array("Z", Z)
    _check_slope(alpha)
    return np.where(Z > 0, Z, alpha * Z)


def leaky_relu_backward(dA, Z, alpha: float = DEFAULT_LEAKY_SLOPE):
    """``dZ = dA`` where ``Z > 0`` and ``alpha * dA`` elsewhere (slope ``alpha`` at 0)."""
    dA, Z = _check_backward_args(dA, Z)
    _check_slope(alpha)
    return np.where(Z > 0, dA, alpha * dA)


def softmax(Z):
    """Softmax over axis 0: ``Z`` has shape ``(C, m)``, one column of ``C`` scores per example.

    Returns ``S`` of shape ``(C, m)`` with ``S[k, i] = exp(Z[k, i]) / sum_j exp(Z[j, i])``;
    every column is positive and sums to 1. Subtracting each column's maximum
    first leaves the result unchanged and keeps ``exp`` from overflowing.
    """
    Z = as_float_array("Z", Z)
    check_shape("Z", Z, (None, None))
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def softmax_backward(dA, Z):
    """Backward pass of softmax, column by column: ``dZ = S * (dA - sum_k S_k dA_k)``.

    ``dA`` and ``Z`` have shape ``(C, m)``. This is the product of each column's
    Jacobian ``diag(s) - s s^T`` with ``dA``, done element-wise.
    """
    dA, Z = _check_backward_args(dA, Z)
    S = softmax(Z)
    return S * (dA - np.sum(S * dA, axis=0, keepdims=True))


class Activation(NamedTuple):
    """An activation's forward and backward functions, looked up by name."""

    forward: Callable
    backward: Callable


ACTIVATIONS = {
    "sigmoid": Activation(sigmoid, sigmoid_backward),
    "tanh": Activation(tanh, tanh_backward),
    "relu": Activation(relu, relu_backward),
    "leaky_relu": Activation(leaky_relu, leaky_relu_backward),
    "softmax": Activation(softmax, softmax_backward),
}
"""Every activation by the name that layers and models accept."""


def get_activation(name: str) -> Activation:
    """Return the ``Activation`` called ``name``; raise ``ValueError`` naming the choices."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        choices = ", ".join(repr(key) for key in ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; choose one of {choices}") from None


def _check_backward_args(dA, Z):
    dA = as_float_array("dA", dA)
    Z = as_float_array("Z", Z)
    check_shape("dA", dA, Z.shape)
    return dA, Z


def _check_slope(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha is the slope for z < 0 and must lie in (0, 1), got {alpha}")
