"""Specs of assignment 7, Training: mini-batches, updates with and without momentum,
and a network trained on the digits.

* ``update_parameters`` and ``update_parameters_with_momentum`` are ``Spec``s: compared
  with nnlib's on random parameters, gradients and velocities (inputs must not be
  modified; the momentum step may call the student's ``update_parameters``, which is
  nnlib's while it is graded).
* ``initialize_velocity`` is a check function: zeros like every parameter, keyed
  ``dW1, db1, ...``, with the parameter's dtype (its messages are more specific than
  ``compare``'s for ``np.zeros(P.shape)``).
* ``random_mini_batches`` has no single right output, so its check tests properties:
  the number and sizes of the batches (the last one smaller), every example exactly
  once, X and Y shuffled together, the order actually shuffled, reproducible with a
  seed and different for another seed, the dtype kept, the inputs unchanged.
* ``train_network`` is graded by training: the student's function trains on the
  standardized digits with ``GRADED_RUN``'s hyperparameters, while its helpers
  (``random_mini_batches``, ``initialize_velocity``, ``update_parameters_with_momentum``,
  ``update_parameters``) are nnlib's, wrapped to count the calls, so a wrong helper
  costs only its own points. The check then requires one velocity, one shuffle per
  epoch with a seed of its own, one momentum step per mini-batch, and a test accuracy of
  at least ``ACCURACY_THRESHOLD``.
"""

from __future__ import annotations

import copy
import inspect
import math
from collections.abc import Mapping

import numpy as np

from nnlib import training
from nnlib.backprop import model_forward
from nnlib.broadcasting import standardize
from nnlib.data import load_digits
from nnlib.grading import (
    Diagnosis,
    GradingError,
    Spec,
    call,
    compare,
    delegates_to_reference,
    helpers_replaced,
    watching,
)
from nnlib.initialization import initialize_parameters

#: the graded training run; the notebook states the same numbers
GRADED_RUN = {
    "layer_dims": [64, 128, 10],
    "learning_rate": 0.1,
    "num_epochs": 30,
    "batch_size": 32,
    "beta": 0.9,
    "seed": 0,
}
#: the test accuracy the graded run must reach. nnlib's own loop reaches 97.1% with
#: GRADED_RUN (96.7% to 98.0% over initialization and shuffling seeds 0 to 7).
ACCURACY_THRESHOLD = 0.95


# ---------------------------------------------------------------- inputs


def _network(rng, m, dtype):
    """Parameters of a 2-layer network [3, m + 1, 2] (``m`` varies the shapes)."""
    dims = [3, m + 1, 2]
    parameters = {}
    for layer in (1, 2):
        parameters[f"W{layer}"] = rng.normal(0.0, 1.0, (dims[layer], dims[layer - 1]))
        parameters[f"b{layer}"] = rng.normal(0.0, 1.0, (dims[layer], 1))
    return {key: value.astype(dtype) for key, value in parameters.items()}


def _like(rng, parameters):
    """Random arrays keyed ``d<name>``, shaped and typed like each parameter."""
    return {
        f"d{name}": rng.normal(0.0, 1.0, P.shape).astype(P.dtype) for name, P in parameters.items()
    }


def _update_inputs(rng, m, dtype):
    parameters = _network(rng, m, dtype)
    return {
        "parameters": parameters,
        "grads": _like(rng, parameters),
        "learning_rate": float(rng.uniform(0.05, 0.5)),
    }


def _momentum_inputs(rng, m, dtype):
    inputs = _update_inputs(rng, m, dtype)
    inputs["velocity"] = _like(rng, inputs["parameters"])
    inputs["beta"] = float(rng.uniform(0.5, 0.95))
    return inputs


# ---------------------------------------------------------------- typical mistakes


def _recomputed(wrong, message):
    """A mistake recognised by recomputing ``wrong(inputs, P, dP, v)`` for the
    parameter whose shape and values the output matches (``v`` is None without a
    velocity); the output's key is not passed to diagnoses, so every parameter is tried."""

    def applies(actual, expected, inputs):
        for name, P in inputs["parameters"].items():
            if np.shape(actual) != P.shape:
                continue
            v = inputs.get("velocity", {}).get(f"d{name}")
            with np.errstate(all="ignore"):
                value = wrong(inputs, P, inputs["grads"][f"d{name}"], v)
            if np.allclose(actual, value, rtol=1e-4, atol=1e-6):
                return True
        return False

    return Diagnosis(applies, message)


