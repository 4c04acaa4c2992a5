"""Specs of assignment 3, Vectorization: a layer's forward pass for all examples at once.

``linear_forward`` is compared with nnlib's ``Z = W A_prev + b``. Its first inputs
are square (``n[l] = n[l-1] = m = 3``): there a transposed ``W``, a swapped product,
an element-wise ``*`` or a wrongly broadcast ``b`` still runs, so the message can
name the mistake instead of quoting a shape error; the other inputs are not square.
It must not hand the work to a loop version (the notebook's ``linear_forward_loop``
or nnlib's ``linear_forward_loop`` / ``linear_forward_per_example``): vectorizing is
the exercise. ``linear_activation_forward`` is tried with every activation and
graded with nnlib's ``linear_forward`` (and activations) in place of the student's,
so a wrong ``linear_forward`` costs only its own points. Caches are not compared.
"""

from __future__ import annotations

import numpy as np

from nnlib import activations, vectorization
from nnlib.grading import Diagnosis, GradingError, Spec, delegates_to_reference

#: the batch size whose inputs are square, tried first
SQUARE = 3

#: linear_activation_forward: the activation tried with each batch size, so that every
#: activation is tried in float64 and in float32
ACTIVATION_BY_BATCH = {1: "sigmoid", 2: "tanh", 3: "relu", 5: "leaky_relu", 8: "softmax"}


def _linear_inputs(rng, m, dtype):
    n, n_prev = (SQUARE, SQUARE) if m == SQUARE else (4, 5)
    return {
        "A_prev": rng.normal(0.0, 1.0, (n_prev, m)).astype(dtype),
        "W": rng.normal(0.0, 0.5, (n, n_prev)).astype(dtype),
        "b": rng.normal(0.0, 0.5, (n, 1)).astype(dtype),
    }


def _layer_inputs(rng, m, dtype):
    inputs = _linear_inputs(rng, 0, dtype)  # n = 4, n_prev = 5
    inputs["A_prev"] = rng.normal(0.0, 1.0, (5, m)).astype(dtype)
    inputs["activation"] = ACTIVATION_BY_BATCH[m]
    return inputs


def _equals(make):
    """A mistake recognised by recomputing it; a formula that cannot run on these
    inputs (shapes that do not fit) does not apply."""

    def applies(actual, expected, inputs):
        try:
            with np.errstate(all="ignore"):
                wrong = np.asarray(make(inputs))
        except (ValueError, TypeError):
            return False
        return wrong.shape == actual.shape and bool(np.allclose(actual, wrong, atol=1e-6))

    return applies


LINEAR_MISTAKES = [
    Diagnosis(
        _equals(lambda i: i["W"] @ i["A_prev"]),
        "{name} = W A_prev leaves out the bias: Z = W @ A_prev + b",
    ),
    Diagnosis(
        _equals(lambda i: i["W"].T @ i["A_prev"] + i["b"]),
        "{name} is W^T A_prev + b: W already has shape (n[l], n[l-1]), so Z = W @ A_prev + b "
        "needs no transpose",
    ),
    Diagnosis(
        _equals(lambda i: i["A_prev"] @ i["W"] + i["b"]),
        "{name} is A_prev W + b: the order of a matrix product matters; Z = W @ A_prev + b",
    ),
    Diagnosis(
        _equals(lambda i: i["W"] * i["A_prev"] + i["b"]),
        "{name} uses the element-wise product W * A_prev; Z needs the matrix product W @ A_prev",
    ),
    Diagnosis(
        _equals(lambda i: i["W"] @ i["A_prev"] + i["b"].T),
        "{name} adds b along the rows: b has shape (n[l], 1) and must be added to every column "
        "(one bias per unit); do not transpose b or flatten it to a rank-1 array",
    ),
    Diagnosis(
        _equals(lambda i: (i["W"] @ i["A_prev"] + i["b"]).T),
        "{name} is transposed: it has one row per unit and one column per example, "
        "Z = W @ A_prev + b",
    ),
]


def _no_loop_version(student, namespace):
    """Refuse a ``linear_forward`` that hands the work to a loop version."""
    loops = [vectorization.linear_forward_loop, vectorization.linear_forward_per_example]
    given = namespace.get("linear_forward_loop")
    if callable(given) and hasattr(given, "__code__"):
        loops.append(given)
    inputs = _linear_inputs(np.random.default_rng(0), 4, np.float64)
    for loop in loops:
        if delegates_to_reference(student, loop, inputs):
            raise GradingError(
                "linear_forward calls linear_forward_loop: write the vectorized computation, "
                "one matrix product for all examples (this function earns no points while it "
                "delegates to the loops)"
            )


def _activation_is(chosen, applied, g):
    """The student applied ``g`` (named ``applied``) where ``chosen`` was asked for."""

    def applies(actual, expected, inputs):
        if inputs.get("activation") != chosen:
            return False
        Z = inputs["W"] @ inputs["A_prev"] + inputs["b"]
        with np.errstate(all="ignore"):
            wrong = np.asarray(g(Z))
        return wrong.shape == actual.shape and bool(np.allclose(actual, wrong, atol=1e-6))

    what = "Z itself" if applied is None else f"{applied}(Z)"
    advice = "apply the activation" if applied is None else "check which function you call"
    return Diagnosis(applies, f"{{name}} is {what} for activation={chosen!r}: {advice}")


def _layer_mistakes():
    names = list(activations.ACTIVATIONS)
    found = [
        Diagnosis(
            _equals(
                lambda i: activations.get_activation(i["activation"]).forward(i["W"] @ i["A_prev"])
            ),
            "{name} is g(W A_prev), without b: get Z from linear_forward(A_prev, W, b)",
        )
    ]
    for chosen in names:
        found.append(_activation_is(chosen, None, lambda Z: Z))
        for applied in names:
            if applied != chosen:
                g = activations.get_activation(applied).forward
                found.append(_activation_is(chosen, applied, g))
    return found


SPECS = {
    "linear_forward": Spec(
        vectorization.linear_forward,
        _linear_inputs,
        outputs=("Z", None),
        hints={"Z": "Z has one row per unit and one column per example: Z = W @ A_prev + b"},
        diagnoses={"Z": LINEAR_MISTAKES},
        own_forward_check=_no_loop_version,
        batch_sizes=(SQUARE, 1, 8),
    ),
    "linear_activation_forward": Spec(
        vectorization.linear_activation_forward,
        _layer_inputs,
        outputs=("A", None),
        diagnoses={"A": _layer_mistakes()},
        uses={
            "linear_forward": vectorization.linear_forward,
            **{name: g.forward for name, g in activations.ACTIVATIONS.items()},
        },
        batch_sizes=tuple(ACTIVATION_BY_BATCH),
    ),
}
