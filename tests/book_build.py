"""The book's pages and its build, shared by the book's tests (test_book.py, test_browser.py).

tests/conftest.py builds the book once per test run with `build_book` (fixture
``built_book``); every test that needs the HTML uses that one build.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def toc_files():
    """Every page in _toc.yml (the root first), as paths without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc.get("parts", toc.get("chapters", [])))
    return found


def source_of(page):
    """The one source file (.md or .ipynb) behind a TOC entry."""
    candidates = [ROOT / f"{page}{suffix}" for suffix in (".md", ".ipynb")]
    existing = [path for path in candidates if path.exists()]
    assert len(existing) == 1, f"{page}: expected one of .md/.ipynb, found {existing}"
    return existing[0]


def build_book(out):
    """Build the whole book into the fresh directory `out`, the way `make book-build` does
    (`jupyter-book build . -W -n --keep-going`), so that the build is cold (every notebook
    executes) and the repository's `_build/` is untouched.

    Returns (the finished `subprocess.CompletedProcess`, the HTML directory).
    """
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    assert jupyter_book, "jupyter-book is not installed next to this Python"
    # Notebook kernels inherit this environment: drop MPLBACKEND (conftest.py sets
    # Agg for the unit tests), or executed chapters would lose their figures.
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    result = subprocess.run(
        [jupyter_book, "build", str(ROOT), "--path-output", str(out), "-W", "-n", "--keep-going"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    return result, Path(out) / "_build" / "html"
