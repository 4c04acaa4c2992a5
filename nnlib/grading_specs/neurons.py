"""Specs of assignment 1, Neurons: the cost, forward and backward of one sigmoid neuron.

The backward pass receives nnlib's ``NeuronCache``, which unpacks like the plain
tuple ``(X, A)`` the assignment asks for.
"""

from __future__ import annotations

import numpy as np

from nnlib import losses, neurons
from nnlib.grading import Diagnosis, Spec, finite_difference_check, own_forward
from nnlib.grading_specs.common import equals


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


def _neuron_gradient(student, namespace):
    forward = own_forward(namespace, "neuron_forward")
    if forward is None:
        return
    rng = np.random.default_rng(7)
    w, b, X = rng.normal(0, 0.5, (3, 1)), 0.3, rng.normal(0, 1, (3, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    _, cache = forward(w, b, X)
    dw, _ = student(Y, cache)
    finite_difference_check(
        "dw", dw, lambda v: losses.binary_cross_entropy(forward(v, b, X)[0], Y), w, "neuron_forward"
    )


SPECS = {
    "binary_cross_entropy": Spec(
        losses.binary_cross_entropy,
        _cost_inputs,
        outputs=("J",),
        diagnoses={
            "J": [
                Diagnosis(
                    lambda actual, expected, inputs: not np.all(np.isfinite(actual)),
                    "{name} is nan or inf when a prediction is exactly 0 or 1: clip A to "
                    "[eps, 1 - eps] before taking the logarithm",
                )
            ]
        },
    ),
    "neuron_forward": Spec(
        neurons.neuron_forward,
        _neuron_inputs,
        outputs=("A", None),
        diagnoses={
            "A": [
                Diagnosis(
                    equals(lambda i: 1 / (1 + np.exp(-(i["w"].T @ i["X"])))),
                    "{name} leaves out the bias: Z = w^T X + b",
                ),
                Diagnosis(
                    equals(lambda i: i["w"].T @ i["X"] + i["b"]),
                    "{name} is Z itself: apply the sigmoid, A = 1 / (1 + exp(-Z))",
                ),
            ]
        },
    ),
    "neuron_backward": Spec(
        neurons.neuron_backward,
        _neuron_backward_inputs,
        outputs=("dw", "db"),
        hints={"dw": "did you transpose dZ in X @ dZ.T?"},
        diagnoses={
            "dw": [
                Diagnosis(
                    equals(lambda i: i["cache"].X @ (i["Y"] - i["cache"].A).T / i["Y"].shape[1]),
                    "{name} has the wrong sign: dZ is A - Y, not Y - A",
                )
            ],
        },
        own_forward_check=_neuron_gradient,
    ),
}
