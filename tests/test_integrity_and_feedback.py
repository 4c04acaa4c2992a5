"""nnlib.integrity (monkeypatching undone before grading) and nnlib.feedback (no hidden
test in the feedback).

``seal()`` changes nnlib's modules for good (their class becomes ``ReadOnlyModule``),
so every integrity test runs in a Python process of its own, never in pytest's.
"""

import copy
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from nnlib.feedback import ANSI_ESCAPE, PLACEHOLDER, REMOVED_LINE, SHORTEST_SECRET, HideHiddenTests

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str) -> dict:
    """Run ``code`` in a new Python process; return the JSON it printed last."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1", "MPLBACKEND": "agg"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- integrity --------------------------------------------------------------------------

SEALED_AND_PATCHED = """
import json, sys, types
import numpy as np
import nnlib.neurons
from nnlib import integrity

report = {"before seal": integrity.restore()}
real_allclose, real_forward, real_norm, real_len = (
    np.allclose, nnlib.neurons.neuron_forward, np.linalg.norm, len
)
integrity.seal()
import nnlib.grading
from nnlib.grading_specs import SPECS
real_grade, real_specs = nnlib.grading.grade, dict(SPECS)
report["untouched"] = integrity.restore()

np.allclose = lambda *a, **k: True
report["allclose"] = [integrity.restore(), np.allclose is real_allclose, np.allclose(1, 2)]

vars(nnlib.neurons)["neuron_forward"] = lambda w, b, X: (0, None)
restored = integrity.restore()
report["module dict"] = [restored, nnlib.neurons.neuron_forward is real_forward]

for action in ("set", "delete"):
    try:
        if action == "set":
            nnlib.grading.grade = lambda *a, **k: None
        else:
            del nnlib.grading.grade
        report[action] = "allowed"
    except AttributeError as error:
        report[action] = ["AttributeError", str(error)]
report["grade kept"] = nnlib.grading.grade is real_grade

real_numpy = sys.modules["numpy"]
sys.modules["numpy"] = types.ModuleType("numpy")
restored = integrity.restore()
report["sys.modules"] = [restored, sys.modules["numpy"] is real_numpy]

del np.linalg.norm
import builtins
builtins.len = lambda obj: 0
restored = integrity.restore()
report["deleted and builtins"] = [
    restored, np.linalg.norm is real_norm, builtins.len is real_len, len([1, 2])
]

SPECS["relu"] = SPECS["sigmoid"]
del SPECS["neuron_backward"]
SPECS["free_points"] = None
restored = integrity.restore()
report["specs"] = [
    restored,
    SPECS.keys() == real_specs.keys(),
    all(SPECS[name] is spec for name, spec in real_specs.items()),
]
report["after all"] = integrity.restore()
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def sealed_report():
    return run_python(SEALED_AND_PATCHED)


def test_restore_before_seal_puts_nothing_back(sealed_report):
    assert sealed_report["before seal"] == []


def test_restore_after_seal_with_nothing_touched_puts_nothing_back(sealed_report):
    assert sealed_report["untouched"] == []
    assert sealed_report["after all"] == []


def test_a_replaced_numpy_function_is_put_back(sealed_report):
    restored, is_real, answer = sealed_report["allclose"]
    assert restored == ["numpy.allclose"]
    assert is_real is True and answer is False


def test_a_reference_replaced_through_the_module_dict_is_put_back(sealed_report):
    restored, is_real = sealed_report["module dict"]
    assert restored == ["nnlib.neurons.neuron_forward"]
    assert is_real is True


@pytest.mark.parametrize("action", ["set", "delete"])
def test_nnlib_modules_are_read_only_after_seal(sealed_report, action):
    kind, message = sealed_report[action]
    assert kind == "AttributeError"
    assert "nnlib.grading is read-only" in message
    assert sealed_report["grade kept"] is True


def test_a_replaced_module_is_put_back_in_sys_modules(sealed_report):
    restored, is_real = sealed_report["sys.modules"]
    assert "numpy" in restored
    assert is_real is True


def test_deleted_attributes_and_replaced_builtins_are_put_back(sealed_report):
    restored, norm_is_real, len_is_real, length = sealed_report["deleted and builtins"]
    assert sorted(restored) == ["builtins.len", "numpy.linalg.norm"]
    assert norm_is_real and len_is_real and length == 2


def test_the_specs_are_put_back(sealed_report):
    restored, same_names, same_specs = sealed_report["specs"]
    assert restored == ["nnlib.grading_specs.SPECS"]
    assert same_names and same_specs


GRADE_AFTER_MONKEYPATCHING = """
import json
import numpy as np
import nnlib.neurons
from nnlib.integrity import seal

seal()
from nnlib.grading import GradingError, grade


def neuron_forward(w, b, X):
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    return A, (X, A)


def right_backward(Y, cache):
    X, A = cache
    m = X.shape[1]
    dZ = A - Y
    return X @ dZ.T / m, np.sum(dZ) / m


def m_times_too_large(Y, cache):
    X, A = cache
    dZ = A - Y
    return X @ dZ.T, np.sum(dZ)


namespace = {"neuron_forward": neuron_forward}
report = {}
for name, student, always in [
    ("wrong, allclose always true", m_times_too_large, True),
    ("right, allclose always false", right_backward, False),
]:
    np.allclose = lambda *a, always=always, **k: always
    vars(nnlib.neurons)["neuron_backward"] = student  # the "reference" is the student's
    report[name + " (patched)"] = bool(np.allclose(1, 2))
    try:
        grade("neuron_backward", student, namespace)
        report[name] = "passed"
    except GradingError as error:
        report[name] = f"GradingError: {error}"
print(json.dumps(report))
"""