UPDATE_MISTAKES = [
    _recomputed(
        lambda i, P, dP, v: P + i["learning_rate"] * dP,
        "{name} moves up the gradient: subtract, P - learning_rate * dP",
    ),
    _recomputed(
        lambda i, P, dP, v: P - dP,
        "{name} leaves out the learning rate: P - learning_rate * dP",
    ),
]


def _new_velocity(i, dP, v):
    return i["beta"] * v + (1 - i["beta"]) * dP


MOMENTUM_PARAMETER_MISTAKES = [
    _recomputed(
        lambda i, P, dP, v: P - i["learning_rate"] * (i["beta"] * v + dP),
        "{name} uses v = beta * v + dP: the new gradient is weighted by (1 - beta), "
        "v = beta * v + (1 - beta) * dP",
    ),
    _recomputed(
        lambda i, P, dP, v: P - i["learning_rate"] * ((1 - i["beta"]) * v + i["beta"] * dP),
        "{name} swaps beta and 1 - beta: v = beta * v + (1 - beta) * dP",
    ),
    _recomputed(
        lambda i, P, dP, v: P - i["learning_rate"] * v,
        "{name} steps with the old velocity: first compute the new v, then "
        "P = P - learning_rate * v with that new v",
    ),
    _recomputed(
        lambda i, P, dP, v: P + i["learning_rate"] * _new_velocity(i, dP, v),
        "{name} moves up the gradient: subtract, P - learning_rate * v",
    ),
    _recomputed(
        lambda i, P, dP, v: P - i["learning_rate"] * dP,
        "{name} steps with the gradient dP: momentum steps with the velocity, "
        "P - learning_rate * v",
    ),
]

MOMENTUM_VELOCITY_MISTAKES = [
    _recomputed(
        lambda i, P, dP, v: i["beta"] * v + dP,
        "{name} leaves out (1 - beta): v = beta * v + (1 - beta) * dP",
    ),
    _recomputed(
        lambda i, P, dP, v: (1 - i["beta"]) * v + i["beta"] * dP,
        "{name} swaps beta and 1 - beta: v = beta * v + (1 - beta) * dP",
    ),
    _recomputed(
        lambda i, P, dP, v: v,
        "{name} is the old velocity: return the new one, beta * v + (1 - beta) * dP",
    ),
]


# ---------------------------------------------------------------- initialize_velocity


def check_initialize_velocity(student, namespace):
    """Zeros like every parameter, keyed ``d<name>``, the parameters left unchanged."""
    name = "initialize_velocity"
    rng = np.random.default_rng(0)
    if delegates_to_reference(
        student, training.initialize_velocity, {"parameters": _network(rng, 2, np.float64)}
    ):
        raise GradingError(
            f"{name} calls nnlib's own {name}: write the computation yourself "
            "(this function earns no points while it delegates)"
        )
    for dtype in (np.float64, np.float32):
        for m in (1, 3):
            parameters = _network(rng, m, dtype)
            before = copy.deepcopy(parameters)
            velocity = call(name, student, {"parameters": parameters}, copy_inputs=False)
            if not all(np.array_equal(parameters[k], before[k]) for k in before) or set(
                parameters
            ) != set(before):
                raise GradingError(f"{name} modified its input parameters: build a new dict")
            if not isinstance(velocity, Mapping):
                raise GradingError(
                    f"{name} returned a {type(velocity).__name__}, expected a dict "
                    '{"dW1": ..., "db1": ..., ...}'
                )
            keys = [f"d{key}" for key in parameters]
            if set(velocity) == set(parameters):
                raise GradingError(
                    f"velocity is keyed like the parameters ({', '.join(parameters)}): name "
                    f"each entry after its gradient, {', '.join(keys)}"
                )
            missing = [key for key in keys if key not in velocity]
            if missing:
                raise GradingError(f"velocity has no {', '.join(map(repr, missing))}")
            for key in keys:
                P, v = parameters[key[1:]], velocity[key]
                what = f"velocity[{key!r}]"
                if isinstance(v, np.ndarray) and v.shape != P.shape:
                    raise GradingError(
                        f"{what} has shape {v.shape}, expected {P.shape}, the shape of "
                        f"{key[1:]}: np.zeros_like(P) makes zeros of the parameter's shape"
                    )
                if isinstance(v, np.ndarray) and v.dtype != P.dtype:
                    raise GradingError(
                        f"{what} is {v.dtype} for {P.dtype} parameters: np.zeros_like(P) "
                        "keeps the parameter's shape and dtype (np.zeros(P.shape) is float64)"
                    )
                same_as_parameter = Diagnosis(
                    lambda actual, expected, inputs, P=P: np.array_equal(actual, P),
                    "{name} holds the parameter's values: the velocity starts at zero",
                )
                compare(what, v, np.zeros_like(P), diagnoses=[same_as_parameter])


