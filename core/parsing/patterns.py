"""Regular expressions compiled when first used, not when their module is imported.

warta's parsers hold several hundred patterns, most of them particular to one portal; a run
reads pages of a few portals, and compiling every portal's patterns at import cost more than
the first parse itself. :func:`lazy_compile` (``warta.textkit.lazy_compile`` for plugin
authors) is written where ``re.compile`` would be, at module level. It returns a
:class:`LazyPattern`, which compiles the pattern the first time one of its methods is looked
up. Then, so that a hot loop pays nothing per call:

- the module-level names that held it (in the module that called ``lazy_compile``) are given
  the compiled pattern itself, so the module's own code calls ``re.Pattern`` methods directly;
- wherever else it is held (a tuple, a class attribute, another module's import, a
  :class:`~warta.boilerplate.Boilerplate`), its methods are the compiled pattern's bound
  methods, kept in slots: one attribute lookup, no Python code in between.
"""

from __future__ import annotations

import re
import sys
from typing import Any

#: The methods of a compiled pattern, bound once it is compiled.
_METHODS = ("match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer",
            "scanner")


class LazyPattern:
    """A ``re.Pattern`` compiled on first use (made by :func:`lazy_compile`): ``match``,
    ``search``, ``sub`` … and ``flags``, ``groups``, ``groupindex`` as ``re.compile(pattern,
    flags)`` would give them. ``pattern`` is there without compiling (to build a larger
    pattern from it). Until it is used the object is a ``_Waiting`` one, whose methods
    compile; compiling fills the slots with the compiled pattern's bound methods and makes it
    a ``_Compiled`` one, where they are plain slots.

    >>> word = lazy_compile(r"\\w+")
    >>> word.findall("dua kata")
    ['dua', 'kata']
    """

    __slots__ = ("pattern", "_flags", "_home", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0, home: dict[str, Any] | None = None) -> None:
        self.pattern = pattern
        self._flags = flags
        self._home = home

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if type(self) is _Compiled:
            return self._compiled
        compiled = re.compile(self.pattern, self._flags)
        for name in _METHODS:
            _SLOTS[name].__set__(self, getattr(compiled, name))
        self._compiled = compiled
        self.__class__ = _Compiled
        home, self._home = self._home, None
        if home is not None:  # the defining module's names now hold the compiled pattern
            for name in [name for name, value in home.items() if value is self]:
                home[name] = compiled
        return compiled

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return _Waiting, (self.pattern, self._flags)

    def __copy__(self) -> LazyPattern:
        return self  # as a compiled pattern: immutable, so a copy is itself

    def __deepcopy__(self, memo: dict[int, Any]) -> LazyPattern:
        return self

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}{', ' + str(self._flags) if self._flags else ''})"


#: The slots of the methods (LazyPattern's own descriptors, which _Waiting hides).
_SLOTS = {name: LazyPattern.__dict__[name] for name in _METHODS}


class _Waiting(LazyPattern):
    """A LazyPattern not compiled yet: looking up a method compiles it."""

    __slots__ = ()


class _Compiled(LazyPattern):
    """A LazyPattern compiled: its methods are the slots, filled."""

    __slots__ = ()


def _compiling(name: str) -> property:
    def method(self: LazyPattern) -> Any:
        self.compiled()
        return getattr(self, name)  # now the slot
    return property(method, doc=f"``re.Pattern.{name}``, compiling the pattern first.")


for _name in _METHODS:
    setattr(_Waiting, _name, _compiling(_name))


#: What a parser may give where a pattern is asked for: compiled, or compiled on first use.
AnyPattern = re.Pattern[str] | LazyPattern


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, done when the pattern is first used (see the module).
    Write it at module level: the calling module's names that hold it are given the compiled
    pattern once it is compiled."""
    return _Waiting(pattern, flags, sys._getframe(1).f_globals)
