"""The rendered book in a real browser: every page opened in headless Chromium.

The book that the test run builds once (fixture ``built_book``, tests/conftest.py) is
served on 127.0.0.1 and every page of _toc.yml, with the search and index pages, is
opened through Playwright in Debian's Chromium (never a browser that Playwright
downloads). For every page:

- it loads with no console error, no uncaught exception, no failed request and no
  HTTP error; every request outside the book is aborted, so a page that needs the
  network fails here as it would offline;
- MathJax has typeset every formula: no math node is left as TeX, no raw ``\\(``,
  ``\\[``, ``$$`` or ``$x$`` shows in the text, no TeX error;
- every image has loaded and has alt text; every link inside the book leads to a page
  that exists, and its ``#fragment`` to an element of that page;
- on a phone-sized screen the text column does not scroll sideways;
- in the theme's dark mode every figure stays visible and readable (no transparent
  figure on a dark background).

Then the search finds the backpropagation chapter, and every notebook page's download
button gives a valid notebook. Screenshots of every page (desktop, phone, dark) go to
the repository's ``_build/screenshots/`` for a reviewer. The tests at the top check the
checks themselves on two small synthetic pages, one right and one broken everywhere.

Run them alone with `make test-browser`.
"""

import functools
import json
import os
import re
import threading
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import distribution
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import nbformat
import pytest
from book_build import ROOT, source_of, toc_files
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "_build" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PHONE_SCREENSHOT_SCREENS = 3  # a phone screenshot shows the first three screens of a page
TIMEOUT_MS = 30_000
# How a tab looks at the page: browser context options.
LOOKS = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
    "dark": {"viewport": DESKTOP, "color_scheme": "dark"},
}
# What pydata-sphinx-theme's mode button stores; its head script reads it on load.
DARK_MODE = "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"

# Every page of the table of contents, then the pages Sphinx adds and the book links to.
PAGES = [*toc_files(), "genindex", "search"]
NOTEBOOK_PAGES = [page for page in toc_files() if source_of(page).suffix == ".ipynb"]

# TeX that MathJax should have replaced: \( \[ $$, or $x$ as MyST's dollarmath reads it
# (no space just inside the dollars, no digit after the closing one: "$5 and $6" is text).
RAW_TEX = re.compile(r"\\\(|\\\[|\$\$|\$[^\s$][^$\n]*?(?<![\s\\])\$(?!\d)")


# --- Serving and opening pages ---------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory):
    """Serve `directory` over HTTP on 127.0.0.1, a free port, from a thread; yield the
    base URL (ending in "/")."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# Waits for MathJax (when the page has math): true once its startup promise has settled.
MATHJAX_SETTLED = """() => {
    const promise = window.MathJax?.startup?.promise;
    if (promise && !window.__typesetState) {
        window.__typesetState = "waiting";
        promise.then(() => { window.__typesetState = "done"; },
                     (error) => { window.__typesetState = "failed: " + error; });
    }
    return window.__typesetState && window.__typesetState !== "waiting";
}"""


def wait_for_mathjax(tab):
    """Wait until MathJax, which a page with math loads before its load event, has
    typeset the page; return what went wrong."""
    # Sphinx sets window.MathJax to its configuration; MathJax itself adds `startup`.
    if not tab.evaluate("!!window.MathJax?.startup"):
        return ["MathJax is not loaded: the formulas stay TeX"]
    try:
        tab.wait_for_function(MATHJAX_SETTLED)
    except PlaywrightError:
        return [f"MathJax did not finish within {TIMEOUT_MS // 1000} s"]
    state = tab.evaluate("window.__typesetState")
    return [] if state == "done" else [f"MathJax {state}"]


class _Anchors(HTMLParser):
    """Collect what a #fragment can point to in an HTML page: ids and <a name>s."""

    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(
            value for key, value in attrs.items() if key == "id" or (tag == "a" and key == "name")
        )


