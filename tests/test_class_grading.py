"""The hostile class drill: a class of honest and hostile submissions, graded by
``python -m classgrader`` (``classgrader.cli.grade_class``) with the course's config.

Honest students are graded before and after every kind of bad submission (students
are named so that they sort between them, and the jobs run two at a time). The
tests assert that every honest grade is exact, every bad grade is what its working
parts earn, the submitted files and everything outside the scratch folders are
unchanged, the gradebook is intact, and no feedback shows a hidden test.

Assignment 01-neurons has three graded functions: binary_cross_entropy (2 points),
neuron_forward (2) and neuron_backward (3). Most attacks sit in neuron_backward, on
which no other check depends.
"""

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest
from course import (
    ROOT,
    cells,
    grade_id,
    hidden_test_lines,
    nbgrader,
    new_course,
    scores,
    shown_hidden_lines,
    submit,
    with_function_replaced,
)

from classgrader.cli import grade_class, students_of

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-neurons"
PAIR = "99-pair"  # two notebooks in one assignment: 01's neurons and 02's activations
NOTEBOOK = "neurons.ipynb"
FULL = {
    "binary_cross_entropy_hidden_tests": 2,
    "neuron_forward_hidden_tests": 2,
    "neuron_backward_hidden_tests": 3,
}
WITHOUT_BACKWARD = {**FULL, "neuron_backward_hidden_tests": 0}
BLANK = dict.fromkeys(FULL, 0)
CELL_TIMEOUT = 5  # seconds, to keep the drill short
TOKEN = f"classgrader-drill-{os.getpid()}"
SITE_PACKAGES = Path(next(p for p in sys.path if p.endswith("site-packages")))
#: files a hostile student tries to create; none may exist after grading
PLANTED = [
    Path.home() / TOKEN,
    Path("/tmp") / TOKEN,
    SITE_PACKAGES / f"{TOKEN.replace('-', '_')}.py",
    SITE_PACKAGES / f"{TOKEN.replace('-', '_')}.pth",
]

SOLUTION = (ROOT / "solutions" / ASSIGNMENT / NOTEBOOK).read_text(encoding="utf-8")
WRONG_BACKWARD = """
def neuron_backward(Y, cache):
    X, A = cache
    dZ = A - Y  # the mean is missing: m times too large
    return X @ dZ.T, np.sum(dZ)
"""


def notebook():
    return json.loads(SOLUTION)


def cell_of(nb, cell_id):
    return next(cell for cell in nb["cells"] if grade_id(cell) == cell_id)


def with_function(function, source):
    """The solution notebook with ``function``'s cell replaced by ``source``."""
    return json.loads(with_function_replaced(ROOT / "solutions" / ASSIGNMENT / NOTEBOOK,
                                             function, source))


def solution_plus(function, code):
    """The solution notebook with ``code`` appended to ``function``'s solution cell."""
    nb = notebook()
    cell = cell_of(nb, function)
    cell["source"] = "".join(cell["source"]) + "\n" + code.strip() + "\n"
    return nb


def backward_doing(code):
    """The solution notebook whose neuron_backward runs ``code`` first."""
    body = "\n".join("    " + line for line in code.strip().splitlines())
    return with_function(
        "neuron_backward",
        f"def neuron_backward(Y, cache):\n{body}\n    X, A = cache\n"
        "    dZ = (A - Y) / X.shape[1]\n    return X @ dZ.T, np.sum(dZ)\n",
    )


def wrong_backward_plus(code):
    """A wrong neuron_backward, followed by ``code`` in the same cell."""
    return with_function("neuron_backward", WRONG_BACKWARD + "\n" + code.strip() + "\n")


def deleted_backward_test():
    nb = notebook()
    nb["cells"].remove(cell_of(nb, "neuron_backward_hidden_tests"))
    return nb


def edited_backward_test():
    nb = with_function("neuron_backward", WRONG_BACKWARD)
    cell_of(nb, "neuron_backward_hidden_tests")["source"] = "pass\n"
    return nb


def repointed_backward_test():
    nb = with_function("neuron_backward", WRONG_BACKWARD)
    meta = cell_of(nb, "neuron_backward_hidden_tests")["metadata"]["nbgrader"]
    meta.update(grade=False, solution=True, locked=False, points=0, grade_id="my_notes")
    return nb


