"""Checks behind the graded exercises: a student's function against nnlib's.

A hidden-test cell of an assignment is one line, ``grade("sigmoid", sigmoid)``.
``grade`` looks up the function's ``Spec`` and runs the student's function and
nnlib's reference side by side on several random inputs: float64 and float32,
``m = 1`` and larger batches. It raises ``GradingError`` (an ``AssertionError``,
so nbgrader scores the cell zero) with a message in words that says what is
wrong and what to check, e.g.::

    dW has shape (3, 4), expected (4, 3): did you transpose A_prev?
    db is 8 times too large: did you divide by m?

Beyond equal outputs it checks that

* the inputs are not modified;
* a backward function agrees with central finite differences of the student's
  *own* forward function (``Spec.gradient_of``), so one wrong forward does not
  mark a right backward wrong twice;
* the function does not just call nnlib's implementation of itself
  (``delegates_to_reference``): that earns no points.
"""

from __future__ import annotations

import copy
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import numpy as np

from nnlib.backprop import numerical_gradient, relative_error
from nnlib.integrity import restore

__all__ = [
    "Diagnosis",
    "GradingError",
    "Spec",
    "call",
    "compare",
    "delegates_to_reference",
    "finite_difference_check",
    "grade",
    "helpers_replaced",
    "own_forward",
    "watching",
]

BATCH_SIZES = (1, 3, 8)
DTYPES = (np.float64, np.float32)
SEEDS = (0, 1)
#: how long the comparison with the student's own forward pass may take
OWN_FORWARD_SECONDS = 10
#: relative and absolute tolerance per dtype (absolute as a fraction of the largest entry)
TOLERANCES = {np.dtype(np.float64): (1e-7, 1e-9), np.dtype(np.float32): (2e-4, 1e-5)}


class GradingError(AssertionError):
    """A failed check, with a message written for the student."""


@dataclass(frozen=True)
class Diagnosis:
    """A typical mistake: ``applies(actual, expected, inputs)`` recognises it, and
    ``message`` (formatted with ``name`` and ``m``) says what to check."""

    applies: Callable[[np.ndarray, np.ndarray, Mapping], bool]
    message: str


@dataclass(frozen=True)
class Spec:
    """How to grade one function.

    Attributes:
        reference: nnlib's implementation.
        make_inputs: ``(rng, m, dtype) -> {argument: value}``; arrays of the dtype.
        outputs: the names of the returned values, in order; ``None`` skips one
            (a cache, whose layout is the student's choice).
        hints: per output, what to say when its shape is the transpose of the
            expected one.
        diagnoses: per output, typical mistakes to recognise in wrong values.
        first_check: ``check(student)``, run once before the comparisons: a
            hand-picked input whose wrong output shapes name a typical mistake
            better than random inputs do (see ``grading_specs.common.shapes_first``).
        uses: the student's other functions this one may call, each with nnlib's
            version of it. While this function is graded they are replaced by
            nnlib's, so a wrong helper costs only its own points.
        own_forward_check: for a backward function, ``check(student, namespace)``
            that compares it with finite differences of the student's *own*
            forward function (``own_forward`` finds it in ``namespace`` when it is
            right; see ``finite_difference_check``).
        dtypes, batch_sizes: the inputs to try.
    """

    reference: Callable
    make_inputs: Callable[[np.random.Generator, int, type], dict]
    outputs: Sequence[str | None]
    hints: Mapping[str, str] = field(default_factory=dict)
    diagnoses: Mapping[str, Sequence[Diagnosis]] = field(default_factory=dict)
    first_check: Callable[[Callable], None] | None = None
    uses: Mapping[str, Callable] = field(default_factory=dict)
    own_forward_check: Callable[[Callable, Mapping], None] | None = None
    dtypes: Sequence[type] = DTYPES
    batch_sizes: Sequence[int] = BATCH_SIZES


