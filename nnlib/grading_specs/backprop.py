"""Specs of assignment 5, Backpropagation: a layer's backward pass, an L-layer network's,
and gradient checking.

Conventions (as in nnlib.backprop): ``linear_backward`` has no 1/m (``dW = dZ A_prev^T``,
``db`` = row sums of ``dZ``, ``dA_prev = W^T dZ``); the 1/m of the mean cost enters at the
output, ``dZ[L] = (AL - Y) / m``. The backward functions receive nnlib's caches
(``LinearCache``, ``LinearActivationCache``), which unpack like the plain tuples
``(A_prev, W, b)`` and ``(linear_cache, Z, activation)`` the assignment describes.

* ``linear_backward``: compared with nnlib; a first stage checks the shapes (a ``db``
  summed over the wrong axis is named) and an extra check compares every gradient with
  central differences of ``sum(dZ * (W A_prev + b))``.
* ``linear_activation_backward``: compared with nnlib for relu, sigmoid and tanh layers,
  with the student's ``linear_backward`` replaced by nnlib's.
* ``model_backward``: the gradient dict of networks built with nnlib (relu or tanh hidden
  layers, sigmoid or softmax output), with the student's ``linear_backward`` and
  ``linear_activation_backward`` replaced by nnlib's; a first stage checks the keys and
  names a cache taken from the wrong layer.
* ``gradient_check`` has no single right output; ``_check_gradient_check`` runs it with
  nnlib's ``model_backward`` in place of the student's and requires (a) a tiny error for
  a correct backward pass, below 1e-7 with epsilon 1e-5 (a correct central difference
  gives about 1e-10 there; a one-sided difference or an unrestored parameter 1e-6 to
  1e-4), on float64 and float32 inputs and a softmax network; (b) about 1/3, the right
  relative error, for a backward pass whose dW1 (then db of the last layer) is doubled;
  (c) the parameters left unchanged.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager

import numpy as np

from nnlib import backprop
from nnlib.broadcasting import one_hot
from nnlib.grading import (
    Diagnosis,
    GradingError,
    Spec,
    call,
    delegates_to_reference,
)
from nnlib.grading_specs.common import equals, shapes_first
from nnlib.initialization import initialize_parameters
from nnlib.vectorization import LinearActivationCache, LinearCache, linear_activation_forward

HIDDEN_ACTIVATIONS = ("relu", "sigmoid", "tanh")


# ---------------------------------------------------------------------------
# nnlib's helpers as the student's code calls them: plain tuples are accepted too.


def _nnlib_linear_backward(dZ, cache):
    A_prev, W, b = cache
    return backprop.linear_backward(dZ, LinearCache(A_prev, W, b))


def _nnlib_linear_activation_backward(dA, cache, activation):
    linear_cache, Z, used = cache
    if np.shape(dA) != np.shape(Z):
        raise GradingError(
            f"linear_activation_backward was given dA of shape {np.shape(dA)} with the cache "
            f"of a layer whose Z has shape {np.shape(Z)}: is it the right layer's cache? "
            "Layer l's cache is caches[l - 1] (the list starts at 0)"
        )
    return backprop.linear_activation_backward(
        dA, LinearActivationCache(LinearCache(*linear_cache), Z, used), activation
    )


# ---------------------------------------------------------------------------
# linear_backward


def _linear_backward_inputs(rng, m, dtype, n=3, n_prev=5):
    A_prev = rng.normal(0.0, 1.0, (n_prev, m))
    W = rng.normal(0.0, 0.5, (n, n_prev))
    b = rng.normal(0.0, 0.5, (n, 1))
    dZ = rng.normal(0.0, 1.0, (n, m))
    return {
        "dZ": dZ.astype(dtype),
        "cache": LinearCache(A_prev.astype(dtype), W.astype(dtype), b.astype(dtype)),
    }


def _m_of(inputs):
    for key in ("dZ", "dA", "AL"):
        if key in inputs:
            return np.shape(inputs[key])[1]
    return 1


def _times(factor):
    """``actual == factor(m) * expected`` for m > 1."""

    def applies(actual, expected, inputs):
        m = _m_of(inputs)
        with np.errstate(all="ignore"):
            return bool(
                m > 1
                and actual.shape == expected.shape
                and np.allclose(actual, factor(m) * expected, rtol=1e-4, atol=1e-7)
            )

    return applies


DIVIDED_BY_M = Diagnosis(
    _times(lambda m: 1 / m),
    "{name} is {m} times too small (m = {m}): linear_backward has no 1/m, because dZ "
    "already carries it (the 1/m enters once, at the output: dZ[L] = (AL - Y) / m)",
)


def _linear_shapes_inputs():
    rng = np.random.default_rng(5)
    # n = 3 units, n_prev = 5 inputs, m = 4 examples: no two sizes equal
    return _linear_backward_inputs(rng, 4, np.float64)


def _across_examples(shape, inputs):
    return shape == (1, _m_of(inputs)) or shape == (_m_of(inputs),)


def _linear_gradients_match_finite_differences(student, namespace):
    """dA_prev, dW and db against central differences of sum(dZ * (W A_prev + b)),
    the function whose gradients they are (float64)."""
    rng = np.random.default_rng(11)
    inputs = _linear_backward_inputs(rng, 6, np.float64)
    dZ, (A_prev, W, b) = inputs["dZ"], inputs["cache"]
    result = student(dZ.copy(), LinearCache(A_prev.copy(), W.copy(), b.copy()))
    costs = {
        "dA_prev": (A_prev, lambda v: np.sum(dZ * (W @ v + b))),
        "dW": (W, lambda v: np.sum(dZ * (v @ A_prev + b))),
        "db": (b, lambda v: np.sum(dZ * (W @ A_prev + v))),
    }
    for what, analytic in zip(("dA_prev", "dW", "db"), result, strict=True):
        x, cost = costs[what]
        numeric = backprop.numerical_gradient(cost, x, epsilon=1e-5)
        error = backprop.relative_error(np.asarray(analytic, dtype=np.float64), numeric)
        if error > 1e-5:
            raise GradingError(
                f"{what} does not match finite differences of Z = W A_prev + b "
                f"(relative error {error:.1e}): check the formula"
            )


LINEAR_HINTS = {
    "dA_prev": "dA_prev = W^T dZ has the shape of A_prev",
    "dW": "dW = dZ A_prev^T has the shape of W: did you transpose the wrong factor?",
    "db": "db is a column with one entry per unit: sum dZ over axis=1 with keepdims=True",
}

LINEAR_BACKWARD = Spec(
    backprop.linear_backward,
    _linear_backward_inputs,
    outputs=("dA_prev", "dW", "db"),
    hints=LINEAR_HINTS,
    diagnoses={"dW": [DIVIDED_BY_M], "db": [DIVIDED_BY_M]},
    own_forward_check=_linear_gradients_match_finite_differences,
    first_check=shapes_first(
        "linear_backward",
        backprop.linear_backward,
        _linear_shapes_inputs,
        outputs=("dA_prev", "dW", "db"),
        order=("dW", "db", "dA_prev"),
        hints=LINEAR_HINTS,
        advice={
            "db": [
                (
                    _across_examples,
                    "{name} has shape {shape}, expected {expected}: it sums over the units; "
                    "sum dZ over the examples instead (axis=1, keepdims=True), one entry per unit",
                )
            ]
        },
    ),
)


# ---------------------------------------------------------------------------
# linear_activation_backward


def _layer_backward_inputs(rng, m, dtype):
    """One layer's cache from nnlib's forward pass; the activation cycles with m and the
    seed so that relu, sigmoid and tanh all occur for every dtype and for m > 1."""
    k = int(rng.integers(3))  # 2 for seed 0, 1 for seed 1
    activation = HIDDEN_ACTIVATIONS[(k + m) % 3]
    A_prev = rng.normal(0.0, 1.0, (5, m))
    W = rng.normal(0.0, 0.6, (3, 5))
    b = rng.normal(0.0, 0.5, (3, 1))
    _, cache = linear_activation_forward(
        A_prev.astype(dtype), W.astype(dtype), b.astype(dtype), activation
    )
    return {
        "dA": rng.normal(0.0, 1.0, (3, m)).astype(dtype),
        "cache": cache,
        "activation": activation,
    }


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


WRONG_DZ = {
    "relu": [
        (
            lambda dA, Z: dA * (Z < 0),
            "passes the gradient where Z < 0; relu's slope is 1 where Z > 0 and 0 elsewhere",
        ),
        (
            lambda dA, Z: dA * (Z > 0) * Z,
            "multiplies by relu(Z), not by its slope: dZ = dA * (Z > 0)",
        ),
    ],
    "sigmoid": [
        (
            lambda dA, Z: dA * Z * (1 - Z),
            "uses Z in place of s = sigmoid(Z): dZ = dA * s * (1 - s)",
        ),
        (
            lambda dA, Z: dA * _sigmoid(Z),
            "multiplies by sigmoid(Z), not by its derivative s * (1 - s)",
        ),
    ],
    "tanh": [
        (lambda dA, Z: dA * (1 - Z**2), "uses Z in place of t = tanh(Z): dZ = dA * (1 - t**2)"),
        (lambda dA, Z: dA * np.tanh(Z), "multiplies by tanh(Z), not by its derivative 1 - t**2"),
    ],
}

ACTIVATION_SLOPES = {
    "relu": lambda Z: (Z > 0).astype(Z.dtype),
    "sigmoid": lambda Z: _sigmoid(Z) * (1 - _sigmoid(Z)),
    "tanh": lambda Z: 1 - np.tanh(Z) ** 2,
}


def _layer_diagnoses(index):
    """Diagnoses of output ``index`` (0: dA_prev, 1: dW, 2: db), each recomputing what
    nnlib's linear_backward gives for a wrong dZ."""

    def via(wrong_dZ, activation=None):
        def make(inputs):
            linear, Z, used = inputs["cache"]
            if activation is not None and used != activation:
                return np.full(1, np.nan)
            dZ = wrong_dZ(inputs["dA"].astype(np.float64), Z.astype(np.float64))
            return backprop.linear_backward(dZ, linear)[index]

        return equals(make)

    found = [
        Diagnosis(
            via(lambda dA, Z: dA),
            "{name} is computed from dZ = dA: multiply dA by the activation's derivative "
            "g'(Z) first (the activation's backward function does that)",
        )
    ]
    for activation, mistakes in WRONG_DZ.items():
        found += [
            Diagnosis(
                via(wrong, activation), f"{{name}} is wrong for a {activation} layer: it " + advice
            )
            for wrong, advice in mistakes
        ]
    for used in ACTIVATION_SLOPES:
        for other, other_slope in ACTIVATION_SLOPES.items():
            if other != used:
                found.append(
                    Diagnosis(
                        via(lambda dA, Z, s=other_slope: dA * s(Z), used),
                        f"{{name}} uses the derivative of {other} for a {used} layer: choose "
                        "the backward function by the activation argument",
                    )
                )
    return found


