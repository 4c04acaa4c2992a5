"""Specs of assignment 4, Broadcasting: ``standardize`` and ``one_hot``.

``standardize(X, mean=None, std=None)`` is tried both ways: on training data
(no statistics given: it must compute per-feature means and standard deviations
as ``(n_x, 1)`` columns, with std 1 for a constant feature) and on test data
(the training statistics given: it must reuse them). ``make_inputs`` picks the
way from the random generator, so each batch size sees both (seeds 0 and 1).
Before the comparison with nnlib, one square input checks the shapes of the
statistics first, so a rank-1 ``mean`` (no ``keepdims``) or statistics over the
wrong axis are named as such.

``one_hot(labels, num_classes)`` must return a float64 ``(num_classes, m)``
matrix; a first stage checks its shape (a transposed ``(m, C)`` result, or ``C``
taken from the labels) and its dtype before the values.
"""

from __future__ import annotations

import numpy as np

from nnlib import broadcasting
from nnlib.grading import Diagnosis, GradingError, Spec, call
from nnlib.grading_specs.common import equals, shapes_first

N_FEATURES = 4
CONSTANT_FEATURE = 1  # the row that is constant in the training data
NUM_CLASSES = 4


def _standardize_inputs(rng, m, dtype):
    """Test data with the training statistics (seed 0) or training data alone (seed 1).

    The training data has a constant feature; the test data has other means and
    scales than the training data, so recomputed statistics give other values.
    """
    given = bool(rng.integers(2))  # 1 for seed 0, 0 for seed 1: both ways per batch size
    X = rng.normal(3.0, 2.0, (N_FEATURES, m)) * np.arange(1, N_FEATURES + 1).reshape(-1, 1)
    if not given:
        X[CONSTANT_FEATURE] = 2.5
        return {"X": X.astype(dtype)}
    X_train = rng.normal(-1.0, 3.0, (N_FEATURES, 10))
    X_train[CONSTANT_FEATURE] = 2.5
    _, mean, std = broadcasting.standardize(X_train)
    return {"X": X.astype(dtype), "mean": mean.astype(dtype), "std": std.astype(dtype)}


def _square_training_data():
    """Training data with as many examples as features: rank-1 statistics broadcast
    without an error here, so their shapes can be reported."""
    rng = np.random.default_rng(4)
    X = rng.normal(1.0, 2.0, (N_FEATURES, N_FEATURES))
    X[CONSTANT_FEATURE] = -0.5
    return {"X": X}


def _per_example(inputs):
    """What statistics over axis 0 (per example instead of per feature) give."""
    X = inputs["X"]
    if "mean" in inputs:
        return np.full(X.shape, np.nan)
    std = X.std(axis=0, keepdims=True)
    return (X - X.mean(axis=0, keepdims=True)) / np.where(std > 0, std, 1)


def _recomputed(inputs):
    """What statistics of the test data itself, ignoring the given ones, give."""
    if "mean" not in inputs:
        return np.full(inputs["X"].shape, np.nan)
    return broadcasting.standardize(inputs["X"])[0]


def _recomputed_statistic(index):
    def make(inputs):
        if "mean" not in inputs:
            return np.full((N_FEATURES, 1), np.nan)
        return broadcasting.standardize(inputs["X"])[index]

    return make


def _nan_where_constant(actual, expected, inputs):
    if "mean" in inputs or actual.shape != expected.shape:
        return False
    X = inputs["X"]
    constant = np.all(X[:, :1] == X, axis=1)
    with np.errstate(invalid="ignore"):
        return bool(constant.any() and not np.all(np.isfinite(actual[constant])))


def _zero_std_where_constant(actual, expected, inputs):
    if "mean" in inputs or actual.shape != expected.shape:
        return False
    constant = np.all(inputs["X"][:, :1] == inputs["X"], axis=1)
    return bool(constant.any() and np.any(actual[constant] == 0))


STD_ONE = "use std 1 for such a feature (e.g. np.where(std > 0, std, 1))"
PER_FEATURE = "the statistics are per feature (row): average over the m examples, axis=1"

