"""nbgrader configuration: the repository root is the course directory.

solutions/<assignment>/   the instructor's source: solutions and hidden tests
exercises/<assignment>/   the student release, written only by `nbgrader generate_assignment`
submitted/, autograded/, feedback/, gradebook.db   nbgrader's working state (not committed)
"""

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import GetGrades

from nnlib.feedback import HideHiddenTests

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "nn-from-scratch"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# The slowest honest cell, training the network of assignment 7, takes about 1 s (8 s on a
# heavily loaded 2-core machine); an infinite loop is cut off here and scores zero for its
# cell only. Every looping cell costs this long, so keep the margin generous but finite.
c.Execute.timeout = 60

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Feedback shows every hidden test's verdict and message, never its code.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, HideHiddenTests]

# `make collect ASSIGNMENT=<id>` (nbgrader zip_collect): put the files downloaded from
# your learning platform, named <student>_<notebook>.ipynb, or zip archives of such
# files, in downloaded/<id>/archive/; they are copied to submitted/<student>/<id>/.
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[A-Za-z0-9.\-]+)_(?P<file_id>[^/_][^/]*\.ipynb)$"
)
