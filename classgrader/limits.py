"""Per-kernel resource limits, and the words a student reads when one is hit.

The limits are POSIX resource limits, set by ``classgrader.launch`` inside the sandbox
before the kernel imports anything of the student's:

* memory: ``RLIMIT_AS``, the address space of each process (an allocation past it
  raises ``MemoryError``);
* processes: ``RLIMIT_NPROC``, the tasks (processes and threads) the kernel's user may
  have (``fork`` past it raises ``BlockingIOError``);
* file size: ``RLIMIT_FSIZE``, the largest file the kernel may write.

The cell time limit and the output limit are nbgrader's business (``execute``).
"""

from __future__ import annotations

import json
import re
import resource
from dataclasses import asdict, dataclass

_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)


def parse_size(text: str | int) -> int:
    """Bytes in ``"512 MiB"``, ``"2G"``, ``"64k"`` or a plain number of bytes."""
    if isinstance(text, int):
        return text
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a size: write e.g. '512 MiB', '2 GiB' or 1048576")
    number, unit = match.groups()
    return int(float(number) * _UNITS[unit.lower()])


def format_size(size: int) -> str:
    """``2147483648`` -> ``'2 GiB'`` (the largest unit that divides it exactly)."""
    for unit, factor in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


@dataclass(frozen=True)
class Limits:
    """What one kernel may use. ``processes`` counts the kernel's own threads too
    (an idle IPython kernel has about ten)."""

    memory: int = 2 * 2**30
    processes: int = 64
    file_size: int = 64 * 2**20

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Limits:
        return cls(**json.loads(text))

    def apply(self, tasks_already_running: int = 0) -> None:
        """Set the limits on this process (and so on everything it starts).

        ``RLIMIT_NPROC`` counts every task of the real user, so a kernel that shares
        its user with other processes gets ``tasks_already_running`` on top.
        """
        for name, value in (
            (resource.RLIMIT_AS, self.memory),
            (resource.RLIMIT_NPROC, tasks_already_running + self.processes),
            (resource.RLIMIT_FSIZE, self.file_size),
            (resource.RLIMIT_CORE, 0),
        ):
            hard = resource.getrlimit(name)[1]  # an ordinary user cannot go above it
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(name, (value, value))


def explain(ename: str, evalue: str, limits: Limits) -> str | None:
    """The note for a student whose cell raised ``ename: evalue``, if a limit explains it."""
    if ename.endswith("MemoryError"):
        return (
            f"The memory limit was reached: your kernel may use {format_size(limits.memory)}. "
            "Look for an array far larger than the exercise needs."
        )
    if ename == "BlockingIOError" or "Resource temporarily unavailable" in evalue:
        return (
            f"The process limit was reached: your kernel may run {limits.processes} "
            "processes and threads. The exercises need no new processes."
        )
    if "File too large" in evalue:
        return (
            f"The file size limit was reached: a file may hold {format_size(limits.file_size)}."
        )
    return None
