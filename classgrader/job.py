"""One grading job: autograde one student's submission with nbgrader, in this process.

``grade_submission`` is what a Dask worker runs. It stages the submission
(``classgrader.submission``), points nbgrader's ``submitted_directory`` at the staged
copy, and calls nbgrader's own ``autograde`` (``NbGraderAPI.autograde``), which
writes ``autograded/`` and the gradebook as usual; the course's ``nbgrader_config.py``
makes every kernel a sandboxed one. A job never raises: whatever goes wrong is
reported in its ``JobResult``, and the other students' jobs go on.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from classgrader.submission import stage

CONFIG_FILE = "nbgrader_config.py"
#: seconds an SQLite gradebook write waits for another grader's write to finish
SQLITE_BUSY_TIMEOUT = 300


@dataclass
class JobResult:
    """What grading one submission did."""

    student: str
    success: bool
    seconds: float
    notes: list[str] = field(default_factory=list)
    error: str = ""


def course_config(course: Path, **course_directory) -> Config:
    """The course's ``nbgrader_config.py``, with ``CourseDirectory`` settings on top.

    An SQLite gradebook gets a busy timeout, so that parallel jobs wait for each
    other's writes instead of failing.
    """
    config = Config()
    if (course / CONFIG_FILE).exists():
        config.merge(PyFileConfigLoader(CONFIG_FILE, path=str(course)).load_config())
    config.CourseDirectory.root = str(course)
    for name, value in course_directory.items():
        setattr(config.CourseDirectory, name, value)
    db_url = config.CourseDirectory.get("db_url") or f"sqlite:///{course / 'gradebook.db'}"
    if db_url.startswith("sqlite:") and "?" not in db_url:
        db_url += f"?timeout={SQLITE_BUSY_TIMEOUT}"
    config.CourseDirectory.db_url = db_url
    return config


def grade_submission(course: str, assignment: str, student: str) -> JobResult:
    """Autograde ``submitted/<student>/<assignment>`` of the course folder ``course``."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from classgrader import speedups

    speedups.install()
    start = time.monotonic()
    course_path = Path(course).resolve()
    os.chdir(course_path)  # the sandbox hides the grader's working directory
    notes: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="classgrader-stage-") as staging:
            folders = CourseDirectory(config=course_config(course_path))
            submitted = Path(folders.format_path(folders.submitted_directory, student, assignment))
            release = Path(folders.format_path(folders.release_directory, ".", assignment))
            staged_root = Path(staging) / "submitted"
            notes = stage(submitted, release, staged_root / student / assignment)
            api = NbGraderAPI(
                config=course_config(course_path, submitted_directory=str(staged_root))
            )
            result = api.autograde(assignment, student, force=True, create=True)
        success = result["success"]
        error = "" if success else (result.get("error") or result.get("log") or "")[-4000:]
    except Exception:
        success, error = False, traceback.format_exc()[-4000:]
    return JobResult(student, success, time.monotonic() - start, notes, error)