def grade(name: str, student: Callable, namespace: Mapping | None = None) -> None:
    """Grade the student's function ``name``; raise ``GradingError`` if it is wrong.

    Args:
        name: the function's name in nnlib and in the assignment.
        student: the student's function.
        namespace: where to find the student's other functions (for the checks
            against their own forward pass); the notebook's ``globals()``.
    """
    from nnlib.grading_specs import SPECS

    restore()  # a student's replacements of NumPy's or nnlib's functions do not count
    spec = SPECS[name]
    if not callable(student):
        raise GradingError(f"{name} is not a function: define it with def {name}(...)")
    namespace = namespace if namespace is not None else getattr(student, "__globals__", {})
    if not isinstance(spec, Spec):
        spec(student, namespace)
        return
    with helpers_replaced(student, spec.uses):
        if spec.first_check is not None:
            spec.first_check(student)
        _grade_against_reference(name, student, spec)
    if spec.own_forward_check is not None:
        _check_against_own_forward(spec.own_forward_check, student, namespace)


def _check_against_own_forward(check, student, namespace):
    """Run ``check``, unless the student's own forward function fails or hangs: that
    forward loses its own points in its own cell, and only there."""
    try:
        with _time_limit(OWN_FORWARD_SECONDS), _silenced():
            check(student, namespace)
    except GradingError:
        raise
    except Exception:  # a broken or looping forward: no comparison is possible
        return


class _TimeLimitError(Exception):
    """The block under ``_time_limit`` ran out of time."""


@contextmanager
def _time_limit(seconds):
    """Raise ``_TimeLimitError`` in the block after ``seconds`` (main thread on POSIX only;
    elsewhere the block runs without a limit)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def time_up(signum, frame):
        raise _TimeLimitError

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _grade_against_reference(name, student, spec):
    for dtype in spec.dtypes:
        for m in spec.batch_sizes:
            for seed in SEEDS:
                inputs = spec.make_inputs(np.random.default_rng(seed), m, dtype)
                expected = _as_tuple(spec.reference(**copy.deepcopy(inputs)), spec.outputs)
                actual = _call_student(name, student, spec.reference, inputs)
                _check_outputs(name, spec, actual, expected, inputs, m)


@contextmanager
def helpers_replaced(student: Callable, helpers: Mapping[str, Callable]):
    """Within the block, each name in ``helpers`` means the given function in the
    student's globals (a name the student never defined is added, then removed)."""
    scope = getattr(student, "__globals__", {})
    saved = {key: scope[key] for key in helpers if key in scope}
    scope.update(helpers)
    try:
        yield
    finally:
        for key in helpers:
            if key in saved:
                scope[key] = saved[key]
            else:
                scope.pop(key, None)