LINEAR_ACTIVATION_BACKWARD = Spec(
    backprop.linear_activation_backward,
    _layer_backward_inputs,
    outputs=("dA_prev", "dW", "db"),
    hints=LINEAR_HINTS,
    diagnoses={out: _layer_diagnoses(k) for k, out in enumerate(("dA_prev", "dW", "db"))},
    uses={"linear_backward": _nnlib_linear_backward},
    first_check=shapes_first(
        "linear_activation_backward",
        backprop.linear_activation_backward,
        lambda: _layer_backward_inputs(np.random.default_rng(0), 4, np.float64),
        outputs=("dA_prev", "dW", "db"),
        hints=LINEAR_HINTS,
    ),
)


# ---------------------------------------------------------------------------
# model_backward


def _network(rng, m, dtype, hidden, output, dims=(4, 6, 2)):
    """``(X, Y, parameters)`` of a random network with the given activations;
    biases are random too (nnlib initializes them to zero). The layer sizes
    4, 6, 2 and 1 or 3 all differ, so a cache of the wrong layer shows in a shape."""
    n_y = 1 if output == "sigmoid" else 3
    parameters = initialize_parameters(
        [*dims, n_y], "xavier" if hidden == "tanh" else "he", seed=int(rng.integers(1000))
    )
    for key in parameters:
        if key.startswith("b"):
            parameters[key] = rng.normal(0.0, 0.3, parameters[key].shape)
    X = rng.normal(0.0, 1.0, (dims[0], m))
    if output == "sigmoid":
        Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    else:
        Y = one_hot(rng.integers(0, n_y, m), n_y)
    return (
        X.astype(dtype),
        Y.astype(dtype),
        {key: value.astype(dtype) for key, value in parameters.items()},
    )


