"""Hypothesis profiles for the nnlib tests: ``ci`` (the default, derandomized),
``dev`` (quick) and ``thorough`` (1000 examples); pick one with HYPOTHESIS_PROFILE.
The book's tests share one build of the book (fixture ``built_book``)."""

import os

import pytest
from book_build import build_book
from hypothesis import settings

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The whole book, built once per test run into a fresh temporary directory
    (`book_build.build_book`): (the finished build process, the HTML directory)."""
    return build_book(tmp_path_factory.mktemp("book"))
