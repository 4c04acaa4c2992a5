"""nnlib.grading and nnlib.feedback: the checks behind the graded exercises."""

import time

import nbformat
import numpy as np
import pytest

from nnlib import grading
from nnlib.activations import sigmoid as nnlib_sigmoid
from nnlib.feedback import PLACEHOLDER, HideHiddenTests
from nnlib.grading import GradingError, compare, delegates_to_reference, grade


def relu(Z):
    return np.maximum(Z, 0)


def relu_backward(dA, Z):
    return dA * (Z > 0)


def test_compare_accepts_equal_values_within_the_dtype_tolerance():
    expected = np.array([[1.0, 2.0]], dtype=np.float32)
    compare("A", expected + np.float32(1e-6), expected)


@pytest.mark.parametrize(
    ("actual", "message"),
    [
        (np.ones((4, 3)), r"dW has shape \(4, 3\), expected \(3, 4\): did you transpose A_prev\?"),
        (np.ones(3), r"has shape \(3,\), expected \(3, 4\): it is a rank-1 array; keep the axis"),
        (np.float64(1.0), r"has shape \(\), expected \(3, 4\): did you sum over every axis"),
        (None, "dW is None: did you forget to return it"),
    ],
)
def test_compare_explains_a_wrong_shape(actual, message):
    with pytest.raises(GradingError, match=message):
        compare("dW", actual, np.ones((3, 4)), hint="did you transpose A_prev?")


def test_compare_names_a_float64_result_for_float32_inputs():
    with pytest.raises(GradingError, match="A is float64 for float32 inputs, expected float32"):
        compare("A", np.ones((2, 2)), np.ones((2, 2), dtype=np.float32))


def test_compare_recognises_a_missing_or_doubled_division_by_m_and_a_flipped_sign():
    expected = np.array([[0.5, -1.0, 2.0]])
    with pytest.raises(
        GradingError, match=r"db is 8 times too large \(m = 8\): did you divide by m\?"
    ):
        compare("db", expected * 8, expected, m=8)
    with pytest.raises(GradingError, match="8 times too small"):
        compare("db", expected / 8, expected, m=8)
    with pytest.raises(GradingError, match="db has the wrong sign"):
        compare("db", -expected, expected, m=8)


def test_compare_reports_nan_and_the_worst_entry():
    with pytest.raises(GradingError, match="contains nan or inf"):
        compare("A", np.array([np.nan, 1.0]), np.array([0.0, 1.0]))
    with pytest.raises(GradingError, match=r"at index \(1,\) it is 5, expected 2"):
        compare("A", np.array([1.0, 5.0]), np.array([1.0, 2.0]))


def test_a_diagnosis_names_the_mistake_it_recognises():
    doubled = grading.Diagnosis(lambda a, e, i: np.allclose(a, 2 * e), "{name} is doubled")
    with pytest.raises(GradingError, match=r"^Z is doubled$"):
        compare("Z", np.array([2.0, 4.0]), np.array([1.0, 2.0]), diagnoses=[doubled])


def test_delegation_is_seen_under_any_name():
    alias = nnlib_sigmoid

    def honest(Z):
        return 1 / (1 + np.exp(-Z))

    def delegating(Z):
        return alias(Z)

    inputs = {"Z": np.zeros((2, 2))}
    assert delegates_to_reference(delegating, nnlib_sigmoid, inputs)
    assert not delegates_to_reference(honest, nnlib_sigmoid, inputs)


def test_grade_passes_a_correct_student_function():
    grade("relu", relu)
    grade("relu_backward", relu_backward, {"relu": relu})


def test_grade_refuses_a_function_that_delegates_to_nnlib():
    def sigmoid(Z):
        return nnlib_sigmoid(Z)

    with pytest.raises(GradingError, match="sigmoid calls nnlib's own sigmoid"):
        grade("sigmoid", sigmoid)


def test_grade_reports_a_modified_input():
    def relu_backward_in_place(dA, Z):
        dA[Z <= 0] = 0
        return dA

    with pytest.raises(GradingError, match="relu_backward modified its input dA"):
        grade("relu_backward", relu_backward_in_place)


def test_grade_reports_an_unwritten_function_and_a_crash():
    def relu_stub(Z):
        raise NotImplementedError

    def relu_crash(Z):
        return Z[10, 10]

    with pytest.raises(GradingError, match="relu is not implemented yet"):
        grade("relu", relu_stub)
    with pytest.raises(GradingError, match="relu raised IndexError"):
        grade("relu", relu_crash)
    with pytest.raises(GradingError, match="relu is not a function"):
        grade("relu", 3.0)


def test_a_backward_is_checked_against_finite_differences_of_the_students_own_forward():
    def off_by_a_bit(dA, Z):  # right at the tested inputs' signs, wrong slope
        return 1.01 * dA * (Z > 0)

    with pytest.raises(GradingError, match="dZ has wrong values"):
        grade("relu_backward", off_by_a_bit, {"relu": relu})


def test_a_wrong_forward_does_not_cost_the_backward_its_points():
    def wrong_relu(Z):
        return np.abs(Z)

    grade("relu_backward", relu_backward, {"relu": wrong_relu})


def test_a_looping_forward_is_given_up_on_without_failing_the_backward(monkeypatch):
    def looping_check(student, namespace):
        while True:
            pass

    monkeypatch.setattr(grading, "OWN_FORWARD_SECONDS", 0.5)
    start = time.perf_counter()
    grading._check_against_own_forward(looping_check, relu_backward, {})
    assert time.perf_counter() - start < 5


def helper():
    return "the student's helper"


def calls_helper():
    return helper()


def test_helpers_are_nnlib_s_while_a_function_is_graded_and_restored_after():
    with grading.helpers_replaced(calls_helper, {"helper": lambda: "nnlib's helper"}):
        assert calls_helper() == "nnlib's helper"
    assert calls_helper() == "the student's helper"


def test_feedback_hides_hidden_test_code_and_tracebacks():
    cell = nbformat.v4.new_code_cell(
        "# Hidden tests for relu run here.\n"
        "### BEGIN HIDDEN TESTS\n"
        'grade("relu", relu, globals())\n'
        "### END HIDDEN TESTS\n"
    )
    cell.outputs = [
        nbformat.v4.new_output(
            "error",
            ename="GradingError",
            evalue="relu is not implemented yet",
            traceback=['----> 3 grade("relu", relu, globals())', "GradingError: ..."],
        )
    ]
    visible = nbformat.v4.new_code_cell("assert relu(1) == 1")
    notebook = nbformat.v4.new_notebook(cells=[cell, visible])
    notebook, _ = HideHiddenTests().preprocess(notebook, {})
    hidden, untouched = notebook.cells
    assert "grade(" not in hidden.source and PLACEHOLDER in hidden.source
    assert hidden.source.startswith("# Hidden tests for relu run here.")
    assert hidden.outputs[0]["traceback"] == ["GradingError: relu is not implemented yet"]
    assert untouched.source == "assert relu(1) == 1"


def test_a_helper_the_student_never_defined_is_added_for_the_block_only():
    with grading.helpers_replaced(calls_helper, {"absent_helper": len}):
        assert calls_helper.__globals__["absent_helper"] is len
    assert "absent_helper" not in calls_helper.__globals__