def _model_backward_inputs(rng, m, dtype):
    """A 3-layer network's output and caches from nnlib's forward pass; over m and the
    seed every dtype sees relu and tanh hidden layers with sigmoid and softmax outputs."""
    k = int(rng.integers(2))  # 1 for seed 0, 0 for seed 1
    output = ("sigmoid", "softmax")[k]
    hidden = ("relu", "tanh")[(k + m) % 2]
    X, Y, parameters = _network(rng, m, dtype, hidden, output)
    AL, caches = backprop.model_forward(X, parameters, hidden, output)
    return {"AL": AL, "Y": Y, "caches": caches}


FORGOT_1_OVER_M = Diagnosis(
    _times(lambda m: m),
    "{name} is {m} times too large (m = {m}): start the backward pass from "
    "dZ[L] = (AL - Y) / m; the 1/m of the mean cost enters there, once",
)


Y_MINUS_A = Diagnosis(
    lambda actual, expected, inputs: bool(np.allclose(actual, -expected, rtol=1e-4, atol=1e-7)),
    "{name} has the wrong sign: the output layer starts from dZ[L] = (AL - Y) / m, not Y - AL",
)


def _model_backward_first(student):
    inputs = _model_backward_inputs(np.random.default_rng(3), 4, np.float64)
    grads = call("model_backward", student, inputs)
    layers = len(inputs["caches"])
    if not isinstance(grads, dict):
        raise GradingError(
            f"model_backward returned a {type(grads).__name__}: return the dict "
            "{'dW1': ..., 'db1': ..., ...}"
        )
    expected = {f"d{kind}{layer}" for layer in range(1, layers + 1) for kind in "Wb"}
    missing, extra = sorted(expected - set(grads)), sorted(set(grads) - expected)
    if missing:
        shown = ", ".join(map(repr, missing))
        advice = (
            "layers are numbered from 1 like the parameters, so the output layer is dW"
            f"{layers} and the first dW1"
            if extra
            else "the loop must visit every layer, from L down to 1"
        )
        raise GradingError(
            f"grads has no {shown} for a network of {layers} layers"
            + (f" but has {', '.join(map(repr, extra))}" if extra else "")
            + f": {advice}"
        )


