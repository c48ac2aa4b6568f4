"""Compact record base for every stage's objects.

A record is a __slots__ class whose fields are declared once (name -> default); the same
declaration gives construction, plain-data snapshots (default-valued fields left out) and
restore. Knows nothing of the shell.
"""
from __future__ import annotations

from datetime import datetime
from operator import attrgetter


_SCALARS = frozenset({str, int, float, bool, type(None), datetime})


def plain_copy(value):
    """Deep copy of plain data (dict/list/tuple/set/scalars); sets become sorted lists.
    Scalar leaves are copied inline, not by a call each: snapshots are mostly leaves."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _SCALARS else plain_copy(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _SCALARS else plain_copy(v) for v in value]
    if kind in _SCALARS:
        return value
    if isinstance(value, dict):
        return {k: plain_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_copy(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain_copy(v) for v in value)
    return value


_MISSING = object()


class Record:
    """Base: subclasses set FIELDS = {'name': default} and __slots__ = tuple(FIELDS).
    A mutable default is given as its type (list or dict) so every record gets its own."""

    __slots__ = ()
    FIELDS: dict = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._plain = tuple((n, d) for n, d in cls.FIELDS.items() if d is not list and d is not dict)
        cls._mutable = tuple((n, d) for n, d in cls.FIELDS.items() if d is list or d is dict)
        cls._names = frozenset(cls.FIELDS)
        # one C call reads every field (snapshots read 100,000s of records)
        cls._read_plain = attrgetter(*(n for n, _d in cls._plain)) if len(cls._plain) > 1 \
            else (lambda r: tuple(getattr(r, n) for n, _d in cls._plain))
        cls._read_mutable = attrgetter(*(n for n, _d in cls._mutable)) \
            if len(cls._mutable) > 1 else (lambda r: tuple(getattr(r, n) for n, _d in cls._mutable))

    def __init__(self, **values):
        if not self._names.issuperset(values):
            raise TypeError(f"{type(self).__name__}: unknown fields "
                            f"{sorted(set(values) - self._names)}")
        get = values.get
        for name, default in self._plain:
            setattr(self, name, get(name, default))
        for name, factory in self._mutable:
            value = get(name, _MISSING)
            setattr(self, name, factory() if value is _MISSING else value)

    def to_data(self) -> dict:
        """Plain data holding only the fields that differ from their defaults (compact)."""
        out = {}
        for (name, default), value in zip(self._plain, self._read_plain(self)):
            if value is not default and value != default:
                out[name] = value if type(value) in _SCALARS else plain_copy(value)
        for (name, _factory), value in zip(self._mutable, self._read_mutable(self)):
            if value:
                out[name] = plain_copy(value)
        return out

    @classmethod
    def from_data(cls, data: dict):
        names = cls._names
        known = {k: v if type(v) in _SCALARS else plain_copy(v)
                 for k, v in data.items() if k in names}
        return cls(**known)

    def __repr__(self):
        key = next(iter(self.FIELDS))
        return f"<{type(self).__name__} {getattr(self, key)!r}>"


__all__ = ["Record", "plain_copy"]
