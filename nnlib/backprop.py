r"""Chapter: Backpropagation.

Every backward step takes the gradient of the cost ``J`` with respect to its
output and returns the gradients with respect to its inputs. For the linear
step ``Z = W A_prev + b`` of a layer, given ``dZ = dJ/dZ`` of shape ``(n[l], m)``:

.. math:: dW = dZ \, A_{prev}^T, \qquad db = \sum_{i=1}^{m} dZ_{:, i}, \qquad
          dA_{prev} = W^T dZ

and for its activation ``A = g(Z)``: ``dZ = dA * g'(Z)`` (element-wise).

At the output, sigmoid with binary cross-entropy and softmax with cross-entropy
both simplify to

.. math:: dZ^{[L]} = \frac{1}{m} (A^{[L]} - Y),

which is where the ``1/m`` of the mean cost enters; every ``dW[l]`` then has
the shape of ``W[l]`` and carries it, e.g. ``dW[L] = (1/m) (A[L] - Y) A[L-1]^T``.

``gradient_check`` compares ``model_backward`` with central finite differences

.. math:: \frac{\partial J}{\partial \theta_j} \approx
          \frac{J(\theta + \varepsilon e_j) - J(\theta - \varepsilon e_j)}{2 \varepsilon}

in float64.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnlib.activations import get_activation
from nnlib.broadcasting import as_float_array, check_shape
from nnlib.losses import OUTPUT_ACTIVATIONS, compute_cost
from nnlib.vectorization import LinearActivationCache, LinearCache, linear_activation_forward

__all__ = [
    "gradient_check",
    "linear_activation_backward",
    "linear_backward",
    "model_backward",
    "model_forward",
    "numerical_gradient",
    "relative_error",
]


def linear_backward(dZ, cache: LinearCache):
    """Backward pass of ``Z = W A_prev + b``.

    Args:
        dZ: ``dJ/dZ``, shape ``(n[l], m)``.
        cache: the ``LinearCache(A_prev, W, b)`` of the forward pass (a plain
            tuple in that order works too).

    Returns:
        ``(dA_prev, dW, db)``: ``W^T dZ`` with shape ``(n[l-1], m)``,
        ``dZ A_prev^T`` with shape ``(n[l], n[l-1])`` and the row sums of ``dZ``
        with shape ``(n[l], 1)``.
    """
    A_prev, W, _ = cache
    dZ = as_float_array("dZ", dZ)
    check_shape("dZ", dZ, (W.shape[0], A_prev.shape[1]))
    dW, db = _parameter_gradients(dZ, A_prev)
    return W.T @ dZ, dW, db


def linear_activation_backward(dA, cache: LinearActivationCache, activation: str):
    """Backward pass of a whole layer ``A = g(W A_prev + b)``.

    Args:
        dA: ``dJ/dA``, shape ``(n[l], m)``.
        cache: the ``LinearActivationCache`` of ``linear_activation_forward``, or a
            plain tuple ``(linear_cache, Z, activation)``.
        activation: the activation the forward pass used (checked against the cache).

    Returns:
        ``(dA_prev, dW, db)`` as in ``linear_backward``, after ``dZ = dA * g'(Z)``.
    """
    linear_cache, Z, forward_activation = cache
    if activation != forward_activation:
        raise ValueError(
            f"activation is {activation!r} but the forward pass used {forward_activation!r}"
        )
    dZ = get_activation(activation).backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """Forward pass of an ``L``-layer network.

    Args:
        X: inputs ``A[0]``, shape ``(n[0], m)``.
        parameters: ``{"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL": ..., "bL": ...}``.
        hidden_activation: the activation of layers 1 to L-1.
        output_activation: ``"sigmoid"`` (binary labels) or ``"softmax"`` (classes).

    Returns:
        ``(AL, caches)``: the output ``A[L]`` with shape ``(n[L], m)`` and the list
        of the ``L`` layers' ``LinearActivationCache``.
    """
    if output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError(
            f"output_activation must be 'sigmoid' or 'softmax', got {output_activation!r}"
        )
    num_layers = _count_layers(parameters)
    A = X
    caches = []
    for layer in range(1, num_layers + 1):
        activation = output_activation if layer == num_layers else hidden_activation
        A, cache = linear_activation_forward(
            A, parameters[f"W{layer}"], parameters[f"b{layer}"], activation
        )
        caches.append(cache)
    return A, caches


def model_backward(AL, Y, caches):
    """Gradients of the mean cross-entropy cost of an ``L``-layer network.

    Args:
        AL: the network's output ``A[L]``, shape ``(n[L], m)``.
        Y: labels with the shape of ``AL`` (0/1 for sigmoid, one-hot for softmax).
        caches: the list returned by ``model_forward``.

    Returns:
        ``{"dW1": ..., "db1": ..., ..., "dWL": ..., "dbL": ...}``, each with the
        shape of its parameter. The output layer starts from
        ``dZ[L] = (AL - Y) / m``.
    """
    AL = as_float_array("AL", AL)
    Y = as_float_array("Y", Y).astype(AL.dtype, copy=False)
    check_shape("Y", Y, AL.shape)
    _, _, output_activation = caches[-1]
    if output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError(
            f"model_backward needs a sigmoid or softmax output layer, got {output_activation!r}"
        )
    grads = {}
    dZ = (AL - Y) / AL.shape[1]
    for layer in range(len(caches), 0, -1):
        (A_prev, W, _), _, _ = caches[layer - 1]
        grads[f"dW{layer}"], grads[f"db{layer}"] = _parameter_gradients(dZ, A_prev)
        if layer > 1:  # the input X needs no gradient: skip W1^T dZ1, the largest product
            _, Z_below, activation_below = caches[layer - 2]
            dZ = get_activation(activation_below).backward(W.T @ dZ, Z_below)
    return grads


def numerical_gradient(f: Callable[[np.ndarray], float], x, epsilon: float = 1e-6):
    """Central finite differences of a scalar function, in float64.

    Args:
        f: maps an array with the shape of ``x`` to a number.
        x: the point, any shape; not modified.
        epsilon: the step ``eps``.

    Returns:
        An array with the shape of ``x`` whose entry ``j`` is
        ``(f(x + eps e_j) - f(x - eps e_j)) / (2 eps)``.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for j in np.ndindex(x.shape):
        original = x[j]
        x[j] = original + epsilon
        f_plus = float(f(x))
        x[j] = original - epsilon
        f_minus = float(f(x))
        x[j] = original
        grad[j] = (f_plus - f_minus) / (2 * epsilon)
    return grad