MODEL_BACKWARD = Spec(
    backprop.model_backward,
    _model_backward_inputs,
    outputs=("grads",),
    hints={
        "dW": "dW[l] = dZ[l] A[l-1]^T has the shape of W[l]",
        "db": "db[l] is a column with one entry per unit",
    },
    diagnoses={"dW": [FORGOT_1_OVER_M, Y_MINUS_A], "db": [FORGOT_1_OVER_M, Y_MINUS_A]},
    uses={
        "linear_backward": _nnlib_linear_backward,
        "linear_activation_backward": _nnlib_linear_activation_backward,
    },
    first_check=_model_backward_first,
)


# ---------------------------------------------------------------------------
# gradient_check

#: below this (with epsilon = 1e-5) a gradient check of a correct backward pass must stay
GRADIENT_CHECK_TOLERANCE = 1e-7
#: the relative error of a gradient twice too large: ||2g - g|| / (||2g|| + ||g||)
DOUBLED = 1 / 3


def _gradient_check_networks():
    """Three correct cases: (inputs, what they test)."""
    rng = np.random.default_rng(21)
    cases = []
    for hidden, output, dtype, what in (
        ("tanh", "sigmoid", np.float64, "a tanh network with a sigmoid output"),
        ("relu", "softmax", np.float64, "a relu network with a softmax output"),
        ("tanh", "sigmoid", np.float32, "float32 inputs"),
    ):
        X, Y, parameters = _network(rng, 6, dtype, hidden, output)
        inputs = {
            "X": X,
            "Y": Y,
            "parameters": parameters,
            "epsilon": 1e-5,
            "hidden_activation": hidden,
            "output_activation": output,
        }
        cases.append((inputs, what))
    return cases


def _spy(hidden, output, change=None):
    """nnlib's model_backward, checking that gradient_check ran the network it was asked
    for, in float64; ``change(grads)`` breaks the result on purpose."""

    def model_backward(AL, Y, caches):
        used = [cache[2] for cache in caches]
        wanted = [hidden] * (len(caches) - 1) + [output]
        if used != wanted:
            raise GradingError(
                f"gradient_check ran a network with activations {used}, but was called with "
                f"hidden_activation={hidden!r} and output_activation={output!r}: pass "
                "**model_kwargs on to model_forward"
            )
        if np.asarray(AL).dtype != np.float64:
            raise GradingError(
                f"gradient_check ran the network in {np.asarray(AL).dtype}: convert X, Y and "
                "every parameter to float64 first (in float32 the finite differences are "
                "mostly rounding error)"
            )
        grads = backprop.model_backward(AL, Y, caches)
        return change(grads) if change is not None else grads

    return model_backward


@contextmanager
def _model_backward_replaced(student, backward):
    """Within the block, the student's model_backward (if any) is ``backward``."""
    scope = getattr(student, "__globals__", {})
    saved = scope.get("model_backward")
    scope["model_backward"] = backward
    try:
        yield
    finally:
        if saved is None:
            scope.pop("model_backward", None)
        else:
            scope["model_backward"] = saved