# ---------------------------------------------------------------- random_mini_batches

#: (n_x, n_y, m, batch_size, dtype): a partial last batch, no partial batch, a single
#: batch larger than m, batches of one example, float32
BATCH_CASES = (
    (3, 2, 50, 16, np.float64),
    (2, 1, 48, 16, np.float64),
    (4, 3, 5, 8, np.float64),
    (2, 2, 7, 1, np.float64),
    (3, 2, 37, 10, np.float32),
)


def check_random_mini_batches(student, namespace):
    """Properties of the shuffled mini-batches (there is no single right order)."""
    name = "random_mini_batches"
    rng = np.random.default_rng(0)
    for n_x, n_y, m, batch_size, dtype in BATCH_CASES:
        X = rng.normal(0.0, 1.0, (n_x, m)).astype(dtype)
        Y = rng.normal(0.0, 1.0, (n_y, m)).astype(dtype)
        inputs = {"X": X, "Y": Y, "batch_size": batch_size, "seed": 1}
        if delegates_to_reference(student, training.random_mini_batches, inputs):
            raise GradingError(
                f"{name} calls nnlib's own {name}: write the computation yourself "
                "(this function earns no points while it delegates)"
            )
        order = _batch_order(student, X, Y, batch_size, seed=1)
        if m >= 10:
            if np.array_equal(order, np.arange(m)):
                raise GradingError(
                    f"{name} keeps the examples in their original order: shuffle the columns "
                    "with a permutation from np.random.default_rng(seed)"
                )
            if not np.array_equal(order, _batch_order(student, X, Y, batch_size, seed=1)):
                raise GradingError(
                    f"{name} gave two different orders for seed=1: the same seed must give "
                    "the same batches; draw the permutation from np.random.default_rng(seed)"
                )
            if np.array_equal(order, _batch_order(student, X, Y, batch_size, seed=2)):
                raise GradingError(
                    f"{name} gave the same order for seed=1 and seed=2: pass seed to "
                    "np.random.default_rng(seed)"
                )


def _batch_order(student, X, Y, batch_size, seed):
    """Check one call's batches; return the original index of every example in order."""
    name = "random_mini_batches"
    (n_x, m), n_y = X.shape, Y.shape[0]
    X_before, Y_before = X.copy(), Y.copy()
    result = call(
        name, student, {"X": X, "Y": Y, "batch_size": batch_size, "seed": seed}, copy_inputs=False
    )
    if not (np.array_equal(X, X_before) and np.array_equal(Y, Y_before)):
        raise GradingError(
            f"{name} modified its input X or Y: shuffle copies (X[:, permutation] makes one), "
            "not the arrays themselves"
        )
    described = f"{name}(X {X.shape}, Y {Y.shape}, batch_size={batch_size})"
    try:
        batches = list(result)
    except TypeError:
        raise GradingError(
            f"{described} returned a {type(result).__name__}, expected a list of (X_batch, Y_batch)"
        ) from None
    expected_count = math.ceil(m / batch_size)
    if len(batches) != expected_count:
        message = f"{described} returned {len(batches)} batches, expected ceil(m / batch_size) = "
        message += f"{expected_count}"
        if m % batch_size and len(batches) == m // batch_size:
            message += (
                f": the last, smaller batch of the {m % batch_size} remaining examples is missing"
            )
        elif len(batches) == expected_count + 1:
            message += ": is the last batch empty? there is no partial batch when batch_size "
            message += "divides m"
        raise GradingError(message)
    position = {X_before[:, i].tobytes(): i for i in range(m)}
    order = []
    for k, batch in enumerate(batches, start=1):
        if not isinstance(batch, tuple | list) or len(batch) != 2:
            raise GradingError(f"{described}: batch {k} is not a pair (X_batch, Y_batch)")
        X_batch, Y_batch = (np.asarray(part) for part in batch)
        size = batch_size if k < expected_count else m - batch_size * (expected_count - 1)
        if X_batch.shape != (n_x, size):
            raise GradingError(
                f"{described}: X_batch {k} has shape {X_batch.shape}, expected {(n_x, size)}"
                + (
                    ": every batch but the last holds batch_size examples (columns)"
                    if X_batch.ndim == 2 and X_batch.shape[0] == n_x
                    else ": the examples are the columns of X; keep all its rows"
                )
            )
        if Y_batch.shape != (n_y, size):
            raise GradingError(
                f"{described}: Y_batch {k} has shape {Y_batch.shape}, expected {(n_y, size)}"
            )
        if X_batch.dtype != X.dtype or Y_batch.dtype != Y.dtype:
            raise GradingError(
                f"{described}: batch {k} holds {X_batch.dtype} and {Y_batch.dtype} for "
                f"{X.dtype} inputs: keep the dtype of X and Y"
            )
        for j in range(size):
            index = position.get(X_batch[:, j].tobytes())
            if index is None:
                raise GradingError(
                    f"{described}: column {j} of X_batch {k} is not a column of X: select whole "
                    "columns, X[:, permutation], without changing their values"
                )
            if not np.array_equal(Y_batch[:, j], Y_before[:, index]):
                raise GradingError(
                    f"{described}: X and Y are not shuffled together (column {j} of batch {k} "
                    "pairs an example of X with the label of another): index both with the "
                    "same permutation"
                )
            order.append(index)
    counts = np.bincount(order, minlength=m)
    if np.any(counts != 1):
        twice, never = np.flatnonzero(counts > 1), np.flatnonzero(counts == 0)
        raise GradingError(
            f"{described}: every example must appear exactly once; example {int(twice[0])} appears "
            f"{int(counts[twice[0]])} times and {len(never)} never appear: shuffle with a "
            "permutation, not with random indices drawn with replacement"
        )
    return np.array(order)


