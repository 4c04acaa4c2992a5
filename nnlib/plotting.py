"""Figures the chapters draw at build time.

Every function draws into a Matplotlib ``Axes`` (a new figure when ``ax`` is
``None``) and returns it, so a chapter can place several plots side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np

from nnlib.activations import get_activation

__all__ = ["draw_network", "plot_activation", "plot_costs", "plot_decision_boundary"]


def plot_activation(name: str, ax=None, z_range: tuple[float, float] = (-5.0, 5.0)):
    """Plot activation ``name`` and its derivative ``g'(z)`` on ``z_range``.

    The derivative is the activation's own backward pass with ``dA = 1``, so the
    figure shows exactly what nnlib computes.
    """
    ax = ax or plt.subplots(figsize=(4, 3))[1]
    g = get_activation(name)
    z = np.linspace(*z_range, 401)
    ax.plot(z, g.forward(z), label=f"{name}(z)")
    ax.plot(z, g.backward(np.ones_like(z), z), "--", label="derivative")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set(title=name, xlabel="z")
    ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_decision_boundary(
    predict_fn: Callable[[np.ndarray], np.ndarray], X, Y, ax=None, title: str = "", margin=0.25
):
    """Shade the plane by ``predict_fn`` and scatter the 2-D data on top.

    Args:
        predict_fn: maps points of shape ``(2, k)`` to labels of shape ``(1, k)``.
        X: the data, shape ``(2, m)``.
        Y: labels, shape ``(1, m)``.
    """
    ax = ax or plt.subplots(figsize=(4, 4))[1]
    X = np.asarray(X)
    lows, highs = X.min(axis=1) - margin, X.max(axis=1) + margin
    grid_x, grid_y = np.meshgrid(
        np.linspace(lows[0], highs[0], 300), np.linspace(lows[1], highs[1], 300)
    )
    points = np.stack([grid_x.ravel(), grid_y.ravel()]).astype(X.dtype)
    labels = np.asarray(predict_fn(points)).reshape(grid_x.shape)
    ax.contourf(grid_x, grid_y, labels, alpha=0.3, cmap="coolwarm")
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap="coolwarm", s=12, edgecolors="k", linewidths=0.3)
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    return ax


def plot_costs(curves: Mapping[str, Sequence[float]], ax=None, xlabel: str = "epoch", log=False):
    """Plot one cost curve per entry of ``curves`` (label -> costs)."""
    ax = ax or plt.subplots(figsize=(5, 3))[1]
    for label, costs in curves.items():
        ax.plot(np.arange(1, len(costs) + 1), costs, label=label)
    ax.set(xlabel=xlabel, ylabel="cost $J$", yscale="log" if log else "linear")
    ax.legend()
    return ax


def draw_network(layer_dims: Sequence[int], ax=None, max_units: int = 8):
    """Draw a fully connected network: one column of units per layer, every
    unit joined to every unit of the previous layer. Layers wider than
    ``max_units`` show their first units and a vertical ellipsis."""
    ax = ax or plt.subplots(figsize=(1.6 * len(layer_dims), 3))[1]
    positions = []
    for layer, n in enumerate(layer_dims):
        shown = min(n, max_units)
        ys = np.linspace(-(shown - 1) / 2, (shown - 1) / 2, shown) if shown > 1 else np.zeros(1)
        positions.append([(layer, y) for y in ys])
        if n > shown:
            ax.text(layer, ys.min() - 0.8, "⋮", ha="center", va="center")
        name = "input" if layer == 0 else f"layer {layer}"
        ax.text(layer, (max_units + 1) / 2, f"{name}\n$n={n}$", ha="center", va="bottom")
    for left, right in pairwise(positions):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0, x1], [y0, y1], color="grey", linewidth=0.4, zorder=1)
    for layer, units in enumerate(positions):
        color = "tab:green" if layer == 0 else "tab:blue"
        ax.scatter(*zip(*units, strict=True), s=250, color=color, edgecolors="k", zorder=2)
    ax.set_axis_off()
    ax.set_ylim(-(max_units + 2) / 2, (max_units + 3) / 2)
    return ax
