"""Write each of a page's scripts once.

Sphinx 7 registers a script that an extension adds after the builder starts (an inline
`body` script such as sphinx-thebe's `const THEBE_JS_URL = ...` or sphinx-togglebutton's
selector) twice, once named None and once "", and so writes it twice into every page.
Run twice, the `const` declaration throws "Identifier 'THEBE_JS_URL' has already been
declared" in the browser. This extension drops the second copy of every script.
"""


def _script_key(script):
    return (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))


def write_each_script_once(app, pagename, templatename, context, doctree):
    """Replace the page's script list by one without repeats, in the same order."""
    seen = set()
    unique = []
    for script in context.get("script_files", []):
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    # After every other handler, so that the scripts they add for one page are seen too.
    app.connect("html-page-context", write_each_script_once, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
