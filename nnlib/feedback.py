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


class HideHiddenTests(Preprocessor):
    """Blank the hidden tests' code and tracebacks in a feedback notebook."""

    # nbgrader registers its converters' preprocessors without enabling them.
    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not HIDDEN_REGION.search(cell.source):
            return cell, resources
        cell.source = HIDDEN_REGION.sub(PLACEHOLDER, cell.source)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                verdict = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                output["traceback"] = [verdict]
        return cell, resources
