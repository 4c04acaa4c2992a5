"""Hypothesis profiles for the nnlib tests: ``ci`` (the default, derandomized),
``dev`` (quick) and ``thorough`` (1000 examples); pick one with HYPOTHESIS_PROFILE."""

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
