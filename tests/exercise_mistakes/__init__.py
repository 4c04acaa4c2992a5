"""Typical student mistakes per assignment, each of which must cost exactly the
points of the function it breaks (tests/test_exercises.py grades them)."""