class Site:
    """A served site in one browser: opens its pages in a desktop, phone or dark-mode
    tab, records what goes wrong while they load, and runs the checks on them.

    Every request outside the site is aborted, so it fails as it would offline.
    """

    def __init__(self, browser, base, screenshots=None):
        self.base = base
        self.screenshots = screenshots
        self._browser = browser
        self._contexts = {}
        self._ids = {}  # URL without fragment -> ids on that page, None when it is missing

    def close(self):
        for context in self._contexts.values():
            context.close()

    def url(self, page):
        """The URL of a page named as in _toc.yml ("book/intro"), or of a file ("x.html")."""
        return urljoin(self.base, page if "." in page.split("/")[-1] else f"{page}.html")

    def context(self, look):
        if look not in self._contexts:
            context = self._browser.new_context(**LOOKS[look])
            context.set_default_timeout(TIMEOUT_MS)
            context.route(lambda url: not url.startswith(self.base), lambda route: route.abort())
            if look == "dark":
                context.add_init_script(DARK_MODE)
            self._contexts[look] = context
        return self._contexts[look]

    @contextmanager
    def open(self, page, look="desktop", typeset=True):
        """Open `page` in a new tab and wait until it has loaded and (unless `typeset` is
        false) MathJax has typeset it. Yield (tab, problems): what went wrong so far, a
        list that keeps growing while the tab is used (console errors, uncaught
        exceptions, failed requests)."""
        tab = self.context(look).new_page()
        problems = []
        listening = True  # closing the tab aborts its requests: no problem of the page

        def record(problem):
            if listening:
                problems.append(problem)

        tab.on("console", lambda m: m.type == "error" and record(f"console: {m.text}"))
        tab.on("pageerror", lambda e: record(f"uncaught {e.name}: {e.message}"))
        tab.on("requestfailed", lambda request: record(self._failure(request)))
        tab.on("response", lambda r: r.status >= 400 and record(f"HTTP {r.status} for {r.url}"))
        try:
            tab.goto(self.url(page), wait_until="load")
            if typeset and tab.locator(".math").count():
                problems += wait_for_mathjax(tab)
            yield tab, problems
        finally:
            listening = False
            tab.close()

    def _failure(self, request):
        if not request.url.startswith(self.base):
            return f"needs the network (fails offline): {request.method} {request.url}"
        return f"request failed: {request.method} {request.url} ({request.failure})"

    def ids(self, url):
        """The ids (and <a name>s) in the HTML of the page at `url`; None when the server
        does not have it, an empty set for a file that is not HTML."""
        url = url.split("#")[0].split("?")[0]
        if urlsplit(url).path.endswith("/"):
            url += "index.html"
        if url not in self._ids:
            response = self.context("desktop").request.get(url)
            if not response.ok:
                self._ids[url] = None
            elif url.endswith(".html"):
                parser = _Anchors()
                parser.feed(response.text())
                self._ids[url] = parser.ids
            else:
                self._ids[url] = set()
        return self._ids[url]

    # --- The checks, each returning a list of problems ---------------------------------

    def check_page(self, page):
        """Load, math, images and links of `page` at desktop size; a screenshot.
        Returns (problems, number of math nodes, number of typeset formulas)."""
        with self.open(page) as (tab, problems):
            math, nodes, formulas = math_problems(tab)
            problems += math + image_problems(tab)
            links = tab.evaluate(LINKS_JS)
            self._screenshot(tab, page, "desktop", full_page=True)
        problems += link_problems(self, links)
        return problems, nodes, formulas

    def check_phone(self, page):
        """On a phone-sized screen the page does not scroll sideways; a screenshot."""
        with self.open(page, "phone") as (tab, problems):
            problems += overflow_problems(tab, PHONE["width"])
            height = min(
                tab.evaluate("document.documentElement.scrollHeight"),
                PHONE_SCREENSHOT_SCREENS * PHONE["height"],
            )
            clip = {"x": 0, "y": 0, "width": PHONE["width"], "height": height}
            self._screenshot(tab, page, "phone", full_page=True, clip=clip)
        return problems

    def check_dark(self, page):
        """In the theme's dark mode every image of the article stays visible and readable;
        a screenshot with the first figure in view."""
        with self.open(page, "dark") as (tab, problems):
            problems += dark_mode_problems(tab)
            tab.evaluate("document.querySelector('article figure')?.scrollIntoView()")
            self._screenshot(tab, page, "dark")
        return problems

    def _screenshot(self, tab, page, look, **options):
        if self.screenshots is None:
            return
        path = self.screenshots / f"{page}-{look}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=path, animations="disabled", **options)