def duplicated_test_id():
    nb = with_function("neuron_backward", WRONG_BACKWARD)
    meta = cell_of(nb, "neuron_backward_hidden_tests")["metadata"]["nbgrader"]
    meta["grade_id"] = "binary_cross_entropy_hidden_tests"
    return nb


def attacks(course):
    """Code that tries to read the secrets and damage the course, the environment and
    the other students; each attempt is wrapped so the student's cell goes on."""
    targets = [str(path) for path in PLANTED] + [str(course / f"{TOKEN}.txt")]
    readable = [course / "solutions" / ASSIGNMENT / NOTEBOOK, course / "gradebook.db",
                ROOT / "solutions" / ASSIGNMENT / NOTEBOOK]
    return f"""
import glob
for _path in {[str(path) for path in readable]!r}:
    try:
        print(open(_path, errors="replace").read()[:20000], f"read-done:{{_path}}")
    except Exception as _error:
        print(f"read-refused:{{_path}}", type(_error).__name__)
_others = glob.glob({str(course / "submitted" / "*" / "*" / "*.ipynb")!r})
for _path in _others + {[*targets, str(course / "gradebook.db")]!r}:
    try:
        open(_path, "ab").write(b"garbage")
        print(f"write-done:{{_path}}")
    except Exception as _error:
        print(f"write-refused:{{_path}}", type(_error).__name__)
print(_ih if "_ih" in dir() else "")
"""


def hostile_class(course):
    """{student: (notebook name, JSON text or None for no file, expected scores)}.

    The honest students ("<k>0-honest") sort between the hostile ones.
    """
    kinds = {
        "loop": (backward_doing("while True:\n    pass"), WITHOUT_BACKWARD),
        "sleep-ignoring-interrupts": (
            backward_doing(
                "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                "time.sleep(10**6)"
            ),
            WITHOUT_BACKWARD,
        ),
        "memory-hog": (
            backward_doing("hog = []\nwhile True:\n    hog.append(bytearray(2**26))"),
            WITHOUT_BACKWARD,
        ),
        "process-hog": (
            backward_doing(
                "import subprocess\n"
                "children = [subprocess.Popen(['sleep', '60']) for _ in range(500)]"
            ),
            WITHOUT_BACKWARD,
        ),
        "os-exit": (backward_doing("import os\nos._exit(3)"), WITHOUT_BACKWARD),
        "os-exit-in-first-cell": (
            solution_plus("binary_cross_entropy", "import os\nos._exit(0)"),
            {**FULL, "binary_cross_entropy_hidden_tests": 0},
        ),
        "sys-exit": (solution_plus("neuron_forward", "import sys\nsys.exit(1)"), FULL),
        "deleted-test-cell": (deleted_backward_test(), FULL),
        "edited-test-cell": (edited_backward_test(), WITHOUT_BACKWARD),
        "repointed-test-cell": (repointed_backward_test(), WITHOUT_BACKWARD),
        "duplicated-test-id": (duplicated_test_id(), WITHOUT_BACKWARD),
        "huge-output": (
            solution_plus("binary_cross_entropy", "print('x' * 50_000_000)"),
            FULL,
        ),
        "patched-numpy": (
            wrong_backward_plus(
                "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
                "np.testing.assert_allclose = lambda *a, **k: None\n"
                "np.array_equal = lambda *a, **k: True\nnp.max = lambda *a, **k: 0.0"
            ),
            WITHOUT_BACKWARD,
        ),
        "patched-checker": (
            wrong_backward_plus(
                "import nnlib.grading, nnlib.grading_specs, nnlib.neurons\n"
                "def grade(*args, **kwargs):\n    pass\n"
                "try:\n    nnlib.grading.grade = grade\nexcept AttributeError:\n    pass\n"
                "try:\n    nnlib.neurons.neuron_backward = neuron_backward\n"
                "except AttributeError:\n    pass\n"
                "nnlib.grading_specs.SPECS['neuron_backward'] = lambda *a: None\n"
                "vars(nnlib.grading)['compare'] = lambda *a, **k: None"
            ),
            WITHOUT_BACKWARD,
        ),
        "delegates-to-nnlib": (
            with_function(
                "neuron_backward",
                "from nnlib.neurons import neuron_backward as reference\n\n"
                "def neuron_backward(Y, cache):\n    return reference(Y, cache)\n",
            ),
            WITHOUT_BACKWARD,
        ),
        "reads-secrets-and-damages": (
            solution_plus("neuron_backward", attacks(course)),
            FULL,
        ),
        "invalid-json": ("{ this is not JSON", BLANK),
        "empty-file": ("", BLANK),
        "missing-notebook": (None, BLANK),
        "misnamed-notebook": (SOLUTION, FULL),
    }
    students = {}
    for k, (kind, (content, expected)) in enumerate(kinds.items()):
        students[f"{k:02d}0-honest"] = (NOTEBOOK, SOLUTION, FULL)
        text = content if content is None or isinstance(content, str) else json.dumps(content)
        name = "neurons (1).ipynb" if kind == "misnamed-notebook" else NOTEBOOK
        students[f"{k:02d}5-{kind}"] = (name, text, expected)
    students["990-honest"] = (NOTEBOOK, SOLUTION, FULL)
    return students


