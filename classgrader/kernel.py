"""A Jupyter kernel manager that starts every kernel inside a Bubblewrap sandbox.

Each kernel gets a new scratch folder (``classgrader-*`` in ``scratch_root``)::

    work/     the kernel's working directory: a copy of the notebook's folder
              without its notebooks (data files the assignment ships)
    home/     $HOME        tmp/  $TMPDIR
    kernel/   the connection file and the kernel's sockets (the kernel talks over
              Unix sockets: the sandbox has no network, not even the host's loopback)

The folder is deleted when the kernel is cleaned up. When the grader runs as root, the
kernel runs as a user of its own (``UID_BASE`` + the grading process's pid), so its
process limit counts only its own processes; an ordinary user's kernel shares that
user's count, so it gets the user's current count on top of the limit.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Int, List, Unicode

from classgrader.limits import Limits, parse_size
from classgrader.sandbox import bwrap_command, sandbox_environment

UID_BASE = 1_000_000
SCRATCH_FOLDERS = ("work", "home", "tmp", "kernel")


def importable_folder(module: str) -> Path:
    """The folder of an installed package, as the kernel must see it."""
    spec = __import__(module).__spec__
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def tasks_of_user(uid: int) -> int:
    """How many processes and threads ``uid`` has now (what ``RLIMIT_NPROC`` counts)."""
    count = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue  # the process ended while we looked
        if int(fields.get("Uid", "-1").split()[0]) == uid:
            count += int(fields.get("Threads", "1"))
    return count


class SandboxedKernelManager(AsyncKernelManager):
    """``AsyncKernelManager`` whose kernels run in a sandbox, with resource limits."""

    memory_limit = Unicode("2 GiB", help="Address space of each kernel process.").tag(
        config=True
    )
    process_limit = Int(64, help="Processes and threads the kernel may run.").tag(config=True)
    file_size_limit = Unicode("64 MiB", help="Largest file the kernel may write.").tag(
        config=True
    )
    tmpfs_size = Unicode(
        "256 MiB", help="Size limit of the sandbox's private /tmp and /dev/shm."
    ).tag(config=True)
    scratch_root = Unicode(
        "", help="Where scratch folders are made (default: the system's temporary folder)."
    ).tag(config=True)
    hidden_paths = List(
        Unicode(),
        help="Folders the kernel must not see, besides the course directory (the grader's "
        "working directory), the home folder and /tmp.",
    ).tag(config=True)
    readable_paths = List(
        Unicode(),
        help="Folders inside hidden ones that the kernel may read, besides the Python "
        "installation and the nnlib and classgrader packages.",
    ).tag(config=True)

    scratch: Path | None = None

    @property
    def limits(self) -> Limits:
        return Limits(
            memory=parse_size(self.memory_limit),
            processes=self.process_limit,
            file_size=parse_size(self.file_size_limit),
        )

    async def _async_pre_start_kernel(self, **kw):
        self.scratch = Path(
            tempfile.mkdtemp(prefix="classgrader-", dir=self.scratch_root or None)
        )
        for folder in SCRATCH_FOLDERS:
            (self.scratch / folder).mkdir()
        source = kw.get("cwd")
        if source and not self.scratch.is_relative_to(Path(source).resolve()):
            shutil.copytree(
                source,
                self.scratch / "work",
                symlinks=True,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("*.ipynb", ".*"),
            )
        # The kernel is a child of Bubblewrap, which passes no signals on: interrupt it
        # with a message on its control channel instead.
        self.kernel_spec.interrupt_mode = "message"
        self.transport = "ipc"
        self.connection_file = str(self.scratch / "kernel" / "connection.json")
        self.ip = str(self.scratch / "kernel" / "socket")
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        assert self.scratch is not None
        if kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
            raise ValueError(f"only IPython kernels can be sandboxed, not {kernel_cmd}")
        as_root = os.geteuid() == 0
        uid = UID_BASE + os.getpid() if as_root else -1
        tasks = 0 if as_root else tasks_of_user(os.getuid())
        if as_root:
            for folder, _, files in os.walk(self.scratch):
                for path in [folder, *(os.path.join(folder, name) for name in files)]:
                    os.chown(path, uid, uid)
        command = [
            sys.executable,
            "-m",
            "classgrader.launch",
            self.limits.to_json(),
            str(uid),
            str(tasks),
            "--",
            *kernel_cmd[3:],
        ]
        sandboxed = bwrap_command(
            command,
            scratch=self.scratch,
            workdir=self.scratch / "work",
            hidden=[
                path  # a configured folder that does not exist has nothing to hide
                for path in [Path.cwd(), Path.home(), *map(Path, self.hidden_paths)]
                if path.exists()
            ],
            readable=[
                Path(sys.prefix),
                Path(sys.base_prefix),
                importable_folder("nnlib"),
                importable_folder("classgrader"),
                *map(Path, self.readable_paths),
            ],
            environment=sandbox_environment(self.scratch, kw.get("env") or os.environ),
            tmpfs_size=parse_size(self.tmpfs_size),
            as_root=as_root,
        )
        log = open(self.scratch / "kernel" / "output.log", "wb")  # noqa: SIM115 (the kernel's)
        kw.update(cwd=str(self.scratch), stdout=log, stderr=log, stdin=None)
        try:
            await super()._async_launch_kernel(sandboxed, **kw)
        finally:
            log.close()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        try:
            await super()._async_cleanup_resources(restart=restart)
        finally:  # even when the kernel died and left its sockets in a bad state
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)
                self.scratch = None

    # AsyncKernelManager binds its public name to the base class's function.
    cleanup_resources = _async_cleanup_resources