STANDARDIZE_DIAGNOSES = {
    "X_std": [
        Diagnosis(
            _nan_where_constant,
            "{name} is nan or inf for a constant feature (its std is 0): "
            + STD_ONE
            + ", so that it maps to 0 instead of dividing by zero",
        ),
        Diagnosis(
            equals(_per_example),
            "{name} standardizes each example (column); " + PER_FEATURE,
        ),
        Diagnosis(
            equals(_recomputed),
            "{name} uses the statistics of the data it is given, not the mean and std "
            "passed in: when mean and std are given (the training statistics), reuse them",
        ),
    ],
    "mean": [
        Diagnosis(
            equals(_recomputed_statistic(1)),
            "{name} is recomputed from the data: when mean and std are given, return them",
        )
    ],
    "std": [
        Diagnosis(
            _zero_std_where_constant,
            "{name} is 0 for a constant feature: "
            + STD_ONE
            + "; the statistics are reused on test data, where 0 would divide by zero",
        ),
        Diagnosis(
            equals(_recomputed_statistic(2)),
            "{name} is recomputed from the data: when mean and std are given, return them",
        ),
    ],
}

STATISTICS_HINT = "the statistics are per feature: one row each, X.mean(axis=1, keepdims=True)"


def _rank_1(shape, inputs):
    return len(shape) == 1


RANK_1_ADVICE = (
    "{name} has shape {shape}, expected {expected}: without keepdims=True it is a rank-1 "
    "array, and X - {name} then lines it up with the examples (columns), not the features "
    "(rows); keep the axis with keepdims=True"
)


def _one_hot_inputs(rng, m, dtype):
    """Integer labels of shape (m,) in [0, NUM_CLASSES); for m >= 3 the first and the
    last class both occur."""
    labels = rng.integers(0, NUM_CLASSES, m)
    if m >= 3:
        labels[0], labels[1] = NUM_CLASSES - 1, 0
    return {"labels": labels.astype(dtype), "num_classes": NUM_CLASSES}


def _one_hot_probe_inputs():
    # 5 classes, class 4 absent, 6 examples: no square shapes, and max(labels) + 1 != C
    return {"labels": np.array([2, 0, 3, 1, 3, 0]), "num_classes": 5}


def _from_labels(shape, inputs):
    return shape[0] == int(np.max(inputs["labels"])) + 1 != inputs["num_classes"]


_one_hot_shapes = shapes_first(
    "one_hot",
    broadcasting.one_hot,
    _one_hot_probe_inputs,
    outputs=("Y",),
    hints={
        "Y": "one example per column: compare a (C, 1) column of classes with a (1, m) "
        "row of labels"
    },
    advice={
        "Y": [
            (
                _from_labels,
                "{name} has shape {shape}, expected {expected}: take the number of rows "
                "from num_classes, not from the labels (a class may have no example)",
            )
        ]
    },
)


def _one_hot_first(student):
    _one_hot_shapes(student)
    Y = np.asarray(call("one_hot", student, _one_hot_probe_inputs()))
    if Y.dtype != np.float64:
        raise GradingError(
            f"Y has dtype {Y.dtype}, expected float64: convert the result with "
            ".astype(np.float64) (costs and gradients need floats)"
        )


SPECS = {
    "standardize": Spec(
        broadcasting.standardize,
        _standardize_inputs,
        outputs=("X_std", "mean", "std"),
        hints={"mean": STATISTICS_HINT, "std": STATISTICS_HINT},
        diagnoses=STANDARDIZE_DIAGNOSES,
        first_check=shapes_first(
            "standardize",
            broadcasting.standardize,
            _square_training_data,
            outputs=("X_std", "mean", "std"),
            order=("mean", "std", "X_std"),
            hints={"mean": STATISTICS_HINT, "std": STATISTICS_HINT},
            advice={"mean": [(_rank_1, RANK_1_ADVICE)], "std": [(_rank_1, RANK_1_ADVICE)]},
        ),
    ),
    "one_hot": Spec(
        broadcasting.one_hot,
        _one_hot_inputs,
        outputs=("Y",),
        diagnoses={
            "Y": [
                Diagnosis(
                    equals(
                        lambda i: (
                            np.arange(1, i["num_classes"] + 1).reshape(-1, 1)
                            == i["labels"].reshape(1, -1)
                        ).astype(float)
                    ),
                    "{name} is shifted by one class: classes are numbered from 0, "
                    "so compare the labels with np.arange(num_classes)",
                ),
                Diagnosis(
                    lambda actual, expected, inputs: bool(
                        np.any(actual.sum(axis=0) > 1) and np.all(actual[expected == 1] == 1)
                    ),
                    "{name} has more than one 1 in a column: every example (column) "
                    "gets a single 1, in the row of its label (Y[labels, :] = 1 sets "
                    "whole rows)",
                ),
            ]
        },
        dtypes=(np.int64, np.int32),
        first_check=_one_hot_first,
    ),
}
