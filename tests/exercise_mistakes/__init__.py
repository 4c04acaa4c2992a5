"""Typical student mistakes per assignment, each of which must cost exactly the
points of the function it breaks (tests/test_exercises.py grades them).

A module defines ``ASSIGNMENT`` and ``MISTAKES = {function: [(description, mistake)]}``.
A mistake is either the whole wrong function, or the edits that turn the solution's
function into it: one ``Edit`` or a list of them, so the entry shows exactly what
the mistake changes.
"""

from typing import NamedTuple


class Edit(NamedTuple):
    """Replace the one occurrence of ``old`` in the solution's function by ``new``."""

    old: str
    new: str


def wrong_function(solution: str, mistake) -> str:
    """The source of the wrong function: ``mistake`` itself, or the edits applied to
    ``solution`` (the solution cell's source, without nbgrader's markers)."""
    if isinstance(mistake, str):
        return mistake.strip() + "\n"
    source = solution
    for edit in [mistake] if isinstance(mistake, Edit) else mistake:
        count = source.count(edit.old)
        assert count == 1, f"{edit.old!r} occurs {count} times in the solution, expected once"
        source = source.replace(edit.old, edit.new)
    return source.strip() + "\n"
