"""The default views: which columns a type's table shows, or that it shows as a list.

This is msolsh's equivalent of PowerShell's *.format.ps1xml files and the ONE place views are
declared. Adding a view is one call:

    register_view("Microsoft.Online.Administration.User", "table", [
        Column("UserPrincipalName", width=37), Column("DisplayName", width=21),
        Column("isLicensed", "IsLicensed")])

A Column shows `header`; its value is a property name (default: the header) or a callable
taking the record. width=None sizes the column from the data; align is 'left', 'right' or None
(None: numbers right, text left, as pwsh does). A view's `group_by`/`group_label` print a
`   Label: value` header whenever the value changes (Get-Member's TypeName header).
Nothing here renders text or knows any product: product cmdlet modules register their views.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

Getter = Union[str, Callable[[Any], Any]]


@dataclass(frozen=True)
class Column:
    header: str
    value: Optional[Getter] = None      # property name or callable; None: the header
    width: Optional[int] = None
    align: Optional[str] = None
    format_string: Optional[str] = None

    @property
    def getter(self) -> Getter:
        return self.header if self.value is None else self.value


@dataclass(frozen=True)
class View:
    type_name: str
    kind: str                            # 'table' | 'list' | 'wide'
    columns: Sequence[Column] = ()
    group_by: Optional[Getter] = None
    group_label: Optional[str] = None
    hide_headers: bool = False


_VIEWS: Dict[str, List[View]] = {}
KINDS = ("table", "list", "wide")


def register_view(type_name: str, kind: str = "table", columns: Sequence[Column] = (),
                  group_by: Optional[Getter] = None, group_label: Optional[str] = None) -> View:
    """Declare (or replace) a view of records whose type names include type_name. The first
    view registered for a type is its default; a type may have one view of each kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown view kind {kind!r}")
    view = View(type_name, kind, tuple(columns), group_by, group_label)
    known = _VIEWS.setdefault(type_name.lower(), [])
    for i, old in enumerate(known):
        if old.kind == kind:
            known[i] = view
            break
    else:
        known.append(view)
    return view


def find_view(type_names: Sequence[str], kind: Optional[str] = None) -> Optional[View]:
    """The default view (or the view of `kind`) for the most specific type name having one."""
    for name in type_names:
        for view in _VIEWS.get(name.lower(), ()):
            if kind is None or view.kind == kind:
                return view
    return None


def registered_views() -> List[View]:
    return [v for known in _VIEWS.values() for v in known]


def _ticks(span: Any) -> int:
    return (span.days * 86400 + span.seconds) * 10**7 + span.microseconds * 10


def _span(span: Any) -> tuple:
    """(days, hours, minutes, seconds, ms) with .NET's sign: every part takes the span's sign."""
    ticks = _ticks(span)
    sign = -1 if ticks < 0 else 1
    ms_total, _ = divmod(abs(ticks), 10**4)
    secs, ms = divmod(ms_total, 1000)
    mins, secs = divmod(secs, 60)
    hours, mins = divmod(mins, 60)
    days, hours = divmod(hours, 24)
    return tuple(sign * x for x in (days, hours, mins, secs, ms))


# --- the runtime's own record types --------------------------------------------------------

register_view("Microsoft.PowerShell.Commands.GenericMeasureInfo", "list", [
    Column("Count"), Column("Average"), Column("Sum"), Column("Maximum"), Column("Minimum"),
    Column("Property")])
# Measure-Object -StandardDeviation/-AllStats (pwsh 7's extra statistic)
register_view("Microsoft.PowerShell.Commands.GenericMeasureInfo#StandardDeviation", "list", [
    Column(n) for n in ("Count", "Average", "Sum", "Maximum", "Minimum", "StandardDeviation",
                        "Property")])
register_view("Microsoft.PowerShell.Commands.TextMeasureInfo", "table", [
    Column("Lines"), Column("Words"), Column("Characters"), Column("Property")])
register_view("Microsoft.PowerShell.Commands.GroupInfo", "table", [
    Column("Count", width=5, align="right"), Column("Name", width=25), Column("Group")])
register_view("Microsoft.PowerShell.Commands.GroupInfoNoElement", "table", [
    Column("Count", width=5, align="right"), Column("Name")])
register_view("Microsoft.PowerShell.Commands.MemberDefinition", "table", [
    Column("Name"), Column("MemberType"), Column("Definition")],
    group_by="TypeName", group_label="TypeName")
register_view("System.Collections.DictionaryEntry", "table", [
    Column("Name", width=30, align="left"), Column("Value", align="left")])
register_view("System.Collections.DictionaryEntry", "list", [Column("Name"), Column("Value")])
register_view("System.Guid", "table", [Column("Guid", str)])
register_view("System.Version", "table", [
    Column("Major", lambda v: v.parts[0], 6, "left"), Column("Minor", lambda v: v.parts[1], 6, "left"),
    Column("Build", lambda v: v.parts[2], 6, "left"),
    Column("Revision", lambda v: v.parts[3], 8, "left")])
register_view("System.TimeSpan", "list", [
    Column("Days", lambda t: _span(t)[0]), Column("Hours", lambda t: _span(t)[1]),
    Column("Minutes", lambda t: _span(t)[2]), Column("Seconds", lambda t: _span(t)[3]),
    Column("Milliseconds", lambda t: _span(t)[4]), Column("Ticks", lambda t: _ticks(t)),
    Column("TotalDays", lambda t: _ticks(t) / 864e9), Column("TotalHours", lambda t: _ticks(t) / 36e9),
    Column("TotalMinutes", lambda t: _ticks(t) / 6e8),
    Column("TotalSeconds", lambda t: _ticks(t) / 1e7),
    Column("TotalMilliseconds", lambda t: _ticks(t) / 1e4)])
register_view("System.RuntimeType", "table", [
    Column("IsPublic", lambda t: True, 8, "left"), Column("IsSerial", lambda t: True, 8, "left"),
    Column("Name", lambda t: t.name, 40, "left"), Column("BaseType", lambda t: base_type(t.full_name))])
register_view("System.Text.RegularExpressions.Match", "list", [
    Column("Groups", lambda m: [g.value for g in m.groups()]), Column("Success", lambda m: m.success),
    Column("Name", lambda m: m.name), Column("Captures", lambda m: [m.value] if m.success else []),
    Column("Index", lambda m: m.index), Column("Length", lambda m: len(m.value)),
    Column("Value", lambda m: m.value)])

_VALUE_TYPES = {"System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte",
                "System.UInt16", "System.UInt32", "System.UInt64", "System.Double",
                "System.Single", "System.Decimal", "System.Boolean", "System.Char",
                "System.DateTime", "System.TimeSpan", "System.Guid"}


def base_type(full_name: str) -> str:
    """BaseType as `[int]` shows it: value types derive from System.ValueType."""
    if full_name.endswith("[]"):
        return "System.Array"
    if full_name in _VALUE_TYPES:
        return "System.ValueType"
    return "System.Object"


def _error_record_view() -> None:
    from msolsh.runtime.formatting.error_records import ERROR_RECORD, PROPERTIES
    register_view(ERROR_RECORD, "list", [Column(name, getter) for name, getter in PROPERTIES.items()])


_error_record_view()
