"""The Bubblewrap command line that runs one kernel in isolation.

Inside the sandbox the file system is a read-only view of ``/`` in which

* every *hidden* folder (the course directory, the home folder, ``/tmp``) is replaced
  by an empty, private, read-only ``tmpfs``;
* the few *readable* folders the kernel needs that lie inside a hidden one (the
  Python installation and the virtual environment, the ``nnlib`` package) are put
  back, read-only, at the same paths;
* the submission's scratch folder is the only place that can be written (besides a
  private, size-limited ``/dev/shm``), and the kernel's working directory and its
  ``$TMPDIR`` are inside it.

The sandbox has its own network (loopback only, so nothing can be reached), process,
IPC and host-name namespaces, a private ``/dev`` and ``/proc``, and it ends with the
grading process (``--die-with-parent``). Bubblewrap needs no daemon and works both
for root and, through an unprivileged user namespace, for an ordinary user.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

#: environment variables passed into the sandbox (everything else is cleared)
PASSED_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM")
#: prefixes of further variables passed in: nbgrader's, and OpenBLAS's processor
#: settings (some machines need them for correct results)
PASSED_PREFIXES = ("NBGRADER_", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
#: the one hidden folder left writable: private, and limited to ``tmpfs_size``
SHARED_MEMORY = Path("/dev/shm")


class SandboxUnavailableError(RuntimeError):
    """Bubblewrap is not installed or cannot create namespaces here."""


def find_bwrap() -> str:
    """The path of ``bwrap``, or a ``SandboxUnavailableError`` that says how to get it."""
    found = shutil.which("bwrap")
    if found is None:
        raise SandboxUnavailableError(
            "bwrap (Bubblewrap) is not installed: on Debian or Ubuntu, "
            "`sudo apt-get install bubblewrap`. Grading untrusted code without it is unsafe."
        )
    return found


def outermost(paths: Iterable[Path]) -> list[Path]:
    """The paths that are not inside another of them, sorted."""
    unique = sorted({Path(os.path.realpath(p)) for p in paths})
    kept: list[Path] = []
    for path in unique:
        if not any(path.is_relative_to(parent) for parent in kept):
            kept.append(path)
    return kept


def folders_leading_to(paths: Iterable[Path], masks: Sequence[Path]) -> list[Path]:
    """The folders between each mask and each path inside it, outermost first.

    Bubblewrap would create them itself, but private to root (mode 0700), so that the
    kernel's own user could not reach the paths.
    """
    found = []
    for path in paths:
        mask = next(m for m in masks if path.is_relative_to(m))
        for folder in reversed(path.parents):
            if folder.is_relative_to(mask) and folder != mask and folder not in found:
                found.append(folder)
    return found


def sandbox_environment(scratch: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """The kernel's whole environment: a short allow-list from ``environ``, a home and a
    temporary folder in the scratch folder, and single-threaded numerical libraries
    (the class runs in parallel instead)."""
    passed = {
        name: value
        for name, value in environ.items()
        if name in PASSED_ENVIRONMENT or name.startswith(PASSED_PREFIXES)
    }
    return {
        **passed,
        "HOME": str(scratch / "home"),
        "TMPDIR": str(scratch / "tmp"),
        "MPLCONFIGDIR": str(scratch / "home" / ".matplotlib"),
        "MPLBACKEND": "agg",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def bwrap_command(
    command: Sequence[str],
    *,
    scratch: Path,
    workdir: Path,
    hidden: Iterable[Path],
    readable: Iterable[Path],
    environment: Mapping[str, str],
    tmpfs_size: int,
    as_root: bool,
) -> list[str]:
    """``bwrap ... -- command``: run ``command`` in ``workdir`` inside the sandbox.

    Args:
        command: the program and its arguments, as seen inside the sandbox.
        scratch: the only writable folder (``workdir`` is inside it).
        hidden: existing folders to replace by empty ``tmpfs`` (``/tmp`` is always
            hidden).
        readable: folders to show read-only even when inside a hidden folder.
        environment: the whole environment of ``command``.
        tmpfs_size: the size limit, in bytes, of each ``tmpfs`` (``/tmp``, ``/dev/shm``,
            hidden folders).
        as_root: True when the grader runs as root: the sandbox then keeps the two
            capabilities that ``classgrader.launch`` needs to switch to an unprivileged
            user of its own, and creates no user namespace.
    """
    masks = outermost([Path("/tmp"), *hidden])
    shown = [p for p in outermost(readable) if any(p.is_relative_to(m) for m in masks)]
    args = [find_bwrap(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for mask in [*masks, SHARED_MEMORY]:
        args += ["--perms", "1777" if mask == SHARED_MEMORY else "0755"]
        args += ["--size", str(tmpfs_size), "--tmpfs", str(mask)]
    for folder in folders_leading_to(shown, masks):
        args += ["--perms", "0755", "--dir", str(folder)]
    for path in shown:
        args += ["--ro-bind", str(path), str(path)]
    args += ["--bind", str(scratch), str(scratch), "--chdir", str(workdir)]
    for mask in masks:
        args += ["--remount-ro", str(mask)]
    args += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts"]
    args += ["--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv"]
    if as_root:
        args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user"]
    for name, value in sorted(environment.items()):
        args += ["--setenv", name, value]
    return [*args, "--", *command]
