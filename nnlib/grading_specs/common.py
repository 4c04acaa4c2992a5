"""Building blocks shared by the assignments' specs: inputs and typical mistakes."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from nnlib.grading import Diagnosis, GradingError, call, compare

__all__ = ["equals", "scores", "shapes_first", "wrong_only_where_large"]


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


def shapes_first(
    name: str,
    reference: Callable,
    make_inputs: Callable[[], dict],
    outputs: Sequence[str],
    order: Sequence[str] | None = None,
    hints: Mapping[str, str] | None = None,
    advice: Mapping[str, Sequence[tuple[Callable, str]]] | None = None,
):
    """A first stage: run once on ``make_inputs()`` and check every output's shape.

    Args:
        name: the function's name.
        reference: nnlib's implementation (gives the expected shapes).
        make_inputs: ``() -> {argument: value}``, one fixed input.
        outputs: the names of the returned values, in order.
        order: the order in which to check them (default: ``outputs``).
        hints: per output, what to say when its shape is the transpose of the expected one.
        advice: per output, ``(applies(shape, inputs), message)`` pairs for known wrong
            shapes; ``message`` is formatted with ``name`` (the output), ``shape`` and
            ``expected``.
    """
    hints = hints or {}
    advice = advice or {}

    def first(student):
        inputs = make_inputs()
        expected = reference(**copy.deepcopy(inputs))
        actual = call(name, student, inputs)
        if len(outputs) > 1:
            if not isinstance(actual, tuple) or len(actual) != len(outputs):
                raise GradingError(f"{name} must return a tuple ({', '.join(outputs)})")
        else:
            actual, expected = (actual,), (expected,)
        got = dict(zip(outputs, actual, strict=True))
        want = dict(zip(outputs, expected, strict=True))
        for output in order or outputs:
            shape = np.shape(got[output]) if got[output] is not None else None
            if shape == np.shape(want[output]):
                continue
            for applies, message in advice.get(output, ()):
                if shape is not None and applies(shape, inputs):
                    raise GradingError(
                        message.format(name=output, shape=shape, expected=np.shape(want[output]))
                    )
            # raises the generic message: None, not an array, wrong shape (with the hint)
            compare(output, got[output], want[output], hint=hints.get(output, ""))

    return first
