"""Keep the checks' world out of the student's reach inside one Python interpreter.

The student's code and the checks share one interpreter (in the browser there is one Pyodide
per page), so student code can change what the checks use: ``np.allclose = lambda *a: True``,
``builtins.abs = ...``, ``course.engine.checking.Trial.expect_close = ...``, ``np.seterr(all="ignore")``.
:class:`SharedModules` takes a snapshot of every loaded module before the student's code runs,
and :meth:`SharedModules.student` wraps the student's function so that:

- while the student's code runs it sees its own changes (as if it ran alone);
- whenever the checks run, every module, every class and function of the course's own
  modules, NumPy's error state and the warning filters are exactly as they were before.

What the student changed is reported (:attr:`SharedModules.changed`), so the report can say
"your code changed numpy.allclose; the checks used the original".

Not a security boundary: code that walks stack frames or the garbage collector can still reach
objects the checks hold. The checks are feedback for a learner; the ``course check`` command
gives each submission its own process.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import operator
import os
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

_MISSING = object()
_OWN_MODULES = ("course.",)  # classes and functions here get a deeper snapshot


def _refuse(name: str) -> Callable[..., Any]:
    def refused(*args: Any, **kwargs: Any) -> None:
        raise SystemExit(f"{name}() would end Python itself (in the browser, the whole page's "
                         "Python); a function hands back its answer with `return`.")

    refused.__qualname__ = refused.__name__ = name.rsplit(".", 1)[-1]
    return refused


# Calls that would kill the interpreter (and, in pytest, the test run) instead of raising:
# while the student's code runs they raise SystemExit with an explanation.
_PROCESS_ENDERS = {"_exit": _refuse("os._exit"), "abort": _refuse("os.abort")}
_ORIGINAL_ENDERS = {name: getattr(os, name) for name in _PROCESS_ENDERS}


_code = operator.attrgetter("__code__")
_defaults = operator.attrgetter("__defaults__")
_kwdefaults = operator.attrgetter("__kwdefaults__")


def _functions() -> list[tuple[str, types.FunctionType]]:
    """Python functions whose code could be swapped: every module-level function (NumPy's
    public functions are dispatchers wrapping one in ``_implementation``) and the methods of
    the course's own classes. Cached while no module is added: it is a walk over everything."""
    if _FUNCTIONS.get("modules") == len(sys.modules):
        return _FUNCTIONS["found"]
    found: dict[int, tuple[str, types.FunctionType]] = {}
    for name, module in list(sys.modules.items()):
        if not isinstance(module, types.ModuleType):
            continue
        own = name.startswith(_OWN_MODULES)
        for attr, value in list(vars(module).items()):
            members: list[tuple[str, Any]] = [(attr, value)]
            if own and isinstance(value, type) and value.__module__ == name:
                members = [(f"{attr}.{k}", v) for k, v in vars(value).items()]
            elif not isinstance(value, type):
                members.append((attr, getattr(value, "_implementation", None)))
            for label, func in members:
                if isinstance(func, types.FunctionType):
                    found.setdefault(id(func), (f"{name}.{label}", func))
    _FUNCTIONS.update(modules=len(sys.modules), found=list(found.values()))
    return _FUNCTIONS["found"]


_FUNCTIONS: dict[str, Any] = {}  # mutated, never rebound: a rebound global would look like a change

# Setting a function's __code__, __defaults__ or __kwdefaults__ raises the audit event
# "object.__setattr__" (PEP 578; CPython and Pyodide alike), and setting one to None or deleting
# it "object.__delattr__". Whether one was raised since the snapshot tells restore() if the
# ~2,000 functions need comparing at all: the comparison is half of a restore (1 ms in Pyodide),
# and a restore follows every call of the student's function. The hook is a dict's __setitem__,
# so it costs no Python call per event (reading __code__ and calling id() are audited too): each
# event stores its fresh args tuple under its name, and a new tuple means a new event. The dict
# lives in a closure, out of reach of student code that rebinds names (as deep as a frame trick).
# A kwdefaults dict changed in place raises no event: it is compared every time. Audit hooks
# cannot be removed.
def _watch_function_slots() -> Callable[[], tuple[Any, Any]]:
    last: dict[str, tuple[Any, ...]] = {}
    sys.addaudithook(last.__setitem__)
    return lambda: (last.get("object.__setattr__"), last.get("object.__delattr__"))


