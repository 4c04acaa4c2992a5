"""Specs of assignment 2, Activations: every activation, its backward pass, softmax.

The forward functions are compared with nnlib's on scores that include, for
``m >= 3``, one column of large values (|z| up to 800) where unstable formulas
overflow. Leaky ReLU is tried with its default slope (``m = 1``, where ``alpha`` is
not passed) and with other slopes. Each backward function is also compared with
finite differences of the student's own forward function, and while it is graded
the student's forward function is nnlib's (``uses``), so a wrong ``sigmoid`` costs
only the points of ``sigmoid``, not those of a ``sigmoid_backward`` that calls it.

nbgrader scores a graded cell zero when it writes to stderr, so a RuntimeWarning
("overflow encountered in exp") costs a cell its points even when the values are
right. Two consequences here: the student's own forward function runs with warnings
silenced when a backward function is compared with it (its overflow must not cost
the backward), and the functions that call ``exp`` are also run on large inputs with
floating-point errors raised, so that an overflowing formula gets a message that
says so rather than a bare warning.
"""

from __future__ import annotations

import warnings

import numpy as np

from nnlib import activations
from nnlib.activations import DEFAULT_LEAKY_SLOPE
from nnlib.grading import Diagnosis, GradingError, Spec, finite_difference_check, own_forward
from nnlib.grading_specs.common import equals, scores, wrong_only_where_large


def _elementwise_inputs(rng, m, dtype):
    return {"Z": scores(rng, m, dtype)}


def _elementwise_backward_inputs(rng, m, dtype):
    Z = scores(rng, m, dtype)
    return {"dA": rng.normal(0.0, 1.0, Z.shape).astype(dtype), "Z": Z}


def _slope(rng, m):
    """Leaky ReLU's ``alpha``: left at its default for ``m = 1`` (so the default is
    tested), another slope otherwise (so a hard-coded 0.01 is caught). A Python
    float, so float32 inputs stay float32."""
    return {} if m == 1 else {"alpha": round(float(rng.uniform(0.05, 0.3)), 3)}


def _leaky_inputs(rng, m, dtype):
    return {**_elementwise_inputs(rng, m, dtype), **_slope(rng, m)}


def _leaky_backward_inputs(rng, m, dtype):
    return {**_elementwise_backward_inputs(rng, m, dtype), **_slope(rng, m)}


def _alpha(inputs):
    return inputs.get("alpha", DEFAULT_LEAKY_SLOPE)


def _sigmoid(Z):
    return activations.sigmoid(Z)


def _softmax_with(shift, total):
    """Softmax computed as ``exp(Z - shift(Z)) / total(E)``: the mistaken variants."""

    def make(inputs):
        E = np.exp(inputs["Z"] - shift(inputs["Z"]))
        return E / total(E)

    return make


def _equals_with_nan(make):
    """Like ``common.equals``, but nan in the same places counts as equal (for
    mistakes that make 0 / 0)."""

    def applies(actual, expected, inputs):
        with np.errstate(all="ignore"):
            wrong = np.asarray(make(inputs))
        return wrong.shape == actual.shape and bool(
            np.allclose(actual, wrong, atol=1e-6, equal_nan=True)
        )

    return applies


# --- forward mistakes ------------------------------------------------------------------

SIGMOID_BRANCHES_SWAPPED = Diagnosis(
    equals(lambda i: _sigmoid(-i["Z"])),
    "{name} is sigmoid(-Z) = 1 - sigmoid(Z): for z >= 0 use 1 / (1 + e^(-|z|)), for "
    "z < 0 use e^(-|z|) / (1 + e^(-|z|)); are the two branches swapped?",
)

TANH_HALF = Diagnosis(
    equals(lambda i: np.tanh(i["Z"] / 2)),
    "{name} is 2 * sigmoid(Z) - 1, which is tanh(Z / 2): tanh(z) = 2 * sigmoid(2z) - 1, "
    "or simply np.tanh(Z)",
)

RELU_NEGATIVE_PART = Diagnosis(
    equals(lambda i: np.minimum(i["Z"], 0)),
    "{name} keeps the negative part of Z: ReLU is max(0, Z), Z where Z > 0 and 0 elsewhere",
)

LEAKY_MIN = Diagnosis(
    equals(lambda i: np.minimum(_alpha(i) * i["Z"], i["Z"])),
    "{name} takes the minimum; leaky ReLU is max(alpha * Z, Z)",
)

LEAKY_FIXED_SLOPE = Diagnosis(
    equals(lambda i: np.where(i["Z"] > 0, i["Z"], DEFAULT_LEAKY_SLOPE * i["Z"])),
    "{name} uses the slope 0.01 whatever alpha is: use the argument alpha",
)

SOFTMAX_WRONG_AXIS = Diagnosis(
    equals(
        _softmax_with(
            lambda Z: Z.max(axis=1, keepdims=True), lambda E: E.sum(axis=1, keepdims=True)
        )
    ),
    "{name} normalises each row; with one example per column, sum over axis 0",
)