# ---------------------------------------------------------------- train_network

#: the student's helpers that train_network calls; nnlib's stand in for them while it
#: is graded
HELPERS = (
    "random_mini_batches",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "update_parameters",
)


def check_train_network(student, namespace):
    """Train on the digits with ``GRADED_RUN`` and require ``ACCURACY_THRESHOLD``."""
    name = "train_network"
    data = load_digits()
    X_train, mean, std = standardize(data.X_train)
    X_test, _, _ = standardize(data.X_test, mean, std)
    Y_train = data.Y_train
    X_before, Y_before = X_train.copy(), Y_train.copy()
    calls = {helper: [] for helper in HELPERS}
    arguments = {"X": X_train, "Y": Y_train, **copy.deepcopy(GRADED_RUN)}
    with _counted_helpers(student, calls), watching(training.train) as delegated:
        parameters = call(name, student, arguments, copy_inputs=False)
    if delegated:
        raise GradingError(
            f"{name} calls nnlib's own train: write the training loop yourself "
            "(this function earns no points while it delegates)"
        )
    if not (np.array_equal(X_train, X_before) and np.array_equal(Y_train, Y_before)):
        raise GradingError(f"{name} modified its input X or Y")
    _check_the_loop(calls, X_train.shape[1])
    _check_trained_parameters(parameters)
    _check_accuracy(parameters, X_test, data.labels_test)


def _check_the_loop(calls, m):
    run = GRADED_RUN
    epochs, batch_size = run["num_epochs"], run["batch_size"]
    where = (
        f"train_network(X_train, Y_train, {run['layer_dims']}, "
        + ", ".join(f"{k}={v}" for k, v in run.items() if k != "layer_dims")
        + ")"
    )
    velocities = len(calls["initialize_velocity"])
    if velocities == 0:
        raise GradingError(
            f"{where} never called initialize_velocity: create the velocity with it, once, "
            "before the first epoch"
        )
    if velocities > 1:
        raise GradingError(
            f"{where} called initialize_velocity {velocities} times: create the velocity "
            "once, before the first epoch; resetting it to zero throws the momentum away"
        )
    shuffles = calls["random_mini_batches"]
    if len(shuffles) != epochs:
        raise GradingError(
            f"{where} called random_mini_batches {len(shuffles)} time(s) for {epochs} epochs: "
            "call it at the start of every epoch, so each epoch has its own shuffle"
        )
    sizes = {call["batch_size"] for call in shuffles}
    if sizes != {batch_size}:
        raise GradingError(
            f"{where} called random_mini_batches with batch_size {sorted(sizes)}: pass the "
            f"batch_size argument ({batch_size})"
        )
    seeds = [call["seed"] for call in shuffles]
    if any(seed is None for seed in seeds):
        raise GradingError(
            f"{where} called random_mini_batches without a seed: pass seed + epoch, so the "
            "same seed gives the same network"
        )
    if len(set(seeds)) != len(seeds):
        raise GradingError(
            f"{where} shuffled several epochs with the same seed ({seeds[0]}, ...), so they see "
            "the same batches in the same order: pass seed + epoch"
        )
    steps = len(calls["update_parameters_with_momentum"])
    expected_steps = epochs * math.ceil(m / batch_size)
    if steps != expected_steps:
        raise GradingError(
            f"{where} called update_parameters_with_momentum {steps} times, expected one step "
            f"per mini-batch: {epochs} epochs x {math.ceil(m / batch_size)} batches = "
            f"{expected_steps}"
        )


