"""``python -m classgrader ASSIGNMENT``: autograde a whole class in parallel.

Run it from the course directory (the repository root), like ``nbgrader autograde``.
Every submission in ``submitted/*/ASSIGNMENT/`` is one job (``classgrader.job``). The
jobs run on a Dask cluster: by default a ``LocalCluster`` of worker processes on this
machine; with ``--scheduler ADDRESS`` an existing cluster whose workers see the course
folder at the same path (a shared file system) and have the same environment.
A progress bar counts the finished submissions, and a summary at the end lists every
submission that failed or needed a repair, with the reason.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where needed: it loads nbgrader, which takes a second
    from classgrader.job import JobResult


def students_of(course: Path, assignment: str, submitted: str = "submitted") -> list[str]:
    """The students with a submission folder for ``assignment``."""
    return sorted(
        path.parent.name for path in (course / submitted).glob(f"*/{assignment}") if path.is_dir()
    )


def default_workers() -> int:
    """Two jobs per core: while one job's kernel starts or nbgrader writes files and the
    gradebook, the other's computes."""
    return 2 * (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


#: what every job imports; a local cluster's workers start with these already loaded
JOB_MODULES = (
    "distributed",
    "nbgrader.apps",
    "nbclient",
    "classgrader.job",
    "classgrader.execute",
    "classgrader.speedups",
)


def start_workers_preloaded() -> None:
    """Make local Dask workers fork from a server that has imported ``JOB_MODULES``.

    Spawned workers would each import nbgrader, nbconvert and Dask again (about two
    seconds of CPU apiece); a fork server imports them once, before it has any thread.
    The server starts now and imports them in the background.
    """
    import multiprocessing.forkserver

    import dask
    from distributed.utils import get_mp_context

    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    get_mp_context().set_forkserver_preload(list(JOB_MODULES))
    multiprocessing.forkserver.ensure_running()


def check_assignment(course: Path, assignment: str) -> None:
    """Fail early, in this process, if the gradebook does not know ``assignment``.

    Opening the gradebook here also creates its tables, once, before the parallel jobs
    open it (nbgrader's table creation is not safe to run concurrently).
    """
    from nbgrader.api import Gradebook, MissingEntry

    from classgrader.job import course_config

    config = course_config(course)
    course_id = config.CourseDirectory.get("course_id", "default_course")
    with Gradebook(config.CourseDirectory.db_url, course_id) as book:
        try:
            book.find_assignment(assignment)
        except MissingEntry:
            raise SystemExit(
                f"the gradebook has no assignment {assignment!r}: release it first "
                f"(nbgrader generate_assignment {assignment})"
            ) from None


def grade_class(
    course: Path,
    assignment: str,
    students: list[str],
    *,
    workers: int,
    scheduler: str | None = None,
    progress: bool = True,
) -> list[JobResult]:
    """Grade ``students``' submissions of ``assignment``; return the jobs' results."""
    from distributed import Client, LocalCluster, as_completed
    from tqdm import tqdm

    if not scheduler:
        start_workers_preloaded()  # in the background, while the gradebook is checked
    from classgrader.job import JobResult, grade_submission

    check_assignment(course, assignment)
    if scheduler:
        cluster, client = None, Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # a job changes the working directory: one per process
            processes=True,
            memory_limit=0,  # the kernels' own limits apply; Dask must not kill a job
            host="127.0.0.1",  # reachable from this machine only, on free ports
            dashboard_address="127.0.0.1:0",
        )
        client = Client(cluster)
    try:
        futures = client.map(
            grade_submission,
            [str(course)] * len(students),
            [assignment] * len(students),
            students,
            pure=False,
        )
        student_of = dict(zip(futures, students, strict=True))
        results = []
        with tqdm(total=len(futures), unit="submission", disable=not progress) as bar:
            for future in as_completed(futures):
                try:
                    result = future.result()
                except Exception as error:  # the worker itself died, several times
                    result = JobResult(student_of[future], False, 0.0, [], repr(error))
                results.append(result)
                bar.set_postfix_str(result.student, refresh=False)
                bar.update()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return sorted(results, key=lambda result: result.student)


def summary(results: list[JobResult]) -> str:
    """The lines an instructor must read: failures and repairs, then a count."""
    lines = []
    for result in results:
        for note in result.notes:
            lines.append(f"{result.student}: {note}")
        if not result.success:
            last = result.error.strip().splitlines()[-1:] or ["unknown error"]
            lines.append(f"{result.student}: NOT GRADED: {last[0]}")
    failed = sum(not result.success for result in results)
    lines.append(f"{len(results) - failed} graded, {failed} not graded")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m classgrader", description="Autograde a whole class in parallel."
    )
    parser.add_argument("assignment")
    parser.add_argument("--course", type=Path, default=Path.cwd(), help="course directory")
    parser.add_argument("--student", action="append", help="only these students")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--scheduler", help="address of a Dask scheduler to use")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    options = parser.parse_args(argv)
    course = options.course.resolve()
    students = options.student or students_of(course, options.assignment)
    if not students:
        print(f"no submissions of {options.assignment} in {course / 'submitted'}")
        return 1
    results = grade_class(
        course,
        options.assignment,
        students,
        workers=min(options.workers, len(students)),
        scheduler=options.scheduler,
        progress=not options.no_progress,
    )
    print(summary(results))
    return 0 if all(result.success for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