# --- What the checks run in the page --------------------------------------------------

MATH_JS = """() => {
    const nodes = [...document.querySelectorAll(".math")];
    const untypeset = nodes.filter((node) => !node.querySelector("mjx-container"))
                           .map((node) => node.textContent.trim().slice(0, 60));
    const errors = [...document.querySelectorAll("mjx-merror")]
        .map((node) => node.getAttribute("data-mjx-error") || node.textContent);
    // MathJax's noundefined extension shows an unknown macro (a typo: \\sigam) in red.
    const startup = window.MathJax?.startup;
    const unknown = startup?.document ? Array.from(startup.document.math).flatMap((item) =>
        [...startup.toMML(item.root).matchAll(/<mtext mathcolor="red">(\\\\[A-Za-z]+)</g)]
            .map((match) => match[1])) : [];
    // The text of the main content, hidden dropdowns included, without code (where TeX
    // may be legitimate) and without MathJax's output.
    const root = document.querySelector("main") || document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.closest("pre, code, script, style, textarea, mjx-container")) {
            texts.push(node.data);
        }
    }
    return {nodes: nodes.length, formulas: document.querySelectorAll("mjx-container").length,
            untypeset, errors, unknown, text: texts.join("\\n")};
}"""


def math_problems(tab):
    """Formulas MathJax left as TeX or could not render. Returns (problems, number of math
    nodes Sphinx wrote, number of formulas MathJax rendered)."""
    found = tab.evaluate(MATH_JS)
    problems = []
    if found["untypeset"]:
        problems.append(
            f"{len(found['untypeset'])} of {found['nodes']} math nodes not typeset, "
            f"e.g. {found['untypeset'][:3]}"
        )
    if found["formulas"] < found["nodes"]:
        problems.append(f"{found['formulas']} rendered formulas for {found['nodes']} math nodes")
    problems += [f"MathJax error: {error}" for error in found["errors"]]
    problems += [f"unknown TeX macro {name} (shown in red)" for name in found["unknown"]]
    text = found["text"]
    for match in RAW_TEX.finditer(text):
        context = " ".join(text[max(0, match.start() - 30) : match.end() + 30].split())
        problems.append(f"raw TeX {match.group()!r} in the text: {context!r}")
    return problems, found["nodes"], found["formulas"]


IMAGES_JS = """async () => {
    const images = [...document.images];
    images.forEach((image) => { image.loading = "eager"; });
    await Promise.all(images.map((image) => image.complete || new Promise((done) => {
        image.addEventListener("load", done);
        image.addEventListener("error", done);
        setTimeout(done, 10000);
    })));
    return images.map((image) => ({src: image.getAttribute("src"),
                                   alt: (image.getAttribute("alt") || "").trim(),
                                   width: image.naturalWidth}));
}"""


def image_problems(tab):
    """Images that did not load or have no alt text."""
    problems = []
    for image in tab.evaluate(IMAGES_JS):
        if not image["width"]:
            problems.append(f"image did not load: {image['src']}")
        if not image["alt"]:
            problems.append(f"image without alt text: {image['src']}")
    return problems


LINKS_JS = """() => [...document.querySelectorAll("a[href]")]
    .map((a) => ({href: a.getAttribute("href"), url: a.href}))"""


def link_problems(site, links):
    """Links inside the site whose page does not exist or whose #fragment is not on it."""
    problems = []
    for link in links:
        url = link["url"]
        if not url.startswith(site.base):
            continue
        ids = site.ids(url)
        fragment = unquote(urlsplit(url).fragment)
        if ids is None:
            problems.append(f"link to a missing page: {link['href']}")
        elif fragment and fragment not in ids:
            problems.append(f"link to a missing anchor: {link['href']}")
    return sorted(set(problems))


