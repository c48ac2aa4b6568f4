"""Select-Object, Sort-Object, Group-Object and Compare-Object: the cmdlets that pick, order
and match objects by property values.

Ordering and equality follow pwsh's ObjectCommandComparer: the right value is converted to the
left's type, strings compare case-insensitively unless -CaseSensitive, $null sorts first and a
value that cannot be converted compares by its string form. Nothing here knows the tenant.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Iterable, List, Tuple

from msolsh.cmdlets.core.objects import (UTILITY, as_list, invoker, rethrow_as,
                                         stop_upstream)
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.formatting.cells import plain_text
from msolsh.runtime.formatting.props import (SELECT_KEYS, SORT_KEYS, PropertySpec, get_property,
                                             has_property, parse_specs, type_names_of)
from msolsh.runtime.values import PSCUSTOMOBJECT, PSObject

MISSING = object()


# --- comparison ----------------------------------------------------------------------------

def compare_values(a: Any, b: Any, case_sensitive: bool = False) -> int:
    """-1, 0 or 1 as Sort-Object orders two values."""
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    if isinstance(a, str) and isinstance(b, str):
        return _compare_text(a, b, case_sensitive)
    from msolsh.runtime.operators import compare
    try:
        return compare(a, b, not case_sensitive)
    except PSRuntimeException:
        return _compare_text(plain_text(a), plain_text(b), case_sensitive)


def _compare_text(a: str, b: str, case_sensitive: bool) -> int:
    x, y = a.lower(), b.lower()
    if x == y and case_sensitive:
        x, y = a.swapcase(), b.swapcase()   # culture order: 'a' before 'A'
    return (x > y) - (x < y)


def equal_values(a: Any, b: Any, case_sensitive: bool = False) -> bool:
    if isinstance(a, PSObject) or isinstance(b, PSObject):
        return _compare_text(plain_text(a), plain_text(b), case_sensitive) == 0 if \
            a is not None and b is not None else a is b
    return compare_values(a, b, case_sensitive) == 0


def key_values(cmd: Cmdlet, specs: List[PropertySpec], item: Any) -> List[Any]:
    """The values Sort/Group/Compare key on; MISSING when a named property does not exist."""
    if not specs:
        return [item]
    invoke = invoker(cmd)
    values = []
    for spec in specs:
        if not spec.is_calculated and not has_property(item, spec.pattern) \
                and get_property(item, spec.pattern) is None:
            values.append(MISSING)
        else:
            values.append(spec.value(item, invoke))
    return values


def _specs(cmd: Cmdlet, value: Any, keys: Tuple[str, ...]) -> List[PropertySpec]:
    try:
        return parse_specs(value, keys)
    except PSRuntimeException as exc:
        rethrow_as(cmd, exc)
        return []


def _wildcard_specs(specs: List[PropertySpec], sample: Any) -> List[PropertySpec]:
    out: List[PropertySpec] = []
    for spec in specs:
        expanded = spec.expand(sample) if sample is not None else [(spec.name, spec)]
        out.extend(target for _, target in expanded)
    return out


# --- Select-Object -------------------------------------------------------------------------

@cmdlet("Select-Object", module=UTILITY, aliases=("select",), default_set="DefaultParameter")
class SelectObject(Cmdlet):
    """Selects objects or object properties.

    With -Property, each input object becomes a new object with just those properties
    (wildcards and calculated properties `@{Name='X'; Expression={...}}` allowed); its type name
    is Selected.<original type>, so the original type's table view no longer applies.
    -ExpandProperty outputs the values of one property instead; -First, -Last, -Skip, -Index
    and -Unique pick objects by position. -First stops the commands before it early."""
    examples = [
        Example("1..10 | Select-Object -First 3", "Gets the first three numbers."),
        Example("[pscustomobject]@{Name='Ada'; Age=36; City='London'} | Select-Object Name, "
                "@{Name='Years'; Expression={$_.Age}}", "Picks a property and a calculated one."),
        Example("[pscustomobject]@{Name='Ada'; Roles='Admin','User'} | Select-Object "
                "-ExpandProperty Roles", "Outputs the values of the Roles property."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to select from.")
    Property = Parameter("object[]", position=0, set=("DefaultParameter", "SkipLastParameter"),
                         help="Specifies the properties to select.")
    ExcludeProperty = Parameter("string[]", set=("DefaultParameter", "SkipLastParameter"),
                                help="Specifies properties to leave out.")
    ExpandProperty = Parameter("string", set=("DefaultParameter", "SkipLastParameter"),
                               help="Specifies a property whose values are output instead.")
    Unique = Switch(help="Outputs only one of several identical objects (case-sensitive).")
    Last = Parameter("int", set="DefaultParameter", validate_range=(0, 2**31 - 1),
                     help="Specifies how many objects to take from the end.")
    First = Parameter("int", set="DefaultParameter", validate_range=(0, 2**31 - 1),
                      help="Specifies how many objects to take from the start.")
    Skip = Parameter("int", set="DefaultParameter", validate_range=(0, 2**31 - 1),
                     help="Skips this many objects from the start.")
    SkipLast = Parameter("int", set="SkipLastParameter", validate_range=(0, 2**31 - 1),
                         help="Skips this many objects from the end.")
    Index = Parameter("int[]", set="IndexParameter", help="Selects objects by position (0-based).")
    Wait = Switch(set="DefaultParameter", help="Turns off the early stop of -First.")

    def begin(self) -> None:
        self._specs = _specs(self, self.Property, SELECT_KEYS)
        self._excluded = as_list(self.ExcludeProperty)
        self._seen: List[Any] = []
        self._count = 0           # input objects seen
        self._emitted = 0         # objects written
        self._kept: List[Any] = []
        self._wanted = set(as_list(self.Index))
        self._done = False
        self._buffering = self.is_bound("Last") or self.is_bound("SkipLast")

    def process(self) -> Iterable[Any]:
        if not self.is_bound("InputObject") or self._done:
            return
        item, position = self.InputObject, self._count
        self._count += 1
        if self.is_bound("Index"):
            if position in self._wanted:
                yield from self._emit(item)
            return
        if self._buffering:
            # -First with -Last writes the first N now and the last N at the end
            if self.is_bound("First") and self._emitted < self.First:
                yield from self._emit(item)
            else:
                self._kept.append(item)
            return
        if self.Skip and position < self.Skip:
            return
        yield from self._emit(item)
        if self.is_bound("First") and self._emitted >= self.First:
            self._done = True
            if not self.Wait:
                stop_upstream()

    def end(self) -> Iterable[Any]:
        kept = self._kept
        if self.is_bound("SkipLast"):
            kept = kept[:max(len(kept) - self.SkipLast, 0)]
        elif self.is_bound("Last"):
            # with -Last, -Skip counts from the end, as pwsh documents
            kept = kept[:max(len(kept) - (self.Skip or 0), 0)]
            kept = kept[len(kept) - self.Last:] if self.Last else []
        for item in kept:
            yield from self._emit(item, limit=False)

    def _emit(self, item: Any, limit: bool = True) -> Iterable[Any]:
        if limit and self.is_bound("First") and self._emitted >= self.First:
            return
        for out in self._transform(item):
            if self.Unique:
                if any(_same_selected(out, seen) for seen in self._seen):
                    continue
                self._seen.append(out)
            self._emitted += 1
            yield out

    def _transform(self, item: Any) -> List[Any]:
        if self.ExpandProperty is not None:
            return self._expand(item)
        if not self._specs and not self._excluded:
            return [item]
        return [self._selected(item)]

    def _selected(self, item: Any) -> PSObject:
        pairs: List[Tuple[str, Any]] = []
        invoke = invoker(self)
        specs = self._specs or parse_specs("*")
        for spec in specs:
            for name, target in spec.expand(item):
                if any(_matches(p, name) for p in self._excluded) \
                        or any(n.lower() == name.lower() for n, _ in pairs):
                    continue
                pairs.append((name, target.value(item, invoke)))
        return PSObject(pairs, ["Selected." + type_names_of(item)[0], PSCUSTOMOBJECT, "System.Object"])

    def _expand(self, item: Any) -> List[Any]:
        name = self.ExpandProperty
        if not has_property(item, name) and get_property(item, name) is None:
            self.write_error(self.error_record(f'Property "{name}" cannot be found.',
                                               "ExpandPropertyNotFound", "InvalidArgument",
                                               target=item,
                                               exception_type="System.Management.Automation.PSArgumentException"))
            return []
        value = get_property(item, name)
        values = value if isinstance(value, list) else [value]
        if self._specs and isinstance(value, PSObject):
            extra = self._selected(item)
            for prop, v in extra.properties():
                value.set(prop, v)
        return list(values)


def _matches(pattern: str, name: str) -> bool:
    from msolsh.runtime.formatting.props import matches_wildcard
    return matches_wildcard(pattern, name)


def _same_selected(a: Any, b: Any) -> bool:
    if isinstance(a, PSObject) and isinstance(b, PSObject):
        pa, pb = a.properties(), b.properties()
        return len(pa) == len(pb) and all(
            x[0].lower() == y[0].lower() and equal_values(x[1], y[1], True) for x, y in zip(pa, pb))
    return equal_values(a, b, True)


# --- Sort-Object ---------------------------------------------------------------------------

@cmdlet("Sort-Object", module=UTILITY, aliases=("sort",), default_set="Default")
class SortObject(Cmdlet):
    """Sorts objects by property values.

    Keys are property names, script blocks or hashtables such as
    `@{Expression='Name'; Descending=$true}`; later keys break ties of earlier ones. Strings sort
    case-insensitively unless -CaseSensitive; $null sorts first; equal objects keep their order."""
    examples = [
        Example("3, 1, 2 | Sort-Object", "Sorts numbers ascending."),
        Example("'b', 'A', 'c' | Sort-Object -Descending", "Sorts strings descending."),
        Example("@([pscustomobject]@{N='x'; V=2}, [pscustomobject]@{N='y'; V=1}) | "
                "Sort-Object @{Expression='V'; Descending=$false}, N", "Sorts by two keys."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to sort.")
    Property = Parameter("object[]", position=0, help="Specifies the sort keys.")
    Descending = Switch(help="Sorts in descending order.")
    Unique = Switch(help="Removes duplicates from the sorted output.")
    CaseSensitive = Switch(help="Sorts upper and lower case apart.")
    Culture = Parameter("string", help="Accepted for compatibility; msolsh sorts as en-US.")
    Stable = Switch(set="Default", help="Accepted; the sort is always stable.")
    Top = Parameter("int", set="Top", mandatory=True, help="Outputs only the first N sorted objects.")
    Bottom = Parameter("int", set="Bottom", mandatory=True, help="Outputs only the last N sorted objects.")

    def begin(self) -> None:
        self._items: List[Any] = []
        self._specs = _specs(self, self.Property, SORT_KEYS)

    def process(self) -> None:
        if self.is_bound("InputObject") and self.InputObject is not None:
            self._items.append(self.InputObject)
        elif self.is_bound("InputObject"):
            self._items.append(None)

    def end(self) -> Iterable[Any]:
        items = self._items
        if not items:
            return
        specs = _wildcard_specs(self._specs, items[0] if isinstance(items[0], PSObject) else None)
        keyed = [(key_values(self, specs, item), item) for item in items]
        directions = [self._descending(spec) for spec in specs] or [bool(self.Descending)]
        cmp = functools.partial(_compare_keys, directions=directions,
                                case_sensitive=bool(self.CaseSensitive))
        keyed.sort(key=functools.cmp_to_key(lambda a, b: cmp(a[0], b[0])))
        if self.Unique:
            keyed = _unique(keyed, cmp)
        result = [item for _, item in keyed]
        if self.is_bound("Top"):
            result = result[:self.Top]
        elif self.is_bound("Bottom"):
            result = result[len(result) - self.Bottom:] if self.Bottom else []
        yield from result

    def _descending(self, spec: PropertySpec) -> bool:
        from msolsh.runtime.coerce import to_bool
        if "Descending" in spec.options:
            return to_bool(spec.options["Descending"])
        if "Ascending" in spec.options:
            return not to_bool(spec.options["Ascending"])
        return bool(self.Descending)


def _compare_keys(a: List[Any], b: List[Any], directions: List[bool], case_sensitive: bool) -> int:
    for x, y, descending in zip(a, b, directions):
        if x is MISSING or y is MISSING:
            result = 0 if x is y else (1 if x is MISSING else -1)
        else:
            result = compare_values(x, y, case_sensitive)
        if result:
            return -result if descending else result
    return 0


def _unique(keyed: List[Tuple[List[Any], Any]], cmp: Callable[..., int]) -> List[Tuple[List[Any], Any]]:
    out: List[Tuple[List[Any], Any]] = []
    for entry in keyed:
        if not out or cmp(out[-1][0], entry[0]) != 0:
            out.append(entry)
    return out
