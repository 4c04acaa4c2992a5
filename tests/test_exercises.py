"""The graded exercises, end to end, with the real nbgrader in a temporary copy of the course.

For every assignment in solutions/: the release that `nbgrader generate_assignment`
makes equals the committed exercises/ and holds no solution and no hidden test; then
one class is autograded: the solution (full marks), the blank release (zero), and one
student per typical mistake in tests/exercise_mistakes/ (each loses exactly the points
of the function it breaks). Feedback is generated and must not show hidden-test code.
In assignment 01 a student whose function loops forever scores zero for that function
only, and the students graded after it are graded normally. Assignment 01 is graded
by plain ``nbgrader autograde`` (sequential, sandboxed by the course's config), the
others by ``classgrader.cli.grade_class`` (parallel), as ``make autograde`` does.
"""

import importlib
import json
import pkgutil
import time

import exercise_mistakes
import pytest
from course import (
    HIDDEN_REGION,
    ROOT,
    SOLUTION_REGION,
    cells,
    grade_id,
    hidden_cells,
    hidden_test_lines,
    looping_source,
    nbgrader,
    new_course,
    scores,
    shown_hidden_lines,
    submit,
    with_function_replaced,
)

from classgrader.cli import default_workers, grade_class, summary

ASSIGNMENTS = sorted(path.name for path in (ROOT / "solutions").iterdir() if path.is_dir())
LOOPING_ASSIGNMENT = "01-neurons"
LOOP_TIMEOUT = 10  # seconds: the loop drill's cell timeout, to keep the run short

pytestmark = pytest.mark.slow


def mistakes_of(assignment):
    for module in pkgutil.iter_modules(exercise_mistakes.__path__):
        found = importlib.import_module(f"exercise_mistakes.{module.name}")
        if assignment == found.ASSIGNMENT:
            return found.MISTAKES
    return {}


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded(request, tmp_path_factory):
    """Grade one assignment's class; return what the tests inspect."""
    assignment = request.param
    course = new_course(tmp_path_factory.mktemp(assignment), [assignment])

    sources = sorted((course / "solutions" / assignment).glob("*.ipynb"))
    students = {}  # student -> (notebook name, JSON text, {grade_id: expected score})
    for source in sources:
        graded_cells = hidden_cells(source)
        full = {cell: points for cell, (points, _) in graded_cells.items()}
        release = course / "exercises" / assignment / source.name
        students["solution"] = (source.name, source.read_text(encoding="utf-8"), full)
        students["blank"] = (
            source.name,
            release.read_text(encoding="utf-8"),
            dict.fromkeys(full, 0),
        )
        for function, examples in mistakes_of(assignment).items():
            lost = {cell for cell, (_, names) in graded_cells.items() if function in names}
            assert lost, f"no hidden test cell grades {function!r}"
            expected = {cell: 0 if cell in lost else points for cell, points in full.items()}
            for k, (_, wrong_source) in enumerate(examples):
                student = f"mistake-{function.replace(':', '-')}-{k}"
                students[student] = (
                    source.name,
                    with_function_replaced(source, function, wrong_source),
                    expected,
                )
        if assignment == LOOPING_ASSIGNMENT:
            first = next(
                grade_id(c)
                for c in cells(source)
                if c.get("metadata", {}).get("nbgrader", {}).get("solution")
            )
            lost = {cell for cell, (_, names) in graded_cells.items() if first in names}
            looping = json.loads(
                with_function_replaced(source, first, looping_source(source, first))
            )
            # "a-looper" sorts first: every other student is graded after it
            students["a-looper"] = (
                source.name,
                json.dumps(looping),
                {cell: 0 if cell in lost else p for cell, p in full.items()},
            )
    for student, (name, text, _) in students.items():
        submit(course, student, assignment, name, text)

    start = time.perf_counter()
    if assignment == LOOPING_ASSIGNMENT:  # plain nbgrader, sandboxed by the course config
        nbgrader(course, "autograde", assignment, "--create", f"--Execute.timeout={LOOP_TIMEOUT}")
    else:  # the parallel grader, as `make autograde` runs it
        results = grade_class(
            course, assignment, sorted(students), workers=default_workers(), progress=False
        )
        assert all(result.success for result in results), summary(results)
    seconds = time.perf_counter() - start
    nbgrader(course, "generate_feedback", assignment)
    nbgrader(course, "export")
    print(
        f"\n{assignment}: autograded {len(students)} notebooks in {seconds:.1f} s, "
        f"{seconds / len(students):.1f} s per notebook"
    )
    return {"assignment": assignment, "course": course, "students": students, "sources": sources}


def test_release_equals_the_committed_exercises(graded):
    for source in graded["sources"]:
        made = graded["course"] / "exercises" / graded["assignment"] / source.name
        committed = ROOT / "exercises" / graded["assignment"] / source.name
        assert committed.exists(), f"{committed} is missing: run nbgrader generate_assignment"
        assert json.loads(made.read_text()) == json.loads(committed.read_text()), (
            f"{committed} differs from what generate_assignment makes: regenerate it"
        )


def test_release_holds_no_solution_and_no_hidden_test(graded):
    for source in graded["sources"]:
        release = (graded["course"] / "exercises" / graded["assignment"] / source.name).read_text()
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in release
        text = "".join("".join(cell["source"]) for cell in cells(source))
        secret = [
            line.strip()
            for region in SOLUTION_REGION.findall(text) + HIDDEN_REGION.findall(text)
            for line in region.splitlines()
            if len(line.strip()) > 12
        ]
        # code cells only: the instructions may quote a line on purpose, as a hint
        released = "".join(
            "".join(cell["source"])
            for cell in json.loads(release)["cells"]
            if cell["cell_type"] == "code"
        )
        leaked = [line for line in secret if line in released]
        assert not leaked, f"the release shows solution or hidden-test lines: {leaked[:3]}"


def test_every_student_gets_exactly_the_expected_points(graded):
    wrong = {}
    for student, (_, _, expected) in graded["students"].items():
        got = scores(graded["course"], graded["assignment"], student)
        if got != expected:
            wrong[student] = {
                cell: (got.get(cell), points)
                for cell, points in expected.items()
                if got.get(cell) != points
            }
    assert not wrong, f"scores that differ from the expected (got, expected): {wrong}"


def test_feedback_never_shows_hidden_test_code(graded):
    hidden = hidden_test_lines(graded["sources"])
    pages = list((graded["course"] / "feedback").rglob("*.html"))
    assert len(pages) == len(graded["students"]) * len(graded["sources"])
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in html
        shown = shown_hidden_lines(html, hidden)
        assert not shown, f"{page} shows hidden-test code: {shown}"