def _check_trained_parameters(parameters):
    dims = GRADED_RUN["layer_dims"]
    if not isinstance(parameters, Mapping):
        raise GradingError(
            f"train_network returned a {type(parameters).__name__}, expected the parameters, "
            '{"W1": ..., "b1": ..., ...}'
        )
    for layer in range(1, len(dims)):
        for key, shape in ((f"W{layer}", (dims[layer], dims[layer - 1])), (f"b{layer}", None)):
            if key not in parameters:
                raise GradingError(f"the parameters train_network returned have no {key!r}")
            value = np.asarray(parameters[key])
            if shape is not None and value.shape != shape:
                raise GradingError(
                    f"the trained {key} has shape {value.shape}, expected {shape} for "
                    f"layer_dims {dims}"
                )
            if not np.all(np.isfinite(value)):
                raise GradingError(
                    f"the trained {key} contains nan or inf: training diverged. Do you step "
                    "against the gradient, and call model_backward(AL, Y_batch, caches) in "
                    "that order?"
                )


def _check_accuracy(parameters, X_test, labels_test):
    AL, _ = model_forward(X_test, dict(parameters), "relu", "softmax")
    accuracy = float(np.mean(np.argmax(AL, axis=0) == labels_test))
    if accuracy >= ACCURACY_THRESHOLD:
        return
    message = (
        f"the network train_network trained has a test accuracy of {accuracy:.1%}, "
        f"below {ACCURACY_THRESHOLD:.0%}"
    )
    start = initialize_parameters(GRADED_RUN["layer_dims"], "he", seed=GRADED_RUN["seed"])
    if all(np.array_equal(parameters[key], start[key]) for key in start):
        raise GradingError(
            message + ": these are the initial parameters; keep the parameters (and the "
            "velocity) that update_parameters_with_momentum returns"
        )
    raise GradingError(
        message + ". Check each step of the loop: model_forward(X_batch, parameters, 'relu', "
        "'softmax') on the current batch, model_backward(AL, Y_batch, caches) in that order, "
        "update_parameters_with_momentum with the beta and learning_rate arguments as "
        "given, and keep the parameters and velocity it returns"
    )


def _counted_helpers(student, calls):
    """Within the block, the student's helpers are nnlib's, and every call is recorded
    in ``calls[helper]`` as its bound arguments."""
    return helpers_replaced(
        student, {key: _counting(getattr(training, key), calls[key]) for key in HELPERS}
    )


def _counting(function, record):
    signature = inspect.signature(function)

    def counted(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        record.append(dict(bound.arguments))
        return function(*args, **kwargs)

    counted.__name__ = function.__name__
    return counted


# ---------------------------------------------------------------- shared


SPECS = {
    "update_parameters": Spec(
        training.update_parameters,
        _update_inputs,
        outputs=("parameters",),
        diagnoses={"W": UPDATE_MISTAKES, "b": UPDATE_MISTAKES},
    ),
    "initialize_velocity": check_initialize_velocity,
    "update_parameters_with_momentum": Spec(
        training.update_parameters_with_momentum,
        _momentum_inputs,
        outputs=("parameters", "velocity"),
        diagnoses={
            "W": MOMENTUM_PARAMETER_MISTAKES,
            "b": MOMENTUM_PARAMETER_MISTAKES,
            "dW": MOMENTUM_VELOCITY_MISTAKES,
            "db": MOMENTUM_VELOCITY_MISTAKES,
        },
        uses={"update_parameters": training.update_parameters},
    ),
    "random_mini_batches": check_random_mini_batches,
    "train_network": check_train_network,
}