def digest(folder):
    """A hash of every file's path and content under ``folder``."""
    found = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        found.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return found.hexdigest()


def listing(folder):
    """A hash of the names, sizes and times of the files under ``folder``."""
    found = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        stat = path.lstat()
        found.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return found.hexdigest()


def pair_assignment(course):
    """Assignment 99-pair: the notebooks of 01 and 02 in one assignment."""
    for assignment in ("01-neurons", "02-activations"):
        for source in (ROOT / "solutions" / assignment).glob("*.ipynb"):
            target = course / "solutions" / PAIR / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    nbgrader(course, "generate_assignment", PAIR, "--force")
    return sorted((course / "solutions" / PAIR).glob("*.ipynb"))


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    course = new_course(tmp_path_factory.mktemp("hostile-class"), [ASSIGNMENT])
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.Execute.timeout = {CELL_TIMEOUT}\n")
        # the repository holds the real solutions/: hide it too (the course copy is hidden
        # as the grader's working directory)
        config.write(f"c.SandboxedKernelManager.hidden_paths = [{str(ROOT)!r}]\n")
    pair = pair_assignment(course)
    students = hostile_class(course)
    for student, (name, text, _) in students.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    for student, broken in (("pair-honest", None), ("pair-broken", "activations.ipynb")):
        for source in pair:
            text = "{ broken" if source.name == broken else source.read_text(encoding="utf-8")
            submit(course, student, PAIR, source.name, text)
    before = {
        "course files": digest_outside_state(course),
        "site-packages": listing(SITE_PACKAGES),
    }
    scratch_before = set(scratch_folders())
    try:
        results = grade_class(
            course, ASSIGNMENT, students_of(course, ASSIGNMENT), workers=2, progress=False
        )
        pair_results = grade_class(
            course, PAIR, students_of(course, PAIR), workers=2, progress=False
        )
        nbgrader(course, "generate_feedback", ASSIGNMENT)
        nbgrader(course, "generate_feedback", PAIR)
        after = {
            "course files": digest_outside_state(course),
            "site-packages": listing(SITE_PACKAGES),
        }
        planted = [str(path) for path in PLANTED if path.exists()]
        planted += [str(p) for p in course.glob(f"{TOKEN}*")]
        yield {
            "course": course,
            "students": students,
            "results": {r.student: r for r in results + pair_results},
            "before": before,
            "after": after,
            "planted": planted,
            "scratch folders left": sorted(set(scratch_folders()) - scratch_before),
            "pair": pair,
        }
    finally:
        for path in PLANTED:
            path.unlink(missing_ok=True)


def scratch_folders():
    return Path(tempfile.gettempdir()).glob("classgrader-*")


def digest_outside_state(course):
    """What no grading may change: the submissions, sources, release and config."""
    return {
        name: digest(course / name) for name in ("submitted", "solutions", "exercises")
    } | {"nbgrader_config.py": (course / "nbgrader_config.py").read_text(encoding="utf-8")}


def student(drill, kind):
    """The name of the student whose submission is of ``kind``."""
    return next(name for name in drill["students"] if name.endswith(f"5-{kind}"))


def test_every_grade_is_exact(drill):
    wrong = {}
    for student, (_, _, expected) in drill["students"].items():
        got = scores(drill["course"], ASSIGNMENT, student)
        if got != expected:
            wrong[student] = (got, expected)
    assert not wrong, f"(got, expected) for each student graded wrongly: {wrong}"


