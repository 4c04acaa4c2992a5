"""Undoing a student's monkeypatching before their function is graded.

A graded notebook runs the student's code and the hidden tests in one Python
process, so a student could replace ``np.allclose`` by ``lambda *a, **k: True``, or
nnlib's reference ``sigmoid`` by their own, and pass every comparison. When the
grader starts a kernel it calls ``seal()`` before any student code runs: that records
the attributes of NumPy, nnlib and ``builtins`` and makes nnlib's modules refuse
attribute assignment. ``nnlib.grading.grade`` calls ``restore()`` first, which puts
back every recorded attribute (and module) that was replaced, so the checks always
use the real NumPy and the real reference.

This stops monkeypatching, not an attacker who rewrites the interpreter's memory: no
check inside the student's own process can. That attacker can only fake their own
grade; the sandbox (``classgrader``) keeps everything else out of reach.
"""

from __future__ import annotations

import importlib
import sys
import types

#: modules whose attributes are recorded; nnlib's own modules are added by ``seal``
WATCHED = ("builtins", "math", "numpy", "numpy.linalg", "numpy.random", "numpy.testing")

_MISSING = object()
_sealed: dict[str, tuple[types.ModuleType, dict[str, object]]] = {}
_sealed_mappings: list[tuple[dict, dict]] = []


class ReadOnlyModule(types.ModuleType):
    """A module whose attributes cannot be assigned or deleted."""

    def __setattr__(self, name, value):
        raise AttributeError(f"{self.__name__} is read-only while your notebook is graded")

    def __delattr__(self, name):
        raise AttributeError(f"{self.__name__} is read-only while your notebook is graded")


def seal() -> None:
    """Record NumPy's, nnlib's and ``builtins``' attributes; make nnlib's modules read-only.

    Imports ``nnlib.grading`` and every spec module first, so all of them are recorded.
    """
    importlib.import_module("nnlib.grading")
    specs = importlib.import_module("nnlib.grading_specs")
    names = [*WATCHED, *(name for name in sys.modules if name.split(".")[0] == "nnlib")]
    for name in names:
        module = importlib.import_module(name)
        _sealed[name] = (module, dict(vars(module)))
    _sealed_mappings.append((specs.SPECS, dict(specs.SPECS)))
    for name, (module, _) in _sealed.items():
        if name.split(".")[0] == "nnlib":
            module.__class__ = ReadOnlyModule


def restore() -> list[str]:
    """Put back every recorded module and attribute that was replaced or deleted.

    Returns the names put back (empty when nothing was touched, or ``seal`` never ran).
    """
    replaced = []
    for name, (module, attributes) in _sealed.items():
        if sys.modules.get(name) is not module:
            sys.modules[name] = module
            replaced.append(name)
        current = vars(module)
        for attribute, value in attributes.items():
            if current.get(attribute, _MISSING) is not value:
                current[attribute] = value
                replaced.append(f"{name}.{attribute}")
    for mapping, recorded in _sealed_mappings:
        if mapping != recorded or any(mapping[k] is not v for k, v in recorded.items()):
            mapping.clear()
            mapping.update(recorded)
            replaced.append("nnlib.grading_specs.SPECS")
    return replaced

