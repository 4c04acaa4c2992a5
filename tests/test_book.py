"""The book: its table of contents, a warning-free build, and a site that works offline.

The fast tests check the sources. The slow ones inspect the log and the HTML of the one
cold build of the whole book that the test run shares (fixture ``built_book`` in
tests/conftest.py, the way `make book-build` does it, into a temporary directory);
test_browser.py opens the same HTML in a browser.
"""

import json
import re
from html.parser import HTMLParser

import pytest
import yaml
from book_build import ROOT, source_of, toc_files

# The only lines with "WARNING" that are not about the book: ipykernel >= 7 logs this
# notice on stderr whenever a notebook is executed.
KERNEL_TRANSPORT_NOTICE = "[IPKernelApp] WARNING | Kernel is running over TCP without encryption"
# sphinx-thebe writes this URL into every page as a constant; the Thebe library is fetched
# from it only when a reader presses a Thebe launch button, and _config.yml turns Thebe
# (and so the button) off. It is the only absolute URL allowed in a page's <script>.
THEBE_CONSTANT = re.compile(r'const THEBE_JS_URL = "https://unpkg\.com/thebe@[\d.]+/lib/index\.js"')
URL = re.compile(r"(?:https?:)?//[^\s\"'<>)]+")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")  # Sphinx colours its log even when piped
# A stylesheet fetches url(...) and @import targets.
CSS_REMOTE = re.compile(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^)'\";\s]+)")


def test_config_and_every_toc_page_exist():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"]
    pages = toc_files()
    assert len(pages) == len(set(pages)), "a page is listed twice in _toc.yml"
    for page in pages:
        source_of(page)


def test_config_keeps_the_book_offline():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config["sphinx"]
    assert "sphinx-mathjax-offline" in sphinx["extra_extensions"]
    mathjax_path = sphinx["config"]["mathjax_path"]
    assert not URL.match(mathjax_path), f"MathJax must be served locally, not {mathjax_path}"
    assert config["launch_buttons"].get("thebe") is False, "Thebe loads from a CDN"
    assert config["execute"]["execute_notebooks"] == "cache"


# --- The full build -------------------------------------------------------------------


@pytest.mark.slow
def test_book_builds_without_warnings(built_book):
    result, html = built_book
    log = ANSI_ESCAPE.sub("", result.stdout + result.stderr)
    problems = [
        line
        for line in log.splitlines()
        if re.search(r"WARNING|ERROR|CRITICAL|SEVERE", line)
        and not line.startswith(KERNEL_TRANSPORT_NOTICE)
    ]
    assert not problems, "the build logged:\n" + "\n".join(problems)
    exit_code = result.returncode
    assert exit_code == 0, f"jupyter-book build exited with {exit_code}:\n{log[-5000:]}"
    assert (html / "index.html").exists()


class _Resources(HTMLParser):
    """Collect what a page makes the browser fetch, and the text of its inline scripts."""

    def __init__(self):
        super().__init__()
        self.fetched = []
        self.inline_scripts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in attrs
            if "src" in attrs:
                self.fetched.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.fetched.append(attrs["href"])
        elif tag in ("img", "iframe", "source", "embed") and attrs.get("src"):
            self.fetched.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


def _pages(html):
    pages = sorted(html.rglob("*.html"))
    assert pages, f"no HTML pages in {html}"
    return pages


@pytest.mark.slow
def test_no_page_loads_anything_from_the_network(built_book):
    _, html = built_book
    remote = []
    for page in _pages(html):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        name = page.relative_to(html)
        remote += [f"{name}: {url}" for url in parser.fetched if URL.match(url)]
        for script in parser.inline_scripts:
            remote += [
                f"{name}: inline script {url}"
                for url in URL.findall(THEBE_CONSTANT.sub("", script))
            ]
    for stylesheet in sorted(html.rglob("*.css")):
        text = stylesheet.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)  # licence comments name URLs
        name = stylesheet.relative_to(html)
        remote += [f"{name}: {url}" for url in CSS_REMOTE.findall(text)]
    assert not remote, "pages need the network:\n" + "\n".join(sorted(set(remote)))


@pytest.mark.slow
def test_math_is_rendered_by_the_local_mathjax(built_book):
    _, html = built_book
    mathjax = html / "_static" / "mathjax" / "tex-chtml.js"
    assert mathjax.is_file(), "sphinx-mathjax-offline did not copy MathJax into _static"
    page = (html / "book" / "notation.html").read_text(encoding="utf-8")
    assert 'src="../_static/mathjax/tex-chtml.js"' in page
    assert 'class="math' in page and r"\(W^{[l]}\)" in page


@pytest.mark.slow
def test_chapter_pages_offer_their_notebook_and_launch_buttons(built_book):
    _, html = built_book
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repository = config["repository"]["url"].removeprefix("https://github.com/")
    for page in toc_files():
        if source_of(page).suffix != ".ipynb":
            continue
        text = (html / f"{page}.html").read_text(encoding="utf-8")
        assert f"_sources/{page}.ipynb" in text, f"{page}: no download of its notebook"
        assert (html / "_sources" / f"{page}.ipynb").is_file()
        assert f"mybinder.org/v2/gh/{repository}/" in text, f"{page}: no Binder button"
        assert f"colab.research.google.com/github/{repository}/" in text, f"{page}: no Colab"
        assert "hub/user-redirect/git-pull" in text, f"{page}: no JupyterHub button"


def test_every_figure_has_alt_text_and_a_caption():
    """Every code cell that draws a figure carries mystnb alt text and a caption."""
    bare = []
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            outputs = cell.get("outputs", [])
            if not any("image/png" in output.get("data", {}) for output in outputs):
                continue
            options = cell["metadata"].get("mystnb", {})
            if not (
                options.get("image", {}).get("alt") and options.get("figure", {}).get("caption")
            ):
                bare.append(f"{path.name} cell {index}")
    assert not bare, f"figures without alt text or caption: {bare}"