def test_grading_after_monkeypatching_judges_the_real_function():
    report = run_python(GRADE_AFTER_MONKEYPATCHING)
    assert report["wrong, allclose always true (patched)"] is True  # the patch was in place
    assert report["right, allclose always false (patched)"] is False
    # m = 1 comes first, where too large by m is right; m = 3 comes next
    assert report["wrong, allclose always true"] == (
        "GradingError: dw is 3 times too large (m = 3): did you divide by m?"
    )
    assert report["right, allclose always false"] == "passed"


ATTACKS = {
    "nnlib.grading replaced in sys.modules": (
        "sys.modules['nnlib.grading'] = types.SimpleNamespace(grade=lambda *a, **k: None)"
    ),
    "the code behind np.allclose replaced": (
        "np.allclose._implementation.__code__ = (lambda *a, **k: True).__code__"
    ),
    "numpy's own isclose replaced": (
        "import numpy._core.numeric\nnumpy._core.numeric.isclose = lambda *a, **k: np.array(True)"
    ),
    "the reference's code replaced": (
        "import nnlib.activations\n"
        "builtins.wrong_relu = relu\n"
        "def fake(Z):\n"
        "    return wrong_relu(Z)\n"
        "nnlib.activations.relu.__code__ = fake.__code__"
    ),
    "the frozen spec changed": (
        "from nnlib.grading_specs import SPECS\n"
        "object.__setattr__(SPECS['relu'], 'reference', lambda Z: relu(Z))"
    ),
}

GRADE_AFTER_ATTACK = """
import builtins, json, sys, types
import numpy as np
from nnlib.integrity import seal

seal()


def relu(Z):
    return Z * 0 + 5.0


{attack}
# the hidden test cell, as the assignments write it, compiled as IPython compiles a cell
HIDDEN_CELL = (
    "### BEGIN HIDDEN TESTS\\n"
    "from nnlib.grading import grade\\n"
    "grade('relu', relu, globals())\\n"
    "### END HIDDEN TESTS\\n"
)
try:
    exec(compile(HIDDEN_CELL, "<hidden tests>", "exec"))
    verdict = "passed"
except AssertionError as error:
    verdict = type(error).__name__
print(json.dumps({{"verdict": verdict}}))
"""


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_wrong_function_fails_whatever_the_notebook_patched_before(attack):
    report = run_python(GRADE_AFTER_ATTACK.format(attack=ATTACKS[attack]))
    assert report["verdict"] == "GradingError"


def test_a_wrong_function_fails_without_an_attack():
    report = run_python(GRADE_AFTER_ATTACK.format(attack=""))
    assert report["verdict"] == "GradingError"


# --- feedback ---------------------------------------------------------------------------

HIDDEN_LINES = [
    "for case in hidden_cases_for_grading():",
    'if case.kind == "edge":',
    "check_edge_case(case)",
    'grade("neuron_backward", neuron_backward, globals())',
]
SHORT_LINE = "else:"
VERDICT = "GradingError: dw is 3 times too large (m = 3): did you divide by m?"


def colour(text, code="0;32"):
    return f"\x1b[{code}m{text}\x1b[0m"


def hidden_cell():
    cell = new_code_cell(
        "# Hidden tests for neuron_backward run here.\n"
        "### BEGIN HIDDEN TESTS\n"
        "for case in hidden_cases_for_grading():\n"
        '    if case.kind == "edge":\n'
        "        check_edge_case(case)\n"
        "    else:\n"
        '        grade("neuron_backward", neuron_backward, globals())\n'
        "### END HIDDEN TESTS\n"
    )
    cell.outputs = [
        new_output("stream", name="stdout", text="checking: check_edge_case(case)\nall run\n"),
        new_output(
            "error",
            ename="GradingError",
            evalue="dw is 3 times too large (m = 3): did you divide by m?",
            traceback=[
                colour("-" * 75, "0;31"),
                colour("GradingError", "0;31") + "    Traceback (most recent call last)",
                f"Cell {colour('In[7]', '0;32')}, line 5\n"
                f"{colour('      3', '0;32')}         check_edge_case(case)\n"
                f"{colour('      4', '0;32')}     {colour('else', '1;32')}:\n"
                f"{colour('----> 5', '0;32')}         {colour('grade', '0;34')}("
                f"{colour(chr(34) + 'neuron_backward' + chr(34), '0;33')}, neuron_backward, "
                "globals())\n",
                colour("GradingError", "0;31") + ": dw is 3 times too large",
            ],
        ),
    ]
    return cell