def _run_gradient_check(student, inputs, backward):
    """The student's result, with ``backward`` as model_backward, checking that the
    parameters are left as they were."""
    inputs = copy.deepcopy(inputs)
    before = copy.deepcopy(inputs)
    with _model_backward_replaced(student, backward):
        result = call("gradient_check", student, inputs, copy_inputs=False)
    for key, value in before["parameters"].items():
        # a rounding-level change (theta + eps - 2 eps + eps) is not what this is about
        if not np.allclose(inputs["parameters"][key], value, rtol=1e-12, atol=1e-14):
            raise GradingError(
                f"gradient_check changed parameters[{key!r}]: put every entry back after "
                "perturbing it, and work on a float64 copy of the parameters"
            )
    try:
        error = float(result)
    except (TypeError, ValueError):
        raise GradingError(
            f"gradient_check returned {type(result).__name__}, expected a number: the largest "
            "relative error"
        ) from None
    if not np.isfinite(error) or error < 0:
        raise GradingError(
            f"gradient_check returned {error}: a relative error is a finite number >= 0 "
            "(if both gradients are zero, it is 0)"
        )
    return error


def _check_gradient_check(student, namespace):
    cases = _gradient_check_networks()
    for reference in (backprop.gradient_check, backprop.numerical_gradient):
        with _model_backward_replaced(student, _spy("tanh", "sigmoid")):
            delegates = delegates_to_reference(student, reference, cases[0][0])
        if delegates:
            raise GradingError(
                f"gradient_check calls nnlib's {reference.__name__}: write the finite "
                "differences yourself (this function earns no points while it delegates)"
            )

    # (a) and (c): a correct backward pass gives a tiny error; parameters unchanged
    for inputs, what in cases:
        hidden, output = inputs["hidden_activation"], inputs["output_activation"]
        error = _run_gradient_check(student, inputs, _spy(hidden, output))
        if error < GRADIENT_CHECK_TOLERANCE:
            continue
        expected = backprop.gradient_check(**inputs)
        if abs(error - DOUBLED) < 0.02:
            cause = (
                "its finite differences are off by a factor of 2: divide "
                "J(theta + eps) - J(theta - eps) by 2 * epsilon, and make the minus step go "
                "to theta - epsilon (subtract 2 * epsilon from theta + epsilon)"
            )
        elif error > 1e-2:
            cause = (
                "is the cost the one that matches the output? use "
                "compute_cost(AL, Y, output_activation) with the output_activation passed in"
                if output == "softmax"
                else "compare each entry's central difference with the same entry of grads"
            )
        else:
            cause = (
                "use the central difference (J(theta + eps) - J(theta - eps)) / (2 eps), which "
                "is accurate to O(eps**2) (a one-sided difference is only O(eps)), and put "
                "each entry back to its value before perturbing the next"
            )
        raise GradingError(
            f"gradient_check returned {error:.1e} for a correct backward pass on {what} "
            f"(epsilon = 1e-5), expected about {expected:.0e}: {cause}"
        )

    # (b): a broken backward pass gives the relative error of the broken array, about 1/3
    inputs = cases[0][0]
    layers = len(inputs["parameters"]) // 2
    for key in ("dW1", f"db{layers}"):

        def doubled(grads, key=key):
            return {**grads, key: 2 * grads[key]}

        error = _run_gradient_check(student, inputs, _spy("tanh", "sigmoid", doubled))
        if abs(error - DOUBLED) < 0.02:
            continue
        if error <= 1e-2:
            raise GradingError(
                f"gradient_check returned {error:.1e} for a backward pass whose {key} is twice "
                "too large: it must compare model_backward's gradients with the finite "
                f"differences for every parameter array{' (biases too)' if key[1] == 'b' else ''}"
                " and return the largest relative error"
            )
        if abs(error - DOUBLED / len(inputs["parameters"])) < 0.01:
            raise GradingError(
                f"gradient_check returned {error:.3f} for a backward pass whose {key} is twice "
                f"too large, expected {DOUBLED:.3f}: return the largest relative error over the "
                "parameter arrays, not their mean"
            )
        raise GradingError(
            f"gradient_check returned {error:.3f} for a backward pass whose {key} is twice "
            f"too large, expected {DOUBLED:.3f}: compute the relative error of each array as "
            "||dP - dP_num|| / (||dP|| + ||dP_num||) and return the largest"
        )


SPECS = {
    "linear_backward": LINEAR_BACKWARD,
    "linear_activation_backward": LINEAR_ACTIVATION_BACKWARD,
    "model_backward": MODEL_BACKWARD,
    "gradient_check": _check_gradient_check,
}
