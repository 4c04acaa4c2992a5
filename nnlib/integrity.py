"""Undoing a student's monkeypatching before their function is graded.

A graded notebook runs the student's code and the hidden tests in one Python
process, so a student could replace ``np.allclose`` by ``lambda *a, **k: True``, or
nnlib's reference ``sigmoid`` by their own, and pass every comparison. When the
grader starts a kernel it calls ``seal()`` before any student code runs. ``seal``
records

* the attributes of every NumPy and nnlib module then loaded, of ``math`` and of
  ``builtins``, and the modules themselves in ``sys.modules``;
* the code and defaults of every Python function among them (``f.__code__ = ...``
  changes a function without replacing it);
* every grading ``Spec`` (a frozen dataclass, which ``object.__setattr__`` can still
  change) and the table of specs;

makes nnlib's modules refuse attribute assignment, and installs an audit hook (which
no code can remove) that calls ``restore()`` whenever a hidden-test cell is compiled.
``nnlib.grading.grade`` calls ``restore()`` too. ``restore`` puts back everything
recorded that was replaced, so the checks always use the real NumPy and the real
reference.

This stops monkeypatching, not an attacker who rewrites the interpreter's memory: no
check inside the student's own process can. That attacker can only fake their own
grade; the sandbox (``classgrader``) keeps everything else out of reach.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
import types

#: modules recorded besides every loaded ``numpy*`` and ``nnlib*`` module
WATCHED = ("builtins", "math")
#: the packages whose loaded modules are all recorded
PACKAGES = ("numpy", "nnlib")
#: compiling source that contains this (a hidden-test cell) restores everything first
HIDDEN_TESTS_MARKER = "### BEGIN HIDDEN TESTS"
_MARKERS = {str: HIDDEN_TESTS_MARKER, bytes: HIDDEN_TESTS_MARKER.encode()}
FUNCTION_STATE = ("__code__", "__defaults__", "__kwdefaults__")
#: where a wrapper (NumPy's array-function dispatcher, ``functools.wraps``) keeps its function
WRAPPED = ("_implementation", "__wrapped__")

_MISSING = object()
_modules: dict[str, tuple[types.ModuleType, dict[str, object]]] = {}
_functions: list[tuple[types.FunctionType, tuple]] = []
_objects: list[tuple[object, dict[str, object]]] = []
_mappings: list[tuple[dict, dict]] = []


class ReadOnlyModule(types.ModuleType):
    """A module whose attributes cannot be assigned or deleted."""

    def __setattr__(self, name, value):
        raise AttributeError(f"{self.__name__} is read-only while your notebook is graded")

    def __delattr__(self, name):
        raise AttributeError(f"{self.__name__} is read-only while your notebook is graded")


def seal() -> None:
    """Record what ``restore`` puts back; make nnlib read-only; install the audit hook.

    Imports ``nnlib.grading`` and every spec module first, so all of them are recorded.
    """
    importlib.import_module("nnlib.grading")
    specs = importlib.import_module("nnlib.grading_specs")
    loaded = [name for name in sys.modules if name.split(".")[0] in PACKAGES]
    functions = {}
    for name in [*WATCHED, *loaded]:
        module = sys.modules.get(name) or importlib.import_module(name)
        if not isinstance(module, types.ModuleType):
            continue
        attributes = dict(vars(module))
        _modules[name] = (module, attributes)
        for value in attributes.values():
            # NumPy's public functions wrap the Python function that does the work
            for function in (value, *(getattr(value, a, None) for a in WRAPPED)):
                if isinstance(function, types.FunctionType):
                    functions[id(function)] = function
    _functions.extend((f, tuple(getattr(f, a) for a in FUNCTION_STATE)) for f in functions.values())
    for spec in specs.SPECS.values():
        if dataclasses.is_dataclass(spec):
            _objects.append((spec, dict(vars(spec))))
    _mappings.append((specs.SPECS, dict(specs.SPECS)))
    for name, (module, _) in _modules.items():
        if name.split(".")[0] == "nnlib":
            module.__class__ = ReadOnlyModule
    sys.addaudithook(_restore_before_hidden_tests)


def _restore_before_hidden_tests(event: str, args: tuple) -> None:
    if event != "compile":
        return
    source = args[0]  # the source as bytes (or str), or an AST
    if isinstance(source, bytes | str) and _MARKERS[type(source)] in source:
        restore()


def restore() -> list[str]:
    """Put back every recorded module, attribute, function and spec that was changed.

    Returns the names put back (empty when nothing was touched, or ``seal`` never ran).
    """
    replaced = []
    for name, (module, attributes) in _modules.items():
        if sys.modules.get(name) is not module:
            sys.modules[name] = module
            replaced.append(name)
        current = vars(module)
        for attribute, value in attributes.items():
            if current.get(attribute, _MISSING) is not value:
                current[attribute] = value
                replaced.append(f"{name}.{attribute}")
    for function, state in _functions:
        for attribute, value in zip(FUNCTION_STATE, state, strict=True):
            if getattr(function, attribute) is not value:
                setattr(function, attribute, value)
                replaced.append(f"{function.__qualname__}.{attribute}")
    for instance, fields in _objects:
        for field, value in fields.items():
            if vars(instance).get(field, _MISSING) is not value:
                object.__setattr__(instance, field, value)
                replaced.append(f"{type(instance).__name__}.{field}")
    for mapping, recorded in _mappings:
        if mapping.keys() != recorded.keys() or any(
            mapping[k] is not v for k, v in recorded.items()
        ):
            mapping.clear()
            mapping.update(recorded)
            replaced.append("nnlib.grading_specs.SPECS")
    return replaced
