"""The first program inside the sandbox: limits, an unprivileged user, then the kernel.

``python -m classgrader.launch LIMITS UID TASKS -- KERNEL_ARGUMENTS`` sets the resource
limits (``LIMITS``, JSON of ``classgrader.limits.Limits``), switches to user ``UID``
when started as root (``-1``: stay), seals NumPy and nnlib against monkeypatching
(``nnlib.integrity.seal``), then runs the IPython kernel in this same process with
``KERNEL_ARGUMENTS`` (``-f CONNECTION_FILE ...``). Everything happens before the first
cell of the student's notebook runs.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys

from classgrader.limits import Limits


def main(argv: list[str]) -> None:
    limits_json, uid, tasks, separator, *kernel_arguments = argv
    if separator != "--":
        raise SystemExit("usage: python -m classgrader.launch LIMITS UID TASKS -- ARGUMENTS")
    # A write past the file size limit fails with "File too large" instead of
    # killing the kernel.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    Limits.from_json(limits_json).apply(tasks_already_running=int(tasks))
    if int(uid) >= 0:
        os.setgroups([])
        os.setgid(int(uid))
        os.setuid(int(uid))
    from nnlib.integrity import seal

    seal()
    # No debugger and no resource-usage replies while grading: the kernel imports
    # neither debugpy nor psutil, and starts about 90 ms sooner.
    sys.modules["debugpy"] = None
    sys.modules["psutil"] = None
    sys.argv = ["ipykernel_launcher", *kernel_arguments]
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