OVERFLOW_JS = """(width) => {
    const page = document.scrollingElement || document.documentElement;
    const article = document.querySelector("article");
    // The widest elements that stick out and are not inside a box that scrolls sideways.
    const culprits = [];
    for (const node of (article || document.body).querySelectorAll("*")) {
        if (node.getBoundingClientRect().right <= width + 1) continue;
        let scrolls = false;
        for (let up = node.parentElement; up && up !== article; up = up.parentElement) {
            if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(up).overflowX)) {
                scrolls = true;
                break;
            }
        }
        if (!scrolls) {
            culprits.push(node.tagName.toLowerCase() + (node.className && typeof node.className
                === "string" ? "." + node.className.trim().split(/\\s+/).join(".") : "") + " "
                + JSON.stringify((node.textContent || "").trim().slice(0, 40)));
        }
    }
    return {page: page.scrollWidth,
            article: article && {scroll: article.scrollWidth, client: article.clientWidth},
            culprits: culprits.slice(0, 5)};
}"""


def overflow_problems(tab, width):
    """The page or its article scrolls sideways on a screen `width` pixels wide."""
    found = tab.evaluate(OVERFLOW_JS, width)
    problems = []
    if found["page"] > width:
        problems.append(f"the page is {found['page']} px wide on a {width} px screen")
    article = found["article"]
    if article and article["scroll"] > article["client"] + 1:
        problems.append(
            f"the text column scrolls sideways ({article['scroll']} px in {article['client']} px)"
        )
    if problems and found["culprits"]:
        problems.append(f"sticking out: {found['culprits']}")
    return problems


DARK_JS = """() => {
    const html = document.documentElement;
    document.querySelectorAll("details").forEach((node) => { node.open = true; });
    const rgba = (colour) => (colour.match(/[\\d.]+/g) || []).map(Number);
    const problems = [];
    if (html.dataset.theme !== "dark") {
        problems.push(`the page is not in dark mode (data-theme=${html.dataset.theme})`);
    }
    for (const image of document.querySelectorAll("article img")) {
        const name = image.getAttribute("src");
        const style = getComputedStyle(image);
        const box = image.getBoundingClientRect();
        let opacity = 1;
        for (let node = image; node; node = node.parentElement) {
            opacity *= Number(getComputedStyle(node).opacity);
        }
        if (!image.naturalWidth) {
            problems.push(`image did not load: ${name}`);
            continue;
        }
        if (style.display === "none" || !box.width || !box.height) {
            problems.push(`image not shown: ${name}`);
            continue;
        }
        if (style.visibility !== "visible") problems.push(`image hidden: ${name}`);
        if (opacity < 0.1) problems.push(`image transparent (opacity ${opacity}): ${name}`);
        const filter = style.filter;
        for (const [, value] of filter.matchAll(/(?:brightness|opacity)\\(([\\d.]+)/g)) {
            if (Number(value) < 0.4) problems.push(`image darkened by ${filter}: ${name}`);
        }
        // A figure with a transparent background shows whatever is behind it.
        const canvas = document.createElement("canvas");
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext("2d");
        context.drawImage(image, 0, 0);
        let pixels;
        try {
            pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        } catch (error) {  // an image from another site: its pixels cannot be read
            problems.push(`cannot read the pixels of ${name}: ${error}`);
            continue;
        }
        let clear = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] < 128) clear += 1;
        if (clear / (pixels.length / 4) < 0.01) continue;
        let behind = null;
        for (let node = image; node && !behind; node = node.parentElement) {
            const [r, g, b, a = 1] = rgba(getComputedStyle(node).backgroundColor);
            if (a > 0.5) behind = [r, g, b];
        }
        const [r, g, b] = behind || [255, 255, 255];  // no background at all: white
        const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        if (luminance < 0.5) {
            problems.push(`image with a transparent background on a dark one `
                          + `(rgb(${r}, ${g}, ${b})): ${name}`);
        }
    }
    return problems;
}"""


def dark_mode_problems(tab):
    """The page is in dark mode and every image of its article is visible and readable."""
    tab.evaluate(IMAGES_JS)  # every image loaded, lazy ones too
    return tab.evaluate(DARK_JS)


def report(page, problems):
    """One assertion message naming the page and every problem found on it."""
    unique = list(dict.fromkeys(problems))
    return f"{page}: {len(unique)} problem(s):\n  " + "\n  ".join(unique)


