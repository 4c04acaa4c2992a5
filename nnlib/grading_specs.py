"""What ``nnlib.grading.grade`` checks for each graded function.

One ``Spec`` per function a student writes: nnlib's reference, how to make its
inputs, the names of its outputs, and the typical mistakes to recognise. Caches
given to a student's backward function are nnlib's, which unpack like the plain
tuples the assignments ask for: ``(X, A)`` for a neuron, ``(A_prev, W, b)`` for
a linear step, ``(linear_cache, Z, activation)`` for a layer.
"""

from __future__ import annotations

import numpy as np

from nnlib import activations, losses, neurons
from nnlib.grading import Diagnosis, Spec, finite_difference_check
from nnlib.losses import binary_cross_entropy

# --- inputs ------------------------------------------------------------------------


def _scores(rng, m, dtype, rows=4):
    """Pre-activations ``Z`` of shape ``(rows, m)``: moderate values, and for ``m >= 3``
    one column of large ones (|z| up to 800) where unstable formulas break."""
    Z = rng.normal(0.0, 2.0, (rows, m))
    if m >= 3:
        Z[:, -1] = np.linspace(-800.0, 800.0, rows)
    Z[Z == 0] = 0.5  # no exact kinks: any slope in [0, 1] at 0 is a valid subgradient
    return Z.astype(dtype)


def _elementwise_inputs(rng, m, dtype):
    return {"Z": _scores(rng, m, dtype)}


def _elementwise_backward_inputs(rng, m, dtype):
    Z = _scores(rng, m, dtype)
    return {"dA": rng.normal(0.0, 1.0, Z.shape).astype(dtype), "Z": Z}


def _neuron_inputs(rng, m, dtype, n_x=5):
    return {
        "w": rng.normal(0.0, 0.5, (n_x, 1)).astype(dtype),
        "b": dtype(rng.normal()),
        "X": rng.normal(0.0, 1.0, (n_x, m)).astype(dtype),
    }


def _cost_inputs(rng, m, dtype):
    """Probabilities ``A`` and labels ``Y`` of shape ``(1, m)``; for ``m >= 3`` one
    prediction is exactly right (A = Y) and one exactly wrong (A = 1 - Y)."""
    Y = (rng.random((1, m)) > 0.5).astype(dtype)
    A = rng.uniform(0.05, 0.95, (1, m)).astype(dtype)
    if m >= 3:
        A[0, 0], A[0, 1] = Y[0, 0], 1 - Y[0, 1]
    return {"A": A, "Y": Y}


def _neuron_backward_inputs(rng, m, dtype):
    inputs = _neuron_inputs(rng, m, dtype)
    _, cache = neurons.neuron_forward(**inputs)
    return {"Y": (rng.random((1, m)) > 0.5).astype(dtype), "cache": cache}


# --- typical mistakes ----------------------------------------------------------------


def _large(inputs):
    return np.abs(inputs["Z"]) > 20


def _wrong_only_where_large(function):
    """Right for moderate |z|, wrong where |z| is large: an unstable formula."""

    def applies(actual, expected, inputs):
        if "Z" not in inputs or not _large(inputs).any():
            return False
        small = ~_large(inputs)
        return bool(np.allclose(actual[small], expected[small], rtol=1e-4, atol=1e-6))

    return Diagnosis(
        applies,
        f"{{name}} is right for moderate inputs but wrong where |Z| is large: {function}",
    )


def _equals(make):
    """A mistake recognised by recomputing the wrong formula from the inputs."""

    def applies(actual, expected, inputs):
        with np.errstate(all="ignore"):
            wrong = make(inputs)
        return wrong.shape == actual.shape and bool(np.allclose(actual, wrong, atol=1e-6))

    return applies


SIGMOID_OF_Z = Diagnosis(
    _equals(lambda i: i["dA"] * i["Z"] * (1 - i["Z"])),
    "{name} uses Z in place of sigmoid(Z): compute s = sigmoid(Z) first, then dA * s * (1 - s)",
)
TANH_OF_Z = Diagnosis(
    _equals(lambda i: i["dA"] * (1 - i["Z"] ** 2)),
    "{name} uses Z in place of tanh(Z): compute t = tanh(Z) first, then dA * (1 - t**2)",
)
RELU_WRONG_SIDE = Diagnosis(
    _equals(lambda i: i["dA"] * (i["Z"] < 0)),
    "{name} passes the gradient where Z < 0; ReLU's slope is 1 where Z > 0 and 0 elsewhere",
)
FORGOT_DA = Diagnosis(
    _equals(lambda i: (i["Z"] > 0).astype(i["Z"].dtype)),
    "{name} returns g'(Z) alone: multiply it by the upstream gradient dA",
)
SOFTMAX_WRONG_AXIS = Diagnosis(
    _equals(
        lambda i: (
            np.exp(i["Z"] - i["Z"].max(axis=1, keepdims=True))
            / np.exp(i["Z"] - i["Z"].max(axis=1, keepdims=True)).sum(axis=1, keepdims=True)
        )
    ),
    "{name} normalises each row; with one example per column, sum over axis 0",
)
LEAKY_MIN = Diagnosis(
    _equals(lambda i: np.minimum(0.01 * i["Z"], i["Z"])),
    "{name} takes the minimum; leaky ReLU is max(alpha * Z, Z)",
)


