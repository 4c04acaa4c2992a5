"""classgrader's parts, one at a time: limits, the Bubblewrap command line, staged and
repaired submissions, the summary and the course configuration.

The tests marked ``slow`` run real commands in a real sandbox (Bubblewrap must be
installed); everything else runs in milliseconds and starts no sandbox.
"""

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from classgrader import cli, sandbox
from classgrader.cli import default_workers, students_of, summary
from classgrader.job import SQLITE_BUSY_TIMEOUT, JobResult, course_config
from classgrader.limits import Limits, explain, format_size, parse_size
from classgrader.sandbox import (
    SandboxUnavailableError,
    bwrap_command,
    find_bwrap,
    folders_leading_to,
    outermost,
    sandbox_environment,
)
from classgrader.submission import restore_test_cells, stage, unreadable_reason

KIB, MIB, GIB = 2**10, 2**20, 2**30

# --- limits -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("512 MiB", 512 * MIB),
        ("2G", 2 * GIB),
        ("64k", 64 * KIB),
        ("1.5 GiB", 3 * GIB // 2),
        ("10 MB", 10 * MIB),  # the units are binary, whatever the spelling
        ("1 tib", 2**40),
        ("  7  ", 7),
        ("4096", 4096),
        (1048576, MIB),
        (0, 0),
    ],
)
def test_parse_size_reads_binary_units_and_plain_numbers(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["lots", "", "12 XB", "-1 MiB", "2 GiB of memory", "1e9", "MiB"])
def test_parse_size_refuses_what_is_not_a_size_and_quotes_it(text):
    with pytest.raises(ValueError, match="is not a size") as raised:
        parse_size(text)
    assert repr(text) in str(raised.value)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (2 * GIB, "2 GiB"),
        (512 * MIB, "512 MiB"),
        (3 * GIB // 2, "1536 MiB"),  # not a whole number of GiB
        (64 * KIB, "64 KiB"),
        (2**40, "1 TiB"),
        (1000, "1000 bytes"),
        (0, "0 bytes"),
    ],
)
def test_format_size_uses_the_largest_unit_that_divides_the_size(size, text):
    assert format_size(size) == text