SOFTMAX_WHOLE_SUM = Diagnosis(
    equals(_softmax_with(lambda Z: Z.max(axis=0, keepdims=True), lambda E: E.sum())),
    "{name} divides by the sum of the whole array: each column (one example) must sum to 1, "
    "so sum over axis 0 with keepdims=True",
)

SOFTMAX_GLOBAL_MAX = Diagnosis(
    _equals_with_nan(_softmax_with(lambda Z: Z.max(), lambda E: E.sum(axis=0, keepdims=True))),
    "{name} subtracts the maximum of the whole array: a column far below it becomes "
    "exp(-800) = 0 everywhere and then 0 / 0; subtract each column's own maximum, "
    "Z.max(axis=0, keepdims=True)",
)

# --- backward mistakes -----------------------------------------------------------------

SIGMOID_OF_Z = Diagnosis(
    equals(lambda i: i["dA"] * i["Z"] * (1 - i["Z"])),
    "{name} uses Z in place of sigmoid(Z): compute s = sigmoid(Z) first, then dA * s * (1 - s)",
)

SIGMOID_FORGOT_DA = Diagnosis(
    equals(lambda i: _sigmoid(i["Z"]) * (1 - _sigmoid(i["Z"]))),
    "{name} returns sigmoid'(Z) alone: multiply it by the upstream gradient dA",
)

TANH_OF_Z = Diagnosis(
    equals(lambda i: i["dA"] * (1 - i["Z"] ** 2)),
    "{name} uses Z in place of tanh(Z): compute t = tanh(Z) first, then dA * (1 - t**2)",
)

TANH_FORGOT_DA = Diagnosis(
    equals(lambda i: 1 - np.tanh(i["Z"]) ** 2),
    "{name} returns tanh'(Z) alone: multiply it by the upstream gradient dA",
)

TANH_SQUARE_MISPLACED = Diagnosis(
    equals(lambda i: i["dA"] * (1 - np.tanh(i["Z"])) ** 2),
    "{name} squares (1 - t); the derivative is 1 - t**2 with t = tanh(Z)",
)

RELU_WRONG_SIDE = Diagnosis(
    equals(lambda i: i["dA"] * (i["Z"] < 0)),
    "{name} passes the gradient where Z < 0; ReLU's slope is 1 where Z > 0 and 0 elsewhere",
)

FORGOT_DA = Diagnosis(
    equals(lambda i: (i["Z"] > 0).astype(i["Z"].dtype)),
    "{name} returns g'(Z) alone: multiply it by the upstream gradient dA",
)

RELU_TIMES_RELU = Diagnosis(
    equals(lambda i: i["dA"] * np.maximum(i["Z"], 0)),
    "{name} multiplies dA by relu(Z); multiply it by ReLU's slope: 1 where Z > 0, 0 elsewhere",
)

LEAKY_FORGOT_DA = Diagnosis(
    equals(lambda i: np.where(i["Z"] > 0, 1.0, _alpha(i))),
    "{name} returns leaky_relu'(Z) alone: multiply it by the upstream gradient dA",
)

LEAKY_AS_RELU = Diagnosis(
    equals(lambda i: i["dA"] * (i["Z"] > 0)),
    "{name} is ReLU's backward pass: where Z < 0 leaky ReLU's slope is alpha, so dZ = alpha * dA",
)

LEAKY_BACKWARD_FIXED_SLOPE = Diagnosis(
    equals(lambda i: np.where(i["Z"] > 0, i["dA"], DEFAULT_LEAKY_SLOPE * i["dA"])),
    "{name} uses the slope 0.01 whatever alpha is: use the argument alpha",
)

LEAKY_BACKWARD_WRONG_SIDE = Diagnosis(
    equals(lambda i: np.where(i["Z"] > 0, _alpha(i) * i["dA"], i["dA"])),
    "{name} has the slopes swapped: dZ = dA where Z > 0 and alpha * dA elsewhere",
)


def _activation_gradient(name):
    forward_name = name.removesuffix("_backward")

    def check(student, namespace):
        # silenced: a warning from the student's forward would zero this cell in nbgrader
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            forward = own_forward(namespace, forward_name)
            if forward is None:
                return
            rng = np.random.default_rng(7)
            Z = rng.normal(0.0, 1.5, (3, 4))
            Z[np.abs(Z) < 0.05] = 0.5
            dA = rng.normal(0.0, 1.0, Z.shape)
            finite_difference_check(
                name,
                student(dA.copy(), Z.copy()),
                lambda z: np.sum(dA * forward(z)),
                Z,
                forward_name,
            )

    return check


#: scores where a formula that exponentiates z or -z overflows
LARGE = np.array([[-800.0, -30.0, 0.5, 30.0, 800.0], [800.0, 1.0, -1.0, -2.0, -800.0]])


