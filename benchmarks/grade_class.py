"""Time autograding a class: ``python -m classgrader`` against plain ``nbgrader autograde``.

A class of ``--students`` (60) submissions of assignment 01-neurons (every one the
solution notebook, so every run does the same work) is autograded three ways, each in
a fresh copy of the same course:

1. plain ``nbgrader autograde``, sequential, with a stock configuration (no sandbox,
   no limits): what an nbgrader course does out of the box;
2. ``nbgrader autograde`` with this course's ``nbgrader_config.py``: sequential, every
   kernel sandboxed;
3. ``python -m classgrader``: the same sandboxed jobs on a Dask ``LocalCluster``
   (``--workers``, default two per core), with its start-up and shut-down included.

Each run must give every student full marks (the script exits with status 1
otherwise). It prints the wall time of each, seconds per notebook, and the speed-up of
(3) over (1) against the target (at least 3x on 2 cores). It is a benchmark: the
exit status does not depend on the speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ASSIGNMENT = "01-neurons"
NOTEBOOK = "neurons.ipynb"
FULL_MARKS = 7.0
TARGET = 3.0
STOCK_CONFIG = """c = get_config()
c.CourseDirectory.course_id = "nn-from-scratch"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.Execute.timeout = 60
"""


def run(course: Path, *command: str) -> float:
    """Run ``command`` in ``course``; return its wall time in seconds."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return seconds


def make_course(folder: Path, config: str, students: int) -> Path:
    """A course in ``folder`` with ``config``, 01-neurons released, ``students`` submissions."""
    folder.mkdir()
    (folder / "nbgrader_config.py").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, folder / "solutions" / ASSIGNMENT)
    run(folder, str(BIN / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force")
    solution = ROOT / "solutions" / ASSIGNMENT / NOTEBOOK
    for k in range(students):
        submission = folder / "submitted" / f"student-{k:03d}" / ASSIGNMENT
        submission.mkdir(parents=True)
        shutil.copy(solution, submission / NOTEBOOK)
    return folder


def check_full_marks(course: Path, students: int) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = [s.score for s in gradebook.assignment_submissions(ASSIGNMENT)]
    if len(scores) != students or any(score != FULL_MARKS for score in scores):
        sys.exit(f"{course.name}: expected {students} x {FULL_MARKS}, got {sorted(scores)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--workers", type=int, default=None, help="classgrader's workers")
    parser.add_argument(
        "--skip-sandboxed-sequential", action="store_true", help="skip run 2 (the slowest)"
    )
    options = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"{options.students} submissions of {ASSIGNMENT}, {cores} cores, {os.uname().machine}")
    course_config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    workers = [] if options.workers is None else ["--workers", str(options.workers)]
    runs = {
        "plain nbgrader autograde (sequential, no sandbox)": (
            STOCK_CONFIG,
            [str(BIN / "nbgrader"), "autograde", ASSIGNMENT, "--create"],
        ),
        "nbgrader autograde, course config (sequential, sandboxed)": (
            course_config,
            [str(BIN / "nbgrader"), "autograde", ASSIGNMENT, "--create"],
        ),
        "python -m classgrader (parallel, sandboxed)": (
            course_config,
            [sys.executable, "-m", "classgrader", ASSIGNMENT, "--no-progress", *workers],
        ),
    }
    if options.skip_sandboxed_sequential:
        del runs["nbgrader autograde, course config (sequential, sandboxed)"]
    seconds = {}
    with tempfile.TemporaryDirectory(prefix="grade-class-bench-") as scratch:
        for k, (name, (config, command)) in enumerate(runs.items()):
            course = make_course(Path(scratch) / f"course-{k}", config, options.students)
            seconds[name] = run(course, *command)
            check_full_marks(course, options.students)
            per = seconds[name] / options.students
            print(f"{name:60s} {seconds[name]:7.1f} s  {per:5.2f} s/notebook", flush=True)
    plain, parallel = seconds[next(iter(runs))], seconds[list(runs)[-1]]
    verdict = "met" if plain / parallel >= TARGET else "NOT met"
    print(f"speed-up of classgrader over plain nbgrader: {plain / parallel:.2f}x "
          f"(target >= {TARGET:.0f}x on 2 cores: {verdict})")


if __name__ == "__main__":
    main()