@pytest.mark.parametrize("size", [2 * GIB, 512 * MIB, 3 * GIB // 2, 64 * KIB, 5 * 2**40])
def test_a_formatted_size_parses_back_to_itself(size):
    assert parse_size(format_size(size)) == size


def test_limits_survive_the_json_that_launch_receives():
    limits = Limits(memory=768 * MIB, processes=12, file_size=3 * KIB)
    assert Limits.from_json(limits.to_json()) == limits
    assert Limits.from_json(Limits().to_json()) == Limits()
    assert json.loads(limits.to_json()) == {"memory": 768 * MIB, "processes": 12, "file_size": 3072}


def test_default_limits():
    assert Limits() == Limits(memory=2 * GIB, processes=64, file_size=64 * MIB)


@pytest.mark.parametrize("ename", ["MemoryError", "_ArrayMemoryError"])
def test_explain_names_the_memory_limit(ename):
    note = explain(ename, "Unable to allocate 8.00 GiB for an array", Limits(memory=512 * MIB))
    assert note is not None
    assert "memory limit" in note and "512 MiB" in note


@pytest.mark.parametrize(
    ("ename", "evalue"),
    [
        ("BlockingIOError", "[Errno 11] Resource temporarily unavailable"),
        ("OSError", "[Errno 11] Resource temporarily unavailable"),
    ],
)
def test_explain_names_the_process_limit(ename, evalue):
    note = explain(ename, evalue, Limits(processes=16))
    assert note is not None
    assert "process limit" in note and "16 processes" in note


def test_explain_names_the_file_size_limit():
    note = explain("OSError", "[Errno 27] File too large", Limits(file_size=MIB))
    assert note is not None
    assert "file size limit" in note and "1 MiB" in note


@pytest.mark.parametrize(
    ("ename", "evalue"),
    [
        ("ValueError", "shapes (3,4) and (3,4) not aligned"),
        ("GradingError", "dw is 3 times too large (m = 3): did you divide by m?"),
        ("FileNotFoundError", "[Errno 2] No such file or directory: 'data.csv'"),
    ],
)
def test_explain_says_nothing_about_an_ordinary_error(ename, evalue):
    assert explain(ename, evalue, Limits()) is None


APPLY_LIMITS = """
import json, resource, signal, sys
from classgrader.limits import Limits

Limits(memory=1 << 30, processes=50, file_size=1 << 20).apply(tasks_already_running=7)
limits = {
    name: resource.getrlimit(getattr(resource, name))
    for name in ("RLIMIT_AS", "RLIMIT_NPROC", "RLIMIT_FSIZE", "RLIMIT_CORE")
}
errors = {}
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # as classgrader.launch does
try:
    with open(sys.argv[1], "wb") as file:
        file.write(bytes(2 << 20))
except OSError as error:
    errors["write"] = [type(error).__name__, str(error)]
try:
    block = bytearray(2 << 30)
except MemoryError as error:
    errors["allocate"] = [type(error).__name__, str(error)]
print(json.dumps({"limits": limits, "errors": errors}))
"""


def test_limits_apply_to_the_process_and_their_errors_are_explained(tmp_path):
    limits = Limits(memory=GIB, processes=50, file_size=MIB)
    done = subprocess.run(
        [sys.executable, "-c", APPLY_LIMITS, str(tmp_path / "big.bin")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report["limits"] == {
        "RLIMIT_AS": [GIB, GIB],
        "RLIMIT_NPROC": [57, 57],  # the tasks already running come on top
        "RLIMIT_FSIZE": [MIB, MIB],
        "RLIMIT_CORE": [0, 0],
    }
    assert (tmp_path / "big.bin").stat().st_size <= MIB
    ename, evalue = report["errors"]["write"]
    assert "File too large" in evalue
    assert "file size limit" in explain(ename, evalue, limits)
    ename, evalue = report["errors"]["allocate"]
    assert ename == "MemoryError"
    assert "memory limit" in explain(ename, evalue, limits)


# --- the sandbox's command line ---------------------------------------------------------

ELSEWHERE = Path("/nonexistent-classgrader-test")  # never created: no symlinks to resolve


def test_outermost_keeps_the_paths_not_inside_another():
    a, c = ELSEWHERE / "a", ELSEWHERE / "c"
    paths = [a / "b", c, a, a / "b" / "c", c, ELSEWHERE / "ab"]
    assert outermost(paths) == [a, ELSEWHERE / "ab", c]
    assert outermost([]) == []


def test_outermost_sees_through_symbolic_links(tmp_path):
    real = tmp_path.resolve() / "real"
    (real / "inside").mkdir(parents=True)
    (tmp_path / "link").symlink_to(real / "inside")
    assert outermost([tmp_path / "link", real]) == [real]


def test_folders_leading_to_lists_the_folders_between_a_mask_and_a_path_outermost_first():
    m, n = ELSEWHERE / "m", ELSEWHERE / "n"
    paths = [m / "a" / "b" / "c", m / "a" / "d", m / "x", n / "p" / "q"]
    assert folders_leading_to(paths, [m, n]) == [m / "a", m / "a" / "b", n / "p"]
    assert folders_leading_to([m / "x"], [m]) == []


def test_the_sandbox_environment_is_an_allow_list():
    scratch = ELSEWHERE / "scratch"
    host = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "NBGRADER_EXECUTION": "autograde",
        "OPENBLAS_CORETYPE": "Haswell",
        "OPENBLAS_NUM_THREADS": "8",
        "HOME": "/root",
        "TMPDIR": "/var/tmp",
        "DATABASE_PASSWORD": "hunter2",
        "AWS_SECRET_ACCESS_KEY": "hunter3",
        "PYTHONPATH": "/somewhere/evil",
        "LD_PRELOAD": "/somewhere/evil.so",
        "SSH_AUTH_SOCK": "/tmp/ssh-agent.sock",
    }
    environment = sandbox_environment(scratch, host)
    for name in ("PATH", "LANG", "NBGRADER_EXECUTION", "OPENBLAS_CORETYPE"):
        assert environment[name] == host[name]
    for name in ("DATABASE_PASSWORD", "AWS_SECRET_ACCESS_KEY", "PYTHONPATH", "LD_PRELOAD"):
        assert name not in environment
    assert "SSH_AUTH_SOCK" not in environment
    assert not any("hunter" in value or "evil" in value for value in environment.values())
    assert environment["HOME"] == str(scratch / "home")
    assert environment["TMPDIR"] == str(scratch / "tmp")
    assert Path(environment["MPLCONFIGDIR"]).is_relative_to(scratch)
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        assert environment[name] == "1"


def test_the_host_environment_is_not_modified():
    host = {"PATH": "/bin", "SECRET": "x"}
    sandbox_environment(ELSEWHERE, host)
    assert host == {"PATH": "/bin", "SECRET": "x"}


@pytest.fixture
def fake_bwrap(monkeypatch):
    """``bwrap`` found at a fixed path, installed or not."""
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: f"/opt/fake/{name}")
    return "/opt/fake/bwrap"


COURSE = ELSEWHERE / "course"
HOME = ELSEWHERE / "home"
SCRATCH = ELSEWHERE / "scratch" / "classgrader-1"
VENV = HOME / "venv"
SHARED_DATA = COURSE / "shared" / "data"


def command_line(as_root=True, environment=None):
    return bwrap_command(
        ["python", "-c", "pass"],
        scratch=SCRATCH,
        workdir=SCRATCH / "work",
        hidden=[COURSE, HOME, COURSE / "inside"],
        readable=[VENV, VENV / "lib", SHARED_DATA, Path("/usr/lib")],
        environment=environment if environment is not None else {"B": "2", "A": "1"},
        tmpfs_size=1234,
        as_root=as_root,
    )


def option(args, name):
    """The positions of option ``name`` (bwrap's own options, before ``--``)."""
    own = args[: args.index("--")]
    return [i for i, arg in enumerate(own) if arg == name]


def operands(args, name, count=1):
    """The operands of each ``name`` option, as tuples."""
    return [tuple(args[i + 1 : i + 1 + count]) for i in option(args, name)]


def test_the_command_runs_the_program_after_bwrap_s_own_options(fake_bwrap):
    args = command_line()
    assert args[0] == fake_bwrap
    assert args[-4:] == ["--", "python", "-c", "pass"]
    assert args[1:4] == ["--ro-bind", "/", "/"]  # everything else is read-only
    assert operands(args, "--chdir") == [(str(SCRATCH / "work"),)]


def test_hidden_folders_become_read_only_tmpfs_after_the_scratch_folder_is_bound(fake_bwrap):
    args = command_line()
    masks = [str(path) for path in (Path("/tmp"), COURSE, HOME)]  # COURSE/inside is in COURSE
    tmpfs = [args[i + 1] for i in option(args, "--tmpfs")]
    assert sorted(tmpfs) == sorted([*masks, "/dev/shm"])
    for i in option(args, "--tmpfs"):
        assert args[i - 2 : i] == ["--size", "1234"]
    assert sorted(args[i + 1] for i in option(args, "--remount-ro")) == sorted(masks)
    assert operands(args, "--bind", 2) == [(str(SCRATCH), str(SCRATCH))]  # the only writable
    (bind,) = option(args, "--bind")
    for i in option(args, "--remount-ro"):
        # remounted after the scratch folder is bound, or the bind would fail in a
        # read-only /tmp
        assert i > bind
        assert i > args.index(args[i + 1])  # ... and after its own tmpfs
    assert "/dev/shm" not in [args[i + 1] for i in option(args, "--remount-ro")]


def test_readable_folders_inside_a_hidden_one_are_bound_back_read_only(fake_bwrap):
    args = command_line()
    ro_binds = operands(args, "--ro-bind", 2)
    assert ro_binds[0] == ("/", "/")
    assert sorted(ro_binds[1:]) == sorted([(str(VENV), str(VENV)), (str(SHARED_DATA),) * 2])
    # /usr/lib is not hidden: the read-only / shows it already; venv/lib is inside venv
    tmpfs_of = {args[i + 1]: i for i in option(args, "--tmpfs")}
    for path, _ in ro_binds[1:]:
        at = args.index(path)
        mask = next(m for m in (COURSE, HOME) if Path(path).is_relative_to(m))
        assert at > tmpfs_of[str(mask)]  # bound on top of the tmpfs, not under it
    # the folder between the course and shared/data is made, readable for everyone
    (made,) = option(args, "--dir")
    assert args[made + 1] == str(COURSE / "shared")
    assert args[made - 2 : made] == ["--perms", "0755"]


def test_the_sandbox_has_no_network_and_only_the_given_environment(fake_bwrap):
    args = command_line(environment={"B": "2", "A": "1"})
    for name in ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent"):
        assert option(args, name), name
    assert operands(args, "--setenv", 2) == [("A", "1"), ("B", "2")]
    # bwrap clears the environment when it reads --clearenv: every --setenv comes after
    (clear,) = option(args, "--clearenv")
    assert all(i > clear for i in option(args, "--setenv"))


def test_root_keeps_the_capabilities_to_switch_user_and_makes_no_user_namespace(fake_bwrap):
    args = command_line(as_root=True)
    assert operands(args, "--cap-add") == [("CAP_SETUID",), ("CAP_SETGID",)]
    assert not option(args, "--unshare-user")


def test_an_ordinary_user_gets_a_user_namespace_and_no_capabilities(fake_bwrap):
    args = command_line(as_root=False)
    assert option(args, "--unshare-user")
    assert not option(args, "--cap-add")


def test_without_bwrap_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    with pytest.raises(SandboxUnavailableError, match="apt-get install bubblewrap"):
        find_bwrap()
    with pytest.raises(SandboxUnavailableError, match="not installed"):
        command_line()
    assert issubclass(SandboxUnavailableError, RuntimeError)


# --- a real sandbox ---------------------------------------------------------------------

INSIDE_THE_SANDBOX = """
import json, os, socket, sys

scratch, hidden, in_tmp, host_home, port = sys.argv[1:]
port = int(port)
results = {}


def attempt(name, action):
    try:
        results[name] = ["ok", action()]
    except OSError as error:
        results[name] = [type(error).__name__, error.errno]


def read(path):
    with open(path) as file:
        return file.read()


def write(path):
    with open(path, "w") as file:
        file.write("planted")
    return path


attempt("read secret", lambda: read(os.path.join(hidden, "secret.txt")))
attempt("read secret in /tmp", lambda: read(os.path.join(in_tmp, "secret.txt")))
attempt("list hidden", lambda: sorted(os.listdir(hidden)))
attempt("read readable", lambda: read(os.path.join(hidden, "shared", "data.txt")))
attempt("write hidden", lambda: write(os.path.join(hidden, "planted.txt")))
attempt("write readable", lambda: write(os.path.join(hidden, "shared", "planted.txt")))
attempt("write /tmp", lambda: write(f"/tmp/classgrader-planted-{os.getpid()}"))
attempt("write host home", lambda: write(os.path.join(host_home, "classgrader-planted")))
attempt("write sys.prefix", lambda: write(os.path.join(sys.prefix, "classgrader-planted")))
attempt("write base prefix", lambda: write(os.path.join(sys.base_prefix, "classgrader-planted")))
attempt("write scratch", lambda: write(os.path.join(scratch, "work", "out.txt")))
attempt("write $HOME", lambda: write(os.path.join(os.environ["HOME"], "notes.txt")))
attempt("write $TMPDIR", lambda: write(os.path.join(os.environ["TMPDIR"], "notes.txt")))
attempt("connect", lambda: socket.create_connection(("127.0.0.1", port), timeout=3).close())
results["environment"] = dict(os.environ)
results["cwd"] = os.getcwd()
print(json.dumps(results))
"""


@pytest.fixture
def hidden_folder():
    """A folder outside /tmp (which is always hidden) with a secret and a readable
    subfolder."""
    parent = Path("/var/tmp")
    if not os.access(parent, os.W_OK):
        pytest.skip("no writable /var/tmp for a hidden folder outside /tmp")
    folder = Path(tempfile.mkdtemp(prefix="classgrader-hidden-", dir=parent)).resolve()
    (folder / "secret.txt").write_text("the hidden answer")
    (folder / "shared").mkdir()
    (folder / "shared" / "data.txt").write_text("shared data")
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def listening_port():
    """A TCP server on the host's loopback, which the sandbox must not reach."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.listen()
        port = server.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=3).close()  # reachable here
        yield port


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bwrap") is None, reason="Bubblewrap is not installed")
def test_a_sandboxed_program_reads_and_writes_only_what_it_may(
    tmp_path, hidden_folder, listening_port
):
    tmp_path = tmp_path.resolve()
    scratch, in_tmp = tmp_path / "scratch", tmp_path / "course"  # siblings, neither in the other
    for folder in ("work", "home", "tmp"):
        (scratch / folder).mkdir(parents=True)
    in_tmp.mkdir()
    (in_tmp / "secret.txt").write_text("the answer in /tmp")
    host_home = Path.home().resolve()
    environment = sandbox_environment(scratch, {**os.environ, "DATABASE_PASSWORD": "hunter2"})
    command = bwrap_command(
        [
            sys.executable,
            "-c",
            INSIDE_THE_SANDBOX,
            str(scratch),
            str(hidden_folder),
            str(in_tmp),
            str(host_home),
            str(listening_port),
        ],
        scratch=scratch,
        workdir=scratch / "work",
        hidden=[hidden_folder, host_home],
        readable=[
            hidden_folder / "shared",
            Path(sys.prefix).resolve(),
            Path(sys.base_prefix).resolve(),
        ],
        environment=environment,
        tmpfs_size=16 * MIB,
        as_root=os.geteuid() == 0,
    )
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=scratch)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert "the hidden answer" not in done.stdout and "the answer in /tmp" not in done.stdout
    assert results["read secret"][0] == "FileNotFoundError"
    assert results["read secret in /tmp"][0] == "FileNotFoundError"
    assert results["list hidden"] == ["ok", ["shared"]]
    assert results["read readable"] == ["ok", "shared data"]
    read_only = 30  # EROFS
    for name in (
        "write hidden",
        "write readable",
        "write /tmp",
        "write host home",
        "write sys.prefix",
        "write base prefix",
    ):
        assert results[name] == ["OSError", read_only], name
    assert results["write scratch"][0] == "ok"
    assert (scratch / "work" / "out.txt").read_text() == "planted"
    assert results["write $HOME"][0] == "ok"  # $HOME and $TMPDIR are in the scratch folder
    assert results["write $TMPDIR"][0] == "ok"
    assert results["connect"][0] != "ok"  # the sandbox's loopback is its own
    assert "DATABASE_PASSWORD" not in results["environment"]
    assert results["environment"]["HOME"] == str(scratch / "home")
    assert results["cwd"] == str(scratch / "work")
    # nothing was planted on the host
    assert sorted(path.name for path in hidden_folder.iterdir()) == ["secret.txt", "shared"]
    assert sorted(path.name for path in (hidden_folder / "shared").iterdir()) == ["data.txt"]
    assert not (host_home / "classgrader-planted").exists()
    assert not (Path(sys.prefix) / "classgrader-planted").exists()


# --- staged and repaired submissions ----------------------------------------------------


def nbgrader_metadata(grade_id, *, grade=False, solution=False, locked=False, points=None):
    metadata = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        metadata["points"] = points
    return {"nbgrader": metadata}


def intro_cell():
    return new_markdown_cell("# Neurons", metadata=nbgrader_metadata("intro", locked=True))


def answer_cell(source="def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()"):
    return new_code_cell(source, metadata=nbgrader_metadata("answer", solution=True))


def graded_cell(grade_id="test_f", points=1):
    return new_code_cell(
        "assert f(1) == 1",
        metadata=nbgrader_metadata(grade_id, grade=True, locked=True, points=points),
    )


def release_notebook():
    return new_notebook(
        cells=[intro_cell(), answer_cell(), graded_cell(), new_markdown_cell("The end.")]
    )


def ids(notebook):
    return [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in notebook.cells]


def sources(notebook):
    return [cell.source for cell in notebook.cells]


def digest(folder):
    """Every file's bytes under ``folder``, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def course(tmp_path):
    """A release folder with neurons.ipynb, and an empty submission folder for it."""
    release = tmp_path / "release" / "a1"
    release.mkdir(parents=True)
    nbformat.write(release_notebook(), release / "neurons.ipynb")
    submitted = tmp_path / "submitted" / "alice" / "a1"
    submitted.mkdir(parents=True)
    return release, submitted, tmp_path / "staged" / "alice" / "a1"


def solved_notebook():
    notebook = release_notebook()
    notebook.cells[1] = answer_cell("def f(x):\n    return x")
    return notebook


def read(path):
    return nbformat.read(path, as_version=4)


def note_of(notebook):
    """The grader's note at the top of a staged notebook."""
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and "Note from the grader" in first.source
    return first.source


def test_unreadable_reason(tmp_path):
    cases = {
        "not json": "{ this is not JSON",
        "empty": "",
        "a list": "[1, 2, 3]",
    }
    for name, text in cases.items():
        (tmp_path / f"{name}.ipynb").write_text(text)
        reason = unreadable_reason(tmp_path / f"{name}.ipynb")
        assert isinstance(reason, str) and reason, name
    nbformat.write(new_notebook(cells=[]), tmp_path / "no cells.ipynb")
    assert unreadable_reason(tmp_path / "no cells.ipynb") == "the notebook has no cells"
    nbformat.write(solved_notebook(), tmp_path / "fine.ipynb")
    assert unreadable_reason(tmp_path / "fine.ipynb") is None


def test_a_normal_submission_is_copied_byte_for_byte(course):
    release, submitted, staged = course
    nbformat.write(solved_notebook(), submitted / "neurons.ipynb")
    (submitted / "data.csv").write_text("x,y\n1,2\n")
    before = digest(submitted)
    assert stage(submitted, release, staged) == []
    assert digest(staged) == before
    assert digest(submitted) == before


def test_an_unreadable_notebook_is_graded_as_the_blank_release_and_kept_as_sent(course):
    release, submitted, staged = course
    (submitted / "neurons.ipynb").write_text('{"cells": [ oops')
    before = digest(submitted)
    notes = stage(submitted, release, staged)
    assert digest(submitted) == before
    notebook = read(staged / "neurons.ipynb")
    assert "could not be read" in note_of(notebook)
    assert sources(notebook)[1:] == sources(release_notebook())
    assert ids(notebook)[1:] == ids(release_notebook())
    (note,) = notes
    assert "neurons.ipynb" in note and "could not be read" in note


def test_a_notebook_without_cells_is_graded_as_the_blank_release(course):
    release, submitted, staged = course
    nbformat.write(new_notebook(cells=[]), submitted / "neurons.ipynb")
    (note,) = stage(submitted, release, staged)
    assert "no cells" in note
    assert sources(read(staged / "neurons.ipynb"))[1:] == sources(release_notebook())


def test_a_missing_notebook_is_graded_as_the_blank_release(course):
    release, submitted, staged = course
    (submitted / "data.csv").write_text("x\n")
    (note,) = stage(submitted, release, staged)
    assert "neurons.ipynb" in note and "missing" in note
    notebook = read(staged / "neurons.ipynb")
    assert "no notebook named neurons.ipynb" in note_of(notebook)
    assert sources(notebook)[1:] == sources(release_notebook())
    assert sorted(path.name for path in submitted.iterdir()) == ["data.csv"]


def test_a_single_misnamed_notebook_is_graded_under_the_expected_name(course):
    release, submitted, staged = course
    nbformat.write(solved_notebook(), submitted / "neurons (1).ipynb")
    before = digest(submitted)
    (note,) = stage(submitted, release, staged)
    assert "neurons (1).ipynb" in note and "neurons.ipynb" in note
    assert sorted(path.name for path in staged.iterdir()) == ["neurons.ipynb"]
    notebook = read(staged / "neurons.ipynb")
    assert "neurons (1).ipynb" in note_of(notebook)
    assert sources(notebook)[1:] == sources(solved_notebook())
    assert digest(submitted) == before


def test_two_unexpected_notebooks_are_not_guessed_between(course):
    release, submitted, staged = course
    nbformat.write(solved_notebook(), submitted / "mine.ipynb")
    nbformat.write(solved_notebook(), submitted / "copy of mine.ipynb")
    (note,) = stage(submitted, release, staged)
    assert "neurons.ipynb" in note and "missing" in note
    assert sources(read(staged / "neurons.ipynb"))[1:] == sources(release_notebook())


def test_a_misnamed_unreadable_notebook_gets_both_notes(course):
    release, submitted, staged = course
    (submitted / "Neurons.ipynb").write_text("")
    notes = stage(submitted, release, staged)
    assert len(notes) == 2
    assert any("Neurons.ipynb" in note and "neurons.ipynb" in note for note in notes)
    assert any("Neurons.ipynb" in note and "could not be read" in note for note in notes)
    assert sources(read(staged / "neurons.ipynb"))[1:] == sources(release_notebook())


def test_a_deleted_test_cell_is_put_back_after_the_release_cell_before_it(course):
    release, submitted, staged = course
    notebook = solved_notebook()
    del notebook.cells[2]  # the test cell
    notebook.cells.insert(2, new_code_cell("print(f(2))"))  # the student's own cell
    nbformat.write(notebook, submitted / "neurons.ipynb")
    before = digest(submitted)
    (note,) = stage(submitted, release, staged)
    assert "test_f" in note
    staged_notebook = read(staged / "neurons.ipynb")
    assert "test_f" in note_of(staged_notebook)
    assert ids(staged_notebook)[1:] == ["intro", "answer", "test_f", None, None]
    assert sources(staged_notebook)[1:] == [
        "# Neurons",
        "def f(x):\n    return x",
        "assert f(1) == 1",
        "print(f(2))",
        "The end.",
    ]
    assert digest(submitted) == before


def two_tests_release(tmp_path):
    release = new_notebook(
        cells=[
            intro_cell(),
            answer_cell(),
            graded_cell("test_f"),
            new_code_cell(
                "def g(x):\n    pass", metadata=nbgrader_metadata("answer_g", solution=True)
            ),
            graded_cell("test_g", points=2),
        ]
    )
    path = tmp_path / "release.ipynb"
    nbformat.write(release, path)
    return path


def test_restored_cells_keep_the_release_order(tmp_path):
    release = two_tests_release(tmp_path)
    notebook = new_notebook(cells=[intro_cell(), answer_cell(), new_code_cell("mine = 1")])
    nbformat.write(notebook, tmp_path / "student.ipynb")
    assert restore_test_cells(tmp_path / "student.ipynb", release) == ["test_f", "test_g"]
    # test_g follows test_f, the last release cell before it that is now present
    assert ids(read(tmp_path / "student.ipynb")) == ["intro", "answer", "test_f", "test_g", None]


def test_a_deleted_first_cell_goes_back_to_the_top(tmp_path):
    release = new_notebook(cells=[graded_cell("test_first"), answer_cell()])
    nbformat.write(release, tmp_path / "release.ipynb")
    nbformat.write(new_notebook(cells=[answer_cell()]), tmp_path / "student.ipynb")
    restored = restore_test_cells(tmp_path / "student.ipynb", tmp_path / "release.ipynb")
    assert restored == ["test_first"]
    assert ids(read(tmp_path / "student.ipynb")) == ["test_first", "answer"]


def test_a_test_cell_with_a_changed_grade_id_becomes_ordinary_and_the_test_comes_back(tmp_path):
    release = two_tests_release(tmp_path)
    notebook = read(release)
    notebook.cells[2].metadata.nbgrader["grade_id"] = "free_points"
    notebook.cells[2].metadata.nbgrader["points"] = 100
    notebook.cells[2].source = "pass"
    nbformat.write(notebook, tmp_path / "student.ipynb")
    # the edited cell keeps the release cell's id: the cell put back gets a new one
    # (a repeated id would make nbformat warn, an error under this suite's settings)
    assert restore_test_cells(tmp_path / "student.ipynb", release) == ["test_f"]
    repaired = read(tmp_path / "student.ipynb")
    assert repaired.cells[3].id == notebook.cells[2].id
    assert ids(repaired) == ["intro", "answer", "test_f", None, "answer_g", "test_g"]
    assert "nbgrader" not in repaired.cells[3].metadata
    assert len({cell.id for cell in repaired.cells}) == len(repaired.cells)
    assert repaired.cells[3].source == "pass"


def test_a_repeated_grade_id_loses_its_metadata_when_a_test_is_put_back(tmp_path):
    release = two_tests_release(tmp_path)
    notebook = read(release)
    del notebook.cells[4]  # test_g deleted ...
    notebook.cells.append(graded_cell("test_f"))  # ... and test_f copied to count twice
    nbformat.write(notebook, tmp_path / "student.ipynb")
    assert restore_test_cells(tmp_path / "student.ipynb", release) == ["test_g"]
    repaired = read(tmp_path / "student.ipynb")
    assert ids(repaired) == ["intro", "answer", "test_f", "answer_g", "test_g", None]


@pytest.mark.parametrize("copied_id", ["test_f", "free_points"])
def test_an_unknown_or_repeated_grade_id_is_removed_even_when_no_test_is_missing(
    tmp_path, copied_id
):
    release = two_tests_release(tmp_path)
    notebook = read(release)
    notebook.cells.append(graded_cell(copied_id, points=100))
    nbformat.write(notebook, tmp_path / "student.ipynb")
    assert restore_test_cells(tmp_path / "student.ipynb", release) == []
    repaired = read(tmp_path / "student.ipynb")
    assert ids(repaired) == ["intro", "answer", "test_f", "answer_g", "test_g", None]


# --- the command line: students and summary --------------------------------------------


def test_students_of_lists_only_students_with_the_assignment(tmp_path):
    for student, assignment in [("carol", "a1"), ("alice", "a1"), ("bob", "a2")]:
        (tmp_path / "submitted" / student / assignment).mkdir(parents=True)
    (tmp_path / "submitted" / "dave").mkdir()
    (tmp_path / "submitted" / "dave" / "a1").write_text("a file, not a submission folder")
    (tmp_path / "elsewhere" / "erin" / "a1").mkdir(parents=True)
    assert students_of(tmp_path, "a1") == ["alice", "carol"]
    assert students_of(tmp_path, "a2") == ["bob"]
    assert students_of(tmp_path, "a3") == []
    assert students_of(tmp_path, "a1", submitted="elsewhere") == ["erin"]


def test_the_summary_lists_failures_and_repairs_then_the_count():
    results = [
        JobResult("alice", True, 1.0),
        JobResult(
            "bob",
            False,
            2.0,
            notes=["neurons.ipynb is missing: graded as blank"],
            error="Traceback (most recent call last):\n  File 'x'\nRuntimeError: kernel died\n\n",
        ),
        JobResult("carol", True, 1.5, notes=["Neurons.ipynb graded as neurons.ipynb"]),
        JobResult("dave", False, 0.1),
    ]
    assert summary(results).splitlines() == [
        "bob: neurons.ipynb is missing: graded as blank",
        "bob: NOT GRADED: RuntimeError: kernel died",
        "carol: Neurons.ipynb graded as neurons.ipynb",
        "dave: NOT GRADED: unknown error",
        "2 graded, 2 not graded",
    ]
    assert summary([]) == "0 graded, 0 not graded"


def test_there_are_at_least_two_workers():
    workers = default_workers()
    assert workers >= 2 and workers % 2 == 0
    assert workers == 2 * len(os.sched_getaffinity(0))


def test_the_command_line_says_when_there_is_nothing_to_grade(tmp_path, capsys):
    (tmp_path / "submitted").mkdir()
    assert cli.main(["a1", "--course", str(tmp_path)]) == 1
    assert "no submissions of a1" in capsys.readouterr().out


# --- the course configuration -----------------------------------------------------------


def write_config(course, *lines):
    course.mkdir(parents=True, exist_ok=True)
    text = "c = get_config()  # noqa: F821\n" + "".join(f"{line}\n" for line in lines)
    (course / "nbgrader_config.py").write_text(text)


def test_course_config_loads_the_course_s_config_and_points_at_the_course(tmp_path):
    write_config(tmp_path, "c.CourseDirectory.course_id = 'x'")
    config = course_config(tmp_path)
    assert config.CourseDirectory.course_id == "x"
    assert config.CourseDirectory.root == str(tmp_path)
    assert config.CourseDirectory.db_url == (
        f"sqlite:///{tmp_path / 'gradebook.db'}?timeout={SQLITE_BUSY_TIMEOUT}"
    )
    assert SQLITE_BUSY_TIMEOUT == 300


def test_course_config_without_a_config_file(tmp_path):
    config = course_config(tmp_path)
    assert config.CourseDirectory.root == str(tmp_path)
    assert config.CourseDirectory.db_url == f"sqlite:///{tmp_path / 'gradebook.db'}?timeout=300"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://grader@db.example/course", "postgresql://grader@db.example/course"),
        ("sqlite:////srv/course/gradebook.db", "sqlite:////srv/course/gradebook.db?timeout=300"),
        ("sqlite:////srv/gradebook.db?timeout=5", "sqlite:////srv/gradebook.db?timeout=5"),
    ],
)
def test_course_config_adds_a_busy_timeout_to_sqlite_only(tmp_path, url, expected):
    write_config(tmp_path, f"c.CourseDirectory.db_url = {url!r}")
    assert course_config(tmp_path).CourseDirectory.db_url == expected


