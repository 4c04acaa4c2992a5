"""Specs of assignment 6, Initialization: ``initialize_parameters`` for four methods.

Random weights have no single right value, so each method has a check function
(not a ``Spec``) registered as ``"initialize_parameters:<method>"``; a hidden-test
cell per method calls ``grade("initialize_parameters:he", initialize_parameters,
globals())``, so each method earns its points on its own. ``"initialize_parameters"``
alone runs all four checks. For its method, a check tests

* the keys ``W1, b1, ..., WL, bL`` and their shapes for a few ``layer_dims``;
* float64 arrays, biases exactly zero (and, for ``"zeros"``, weights too);
* the sample mean and variance of every weight matrix of a large network against
  the method's variance, naming the typical mistake that the observed variance
  matches (He with 1/n, Xavier with 2/n, n[l] in place of n[l-1], the standard
  deviation used as a variance, a missing 0.01, uniform numbers, ...);
* the same seed gives the same weights, different seeds different ones;
* ``layer_dims`` is not modified, and nnlib's own function is not called.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from nnlib.grading import GradingError, call, delegates_to_reference
from nnlib.initialization import initialize_parameters as reference

NAME = "initialize_parameters"
METHODS = ("zeros", "random", "xavier", "he")

#: networks whose keys and shapes are checked: one layer, several, a tuple
SHAPE_CASES = ([3, 2], [5, 4, 3, 1], (2, 7, 7))

#: the network whose weight statistics are checked. Its layers hold N = 120,000 and
#: 60,000 weights, and n[l-1] != n[l] in both, so 1/n[l] is told apart from 1/n[l-1].
LARGE = [400, 300, 200]

#: Relative tolerance on a layer's sample variance. For N independent normal weights
#: of variance s2 the sample variance has standard error s2 * sqrt(2 / (N - 1)): at
#: most 0.58% of s2 here (N >= 60,000). 10% is more than 17 standard errors, so an
#: honest implementation fails with probability below 1e-60 per layer, while the
#: closest mistake (Glorot's 2/(n[l-1] + n[l]) for Xavier, off by 14% in layer 1)
#: is still 7 standard errors outside.
VARIANCE_TOLERANCE = 0.10

#: A layer's sample mean must lie within this many standard errors sqrt(s2 / N) of
#: zero; an honest implementation exceeds 10 with probability below 1e-22.
MEAN_STANDARD_ERRORS = 10.0

#: each method's weight variance as a function of (n[l-1], n[l]), with its formula
EXPECTED = {
    "zeros": (lambda p, n: 0.0, "0"),
    "random": (lambda p, n: 0.01**2, "0.01**2"),
    "xavier": (lambda p, n: 1 / p, "1/n[l-1]"),
    "he": (lambda p, n: 2 / p, "2/n[l-1]"),
}

#: variances that typical mistakes produce, ``(variance(p, n, expected), what it means)``
MISTAKEN_VARIANCES = (
    (lambda p, n, e: 1 / p, "1/n[l-1], Xavier's variance"),
    (lambda p, n, e: 2 / p, "2/n[l-1], He's variance"),
    (
        lambda p, n, e: 1 / n,
        "1/n[l]: divide by n[l-1], the number of inputs of each unit (the columns of W[l]), "
        "not by n[l]",
    ),
    (
        lambda p, n, e: 2 / n,
        "2/n[l]: divide by n[l-1], the number of inputs of each unit (the columns of W[l]), "
        "not by n[l]",
    ),
    (
        lambda p, n, e: 2 / (p + n),
        "2/(n[l-1] + n[l]), Glorot's variant; this assignment's Xavier is 1/n[l-1]",
    ),
    (
        lambda p, n, e: 1 / p**2,
        "(1/n[l-1])**2: you multiplied by the variance 1/n[l-1]; multiply the standard "
        "normal numbers by the standard deviation np.sqrt(1 / n[l-1])",
    ),
    (
        lambda p, n, e: 4 / p**2,
        "(2/n[l-1])**2: you multiplied by the variance 2/n[l-1]; multiply the standard "
        "normal numbers by the standard deviation np.sqrt(2 / n[l-1])",
    ),
    (
        lambda p, n, e: 1.0,
        "1: the standard normal numbers are not scaled at all",
    ),
    (
        lambda p, n, e: 0.01**2,
        "0.01**2, the 'random' method's variance: scale by the method's own standard deviation",
    ),
    (
        lambda p, n, e: 0.01,
        "0.01: you multiplied by np.sqrt(0.01) = 0.1; 'random' multiplies by 0.01 itself",
    ),
    (
        lambda p, n, e: e / 12,
        "the variance of uniform numbers on [0, 1) times the right scale: draw from the "
        "standard normal distribution with rng.standard_normal",
    ),
)


def check_method(method: str):
    """The check of ``initialize_parameters`` with one ``method``."""

    def check(student, namespace):
        _check_not_delegating(student, method)
        for layer_dims in SHAPE_CASES:
            _check_structure(student, layer_dims, method)
        if method == "zeros":
            return
        _check_statistics(student, method)
        _check_seed(student, method)

    check.__name__ = f"check_{method}"
    check.__doc__ = f'Grade initialize_parameters(layer_dims, method="{method}", seed).'
    return check


def check_all(student, namespace):
    """Grade every method in turn."""
    for method in METHODS:
        check_method(method)(student, namespace)


def _call(student, layer_dims, method, seed):
    return call(NAME, student, {"layer_dims": layer_dims, "method": method, "seed": seed})


def _check_not_delegating(student, method):
    arguments = {"layer_dims": [3, 2], "method": method, "seed": 0}
    if delegates_to_reference(student, reference, arguments):
        raise GradingError(
            f"{NAME} calls nnlib's own {NAME}: write the computation yourself "
            "(this function earns no points while it delegates)"
        )


def _check_structure(student, layer_dims, method):
    given = copy.deepcopy(layer_dims)
    parameters = _call(student, layer_dims, method, seed=0)
    call = f"{NAME}({list(layer_dims)}, method={method!r})"
    if layer_dims != given:
        raise GradingError(f"{call} modified layer_dims: leave the list as it is")
    if not isinstance(parameters, dict):
        raise GradingError(
            f"{call} returned a {type(parameters).__name__}, expected a dict "
            '{"W1": ..., "b1": ..., ...}'
        )
    num_layers = len(layer_dims) - 1
    expected_keys = [f"{kind}{layer}" for layer in range(1, num_layers + 1) for kind in "Wb"]
    missing = [key for key in expected_keys if key not in parameters]
    if missing:
        raise GradingError(
            f"{call} has no {', '.join(map(repr, missing))}: expected the keys "
            f"{', '.join(expected_keys)}, a W and a b for each of its {num_layers} layer(s)"
        )
    extra = sorted(set(parameters) - set(expected_keys))
    if extra:
        raise GradingError(
            f"{call} has unexpected keys {', '.join(map(repr, extra))}: expected exactly "
            f"{', '.join(expected_keys)} (layer l = 1..L, no W0 for the input layer)"
        )
    for layer in range(1, num_layers + 1):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        W, b = parameters[f"W{layer}"], parameters[f"b{layer}"]
        _check_array(call, f"W{layer}", W, (n, n_prev))
        _check_array(call, f"b{layer}", b, (n, 1))
        if np.any(b != 0):
            raise GradingError(f"{call}: b{layer} is not zero; every bias starts at exactly 0")
        if method == "zeros" and np.any(W != 0):
            raise GradingError(f"{call}: W{layer} is not zero; 'zeros' sets every weight to 0")
    return parameters


def _check_array(call, key, array, shape):
    if not isinstance(array, np.ndarray):
        raise GradingError(f"{call}: {key} is a {type(array).__name__}, expected a NumPy array")
    if array.shape != shape:
        message = f"{call}: {key} has shape {array.shape}, expected {shape}"
        if array.shape == shape[::-1]:
            message += ": W[l] has shape (n[l], n[l-1]), one row per unit of layer l"
        elif len(array.shape) == 1:
            message += ": it is a rank-1 array; make it a column of shape (n[l], 1)"
        raise GradingError(message)
    if array.dtype != np.float64:
        raise GradingError(f"{call}: {key} holds {array.dtype}, expected float64")


def _check_statistics(student, method):
    parameters = _check_structure(student, LARGE, method)
    variance_of, formula = EXPECTED[method]
    for layer in range(1, len(LARGE)):
        n_prev, n = LARGE[layer - 1], LARGE[layer]
        W = parameters[f"W{layer}"]
        expected = variance_of(n_prev, n)
        where = f"W{layer} of {NAME}({LARGE}, method={method!r})"
        if not np.all(np.isfinite(W)):
            raise GradingError(f"{where} contains nan or inf")
        observed = float(np.var(W))
        if abs(observed / expected - 1) > VARIANCE_TOLERANCE:
            raise GradingError(
                f"the variance of {where} is {observed:.3g}, expected {formula} = "
                f"{expected:.3g} (n[l-1] = {n_prev}, n[l] = {n})"
                + _name_the_mistake(observed, expected, n_prev, n)
            )
        mean = float(np.mean(W))
        allowed = MEAN_STANDARD_ERRORS * math.sqrt(expected / W.size)
        if abs(mean) > allowed:
            raise GradingError(
                f"the mean of {where} is {mean:.3g}, expected 0: draw the weights from a "
                "normal distribution centred at 0 (rng.standard_normal times the scale)"
            )


def _name_the_mistake(observed, expected, n_prev, n):
    """``": it matches <mistake>"`` for the known mistake nearest to ``observed``, if any."""
    candidates = []
    for variance_of, meaning in MISTAKEN_VARIANCES:
        variance = variance_of(n_prev, n, expected)
        if abs(variance / expected - 1) <= VARIANCE_TOLERANCE:
            continue  # indistinguishable from the right answer here
        distance = abs(math.log(observed / variance)) if observed > 0 else math.inf
        candidates.append((distance, meaning))
    distance, meaning = min(candidates)
    if distance <= math.log1p(VARIANCE_TOLERANCE):
        return f": it matches {meaning}"
    return ": check the scale you multiply the standard normal numbers by"


def _check_seed(student, method):
    layer_dims = [6, 5, 4]
    first = _call(student, layer_dims, method, seed=3)
    again = _call(student, layer_dims, method, seed=3)
    call = f"{NAME}({layer_dims}, method={method!r}"
    for key in first:
        if not np.array_equal(first[key], again[key]):
            raise GradingError(
                f"{call}, seed=3) gave different {key} on two calls: the same seed must give "
                "the same weights; create the generator with np.random.default_rng(seed) "
                "and draw every weight from it"
            )
    other = _call(student, layer_dims, method, seed=4)
    if all(np.array_equal(first[key], other[key]) for key in first):
        raise GradingError(
            f"{call}) gave the same weights for seed=3 and seed=4: pass seed to "
            "np.random.default_rng(seed) instead of a fixed number"
        )
    if method == "he":
        try:
            default = student(layer_dims, seed=3)
        except Exception as error:
            raise GradingError(
                f"{NAME}({layer_dims}, seed=3) raised {type(error).__name__}: {error}; "
                'method must default to "he"'
            ) from None
        if not all(np.array_equal(first[key], default[key]) for key in first):
            raise GradingError(f'{NAME}(layer_dims, seed=3) must use method="he" by default')


SPECS = {
    NAME: check_all,
    **{f"{NAME}:{method}": check_method(method) for method in METHODS},
}
