"""A temporary nbgrader course, and what the grading tests do with its notebooks."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from exercise_mistakes import wrong_function

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GRADE_CALL = re.compile(r"""grade\(\s*["']([^"']+)["']""")
HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)
SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


def new_course(folder, assignments, config_lines=()):
    """A course in ``folder`` with the repository's config, followed by ``config_lines``
    (set before anything is released, e.g. the gradebook's ``db_url``), and
    ``assignments`` released."""
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    if config_lines:
        with open(folder / "nbgrader_config.py", "a", encoding="utf-8") as config:
            config.write("\n" + "".join(line + "\n" for line in config_lines))
    for assignment in assignments:
        shutil.copytree(ROOT / "solutions" / assignment, folder / "solutions" / assignment)
        nbgrader(folder, "generate_assignment", assignment, "--force")
    return folder


def submit(course, student, assignment, name, text):
    """Put ``text`` in ``submitted/<student>/<assignment>/<name>``."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def nbgrader(course, *args):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [str(BIN / "nbgrader"), *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result


def cells(notebook_path):
    return json.loads(Path(notebook_path).read_text(encoding="utf-8"))["cells"]


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def hidden_cells(notebook_path):
    """{grade_id: (points, the names its grade(...) calls check)} of the graded cells."""
    found = {}
    for cell in cells(notebook_path):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            found[meta["grade_id"]] = (
                meta["points"],
                set(GRADE_CALL.findall("".join(cell["source"]))),
            )
    return found


def with_function_replaced(notebook_path, function, mistake):
    """The notebook as JSON text, with the solution cell of ``function`` replaced by the
    wrong function (``mistake``: its source, or ``Edit``s of the solution's)."""
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    target = function.split(":")[0]
    matching = [cell for cell in notebook["cells"] if grade_id(cell) == target]
    assert matching, f"no solution cell with grade_id {target!r}"
    solution = "".join(
        line
        for line in "".join(matching[0]["source"]).splitlines(keepends=True)
        if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
    )
    matching[0]["source"] = wrong_function(solution, mistake)
    return json.dumps(notebook)


def looping_source(notebook_path, function):
    """A definition of ``function`` with the solution's signature that never returns."""
    cell = next(c for c in cells(notebook_path) if grade_id(c) == function)
    signature = next(
        line for line in "".join(cell["source"]).splitlines() if line.startswith("def ")
    )
    return f"{signature}\n    while True:\n        pass\n"


def scores(course, assignment, student, db_url=None):
    """{grade_id: score} of ``student``'s graded cells, from the course's SQLite gradebook
    or the one at ``db_url``."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url or f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return {grade.name: grade.score for nb in submission.notebooks for grade in nb.grades}


def hidden_test_lines(notebooks):
    """Every non-blank line of the hidden tests in ``notebooks`` (paths)."""
    text = "".join("".join(cell["source"]) for source in notebooks for cell in cells(source))
    return {
        line.strip()
        for region in HIDDEN_REGION.findall(text)
        for line in region.splitlines()
        if line.strip()
    }


def shown_hidden_lines(html, hidden):
    """The lines of ``hidden`` that the HTML page ``html`` shows."""
    return [line for line in hidden if line in html or line.replace('"', "&quot;") in html]
