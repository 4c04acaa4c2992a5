"""Feedback that shows each hidden test's verdict and message, never its code.

nbgrader's ``generate_feedback`` turns the autograded notebook into HTML. That
notebook holds the hidden tests (autograde restores them between their
``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` markers), so stock
feedback shows their source, and a failing test's traceback shows it again.
``HideHiddenTests`` runs before the HTML export (``nbgrader_config.py`` adds it to
``GenerateFeedback.preprocessors``) and, in every cell that holds hidden tests:

* replaces the hidden region of the source with one comment line;
* replaces an error output by its last line, ``GradingError: <message>``, with no
  traceback (whose context lines would quote the test code).

and, in every cell, removes each output line that quotes a line of a hidden test: a
student's code could print the kernel's input history, or a traceback could quote
the test that called it.

The autograded notebook itself is not changed: the instructor still sees everything.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

HIDDEN_REGION = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*$.*?^[ \t]*### END HIDDEN TESTS[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
PLACEHOLDER = "# (hidden tests: their verdict is below; their code is not shown)"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")  # tracebacks are coloured
REMOVED_LINE = "[a line of the hidden tests was removed here]"
#: hidden-test lines shorter than this (a bracket, ``else:``) give nothing away
SHORTEST_SECRET = 6


class HideHiddenTests(Preprocessor):
    """Blank the hidden tests' code and tracebacks in a feedback notebook."""

    # nbgrader registers its converters' preprocessors without enabling them.
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        self._secrets = sorted(
            {
                line.strip()
                for cell in nb.cells
                for region in HIDDEN_REGION.findall(cell.source)
                for line in region.splitlines()[1:-1]
                if len(line.strip()) >= SHORTEST_SECRET
            }
        )
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if HIDDEN_REGION.search(cell.source):
            cell.source = HIDDEN_REGION.sub(PLACEHOLDER, cell.source)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    verdict = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                    output["traceback"] = [verdict]
        for output in cell.get("outputs", []):
            self._redact(output)
        return cell, resources

    def _redact(self, output):
        """Remove every line of ``output`` that quotes a hidden-test line."""
        if "text" in output:
            output["text"] = self._without_secrets(output["text"])
        for kind, value in output.get("data", {}).items():
            if isinstance(value, str) and not kind.startswith("image/"):
                output["data"][kind] = self._without_secrets(value)
        if "evalue" in output:
            output["evalue"] = self._without_secrets(output["evalue"])
        if "traceback" in output:
            output["traceback"] = [self._without_secrets(line) for line in output["traceback"]]

    def _without_secrets(self, text: str) -> str:
        plain = ANSI_ESCAPE.sub("", text)
        if not any(secret in plain for secret in self._secrets):
            return text
        return "".join(
            REMOVED_LINE + ("\n" if line.endswith("\n") else "")
            if any(secret in ANSI_ESCAPE.sub("", line) for secret in self._secrets)
            else line
            for line in text.splitlines(keepends=True)
        )
