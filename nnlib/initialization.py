r"""Chapter: Initialization.

``initialize_parameters`` draws every ``W[l]`` (shape ``(n[l], n[l-1])``) from a
zero-mean normal distribution whose variance depends on the method, and sets
every ``b[l]`` (shape ``(n[l], 1)``) to zero:

==========  =============================================  ==================
method      :math:`\mathrm{Var}(W^{[l]}_{jk})`              use with
==========  =============================================  ==================
zeros       0 (all weights zero: fails to break symmetry)  nothing
random      :math:`0.01^2` (normal times 0.01)             shallow networks
xavier      :math:`1 / n^{[l-1]}`                          tanh, sigmoid
glorot      :math:`2 / (n^{[l-1]} + n^{[l]})`              tanh, sigmoid
he          :math:`2 / n^{[l-1]}`                          ReLU, leaky ReLU
==========  =============================================  ==================

Why these variances: with zero-mean weights independent of each other and of
the inputs, and zero biases,
:math:`\mathrm{Var}(z_j) = n^{[l-1]} \mathrm{Var}(w) \, \mathbb{E}[a^2]`
(the second moment of the inputs, not their variance). For tanh near its linear
region :math:`\mathbb{E}[a^2] \approx \mathrm{Var}(z^{[l-1]})`, so
``Var(w) = 1/n[l-1]`` keeps the variance of ``z`` the same from layer to layer.
ReLU zeroes the negative half of a symmetric ``z``, so
:math:`\mathbb{E}[a^2] = \mathrm{Var}(z^{[l-1]}) / 2`, which ``2/n[l-1]`` compensates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np

__all__ = ["INITIALIZATIONS", "initialize_parameters"]

INITIALIZATIONS: dict[str, Callable[[int, int], float]] = {
    "zeros": lambda n_prev, n: 0.0,
    "random": lambda n_prev, n: 0.01,
    "xavier": lambda n_prev, n: np.sqrt(1 / n_prev),
    "glorot": lambda n_prev, n: np.sqrt(2 / (n_prev + n)),
    "he": lambda n_prev, n: np.sqrt(2 / n_prev),
}
"""Each method's weight standard deviation as a function of ``(n[l-1], n[l])``."""


def initialize_parameters(
    layer_dims: Sequence[int], method: str = "he", seed: int | None = None, dtype=np.float64
):
    """Initial parameters of a network with ``len(layer_dims) - 1`` layers.

    Args:
        layer_dims: ``[n[0], n[1], ..., n[L]]``, the input size then each layer's units.
        method: ``"zeros"``, ``"random"``, ``"xavier"``, ``"glorot"`` or ``"he"``.
        seed: seed for ``numpy.random.default_rng``; the same seed gives the same weights.
        dtype: dtype of every array (float64 or float32).

    Returns:
        ``{"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL": ..., "bL": ...}``.
    """
    if method not in INITIALIZATIONS:
        choices = ", ".join(repr(key) for key in INITIALIZATIONS)
        raise ValueError(f"unknown method {method!r}; choose one of {choices}")
    dims = [int(n) for n in layer_dims]
    if len(dims) < 2 or min(dims) < 1:
        raise ValueError(
            "layer_dims must list at least two positive sizes [n0, n1, ...], "
            f"got {list(layer_dims)}"
        )
    scale = INITIALIZATIONS[method]
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer, (n_prev, n) in enumerate(pairwise(dims), start=1):
        weights = rng.standard_normal((n, n_prev)) * scale(n_prev, n)
        parameters[f"W{layer}"] = weights.astype(dtype)
        parameters[f"b{layer}"] = np.zeros((n, 1), dtype=dtype)
    return parameters