def compare(what: str, actual, expected, *, m: int = 1, hint: str = "", diagnoses=(), inputs=None):
    """Raise ``GradingError`` unless ``actual`` equals ``expected`` (an array or scalar).

    Checks, in order: an array at all, shape (with ``hint`` when it is the
    transpose, a note on rank-1 arrays), dtype, then values. Wrong values are
    matched against ``diagnoses`` first, then against nan/inf, a factor ``m`` and
    a flipped sign.
    """
    expected = np.asarray(expected)
    if actual is None:
        raise GradingError(f"{what} is None: did you forget to return it?")
    try:
        actual = np.asarray(actual)
    except (TypeError, ValueError):
        raise GradingError(f"{what} is a {type(actual).__name__}, expected an array") from None
    if actual.shape != expected.shape:
        raise GradingError(_shape_message(what, actual.shape, expected.shape, hint))
    if not np.issubdtype(actual.dtype, np.number):
        raise GradingError(f"{what} holds {actual.dtype}, expected numbers")
    if np.issubdtype(expected.dtype, np.floating) and not np.issubdtype(actual.dtype, np.floating):
        raise GradingError(
            f"{what} has dtype {actual.dtype}, expected {expected.dtype}: "
            "the result must hold floating-point numbers"
        )
    if expected.dtype == np.float32 and actual.dtype != np.float32:
        raise GradingError(
            f"{what} is {actual.dtype} for float32 inputs, expected float32: "
            "avoid np.float64 constants and .astype, so the input's dtype carries through"
        )
    rtol, atol_scale = TOLERANCES.get(expected.dtype, TOLERANCES[np.dtype(np.float64)])
    atol = atol_scale * max(float(np.max(np.abs(expected), initial=0.0)), 1.0)
    with np.errstate(invalid="ignore"):
        if np.allclose(actual, expected, rtol=rtol, atol=atol):
            return
    for diagnosis in diagnoses:
        if diagnosis.applies(actual, expected, inputs or {}):
            raise GradingError(diagnosis.message.format(name=what, m=m))
    if np.all(np.isfinite(expected)) and not np.all(np.isfinite(actual)):
        raise GradingError(
            f"{what} contains nan or inf where the answer is finite: is your formula "
            "numerically stable for large inputs?"
        )
    if m > 1 and np.allclose(actual, expected * m, rtol=rtol, atol=atol * m):
        raise GradingError(f"{what} is {m} times too large (m = {m}): did you divide by m?")
    if m > 1 and np.allclose(actual * m, expected, rtol=rtol, atol=atol):
        raise GradingError(f"{what} is {m} times too small (m = {m}): did you divide by m twice?")
    if np.allclose(actual, -expected, rtol=rtol, atol=atol):
        raise GradingError(f"{what} has the wrong sign")
    where = np.unravel_index(np.argmax(np.abs(actual - expected)), expected.shape)
    raise GradingError(
        f"{what} has wrong values: at index {tuple(int(i) for i in where)} it is "
        f"{actual[where]:.6g}, expected {expected[where]:.6g}"
    )


@contextmanager
def watching(function: Callable):
    """Yield a list that is non-empty after the block if ``function``'s own code ran
    in it. A profile hook watches every Python call, so calling the function under
    another name does not hide it."""
    target, seen = function.__code__, []

    def watch(frame, event, arg):
        if event == "call" and frame.f_code is target:
            seen.append(True)

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        yield seen
    finally:
        sys.setprofile(previous)


def delegates_to_reference(student: Callable, reference: Callable, inputs: Mapping) -> bool:
    """Whether calling ``student(**inputs)`` runs ``reference``'s own code."""
    # errors are reported by the value checks that follow
    with watching(reference) as seen, suppress(Exception):
        student(**copy.deepcopy(dict(inputs)))
    return bool(seen)


def call(name: str, student: Callable, inputs: Mapping, *, copy_inputs: bool = True):
    """``student(**inputs)``, on a deep copy of ``inputs`` unless ``copy_inputs`` is
    false (to see whether the student modifies them). Any error becomes a
    ``GradingError`` that names the function, the error and the inputs' shapes."""
    try:
        return student(**(copy.deepcopy(dict(inputs)) if copy_inputs else inputs))
    except GradingError:
        raise
    except NotImplementedError:
        raise GradingError(f"{name} is not implemented yet") from None
    except Exception as error:
        raise GradingError(
            f"{name} raised {type(error).__name__}: {error} (inputs: {_describe(inputs)})"
        ) from None


def _call_student(name, student, reference, inputs):
    before = copy.deepcopy(inputs)
    if delegates_to_reference(student, reference, inputs):
        raise GradingError(
            f"{name} calls nnlib's own {name}: write the computation yourself "
            "(this function earns no points while it delegates)"
        )
    result = call(name, student, inputs, copy_inputs=False)
    for argument, value in before.items():
        if not _same(inputs[argument], value):
            raise GradingError(
                f"{name} modified its input {argument}: compute a new array instead "
                "(avoid in-place operations such as +=, *= or slice assignment on inputs)"
            )
    return result