# --- Fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's, never one Playwright downloads) for every test."""
    assert Path(CHROMIUM).is_file(), (
        f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium) "
        "or point the CHROMIUM environment variable at one"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def book(built_book, browser):
    """The built book, served on 127.0.0.1 and opened in the browser."""
    _, html = built_book
    assert (html / "index.html").is_file(), "the book did not build (see test_book.py)"
    with serve(html) as base:
        site = Site(browser, base, screenshots=SCREENSHOTS)
        yield site
        site.close()


# --- The checks on pages made to pass or fail them ---------------------------------------

GOOD_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Good</title>
<script>document.documentElement.dataset.theme = localStorage.getItem("theme") || "light";</script>
<style>
html[data-theme=dark] body { background: #111; color: #eee; }
html[data-theme=dark] .on-white { background: #fff; }
</style>
<script async src="mathjax/tex-chtml.js"></script>
</head><body><main><article>
<h1 id="top">A page with everything right</h1>
<p>Costs $5 and $6, and <span class="math notranslate nohighlight">\\(x^2\\)</span>.</p>
<div class="math notranslate nohighlight">\\[\\sum_i w_i x_i\\]</div>
<figure><img src="opaque.png" alt="A white square"></figure>
<figure class="on-white"><img src="clear.png" alt="A black line on white"></figure>
<p><a href="#top">up</a> <a href="broken.html#present">the other page</a>
<a href="notebook.ipynb">a notebook</a></p>
<pre>code may say \\( and $x$</pre>
</article></main></body></html>
"""

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Broken</title>
<script>document.documentElement.dataset.theme = localStorage.getItem("theme") || "light";</script>
<style>
html[data-theme=dark] body { background: #111; color: #eee; }
html[data-theme=dark] .gone { display: none; }
</style>
</head><body><main><article>
<h1 id="present">A page with everything wrong</h1>
<p>Unparsed math $x$ and <span class="math notranslate nohighlight">\\(y\\)</span>.</p>
<img src="missing.png">
<img src="https://example.org/remote.png" alt="from outside">
<figure><img src="clear.png" alt="Black lines on nothing"></figure>
<img class="gone" src="opaque.png" alt="hidden in dark mode">
<img style="opacity: 0" src="opaque.png" alt="invisible">
<img style="visibility: hidden" src="opaque.png?hidden" alt="hidden">
<img style="filter: brightness(0.1)" src="opaque.png?dark" alt="blacked out">
<p><a href="nowhere.html">dead</a> <a href="good.html#absent">no anchor</a></p>
<div style="width: 2000px">a very wide line</div>
<script>console.error("something broke"); undefinedFunction();</script>
</article></main></body></html>
"""


TEX_ERROR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TeX error</title>
<script async src="mathjax/tex-chtml.js"></script>
</head><body><main><p>Typos: <span class="math">\\(\\sigam(z)\\)</span>,
<span class="math">\\(\\frac{1}\\)</span>.</p></main></body></html>
"""


@pytest.fixture(scope="module")
def synthetic(browser, tmp_path_factory):
    """A site with GOOD_PAGE, BROKEN_PAGE and TEX_ERROR_PAGE, an opaque and a transparent
    PNG, a notebook and MathJax (sphinx-mathjax-offline's copy, as in the book)."""
    from PIL import Image, ImageDraw

    root = tmp_path_factory.mktemp("site")
    (root / "good.html").write_text(GOOD_PAGE, encoding="utf-8")
    (root / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (root / "tex-error.html").write_text(TEX_ERROR_PAGE, encoding="utf-8")
    Image.new("RGB", (40, 30), "white").save(root / "opaque.png")
    clear = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    ImageDraw.Draw(clear).line([(0, 0), (40, 30)], fill=(0, 0, 0, 255), width=2)
    clear.save(root / "clear.png")
    nbformat.write(nbformat.v4.new_notebook(), root / "notebook.ipynb")
    mathjax = distribution("sphinx-mathjax-offline").locate_file(
        "sphinx-mathjax-offline/static/mathjax"
    )
    (root / "mathjax").symlink_to(Path(str(mathjax)), target_is_directory=True)
    with serve(root) as base:
        site = Site(browser, base)
        yield site
        site.close()


def test_the_checks_pass_a_right_page(synthetic):
    problems, nodes, formulas = synthetic.check_page("good")
    problems += synthetic.check_phone("good") + synthetic.check_dark("good")
    assert not problems, report("good", problems)
    assert (nodes, formulas) == (2, 2)


def test_the_checks_catch_every_problem_of_a_broken_page(synthetic):
    problems, _, _ = synthetic.check_page("broken")
    expected = [
        "console: something broke",
        "uncaught ReferenceError: undefinedFunction is not defined",
        "HTTP 404 for " + synthetic.url("missing.png"),
        "needs the network (fails offline): GET https://example.org/remote.png",
        "1 of 1 math nodes not typeset, e.g. ['\\\\(y\\\\)']",
        "MathJax is not loaded: the formulas stay TeX",
        "raw TeX '$x$' in the text: ",
        "raw TeX '\\\\(' in the text: ",
        "image did not load: missing.png",
        "image without alt text: missing.png",
        "link to a missing page: nowhere.html",
        "link to a missing anchor: good.html#absent",
    ]
    missing = [start for start in expected if not any(p.startswith(start) for p in problems)]
    assert not missing, f"not caught: {missing}\nfound: {problems}"

    phone = synthetic.check_phone("broken")
    assert any(p.startswith("the page is 20") and "390 px screen" in p for p in phone), phone
    assert any("a very wide line" in p for p in phone), phone

    dark = synthetic.check_dark("broken")
    for expected in (
        "image with a transparent background on a dark one (rgb(17, 17, 17)): clear.png",
        "image not shown: opaque.png",
        "image transparent (opacity 0): opaque.png",
        "image hidden: opaque.png?hidden",
        "image darkened by brightness(0.1): opaque.png?dark",
    ):
        assert expected in dark, f"not caught: {expected}\nfound: {dark}"


def test_the_math_check_reports_tex_errors(synthetic):
    problems, nodes, formulas = synthetic.check_page("tex-error")
    assert problems == [
        "MathJax error: Missing argument for \\frac",
        "unknown TeX macro \\sigam (shown in red)",
    ], problems
    assert (nodes, formulas) == (2, 2)


def test_the_dark_mode_check_needs_dark_mode(synthetic):
    """A page that ignores the theme's stored mode is reported, not passed in light mode."""
    with synthetic.open("good", "desktop") as (tab, _):
        assert dark_mode_problems(tab) == ["the page is not in dark mode (data-theme=light)"]


# --- The book ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_with_its_math_images_and_links(book, page):
    problems, _, _ = book.check_page(page)
    assert not problems, report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_page_fits_a_phone(book, page):
    problems = book.check_phone(page)
    assert not problems, report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_figures_stay_visible_in_dark_mode(book, page):
    problems = book.check_dark(page)
    assert not problems, report(page, problems)


def test_search_finds_the_backpropagation_chapter(book):
    with book.open("search.html?q=backpropagation") as (tab, problems):
        tab.wait_for_function(
            "() => /Search finished/.test(document.querySelector('.search-summary')"
            "?.textContent)"
        )
        found = tab.eval_on_selector_all("ul.search li a", "links => links.map(a => a.href)")
    assert not problems, report("search", problems)
    chapter = book.url("book/backpropagation")
    assert chapter in found, f"searching 'backpropagation' did not find {chapter}: {found}"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_download_button_gives_a_valid_notebook(book, page):
    with book.open(page, typeset=False) as (tab, problems):
        links = tab.eval_on_selector_all(
            ".dropdown-download-buttons a[href$='.ipynb']", "links => links.map(a => a.href)"
        )
        assert len(links) == 1, f"{page}: expected one .ipynb download button, found {links}"
        response = tab.request.get(links[0])
    assert not problems, report(page, problems)
    assert response.ok, f"{page}: the download {links[0]} answered {response.status}"
    notebook = nbformat.reads(response.text(), as_version=4)
    nbformat.validate(notebook)
    assert notebook.cells, f"{page}: the downloaded notebook has no cells"
    assert json.loads(response.text()) == json.loads((ROOT / f"{page}.ipynb").read_text()), (
        f"{page}: the download is not the book's notebook"
    )