def test_course_config_applies_overrides_on_top_of_the_file(tmp_path):
    write_config(
        tmp_path,
        "c.CourseDirectory.course_id = 'x'",
        "c.CourseDirectory.submitted_directory = 'handed_in'",
    )
    config = course_config(tmp_path, submitted_directory="/staging/submitted")
    assert config.CourseDirectory.submitted_directory == "/staging/submitted"
    assert config.CourseDirectory.course_id == "x"
    assert course_config(tmp_path).CourseDirectory.submitted_directory == "handed_in"


def test_course_config_reads_the_config_of_the_course_given_not_the_working_directory(
    tmp_path, monkeypatch
):
    write_config(tmp_path / "course", "c.CourseDirectory.course_id = 'right'")
    write_config(tmp_path / "cwd", "c.CourseDirectory.course_id = 'wrong'")
    monkeypatch.chdir(tmp_path / "cwd")
    assert course_config(tmp_path / "course").CourseDirectory.course_id == "right"


def test_the_config_file_is_python(tmp_path):
    write_config(
        tmp_path,
        *textwrap.dedent(
            """
            names = ["x", "y"]
            c.CourseDirectory.course_id = "-".join(names)
            """
        ).splitlines(),
    )
    assert course_config(tmp_path).CourseDirectory.course_id == "x-y"
