"""nbgrader's ``Execute``, made safe for untrusted notebooks.

``SandboxedExecute`` replaces ``nbgrader.preprocessors.Execute`` in
``Autograde.autograde_preprocessors`` (``nbgrader_config.py``). It

* starts every kernel with ``SandboxedKernelManager`` (a sandbox, resource limits);
* keeps a cell's output below ``max_output_chars`` characters (nbgrader's
  ``LimitOutput`` only counts lines, and only after the output has been collected);
* ends a cell that runs past the time limit for good: the kernel is replaced by a new
  one (an interrupted kernel may go on ignoring interrupts);
* survives a kernel that dies (``os._exit``, a crash): the cell that killed it scores
  zero, a new kernel re-runs the cells that had worked (silently), and the notebook
  goes on, so the student's later work still earns its points;
* adds a sentence to a cell that hit a limit, saying which limit and what it is.

Errors are never dropped or shortened away: nbgrader scores a graded cell by whether
it has an error output.
"""

from __future__ import annotations

import json

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Int

from classgrader.kernel import SandboxedKernelManager
from classgrader.limits import explain

TIMEOUT_ERROR = "CellTimeoutError"
DEAD_KERNEL_ERROR = "DeadKernelError"


class SandboxedExecute(Execute):
    """Execute a student's notebook in sandboxed kernels, within limits."""

    max_output_chars = Int(
        100_000, help="Characters of output a cell may produce; the rest is dropped."
    ).tag(config=True)
    max_kernel_restarts = Int(
        3, help="New kernels started for one notebook before its remaining cells are skipped."
    ).tag(config=True)

    def __init__(self, **kw):
        kw.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(**kw)
        self.shutdown_kernel = "immediate"
        message = (
            f"This cell ran for more than {self.timeout} s, the time limit for one cell, "
            "and was stopped. Look for a loop that never ends."
        )
        self.error_on_timeout = {
            "ename": TIMEOUT_ERROR,
            "evalue": message,
            "traceback": [f"{TIMEOUT_ERROR}: {message}"],
        }

    def preprocess(self, nb, resources=None, km=None):
        self._worked: list = []  # cells to re-run in a new kernel
        self._restarts = 0
        self._output_chars: dict[int, int] = {}
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._restarts > self.max_kernel_restarts:
            cell.outputs = [
                _error(
                    DEAD_KERNEL_ERROR,
                    "Not run: the kernel had to be restarted too often in this notebook.",
                )
            ]
            return cell, resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except CellTimeoutError:  # the kernel did not even answer the interrupt
            cell.outputs.append(new_output("error", **self.error_on_timeout))
        except DeadKernelError:
            cell.outputs.append(
                _error(
                    DEAD_KERNEL_ERROR,
                    "Your kernel stopped while this cell ran (os._exit, a crash, or a "
                    "limit). The cells after it ran in a new kernel, after your earlier "
                    "cells were run again.",
                )
            )
            self._replace_kernel()
            return cell, resources
        errors = [out for out in cell.outputs if out.output_type == "error"]
        for error in errors:
            note = explain(error.ename, error.evalue, self.km.limits)
            if note:
                cell.outputs.append(new_output("stream", name="stdout", text=note + "\n"))
        if any(error.ename == TIMEOUT_ERROR for error in errors):
            self._replace_kernel()
        elif not errors and not cell.metadata.get("nbgrader", {}).get("grade", False):
            self._worked.append(cell)
        return cell, resources

    def _replace_kernel(self):
        """A new kernel, in which the cells that worked have run again (unless this
        notebook has used up its new kernels: its remaining cells are then not run)."""
        self._restarts += 1
        if self._restarts > self.max_kernel_restarts:
            return
        self._cleanup_kernel()
        self.km = self.create_kernel_manager()
        self.start_new_kernel()
        self.start_new_kernel_client()
        for cell in self._worked:
            # Straight to the kernel: nbclient's execute_cell would write the cell back
            # into the notebook.
            request = self.kc.execute(cell.source, silent=True, store_history=False)
            try:
                self.wait_for_reply(request)
            except (DeadKernelError, CellTimeoutError):
                self._restarts = self.max_kernel_restarts + 1
                return

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {})))
        used = self._output_chars.get(cell_index, 0)
        self._output_chars[cell_index] = used + size
        if msg["msg_type"] == "error":
            return super().output(outs, _shortened_error(msg, self.max_output_chars), None,
                                  cell_index)
        if used + size <= self.max_output_chars:
            return super().output(outs, msg, display_id, cell_index)
        if used <= self.max_output_chars:
            note = (
                f"\n[Output truncated: this cell printed more than {self.max_output_chars:,} "
                "characters, the output limit. The rest was not kept.]\n"
            )
            outs.append(new_output("stream", name="stdout", text=note))
        return None


def _error(ename: str, message: str):
    return new_output("error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"])


def _shortened_error(msg: dict, limit: int) -> dict:
    """``msg`` with its traceback and value cut to ``limit`` characters in all."""
    content = dict(msg["content"])
    content["evalue"] = content.get("evalue", "")[: limit // 2]
    kept, total = [], 0
    for line in content.get("traceback", []):
        total += len(line)
        if total > limit // 2:
            kept.append("... (traceback truncated: the output limit)")
            break
        kept.append(line)
    content["traceback"] = kept
    return {**msg, "content": content}
