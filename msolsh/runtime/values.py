"""The shapes PowerShell values take in Python.

$null -> None, [bool] -> bool, [int]/[long] -> int, [double] -> float, [decimal] -> Decimal,
[string] -> str, object[] -> list, script blocks -> runtime.scriptblock.ScriptBlock.
Hashtables and objects with properties are the two classes below. Nothing here knows the
tenant: cmdlets build PSObjects with the real type names and property names.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, List, Optional, Tuple


def _fold(key: Any) -> Any:
    return key.lower() if isinstance(key, str) else key


class PSHashtable:
    """@{} and [ordered]@{}: string keys compare case-insensitively, insertion order is kept
    (for plain hashtables pwsh's order is a hash order; keeping insertion order makes output
    deterministic, and is documented as a simplification)."""

    __slots__ = ("_items", "ordered")

    def __init__(self, pairs: Iterable[Tuple[Any, Any]] = (), ordered: bool = False):
        self._items: dict = {}
        self.ordered = ordered
        for key, value in pairs:
            self[key] = value

    def __getitem__(self, key: Any) -> Any:
        entry = self._items.get(_fold(key))
        return None if entry is None else entry[1]

    def __setitem__(self, key: Any, value: Any) -> None:
        folded = _fold(key)
        entry = self._items.get(folded)
        self._items[folded] = (entry[0] if entry else key, value)

    def __delitem__(self, key: Any) -> None:
        self._items.pop(_fold(key), None)

    def __contains__(self, key: Any) -> bool:
        return _fold(key) in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        return (k for k, _ in self._items.values())

    def __eq__(self, other: Any) -> bool:
        return self is other

    __hash__ = object.__hash__

    def add(self, key: Any, value: Any) -> bool:
        """.Add(): False when the key exists (the caller raises pwsh's duplicate-key error)."""
        if _fold(key) in self._items:
            return False
        self[key] = value
        return True

    def keys(self) -> List[Any]:
        return [k for k, _ in self._items.values()]

    def values(self) -> List[Any]:
        return [v for _, v in self._items.values()]

    def items(self) -> List[Tuple[Any, Any]]:
        return list(self._items.values())

    def copy(self) -> "PSHashtable":
        return PSHashtable(self.items(), self.ordered)

    def __repr__(self) -> str:
        return f"PSHashtable({self.items()!r})"


PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


class PSObject:
    """An object with named properties and a list of type names (most specific first).

    [pscustomobject]@{} makes one with type_names [PSCustomObject, System.Object]; cmdlets make
    them with their real type names ('Microsoft.Online.Administration.User', ...), which pick the
    formatting view. Property names are case-insensitive, order is kept."""

    __slots__ = ("_props", "type_names")

    def __init__(self, properties: Iterable[Tuple[str, Any]] = (),
                 type_names: Optional[List[str]] = None):
        self._props: dict = {}
        self.type_names: List[str] = list(type_names) if type_names else [PSCUSTOMOBJECT, "System.Object"]
        for name, value in properties:
            self._props[name.lower()] = (name, value)

    @classmethod
    def from_dict(cls, values: dict, type_name: Optional[str] = None) -> "PSObject":
        names = [type_name, "System.Object"] if type_name else None
        return cls(values.items(), names)

    @property
    def type_name(self) -> str:
        return self.type_names[0]

    def has(self, name: str) -> bool:
        return name.lower() in self._props

    def get(self, name: str, default: Any = None) -> Any:
        entry = self._props.get(name.lower())
        return default if entry is None else entry[1]

    def set(self, name: str, value: Any) -> None:
        """Set an existing property, or add a note property at the end."""
        entry = self._props.get(name.lower())
        self._props[name.lower()] = (entry[0] if entry else name, value)

    def remove(self, name: str) -> None:
        self._props.pop(name.lower(), None)

    def property_names(self) -> List[str]:
        return [n for n, _ in self._props.values()]

    def properties(self) -> List[Tuple[str, Any]]:
        return list(self._props.values())

    def __repr__(self) -> str:
        return f"PSObject({self.type_name}, {self.properties()!r})"