_slot_events = _watch_function_slots()


def _set_path(entries: list[str]) -> None:
    sys.path[:] = entries


def _set_environ(saved: dict[str, str]) -> None:
    os.environ.clear()
    os.environ.update(saved)


def _set_gc(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()


# Interpreter-wide settings that are not a module's attribute (so the namespace snapshot does not
# see them): what one job sets here must not reach the next job, in this exercise or another.
_SETTINGS: tuple[tuple[str, Callable[[], Any], Callable[[Any], None]], ...] = (
    ("numpy's print options (np.set_printoptions)", np.get_printoptions,
     lambda options: np.set_printoptions(**options)),
    ("the recursion limit (sys.setrecursionlimit)", sys.getrecursionlimit, sys.setrecursionlimit),
    ("the integer string limit (sys.set_int_max_str_digits)", sys.get_int_max_str_digits,
     sys.set_int_max_str_digits),
    ("the working directory (os.chdir)", os.getcwd, os.chdir),
    ("sys.path", lambda: list(sys.path), _set_path),
    ("os.environ", lambda: dict(os.environ), _set_environ),
    ("the garbage collector (gc.disable)", gc.isenabled, _set_gc),
)


class SharedModules:
    """A snapshot of what the checks rely on; see the module docstring.

    Every module namespace (and ``sys.modules``) is kept as flat tuples of its keys and values,
    so "has anything changed?" is two passes in C over some 15,000 entries, with no Python call
    per entry; only when something did change are the entries looked at one by one. Functions
    are compared only when an audit event says one's code or defaults were set.

    A snapshot can serve the next job too (:meth:`forget_student`): after :meth:`restore` the
    world is the snapshot again, as long as nothing else ran in between and no module was
    imported since (:meth:`covers_every_module`).
    """

    def __init__(self) -> None:
        self.module_count = len(sys.modules)
        self.spaces: list[tuple[str, dict]] = [("sys.modules", sys.modules)]
        self.spaces += [(name, module.__dict__) for name, module in list(sys.modules.items())
                        if isinstance(module, types.ModuleType) and name != "warnings"]
        self.dicts = tuple(space for _, space in self.spaces)
        self._freeze()
        # warnings is compared name by name: a check's catch_warnings() swaps its filter list.
        self.warnings_saved = {k: v for k, v in vars(warnings).items() if k != "filters"}
        # The course's own classes: their methods are what the checks call (Trial.expect_close).
        self.classes = [(f"{name}.{cls.__qualname__}", cls, dict(vars(cls)))
                        for name, module in list(sys.modules.items())
                        if name.startswith(_OWN_MODULES) and isinstance(module, types.ModuleType)
                        for cls in list(vars(module).values())
                        if isinstance(cls, type) and cls.__module__ == name]
        named = _functions()
        self.function_labels = [label for label, _ in named]
        self.functions = tuple(func for _, func in named)
        self.codes = tuple(map(_code, self.functions))
        self.defaults = tuple(map(_defaults, self.functions))
        self.kwdefaults = tuple(map(_kwdefaults, self.functions))
        # Keyword-only defaults live in a dict that can be changed in place: keep its contents.
        self.kw_saved = [(index, dict(kw)) for index, kw in enumerate(self.kwdefaults) if kw]
        self.kw_values = tuple(itertools.chain.from_iterable(kw.values() for _, kw in self.kw_saved))
        self.slot_events = _slot_events()
        self.errstate = np.geterr()
        self.settings = [get() for _, get, _ in _SETTINGS]
        self.filters = list(warnings.filters)
        self.forget_student()

    def forget_student(self) -> SharedModules:
        """Start a new job from this snapshot: no student changes remembered, none reported."""
        self.student_settings: dict[int, Any] = {}  # index in _SETTINGS → the student's value
        self.student_entries: dict[tuple[int, str], Any] = {}  # (space, name) → student's value
        self.student_attrs: dict[tuple[Any, str], Any] = {}
        self.student_functions: dict[int, tuple[Any, Any, Any]] = {}
        self.student_kwdefaults: dict[int, dict[str, Any]] = {}
        self.student_errstate: dict[str, str] | None = None
        self.changed: set[str] = set()
        return self

    def covers_every_module(self) -> bool:
        """No module was imported since the snapshot (a new one's namespace is not in it)."""
        return len(sys.modules) == self.module_count

    def _freeze(self) -> None:
        """Take the picture of every namespace as it is now."""
        self.lens = tuple(map(len, self.dicts))
        self.keys = tuple(itertools.chain.from_iterable(self.dicts))
        self.values = tuple(itertools.chain.from_iterable(map(dict.values, self.dicts)))

    def _entries_unchanged(self) -> bool:
        now = itertools.chain.from_iterable(map(dict.values, self.dicts))
        return tuple(map(len, self.dicts)) == self.lens and all(map(operator.is_, now, self.values))

    # -- switching worlds -----------------------------------------------------------------
    def restore(self, errstate: dict[str, str] | None = None,
                filters: list[Any] | None = None) -> None:
        """Back to the snapshot, remembering what the student's code changed.

        NumPy's error state and the warning filters go back to ``errstate``/``filters`` (the
        state when the student's code was entered; a check may have set its own) or else to
        the snapshot's.
        """
        for name, guard in _PROCESS_ENDERS.items():
            if getattr(os, name, None) is guard:
                setattr(os, name, _ORIGINAL_ENDERS[name])
        if not self._entries_unchanged():
            self._restore_entries()
        for key, value in self.warnings_saved.items():
            if vars(warnings).get(key, _MISSING) is not value:
                self.student_attrs[(warnings, key)] = vars(warnings).get(key, _MISSING)
                self.changed.add(f"warnings.{key}")
                setattr(warnings, key, value)
        for label, cls, saved in self.classes:
            if len(vars(cls)) != len(saved) or any(vars(cls).get(k, _MISSING) is not v
                                                   for k, v in saved.items()):
                self._restore_class(label, cls, saved)
        if not self._functions_unchanged():
            self._restore_functions()
        self.slot_events = _slot_events()  # the functions are the snapshot's again
        for index, (label, get, put) in enumerate(_SETTINGS):
            now = get()
            if now != self.settings[index]:
                self.student_settings[index] = now
                self.changed.add(label)
                put(self.settings[index])
        errstate = errstate or self.errstate
        if np.geterr() != errstate:
            self.student_errstate = np.geterr()
            self.changed.add("numpy's error handling (np.seterr)")
            np.seterr(**errstate)
        filters = self.filters if filters is None else filters
        if warnings.filters != filters:
            warnings.filters[:] = filters
            warnings._filters_mutated()  # type: ignore[attr-defined]

    def _restore_entries(self) -> None:
        start = 0
        for index, ((label, space), count) in enumerate(zip(self.spaces, self.lens, strict=True)):
            keys = self.keys[start:start + count]
            values = self.values[start:start + count]
            start += count
            for key, value in zip(keys, values, strict=True):
                now = space.get(key, _MISSING)
                if now is value:
                    continue
                self.student_entries[(index, key)] = now
                self.changed.add(f"sys.modules[{key!r}]" if space is sys.modules else f"{label}.{key}")
                space[key] = value
        # Names added since (a lazily imported submodule, a student's new helper) cannot
        # change what the checks compute: they join the picture, so the next look is fast.
        self._freeze()

    def _restore_class(self, label: str, cls: type, saved: dict[str, Any]) -> None:
        for key in set(vars(cls)) | set(saved):
            now, then = vars(cls).get(key, _MISSING), saved.get(key, _MISSING)
            if now is then:
                continue
            self.student_attrs[(cls, key)] = now
            self.changed.add(f"{label}.{key}")
            _put_attr(cls, key, then)

    def _functions_unchanged(self) -> bool:
        if all(map(operator.is_, _slot_events(), self.slot_events)):  # nothing set or deleted
            return self._kwdefaults_unchanged()
        return (all(map(operator.is_, map(_code, self.functions), self.codes))
                and all(map(operator.is_, map(_defaults, self.functions), self.defaults))
                and all(map(operator.is_, map(_kwdefaults, self.functions), self.kwdefaults))
                and self._kwdefaults_unchanged())

    def _kwdefaults_unchanged(self) -> bool:
        kws = [self.kwdefaults[index] for index, _ in self.kw_saved]
        return (all(len(kw) == len(saved) for kw, (_, saved) in zip(kws, self.kw_saved, strict=True))
                and all(map(operator.is_, itertools.chain.from_iterable(kw.values() for kw in kws),
                            self.kw_values)))

    def _restore_functions(self) -> None:
        for index, saved_kw in self.kw_saved:
            kw = self.kwdefaults[index]
            if kw is not None and (kw.keys() != saved_kw.keys()
                                   or any(kw[k] is not v for k, v in saved_kw.items())):
                self.student_kwdefaults[index] = dict(kw)
                self.changed.add(f"{self.function_labels[index]} (its keyword defaults)")
                kw.clear()
                kw.update(saved_kw)
        for index, func in enumerate(self.functions):
            saved = (self.codes[index], self.defaults[index], self.kwdefaults[index])
            now = (func.__code__, func.__defaults__, func.__kwdefaults__)
            if all(map(operator.is_, now, saved)):
                continue
            self.student_functions[index] = now
            self.changed.add(f"{self.function_labels[index]} (its code)")
            func.__code__, func.__defaults__, func.__kwdefaults__ = saved

    def replay(self) -> None:
        """Enter the student's world: their own earlier changes, and os._exit made harmless."""
        for name, guard in _PROCESS_ENDERS.items():
            setattr(os, name, guard)
        for (index, key), value in self.student_entries.items():
            space = self.dicts[index]
            if value is _MISSING:
                space.pop(key, None)
            else:
                space[key] = value
        for (cls, key), value in self.student_attrs.items():
            _put_attr(cls, key, value)
        for index, kw in self.student_kwdefaults.items():
            self.kwdefaults[index].clear()
            self.kwdefaults[index].update(kw)
        for index, (code, defaults, kwdefaults) in self.student_functions.items():
            func = self.functions[index]
            func.__code__, func.__defaults__, func.__kwdefaults__ = code, defaults, kwdefaults
        for index, value in self.student_settings.items():
            _SETTINGS[index][2](value)
        if self.student_errstate is not None:
            np.seterr(**self.student_errstate)

    @contextlib.contextmanager
    def student_code(self) -> Iterator[None]:
        """Run a block in the student's world; the checks' world is back when it ends."""
        errstate, filters = np.geterr(), list(warnings.filters)  # a check's own settings
        self.replay()
        try:
            yield
        finally:
            self.restore(errstate, filters)

    def student(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """``func`` running in the student's world (for the checks to call)."""

        @functools.wraps(func)
        def in_student_world(*args: Any, **kwargs: Any) -> Any:
            with self.student_code():
                return func(*args, **kwargs)

        return in_student_world

    def note(self) -> str | None:
        """A line for the report when the student's code changed shared modules."""
        if not self.changed:
            return None
        names = sorted(self.changed)
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        return (f"Your code changed {shown}. The checks ran with the originals: changes to "
                "NumPy, built-ins or the course's modules only apply inside your own code.")


def _put_attr(owner: Any, key: str, value: Any) -> None:
    if value is _MISSING:
        delattr(owner, key)
    else:
        setattr(owner, key, value)
