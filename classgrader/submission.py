"""A private, gradable copy of one student's submission.

nbgrader reads ``submitted/<student>/<assignment>/``. The grader gives it a copy
instead (``stage``), so the submitted files are never modified, and repairs the copy
where nbgrader would otherwise fail the whole assignment:

* a notebook that cannot be read (invalid JSON, an empty file, not a notebook) is
  replaced by the blank release notebook, which scores zero, with a note at the top
  that says why;
* a notebook under the wrong name is graded under the expected name when that is
  unambiguous (one expected notebook missing, one unexpected notebook present);
* a missing notebook is replaced by the blank release notebook, with a note, so the
  student's feedback says why it scores zero;
* a test cell the student deleted, or whose metadata they changed, is put back from
  the release (nbgrader then restores its hidden tests), and a cell that claims an
  unknown or repeated ``grade_id`` becomes an ordinary cell, so a test can be neither
  skipped nor counted twice.

Every repair is also returned as a sentence for the instructor's summary.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell


def unreadable_reason(path: Path) -> str | None:
    """Why nbgrader could not grade the notebook at ``path``, or None if it can."""
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # whatever a broken file raises, it is the student's
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    if not notebook.cells:
        return "the notebook has no cells"
    return None


def _with_note(notebook_path: Path, note: str) -> None:
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.cells.insert(0, new_markdown_cell(f"**Note from the grader:** {note}"))
    nbformat.write(notebook, notebook_path)


def _grade_id(cell) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def restore_test_cells(notebook_path: Path, release_path: Path) -> list[str]:
    """Put the release's graded cells back into the notebook where they are missing.

    A cell whose nbgrader metadata is malformed, or whose ``grade_id`` is not in the
    release or repeats an earlier cell's, loses its nbgrader metadata first. Returns
    the ids of the cells put back.
    """
    notebook = nbformat.read(notebook_path, as_version=4)
    release = nbformat.read(release_path, as_version=4)
    known = {_grade_id(cell) for cell in release.cells} - {None}
    seen = set()
    changed = False
    for cell in notebook.cells:
        grade_id = _grade_id(cell)
        if "nbgrader" in cell.metadata and (grade_id not in known or grade_id in seen):
            del cell.metadata["nbgrader"]
            changed = True
        elif grade_id is not None:
            seen.add(grade_id)
    restored = []
    cell_ids = {cell.get("id") for cell in notebook.cells}
    for position, cell in enumerate(release.cells):
        grade_id = _grade_id(cell)
        if grade_id is None or grade_id in seen or not cell.metadata.nbgrader.get("grade"):
            continue
        before = [_grade_id(c) for c in release.cells[:position] if _grade_id(c) in seen]
        ids = [_grade_id(c) for c in notebook.cells]
        at = ids.index(before[-1]) + 1 if before else 0
        if cell.get("id") in cell_ids:  # the student's edited copy may still have it
            cell.id = uuid.uuid4().hex[:8]
        notebook.cells.insert(at, cell)
        seen.add(grade_id)
        restored.append(grade_id)
    if restored or changed:
        nbformat.write(notebook, notebook_path)
    return restored


def stage(submitted: Path, release: Path, staged: Path) -> list[str]:
    """Copy the submission folder ``submitted`` to ``staged`` and repair the copy.

    Args:
        submitted: ``submitted/<student>/<assignment>``, only read.
        release: the assignment's release folder (its notebooks are the expected ones).
        staged: where the copy is made (must not exist).

    Returns:
        One sentence per repair or problem, for the instructor.
    """
    shutil.copytree(submitted, staged, symlinks=False)
    expected = sorted(path.name for path in release.glob("*.ipynb"))
    present = sorted(path.name for path in staged.glob("*.ipynb"))
    missing = [name for name in expected if name not in present]
    unexpected = [name for name in present if name not in expected]
    renamed = {}
    if len(missing) == 1 and len(unexpected) == 1:
        (staged / unexpected[0]).rename(staged / missing[0])
        renamed[missing[0]] = unexpected[0]
        missing = []
    notes = []
    for name in expected:
        path = staged / name
        sent = renamed.get(name, name)
        if sent != name:
            notes.append(f"{sent} graded as {name}")
        reason = "missing" if name in missing else unreadable_reason(path)
        if reason is not None:  # the blank release notebook, which scores zero
            shutil.copy(release / name, path)
            said = (
                f"no notebook named {name} was submitted"
                if reason == "missing"
                else f"the file {sent} you submitted could not be read ({reason})"
            )
            _with_note(
                path,
                f"{said}, so it was graded as the blank notebook. Anything you sent was "
                "kept as you sent it; submit the notebook under the name it was handed "
                "out with.",
            )
            notes.append(
                f"{name} is missing: graded as blank"
                if reason == "missing"
                else f"{sent} could not be read ({reason}): graded as blank"
            )
            continue
        restored = restore_test_cells(path, release / name)
        if restored:
            _with_note(
                path,
                f"the test cells {', '.join(restored)} were missing or changed in your "
                "notebook; they were put back and graded as handed out.",
            )
            notes.append(f"{name}: test cells put back: {', '.join(restored)}")
        if sent != name:
            _with_note(
                path,
                f"your notebook {sent} was graded as {name}, the name the assignment "
                "expects. Keep the notebook's name when you submit.",
            )
    return notes
