"""Building blocks shared by the assignments' specs: inputs and typical mistakes."""

from __future__ import annotations

import numpy as np

from nnlib.grading import Diagnosis

__all__ = ["equals", "scores", "wrong_only_where_large"]


def scores(rng, m, dtype, rows=4):
    """Pre-activations ``Z`` of shape ``(rows, m)``: moderate values, and for ``m >= 3``
    one column of large ones (|z| up to 800) where unstable formulas break."""
    Z = rng.normal(0.0, 2.0, (rows, m))
    if m >= 3:
        Z[:, -1] = np.linspace(-800.0, 800.0, rows)
    Z[Z == 0] = 0.5  # no exact kinks: any slope in [0, 1] at 0 is a valid subgradient
    return Z.astype(dtype)


def equals(make):
    """A mistake recognised by recomputing the wrong formula from the inputs:
    ``make(inputs)`` returns what the mistaken code would."""

    def applies(actual, expected, inputs):
        with np.errstate(all="ignore"):
            wrong = np.asarray(make(inputs))
        return wrong.shape == actual.shape and bool(np.allclose(actual, wrong, atol=1e-6))

    return applies


def wrong_only_where_large(advice):
    """Right for moderate |Z|, wrong where |Z| > 20: an unstable formula."""

    def applies(actual, expected, inputs):
        if "Z" not in inputs:
            return False
        large = np.abs(inputs["Z"]) > 20
        if not large.any() or actual.shape != large.shape:
            return False
        return bool(np.allclose(actual[~large], expected[~large], rtol=1e-4, atol=1e-6))

    return Diagnosis(
        applies, f"{{name}} is right for moderate inputs but wrong where |Z| is large: {advice}"
    )