def _no_overflow(name, advice, forward=None):
    """Run the student's function on ``LARGE`` with floating-point errors raised:
    an overflow gets a message instead of only a RuntimeWarning. For a backward
    function, ``forward`` names the forward function it may call, which is nnlib's
    during this check (as it is in the comparison with nnlib)."""

    def check(student, namespace):
        args = (LARGE.copy(),) if forward is None else (np.ones_like(LARGE), LARGE.copy())
        scope = getattr(student, "__globals__", {})
        saved = {forward: scope[forward]} if forward in scope else {}
        scope.update({key: getattr(activations, key) for key in saved})
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                student(*args)
        except FloatingPointError as error:
            raise GradingError(
                f"{name} is right, but for large |z| (such as 800 or -800) it runs into "
                f"'{error}', which prints a RuntimeWarning: {advice}"
            ) from None
        finally:
            scope.update(saved)

    return check


def _all_of(*checks):
    def check(student, namespace):
        for each in checks:
            each(student, namespace)

    return check


SPECS = {
    "sigmoid": Spec(
        activations.sigmoid,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={
            "A": [
                SIGMOID_BRANCHES_SWAPPED,
                wrong_only_where_large(
                    "exponentiate only -|z| (split z >= 0 and z < 0) so exp never overflows"
                ),
            ]
        },
        own_forward_check=_no_overflow(
            "sigmoid",
            "exponentiate only -|z|; np.where computes both of its branches on every entry, "
            "so each branch must be safe for every z",
        ),
    ),
    "tanh": Spec(
        activations.tanh,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={"A": [TANH_HALF, wrong_only_where_large("np.tanh is stable; use it")]},
        own_forward_check=_no_overflow("tanh", "np.tanh is stable; use it"),
    ),
    "relu": Spec(
        activations.relu, _elementwise_inputs, outputs=("A",), diagnoses={"A": [RELU_NEGATIVE_PART]}
    ),
    "leaky_relu": Spec(
        activations.leaky_relu,
        _leaky_inputs,
        outputs=("A",),
        diagnoses={"A": [LEAKY_MIN, LEAKY_FIXED_SLOPE]},
    ),
    "softmax": Spec(
        activations.softmax,
        _elementwise_inputs,
        outputs=("A",),
        diagnoses={
            "A": [
                SOFTMAX_WRONG_AXIS,
                SOFTMAX_WHOLE_SUM,
                SOFTMAX_GLOBAL_MAX,
                wrong_only_where_large(
                    "subtract each column's maximum before exp so it cannot overflow"
                ),
            ]
        },
        own_forward_check=_no_overflow(
            "softmax", "subtract each column's maximum before exp so it cannot overflow"
        ),
    ),
    "sigmoid_backward": Spec(
        activations.sigmoid_backward,
        _elementwise_backward_inputs,
        outputs=("dZ",),
        diagnoses={
            "dZ": [
                SIGMOID_OF_Z,
                SIGMOID_FORGOT_DA,
                wrong_only_where_large(
                    "compute it from s = sigmoid(Z) as dA * s * (1 - s), not from exp(-Z)"
                ),
            ]
        },
        uses={"sigmoid": activations.sigmoid},
        own_forward_check=_all_of(
            _no_overflow(
                "sigmoid_backward",
                "compute s = sigmoid(Z) stably, then dA * s * (1 - s)",
                "sigmoid",
            ),
            _activation_gradient("sigmoid_backward"),
        ),
    ),
    "tanh_backward": Spec(
        activations.tanh_backward,
        _elementwise_backward_inputs,
        outputs=("dZ",),
        diagnoses={
            "dZ": [
                TANH_OF_Z,
                TANH_FORGOT_DA,
                TANH_SQUARE_MISPLACED,
                wrong_only_where_large("compute it from t = tanh(Z) as dA * (1 - t**2)"),
            ]
        },
        uses={"tanh": activations.tanh},
        own_forward_check=_all_of(
            _no_overflow("tanh_backward", "compute t = np.tanh(Z), then dA * (1 - t**2)", "tanh"),
            _activation_gradient("tanh_backward"),
        ),
    ),
    "relu_backward": Spec(
        activations.relu_backward,
        _elementwise_backward_inputs,
        outputs=("dZ",),
        diagnoses={"dZ": [RELU_WRONG_SIDE, FORGOT_DA, RELU_TIMES_RELU]},
        uses={"relu": activations.relu},
        own_forward_check=_activation_gradient("relu_backward"),
    ),
    "leaky_relu_backward": Spec(
        activations.leaky_relu_backward,
        _leaky_backward_inputs,
        outputs=("dZ",),
        diagnoses={
            "dZ": [
                LEAKY_FORGOT_DA,
                LEAKY_AS_RELU,
                LEAKY_BACKWARD_FIXED_SLOPE,
                LEAKY_BACKWARD_WRONG_SIDE,
            ]
        },
        uses={"leaky_relu": activations.leaky_relu},
        own_forward_check=_activation_gradient("leaky_relu_backward"),
    ),
}
