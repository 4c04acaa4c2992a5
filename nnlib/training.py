r"""Chapter: Training.

Mini-batch gradient descent: each epoch shuffles the ``m`` examples, cuts them
into batches of ``batch_size`` columns and takes one step per batch. One step
costs ``O(batch_size * d)`` for ``d`` parameters instead of ``O(m * d)`` for a
full-batch step.

Plain update, for every parameter ``P`` with gradient ``dP`` and learning rate
``alpha``:

.. math:: P \leftarrow P - \alpha \, dP

Momentum keeps an exponentially weighted average ``v`` of past gradients,
starting from ``v = 0``:

.. math:: v_{dP} \leftarrow \beta \, v_{dP} + (1 - \beta) \, dP, \qquad
          P \leftarrow P - \alpha \, v_{dP}

``beta = 0`` is plain gradient descent; ``beta = 0.9`` averages over roughly the
last ``1 / (1 - beta) = 10`` steps.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from tqdm import tqdm

from nnlib.backprop import model_backward, model_forward
from nnlib.broadcasting import as_float_array, check_shape
from nnlib.initialization import initialize_parameters
from nnlib.losses import compute_cost

__all__ = [
    "accuracy",
    "initialize_velocity",
    "predict",
    "random_mini_batches",
    "train",
    "update_parameters",
    "update_parameters_with_momentum",
]


def random_mini_batches(X, Y, batch_size: int, seed: int | None = None):
    """Shuffle the columns of ``X`` and ``Y`` together and cut them into batches.

    Args:
        X: inputs, shape ``(n_x, m)``.
        Y: labels, shape ``(n_y, m)``.
        batch_size: columns per batch; the last batch holds the remaining
            ``m mod batch_size`` columns when that is not zero.
        seed: seed of the shuffle.

    Returns:
        A list of ``ceil(m / batch_size)`` pairs ``(X_batch, Y_batch)`` of shapes
        ``(n_x, b)`` and ``(n_y, b)``; together they hold every example once.
    """
    X = as_float_array("X", X)
    check_shape("X", X, (None, None))
    Y = np.asarray(Y)
    check_shape("Y", Y, (None, X.shape[1]))
    if int(batch_size) != batch_size or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    order = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[:, order], Y[:, order]
    return [
        (X[:, start : start + batch_size], Y[:, start : start + batch_size])
        for start in range(0, X.shape[1], int(batch_size))
    ]


def update_parameters(parameters, grads, learning_rate: float):
    """One gradient-descent step ``P - learning_rate * dP`` for every parameter.

    Args:
        parameters: ``{"W1": ..., "b1": ..., ...}``.
        grads: ``{"dW1": ..., "db1": ..., ...}`` with matching shapes.
        learning_rate: the step size ``alpha``.

    Returns:
        A new parameter dictionary; ``parameters`` is left unchanged.
    """
    _check_gradients(parameters, grads)
    return {
        name: P - _as_dtype_of(P, learning_rate) * grads[f"d{name}"]
        for name, P in parameters.items()
    }


def initialize_velocity(parameters):
    """Zero velocities ``{"dW1": zeros like W1, "db1": zeros like b1, ...}`` for momentum."""
    return {f"d{name}": np.zeros_like(P) for name, P in parameters.items()}


def update_parameters_with_momentum(parameters, grads, velocity, beta: float, learning_rate: float):
    """One step of gradient descent with momentum.

    Args:
        parameters: ``{"W1": ..., "b1": ..., ...}``.
        grads: ``{"dW1": ..., "db1": ..., ...}``.
        velocity: ``{"dW1": ..., ...}`` from ``initialize_velocity`` or the last step.
        beta: the momentum coefficient in ``[0, 1)``.
        learning_rate: the step size ``alpha``.

    Returns:
        ``(parameters, velocity)``, both new dictionaries:
        ``v = beta v + (1 - beta) dP`` and ``P = P - learning_rate v``.
    """
    if not 0 <= beta < 1:
        raise ValueError(f"beta must lie in [0, 1), got {beta}")
    _check_gradients(parameters, grads)
    _check_gradients(parameters, velocity, what="velocity")
    new_velocity, new_parameters = {}, {}
    for name, P in parameters.items():
        key = f"d{name}"
        v = _as_dtype_of(P, beta) * velocity[key] + _as_dtype_of(P, 1 - beta) * grads[key]
        new_velocity[key] = v
        new_parameters[name] = P - _as_dtype_of(P, learning_rate) * v
    return new_parameters, new_velocity


def train(
    X,
    Y,
    layer_dims: Sequence[int],
    *,
    hidden_activation: str = "relu",
    output_activation: str | None = None,
    learning_rate: float = 0.1,
    num_epochs: int = 100,
    batch_size: int | None = None,
    beta: float = 0.0,
    init: str = "he",
    seed: int = 0,
    progress: bool = True,
):
    """Train a fully connected network with mini-batch gradient descent and momentum.

    Args:
        X: inputs, shape ``(n[0], m)``; the parameters take its dtype.
        Y: labels, shape ``(n[L], m)``: 0/1 for one sigmoid output, one-hot otherwise.
        layer_dims: ``[n[0], ..., n[L]]``, the sizes of every layer.
        hidden_activation: activation of the hidden layers.
        output_activation: ``"sigmoid"`` or ``"softmax"``; by default sigmoid when
            ``n[L] == 1``, softmax otherwise.
        learning_rate: the step size ``alpha``.
        num_epochs: passes over the training set.
        batch_size: examples per step; ``None`` means the whole set (batch descent).
        beta: momentum coefficient; 0 is plain gradient descent.
        init: initialization method (see ``initialize_parameters``).
        seed: seeds the initialization and each epoch's shuffle.
        progress: show a progress bar with the running cost.

    Returns:
        ``(parameters, history)``: the trained parameters and
        ``{"cost": [...]}``, the mean cost of each epoch's batches.
    """
    X = as_float_array("X", X)
    check_shape("X", X, (layer_dims[0], None))
    Y = as_float_array("Y", Y).astype(X.dtype, copy=False)
    check_shape("Y", Y, (layer_dims[-1], X.shape[1]))
    output_activation = output_activation or default_output_activation(layer_dims[-1])
    model = {"hidden_activation": hidden_activation, "output_activation": output_activation}
    parameters = initialize_parameters(layer_dims, init, seed=seed, dtype=X.dtype)
    velocity = initialize_velocity(parameters)
    m = X.shape[1]
    history = {"cost": []}
    epochs = tqdm(range(num_epochs), desc="training", unit="epoch", disable=not progress)
    for epoch in epochs:
        epoch_cost = 0.0
        for X_batch, Y_batch in random_mini_batches(X, Y, batch_size or m, seed=seed + epoch):
            AL, caches = model_forward(X_batch, parameters, **model)
            epoch_cost += float(compute_cost(AL, Y_batch, output_activation)) * X_batch.shape[1]
            grads = model_backward(AL, Y_batch, caches)
            parameters, velocity = update_parameters_with_momentum(
                parameters, grads, velocity, beta, learning_rate
            )
        history["cost"].append(epoch_cost / m)
        epochs.set_postfix(cost=f"{history['cost'][-1]:.4f}", refresh=False)
    return parameters, history


def predict(X, parameters, hidden_activation: str = "relu", output_activation: str | None = None):
    """Class labels predicted by a trained network, shape ``(1, m)``, integers.

    With a sigmoid output the label is 1 where ``A[L] > 0.5``; with softmax it
    is the row index of the largest probability in each column.
    """
    n_out = parameters[f"W{len(parameters) // 2}"].shape[0]
    output_activation = output_activation or default_output_activation(n_out)
    AL, _ = model_forward(X, parameters, hidden_activation, output_activation)
    if output_activation == "sigmoid":
        return (AL > 0.5).astype(np.int64)
    return np.argmax(AL, axis=0, keepdims=True)


def accuracy(X, Y, parameters, **model_kwargs) -> float:
    """Fraction of examples whose predicted label matches ``Y``.

    ``Y`` has shape ``(1, m)`` with 0/1 labels, or ``(C, m)`` one-hot; ``model_kwargs``
    go to ``predict``.
    """
    Y = np.asarray(Y)
    labels = Y.reshape(1, -1) if Y.shape[0] == 1 else np.argmax(Y, axis=0, keepdims=True)
    return float(np.mean(predict(X, parameters, **model_kwargs) == labels))


def default_output_activation(n_out: int) -> str:
    """``"sigmoid"`` for a single output unit, ``"softmax"`` for several."""
    return "sigmoid" if n_out == 1 else "softmax"


def _as_dtype_of(P, number):
    """``number`` as a scalar of ``P``'s dtype, so a NumPy float64 learning rate
    cannot silently turn float32 parameters into float64."""
    return P.dtype.type(number)


def _check_gradients(parameters, grads, what: str = "grads") -> None:
    for name, P in parameters.items():
        key = f"d{name}"
        if key not in grads:
            raise ValueError(f"{what} has no {key!r} for parameter {name!r}")
        check_shape(f"{what}[{key!r}]", grads[key], P.shape)