# --- checks against the student's own forward ----------------------------------------


def _activation_gradient(name):
    forward_name = name.removesuffix("_backward")

    def check(student, namespace):
        forward = namespace.get(forward_name)
        if not callable(forward):
            return
        rng = np.random.default_rng(7)
        Z = rng.normal(0.0, 1.5, (3, 4))
        Z[np.abs(Z) < 0.05] = 0.5
        dA = rng.normal(0.0, 1.0, Z.shape)
        finite_difference_check(
            name, student(dA.copy(), Z.copy()), lambda z: np.sum(dA * forward(z)), Z, forward_name
        )

    return check


def _neuron_gradient(student, namespace):
    forward = namespace.get("neuron_forward")
    if not callable(forward):
        return
    rng = np.random.default_rng(7)
    w, b, X = rng.normal(0, 0.5, (3, 1)), 0.3, rng.normal(0, 1, (3, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    _, cache = forward(w, b, X)
    dw, _ = student(Y, cache)
    finite_difference_check(
        "dw", dw, lambda v: binary_cross_entropy(forward(v, b, X)[0], Y), w, "neuron_forward"
    )


SPECS = {
    # --- Neurons ---
    "binary_cross_entropy": Spec(
        losses.binary_cross_entropy, _cost_inputs, outputs=("J",),
        diagnoses={"J": [Diagnosis(
            lambda actual, expected, inputs: not np.all(np.isfinite(actual)),
            "{name} is nan or inf when a prediction is exactly 0 or 1: clip A to "
            "[eps, 1 - eps] before taking the logarithm",
        )]},
    ),
    "neuron_forward": Spec(neurons.neuron_forward, _neuron_inputs, outputs=("A", None)),
    "neuron_backward": Spec(
        neurons.neuron_backward,
        _neuron_backward_inputs,
        outputs=("dw", "db"),
        hints={"dw": "did you transpose dZ in X @ dZ.T?"},
        diagnoses={
            "dw": [
                Diagnosis(
                    _equals(lambda i: i["cache"].X @ (i["Y"] - i["cache"].A).T / i["Y"].shape[1]),
                    "{name} has the wrong sign: dZ is A - Y, not Y - A",
                )
            ],
        },
        own_forward_check=_neuron_gradient,
    ),
    # --- Activations ---
    "sigmoid": Spec(
        activations.sigmoid,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={
            "A": [
                _wrong_only_where_large(
                    "exponentiate only -|z| (split z >= 0 and z < 0) so exp never overflows"
                )
            ]
        },
    ),
    "tanh": Spec(
        activations.tanh,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={"A": [_wrong_only_where_large("np.tanh is stable; use it")]},
    ),
    "relu": Spec(activations.relu, _elementwise_inputs, outputs=("A",)),
    "leaky_relu": Spec(
        activations.leaky_relu, _elementwise_inputs, outputs=("A",), diagnoses={"A": [LEAKY_MIN]}
    ),
    "softmax": Spec(
        activations.softmax,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={
            "A": [
                SOFTMAX_WRONG_AXIS,
                _wrong_only_where_large(
                    "subtract each column's maximum before exp so it cannot overflow"
                ),
            ]
        },
    ),
    "sigmoid_backward": Spec(
        activations.sigmoid_backward,
        _elementwise_backward_inputs,
        outputs=("dZ",),
        diagnoses={
            "dZ": [
                SIGMOID_OF_Z,
                _wrong_only_where_large(
                    "compute it from s = sigmoid(Z) as dA * s * (1 - s), not from exp(-Z)"
                ),
            ]
        },
        own_forward_check=_activation_gradient("sigmoid_backward"),
    ),
    "tanh_backward": Spec(
        activations.tanh_backward,
        _elementwise_backward_inputs,
        outputs=("dZ",),
        diagnoses={
            "dZ": [
                TANH_OF_Z,
                _wrong_only_where_large("compute it from t = tanh(Z) as dA * (1 - t**2)"),
            ]
        },
        own_forward_check=_activation_gradient("tanh_backward"),
    ),
    "relu_backward": Spec(
        activations.relu_backward,
        _elementwise_backward_inputs,
        outputs=("dZ",),
        diagnoses={"dZ": [RELU_WRONG_SIDE, FORGOT_DA]},
        own_forward_check=_activation_gradient("relu_backward"),
    ),
    "leaky_relu_backward": Spec(
        activations.leaky_relu_backward,
        _elementwise_backward_inputs,
        outputs=("dZ",),
        own_forward_check=_activation_gradient("leaky_relu_backward"),
    ),
}
