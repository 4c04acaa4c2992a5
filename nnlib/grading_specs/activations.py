"""Specs of assignment 2, Activations: every activation, its backward pass, softmax."""

from __future__ import annotations

import numpy as np

from nnlib import activations
from nnlib.grading import Diagnosis, Spec, finite_difference_check, own_forward
from nnlib.grading_specs.common import equals, scores, wrong_only_where_large


def _elementwise_inputs(rng, m, dtype):
    return {"Z": scores(rng, m, dtype)}


def _elementwise_backward_inputs(rng, m, dtype):
    Z = scores(rng, m, dtype)
    return {"dA": rng.normal(0.0, 1.0, Z.shape).astype(dtype), "Z": Z}


SIGMOID_OF_Z = Diagnosis(
    equals(lambda i: i["dA"] * i["Z"] * (1 - i["Z"])),
    "{name} uses Z in place of sigmoid(Z): compute s = sigmoid(Z) first, then dA * s * (1 - s)",
)


TANH_OF_Z = Diagnosis(
    equals(lambda i: i["dA"] * (1 - i["Z"] ** 2)),
    "{name} uses Z in place of tanh(Z): compute t = tanh(Z) first, then dA * (1 - t**2)",
)


RELU_WRONG_SIDE = Diagnosis(
    equals(lambda i: i["dA"] * (i["Z"] < 0)),
    "{name} passes the gradient where Z < 0; ReLU's slope is 1 where Z > 0 and 0 elsewhere",
)


FORGOT_DA = Diagnosis(
    equals(lambda i: (i["Z"] > 0).astype(i["Z"].dtype)),
    "{name} returns g'(Z) alone: multiply it by the upstream gradient dA",
)


SOFTMAX_WRONG_AXIS = Diagnosis(
    equals(
        lambda i: (
            np.exp(i["Z"] - i["Z"].max(axis=1, keepdims=True))
            / np.exp(i["Z"] - i["Z"].max(axis=1, keepdims=True)).sum(axis=1, keepdims=True)
        )
    ),
    "{name} normalises each row; with one example per column, sum over axis 0",
)


LEAKY_MIN = Diagnosis(
    equals(lambda i: np.minimum(0.01 * i["Z"], i["Z"])),
    "{name} takes the minimum; leaky ReLU is max(alpha * Z, Z)",
)


def _activation_gradient(name):
    forward_name = name.removesuffix("_backward")

    def check(student, namespace):
        forward = own_forward(namespace, forward_name)
        if forward is None:
            return
        rng = np.random.default_rng(7)
        Z = rng.normal(0.0, 1.5, (3, 4))
        Z[np.abs(Z) < 0.05] = 0.5
        dA = rng.normal(0.0, 1.0, Z.shape)
        finite_difference_check(
            name, student(dA.copy(), Z.copy()), lambda z: np.sum(dA * forward(z)), Z, forward_name
        )

    return check


SPECS = {
    "sigmoid": Spec(
        activations.sigmoid,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={
            "A": [
                wrong_only_where_large(
                    "exponentiate only -|z| (split z >= 0 and z < 0) so exp never overflows"
                )
            ]
        },
    ),
    "tanh": Spec(
        activations.tanh,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={"A": [wrong_only_where_large("np.tanh is stable; use it")]},
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
                wrong_only_where_large(
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
                wrong_only_where_large(
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
                wrong_only_where_large("compute it from t = tanh(Z) as dA * (1 - t**2)"),
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
