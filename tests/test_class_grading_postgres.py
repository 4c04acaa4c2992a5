"""A class graded into a PostgreSQL gradebook: ``CourseDirectory.db_url`` on a real server.

The module starts its own PostgreSQL server (``initdb`` into a fresh temporary folder,
listening on 127.0.0.1 only, on a free port, trust authentication) and always stops it
and removes its files at the end. A temporary course whose ``nbgrader_config.py`` points
the gradebook at that server releases 01-neurons; a small class (honest students, the
blank release, one wrong function) is graded by ``classgrader.cli.grade_class`` with two
parallel workers, that is two concurrent writers of the gradebook. The tests assert that
every job succeeded, every per-cell score is exact, no SQLite gradebook appeared, and
``nbgrader export`` and ``nbgrader generate_feedback`` work against PostgreSQL.

PostgreSQL's server binaries are found on PATH, in ``$PG_BIN`` or in
``/usr/lib/postgresql/<version>/bin`` (Debian, Ubuntu). As root, the server runs as the
``postgres`` user, since PostgreSQL refuses to run as root.
"""

import csv
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from course import ROOT, nbgrader, new_course, scores, submit, with_function_replaced
from exercise_mistakes.a01_neurons import MISTAKES

from classgrader.cli import grade_class

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-neurons"
NOTEBOOK = "neurons.ipynb"
SOLUTION_PATH = ROOT / "solutions" / ASSIGNMENT / NOTEBOOK
FULL = {
    "binary_cross_entropy_hidden_tests": 2,
    "neuron_forward_hidden_tests": 2,
    "neuron_backward_hidden_tests": 3,
}
BLANK = dict.fromkeys(FULL, 0)
WITHOUT_BACKWARD = {**FULL, "neuron_backward_hidden_tests": 0}
FORGOT_MEAN = dict(MISTAKES["neuron_backward"])["forgot 1/m"]
DATABASE = "gradebook"
SUPERUSER = "postgres"
#: seconds to wait for the server to start, answer or stop
SERVER_TIMEOUT = 60