def student_cells():
    history = new_code_cell("print('\\n'.join(In))")
    history.outputs = [
        new_output(
            "stream",
            name="stdout",
            text=(
                "import numpy as np\n"
                "for case in hidden_cases_for_grading():\n"
                '        grade("neuron_backward", neuron_backward, globals())\n'
                "    else:\n"
                "print(case)\n"
            ),
        )
    ]
    result = new_code_cell("_ih[-3:]")
    result.outputs = [
        new_output(
            "execute_result",
            data={
                "text/plain": "['check_edge_case(case)', 'x = 1']",
                "text/html": "<pre>if case.kind == &quot;edge&quot;:</pre>\n"
                '<pre>if case.kind == "edge":</pre>\n<pre>x = 1</pre>',
                "image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
            },
            execution_count=3,
        )
    ]
    crash = new_code_cell("neuron_backward(None, None)")
    crash.outputs = [
        new_output(
            "error",
            ename="TypeError",
            evalue='called from: grade("neuron_backward", neuron_backward, globals())',
            traceback=[
                colour("TypeError", "0;31") + "    Traceback (most recent call last)",
                f"{colour('----> 1', '0;32')} neuron_backward(None, None)\n"
                f"{colour('      2', '0;32')} check_edge_{colour('case', '1;34')}(case)\n",
            ],
        )
    ]
    return [new_markdown_cell("# Neurons"), history, result, crash]


def texts(output):
    """Every piece of text in an output that the feedback page shows, ANSI codes removed."""
    found = []
    if "text" in output:
        found.append(output["text"])
    for kind, value in output.get("data", {}).items():
        if isinstance(value, str) and not kind.startswith("image/"):
            found.append(value)
    if "evalue" in output:
        found.append(output["evalue"])
    found.extend(output.get("traceback", []))
    return [ANSI_ESCAPE.sub("", text) for text in found]


@pytest.fixture
def feedback():
    notebook = new_notebook(cells=[*student_cells(), hidden_cell()])
    nbformat.validate(notebook)
    original = copy.deepcopy(notebook)
    processed, _ = HideHiddenTests().preprocess(notebook, {})
    return original, processed


def test_the_hidden_lines_are_long_enough_to_be_secrets():
    assert all(len(line) >= SHORTEST_SECRET for line in HIDDEN_LINES)
    assert len(SHORT_LINE) < SHORTEST_SECRET


def test_no_output_quotes_a_hidden_line(feedback):
    original, processed = feedback
    quoted = [
        text
        for cell in original.cells
        for output in cell.get("outputs", [])
        for text in texts(output)
        if any(line in text for line in HIDDEN_LINES)
    ]
    assert len(quoted) == 7  # before: two in the hidden cell, five in the others
    for cell in processed.cells:
        for output in cell.get("outputs", []):
            for text in texts(output):
                for line in HIDDEN_LINES:
                    assert line not in text


def test_the_hidden_cell_shows_the_placeholder_and_the_verdict(feedback):
    _, processed = feedback
    hidden = processed.cells[-1]
    assert hidden.source == f"# Hidden tests for neuron_backward run here.\n{PLACEHOLDER}\n"
    stream, error = hidden.outputs
    assert error["traceback"] == [VERDICT]
    assert error["evalue"] == "dw is 3 times too large (m = 3): did you divide by m?"
    assert stream["text"] == f"{REMOVED_LINE}\nall run\n"


def test_quoted_lines_are_replaced_and_the_others_kept(feedback):
    _, processed = feedback
    _, history, result, crash, _ = processed.cells
    assert history.outputs[0]["text"] == (
        f"import numpy as np\n{REMOVED_LINE}\n{REMOVED_LINE}\n    else:\nprint(case)\n"
    )
    data = result.outputs[0]["data"]
    assert data["text/plain"] == REMOVED_LINE
    # the HTML-escaped quote does not match the hidden line; the plain one does
    assert data["text/html"] == (
        f"<pre>if case.kind == &quot;edge&quot;:</pre>\n{REMOVED_LINE}\n<pre>x = 1</pre>"
    )
    assert data["image/png"].startswith("iVBORw0KGgo")
    error = crash.outputs[0]
    assert error["evalue"] == REMOVED_LINE
    heading, frame = error["traceback"]
    assert heading == colour("TypeError", "0;31") + "    Traceback (most recent call last)"
    # the line coloured in the middle of the quote is found; the line before it is kept
    assert frame == f"{colour('----> 1', '0;32')} neuron_backward(None, None)\n{REMOVED_LINE}\n"


def test_a_short_hidden_line_is_not_redacted_elsewhere(feedback):
    _, processed = feedback
    history = processed.cells[1].outputs[0]["text"]
    assert "    else:\n" in history


def test_sources_other_than_the_hidden_tests_are_unchanged(feedback):
    original, processed = feedback
    assert [cell.source for cell in processed.cells[:-1]] == [
        cell.source for cell in original.cells[:-1]
    ]


def test_a_notebook_without_hidden_tests_is_unchanged():
    notebook = new_notebook(cells=student_cells())
    original = copy.deepcopy(notebook)
    processed, _ = HideHiddenTests().preprocess(notebook, {})
    assert processed == original
