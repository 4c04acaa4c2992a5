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

# The slowest honest solution (the Training assignment's network) runs well under this;
# an infinite loop is cut off here and scores zero for its cell only.
c.Execute.timeout = 120

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Feedback shows every hidden test's verdict and message, never its code.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, HideHiddenTests]