def postgres_bin():
    """The folder of PostgreSQL's ``initdb``, ``pg_ctl`` and ``pg_isready``."""
    candidates = [os.environ.get("PG_BIN", "")]
    on_path = shutil.which("pg_ctl")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    candidates += sorted(
        (str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    for folder in filter(None, candidates):
        if all((Path(folder) / tool).exists() for tool in ("initdb", "pg_ctl", "pg_isready")):
            return Path(folder)
    raise RuntimeError(
        "PostgreSQL's server binaries (initdb, pg_ctl) were not found on PATH, in $PG_BIN "
        "or in /usr/lib/postgresql/*/bin: install the server (Debian: postgresql)"
    )


def as_server_user(command):
    """``command`` run as the ``postgres`` user when we are root, else as ourselves."""
    if os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *map(str, command)]
    return [str(c) for c in command]


def run(command, **kwargs):
    """Run ``command`` (as the server's user) and fail with its output if it fails."""
    result = subprocess.run(
        as_server_user(command), capture_output=True, text=True, check=False, **kwargs
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    return result


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(bin_dir, port, log):
    """Return once the server accepts connections; fail after ``SERVER_TIMEOUT`` s."""
    deadline = time.monotonic() + SERVER_TIMEOUT
    while True:
        ready = subprocess.run(
            [bin_dir / "pg_isready", "-h", "127.0.0.1", "-p", str(port), "-t", "5"],
            capture_output=True,
            check=False,
        )
        if ready.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL did not become ready:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def stop(bin_dir, data):
    """Stop the server of ``data``; kill its postmaster if it does not stop in time."""
    stopped = subprocess.run(
        as_server_user(
            [bin_dir / "pg_ctl", "stop", "-D", data, "-m", "fast", "-w", "-t", SERVER_TIMEOUT]
        ),
        capture_output=True,
        check=False,
    )
    pid_file = data / "postmaster.pid"
    if stopped.returncode != 0 and pid_file.exists():
        pid = int(pid_file.read_text().split()[0])
        with suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)  # pg_ctl starts the postmaster in its own session


@contextmanager
def postgres_server():
    """A fresh PostgreSQL server on 127.0.0.1 with an empty database; yields its
    SQLAlchemy URL. The server is stopped and its files are removed on the way out."""
    bin_dir = postgres_bin()
    root = os.geteuid() == 0
    # As root, under /tmp (world-traversable) so that the postgres user can reach it.
    folder = Path(tempfile.mkdtemp(prefix="nnlib-postgres-", dir="/tmp" if root else None))
    data, sockets, log = folder / "data", folder / "sockets", folder / "server.log"
    started = False
    try:
        sockets.mkdir()
        if root:
            server_user = pwd.getpwnam(SUPERUSER)
            for path in (folder, sockets):
                os.chown(path, server_user.pw_uid, server_user.pw_gid)
        initdb = [bin_dir / "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust"]
        run([*initdb, "--encoding=UTF8", "--locale=C", "--no-sync"])
        for attempt in range(3):  # another process may take the free port before us
            port = free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -c port={port} -k {sockets} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            pg_ctl = [bin_dir / "pg_ctl", "start", "-D", data, "-l", log]
            started = True
            try:
                run([*pg_ctl, "-w", "-t", SERVER_TIMEOUT, "-o", options])
                break
            except RuntimeError:
                stop(bin_dir, data)
                started = False
                if attempt == 2:
                    raise
        wait_until_ready(bin_dir, port, log)
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        if started:
            stop(bin_dir, data)
        shutil.rmtree(folder, ignore_errors=True)


def the_class(course):
    """{student: (notebook text, expected scores)}."""
    solution = SOLUTION_PATH.read_text(encoding="utf-8")
    blank = (course / "exercises" / ASSIGNMENT / NOTEBOOK).read_text(encoding="utf-8")
    forgot_mean = with_function_replaced(SOLUTION_PATH, "neuron_backward", FORGOT_MEAN)
    return {
        "honest-1": (solution, FULL),
        "honest-2": (solution, FULL),
        "honest-3": (solution, FULL),
        "blank": (blank, BLANK),
        "forgot-mean": (forgot_mean, WITHOUT_BACKWARD),
    }


@pytest.fixture(scope="module")
def db_url():
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="module")
def graded(tmp_path_factory, db_url):
    course = new_course(
        tmp_path_factory.mktemp("postgres-class"),
        [ASSIGNMENT],
        config_lines=[f"c.CourseDirectory.db_url = {db_url!r}"],
    )
    students = the_class(course)
    for student, (text, _) in students.items():
        submit(course, student, ASSIGNMENT, NOTEBOOK, text)
    results = grade_class(course, ASSIGNMENT, sorted(students), workers=2, progress=False)
    return {"course": course, "students": students, "results": results, "db_url": db_url}


def test_every_job_succeeded(graded):
    results = graded["results"]
    assert sorted(r.student for r in results) == sorted(graded["students"])
    assert all(r.success for r in results), {
        r.student: r.error[-1000:] for r in results if not r.success
    }


def test_every_grade_is_exact(graded):
    wrong = {}
    for student, (_, expected) in graded["students"].items():
        got = scores(graded["course"], ASSIGNMENT, student, db_url=graded["db_url"])
        if got != expected:
            wrong[student] = (got, expected)
    assert not wrong, f"(got, expected) for each student graded wrongly: {wrong}"


def test_no_sqlite_gradebook_was_created(graded):
    assert not list(graded["course"].rglob("gradebook.db*"))


def test_export_has_every_total(graded):
    course = graded["course"]
    nbgrader(course, "export")
    with open(course / "grades.csv", newline="", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    totals = {row["student_id"]: float(row["score"]) for row in rows}
    expected = {s: float(sum(e.values())) for s, (_, e) in graded["students"].items()}
    assert totals == expected
    assert {row["assignment"] for row in rows} == {ASSIGNMENT}
    assert {float(row["max_score"]) for row in rows} == {float(sum(FULL.values()))}


def test_feedback_is_generated(graded):
    course = graded["course"]
    nbgrader(course, "generate_feedback", ASSIGNMENT)
    for student in graded["students"]:
        pages = list((course / "feedback" / student / ASSIGNMENT).glob("*.html"))
        assert len(pages) == 1, f"{student}: feedback pages {pages}"