def _check_outputs(name, spec, actual, expected, inputs, m):
    if len(spec.outputs) > 1:
        if not isinstance(actual, tuple) or len(actual) != len(spec.outputs):
            shown = ", ".join(out or "cache" for out in spec.outputs)
            raise GradingError(f"{name} must return a tuple ({shown})")
    else:
        actual = (actual,)
    for output, got, want in zip(spec.outputs, actual, expected, strict=True):
        if output is None:
            continue
        if isinstance(want, Mapping):
            _compare_mapping(output, got, want, spec, inputs, m)
        else:
            compare(
                output,
                got,
                want,
                m=m,
                hint=spec.hints.get(output, ""),
                diagnoses=spec.diagnoses.get(output, ()),
                inputs=inputs,
            )


def _compare_mapping(output, got, want, spec, inputs, m):
    if not isinstance(got, Mapping):
        raise GradingError(f"{output} must be a dict with keys {sorted(want)}")
    missing = sorted(set(want) - set(got))
    if missing:
        raise GradingError(f"{output} has no {', '.join(map(repr, missing))}")
    for key in want:
        generic = key.rstrip("0123456789")
        compare(
            f"{output}[{key!r}]",
            got[key],
            want[key],
            m=m,
            hint=spec.hints.get(generic, ""),
            diagnoses=spec.diagnoses.get(generic, ()),
            inputs=inputs,
        )


def own_forward(namespace: Mapping, name: str) -> Callable | None:
    """The student's function ``name`` from ``namespace`` if it passes its own
    grading, else ``None``. Finite differences through a wrong forward pass cannot
    agree with a right backward pass, so a backward function is compared with the
    student's own forward only when that forward is right."""
    forward = namespace.get(name)
    if not callable(forward):
        return None
    try:
        with _silenced():
            grade(name, forward, namespace)
    except GradingError:
        return None
    return forward


@contextmanager
def _silenced():
    """No warnings while a function other than the one graded runs: nbgrader scores
    a cell zero when it writes to stderr, and the warning is not this cell's fault."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def finite_difference_check(what: str, analytic, cost: Callable, x, forward_name: str):
    """Raise ``GradingError`` unless ``analytic`` matches central finite differences
    of ``cost`` at ``x`` (float64, relative error below 1e-5). A ``cost`` that
    fails (the student's forward is broken) skips the check: that forward loses
    its own points, not these."""
    try:
        numeric = numerical_gradient(cost, x, epsilon=1e-5)
    except Exception:  # a broken forward is graded in its own cell
        return
    analytic = np.asarray(analytic, dtype=np.float64)
    if analytic.shape != numeric.shape:
        return  # the comparison with nnlib reports the shape
    error = relative_error(analytic, numeric)
    if error > 1e-5:
        raise GradingError(
            f"{what} does not match finite differences of your own {forward_name} "
            f"(relative error {error:.1e}): check the derivative formula"
        )


def _shape_message(what, actual, expected, hint):
    message = f"{what} has shape {actual}, expected {expected}"
    if len(actual) == 2 and actual == expected[::-1]:
        return message + (f": {hint}" if hint else ": is it transposed?")
    if len(actual) == 1 and len(expected) == 2 and expected[0] in actual:
        return message + ": it is a rank-1 array; keep the axis with keepdims=True"
    if actual == ():
        return message + ": did you sum over every axis instead of one?"
    return message


def _same(a, b) -> bool:
    """Equal arrays all the way down tuples, lists and dicts."""
    if isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and a.shape == b.shape and np.array_equal(a, b)
    if isinstance(b, tuple | list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(b, Mapping):
        return set(a) == set(b) and all(_same(a[k], b[k]) for k in b)
    return True


def _as_tuple(result, outputs):
    return result if len(outputs) > 1 else (result,)


def _describe(inputs):
    """Arguments in a few words: arrays by shape, containers by size, short values."""

    def brief(value):
        if isinstance(value, np.ndarray):
            return f"shape {value.shape}"
        if isinstance(value, Mapping):
            return f"a dict of {len(value)}"
        if isinstance(value, tuple | list):
            return f"a {type(value).__name__} of {len(value)}"
        shown = repr(value)
        return shown if len(shown) <= 40 else shown[:37] + "..."

    return ", ".join(f"{key}: {brief(value)}" for key, value in inputs.items())