def relative_error(analytic, numeric) -> float:
    """``||a - n|| / (||a|| + ||n||)``, or 0 when both are zero."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numeric = np.asarray(numeric, dtype=np.float64)
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return float(np.linalg.norm(analytic - numeric) / scale) if scale > 0 else 0.0


def gradient_check(X, Y, parameters, epsilon: float = 1e-7, **model_kwargs) -> float:
    """Compare ``model_backward`` with central finite differences of the cost.

    Everything is converted to float64 first. For each parameter array ``P``,
    the relative error ``||dP - dP_num|| / (||dP|| + ||dP_num||)`` is computed;
    the largest over all arrays is returned. Above about ``1e-3`` the backward
    pass is almost certainly wrong. How low a correct one gets depends on
    ``epsilon``: the error of a central difference is ``O(epsilon**2)`` plus a
    rounding error of about ``1e-16 * |J| / epsilon``. The classic default
    ``1e-7`` gives errors up to about ``1e-6`` on small gradients; ``1e-5``, near
    the cube root of float64's machine epsilon, balances the two terms and gives
    errors below ``1e-7`` for a correct backward pass.

    Args:
        X: inputs, shape ``(n[0], m)``.
        Y: labels, shape ``(n[L], m)``.
        parameters: the network's ``{"W1": ..., "b1": ...}``.
        epsilon: the finite-difference step.
        **model_kwargs: ``hidden_activation`` and ``output_activation`` for
            ``model_forward``.

    Returns:
        The largest relative error, a float.
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = {name: np.asarray(value, dtype=np.float64) for name, value in parameters.items()}
    output_activation = model_kwargs.get("output_activation", "sigmoid")

    def cost(candidate, name):
        AL, _ = model_forward(X, {**params, name: candidate}, **model_kwargs)
        return compute_cost(AL, Y, output_activation)

    AL, caches = model_forward(X, params, **model_kwargs)
    grads = model_backward(AL, Y, caches)
    errors = [
        relative_error(
            grads[f"d{name}"],
            numerical_gradient(lambda value, name=name: cost(value, name), value, epsilon),
        )
        for name, value in params.items()
    ]
    return max(errors)


def _parameter_gradients(dZ, A_prev):
    """``dW = dZ A_prev^T`` and ``db`` = the row sums of ``dZ``."""
    return dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)


def _count_layers(parameters) -> int:
    num_layers = len(parameters) // 2
    expected = {f"{kind}{layer}" for layer in range(1, num_layers + 1) for kind in "Wb"}
    if num_layers == 0 or set(parameters) != expected:
        raise ValueError(
            f"parameters must hold W1, b1, ..., WL, bL for L >= 1, got keys {sorted(parameters)}"
        )
    return num_layers
