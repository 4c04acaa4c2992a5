"""nbgrader configuration: the repository root is the course directory.

solutions/<assignment>/   the instructor's source: solutions and hidden tests
exercises/<assignment>/   the student release, written only by `nbgrader generate_assignment`
submitted/, autograded/, feedback/, gradebook.db   nbgrader's working state (not committed)
"""

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from classgrader.execute import SandboxedExecute
from nnlib.feedback import HideHiddenTests

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "nn-from-scratch"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# The slowest honest cell, training the network of assignment 7, takes about 1 s (8 s on a
# heavily loaded 2-core machine); an infinite loop is cut off here and scores zero for its
# cell only. Every looping cell costs this long, so keep the margin generous but finite.
c.Execute.timeout = 60

# Student code is untrusted: each kernel runs in a Bubblewrap sandbox (classgrader), in
# a scratch folder of its own, unable to read the course or write outside that folder,
# within these limits. A cell that hits one scores zero and says which limit it hit.
c.Autograde.autograde_preprocessors = [
    SandboxedExecute,  # nbgrader's Execute, sandboxed (the only change to this list)
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
c.SandboxedKernelManager.memory_limit = "2 GiB"  # address space of each process
c.SandboxedKernelManager.process_limit = 64  # processes and threads of one kernel
c.SandboxedKernelManager.file_size_limit = "64 MiB"
c.SandboxedExecute.max_output_chars = 100_000  # per cell; LimitOutput also cuts lines
# A deleted or re-typed test cell is put back from the gradebook (and says so), never
# silently scored zero.
c.OverwriteCells.add_missing_cells = True

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Feedback shows every hidden test's verdict and message, never its code.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, HideHiddenTests]

# `make collect ASSIGNMENT=<id>` (nbgrader zip_collect): put the files downloaded from
# your learning platform, named <student>_<notebook>.ipynb, or zip archives of such
# files, in downloaded/<id>/archive/; they are copied to submitted/<student>/<id>/.
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[A-Za-z0-9.\-]+)_(?P<file_id>[^/_][^/]*\.ipynb)$"
)
