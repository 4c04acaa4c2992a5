"""Repository-wide pytest configuration: figures render off-screen, and the book's
notebooks run under nbval (pyproject.toml's addopts: ``--nbval --nbval-current-env``),
each cell re-executed and its output compared with the stored one."""

import os
from pathlib import Path

import matplotlib
import pytest

# Figures render off-screen in this process. Select the backend here rather than through
# the MPLBACKEND environment variable: child processes inherit the environment, and a
# Jupyter kernel started with MPLBACKEND=Agg (nbval's kernels, the book build's) shows no
# figures, so no figure cell would match its stored output. Drop an inherited value too.
matplotlib.use("Agg")
os.environ.pop("MPLBACKEND", None)

NBVAL_SANITIZE_FILE = Path(__file__).parent / "tests" / "nbval_sanitize.cfg"


def pytest_configure(config):
    # An absolute path, so the sanitize file is found whatever the working directory.
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(NBVAL_SANITIZE_FILE)


def pytest_collection_modifyitems(config, items):
    # A notebook cell runs in a kernel and whole chapters take tens of seconds:
    # mark them slow so `make test-quick` (-m "not slow") skips them.
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