def test_one_broken_notebook_costs_only_its_own_points(drill):
    honest = scores(drill["course"], PAIR, "pair-honest")
    broken = scores(drill["course"], PAIR, "pair-broken")
    activation_cells = {grade_id(c) for c in cells(drill["pair"][0]) if grade_id(c)}
    assert sum(honest.values()) == 7 + 17, honest
    for cell, points in honest.items():
        expected = 0 if cell in activation_cells else points
        assert broken[cell] == expected, f"pair-broken: {cell} got {broken[cell]}"


def test_every_job_finished_and_reported_its_repairs(drill):
    results = drill["results"]
    assert all(result.success for result in results.values()), {
        s: r.error[-500:] for s, r in results.items() if not r.success
    }
    notes = {name: " ".join(result.notes) for name, result in results.items()}
    assert "could not be read" in notes[student(drill, "invalid-json")]
    assert "could not be read" in notes[student(drill, "empty-file")]
    assert "missing" in notes[student(drill, "missing-notebook")]
    assert "graded as neurons.ipynb" in notes[student(drill, "misnamed-notebook")]


def test_nothing_outside_the_scratch_folders_changed(drill):
    assert drill["after"] == drill["before"]
    assert not drill["planted"], f"a student planted {drill['planted']}"
    assert drill["scratch folders left"] == [], "scratch folders were left behind"


def test_the_gradebook_is_intact(drill):
    path = drill["course"] / "gradebook.db"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    assert path.stat().st_size == page_size * pages, "stray bytes in gradebook.db"


def feedback_of(drill, kind):
    name = student(drill, kind)
    pages = list((drill["course"] / "feedback" / name / ASSIGNMENT).glob("*.html"))
    assert len(pages) == 1, f"{name}: feedback pages {pages}"
    return pages[0].read_text(encoding="utf-8")


def test_no_feedback_shows_a_hidden_test(drill):
    hidden = hidden_test_lines(drill["pair"])
    pages = list((drill["course"] / "feedback").rglob("*.html"))
    assert len(pages) >= len(drill["students"]) - 1  # the missing notebook has none
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in html, f"{page} shows the hidden-test markers"
        shown = shown_hidden_lines(html, hidden)
        assert not shown, f"{page} shows hidden-test lines: {shown}"


def test_the_attacker_read_nothing_and_wrote_nothing(drill):
    html = feedback_of(drill, "reads-secrets-and-damages")
    assert "read-done:/" not in html and "write-done:/" not in html
    assert html.count("read-refused:/") == 3
    # the other submissions are not even visible; every planted file is refused
    assert html.count("write-refused:/") == len(PLANTED) + 2, html.count("write-refused:/")


def test_limits_say_which_limit_was_hit(drill):
    expected = {
        "loop": "the time limit for one cell",
        "sleep-ignoring-interrupts": "the time limit for one cell",
        "memory-hog": "The memory limit was reached",
        "process-hog": "The process limit was reached",
        "os-exit": "Your kernel stopped while this cell ran",
        "huge-output": "Output truncated",
        "invalid-json": "could not be read",
        "misnamed-notebook": "graded as neurons.ipynb",
    }
    for kind, sentence in expected.items():
        assert sentence in feedback_of(drill, kind), f"{kind}: no {sentence!r}"


def test_huge_output_is_cut_in_the_graded_notebook_and_the_feedback(drill):
    graded = drill["course"] / "autograded" / student(drill, "huge-output") / ASSIGNMENT
    assert (graded / NOTEBOOK).stat().st_size < 1_000_000
    assert len(feedback_of(drill, "huge-output")) < 2_000_000


def test_a_class_is_graded_on_an_existing_dask_cluster(tmp_path):
    """``--scheduler ADDRESS``: the jobs run on a cluster that was already there."""
    from distributed import LocalCluster

    course = new_course(tmp_path, [ASSIGNMENT])
    submit(course, "alice", ASSIGNMENT, NOTEBOOK, SOLUTION)
    wrong = json.dumps(with_function("neuron_backward", WRONG_BACKWARD))
    submit(course, "bob", ASSIGNMENT, NOTEBOOK, wrong)
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        memory_limit=0,
    ) as cluster:
        results = grade_class(
            course,
            ASSIGNMENT,
            ["alice", "bob"],
            workers=2,
            scheduler=cluster.scheduler_address,
            progress=False,
        )
        assert len(cluster.workers) == 2  # the cluster outlives the grading
    assert all(result.success for result in results)
    assert scores(course, ASSIGNMENT, "alice") == FULL
    assert scores(course, ASSIGNMENT, "bob") == WITHOUT_BACKWARD
