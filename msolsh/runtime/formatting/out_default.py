"""Out-Default: turn a run of output objects into the text a console shows.

Each object is planned into a block kind: a primitive `line`, a `table` (a registered view, or
four or fewer properties), a `list` (five or more, or Format-List), a bare `datetime`, or text
already rendered by a Format-* cmdlet. A hashtable shows as its DictionaryEntry rows (the
`Name  Value` view).
Consecutive objects with the same plan share one block (one table header); a new shape starts
a new block, as pwsh starts a new table when the type changes. Blocks are laid out with
pwsh 7's spacing: a blank line before and after every table and list, none around primitives.
Width: the host's width minus one (pwsh never writes the console's last column); 79 by default.
Knows nothing of the tenant; the session is only asked for its host width and
$FormatEnumerationLimit.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional, Sequence, Tuple

from msolsh.runtime.formatting import views
from msolsh.runtime.formatting.cells import (ENUMERATION_LIMIT, cell_text, datetime_long_text,
                                             is_number, plain_text)
from msolsh.runtime.formatting.listview import render_list
from msolsh.runtime.formatting.props import (PropertySpec, get_property, property_names,
                                             type_names_of)
from msolsh.runtime.formatting.table import TableSpec, fit, natural_widths, render_table
from msolsh.runtime.errors import ErrorRecord
from msolsh.runtime.values import PSHashtable, PSObject

DEFAULT_WIDTH = 80


class FormattedOutput:
    """What Format-Table/-List/-Wide emit: a renderer Out-Default and Out-String call with the
    width they write at, so `ft | Out-String -Width 200` lays the table out at 200."""

    type_names = ["Microsoft.PowerShell.Commands.Internal.Format.FormatStartData", "System.Object"]

    def __init__(self, render: Callable[[int], str]):
        self._render = render

    def render(self, width: int) -> str:
        # not named `text`: the value modules duck-type script blocks on a `text` attribute
        return self._render(width)

    def __repr__(self) -> str:
        return "FormattedOutput()"


@dataclass
class Options:
    """What Format-Table/-List add to a plan."""
    kind: Optional[str] = None                  # forced 'table' | 'list'
    specs: Optional[List[PropertySpec]] = None
    invoke: Any = None                          # (script block, $_) -> output list
    wrap: bool = False
    auto_size: bool = False
    hide_headers: bool = False
    group_by: Optional[PropertySpec] = None
    enumeration_limit: int = ENUMERATION_LIMIT     # $FormatEnumerationLimit
    on_dropped: Optional[Callable[[int], None]] = None   # -AutoSize: columns that did not fit
    force: bool = False                         # -Force: error records as objects


@dataclass
class Plan:
    kind: str
    key: Tuple[Any, ...]
    columns: Sequence[views.Column] = ()
    group_by: Any = None
    group_label: Optional[str] = None
    items: List[Any] = field(default_factory=list)


def line_width(session: Any) -> int:
    host = getattr(session, "host", None)
    width = getattr(host, "width", None) or DEFAULT_WIDTH
    return max(int(width) - 1, 10)


def enumeration_limit(session: Any) -> int:
    """$FormatEnumerationLimit as the session has it (4 by default; -1: no limit)."""
    scope = getattr(session, "global_scope", None)
    value = scope.lookup("formatenumerationlimit") if scope is not None else None
    try:
        return int(value) if value is not None else ENUMERATION_LIMIT
    except (TypeError, ValueError):
        return ENUMERATION_LIMIT


def out_default(objects: Sequence[Any], session: Any = None, width: Optional[int] = None) -> str:
    """The text pwsh's Out-Default would print for these objects (the engine's entry point)."""
    return render_objects(objects, width if width is not None else line_width(session),
                          Options(enumeration_limit=enumeration_limit(session)))


def out_string(objects: Sequence[Any], session: Any = None, width: Optional[int] = None) -> str:
    """Out-String / Out-File: the console text at an explicit width (Out-String -Width N uses
    all N columns), else at the host's width."""
    return render_objects(objects, width if width is not None else line_width(session),
                          Options(enumeration_limit=enumeration_limit(session)))


def render_objects(objects: Sequence[Any], width: int, options: Optional[Options] = None) -> str:
    options = options or Options()
    out: List[str] = []
    current: Optional[Plan] = None
    current_shape: Any = None
    for item in _flatten(objects):
        shape = _shape(item)
        if current is not None and shape == current_shape:
            current.items.append(item)      # fast path: same shape as the previous record
            continue
        plan = plan_for(item, options)
        if plan is None:
            continue
        current_shape = shape
        if current is not None and plan.key == current.key:
            current.items.append(item)
            continue
        if current is not None:
            out.append(render_block(current, width, options))
        current = plan
        current.items.append(item)
    if current is not None:
        out.append(render_block(current, width, options))
    return "".join(out)


def _shape(item: Any) -> Any:
    """Records with equal shapes always get equal plans."""
    if isinstance(item, PSObject):
        return (tuple(item.type_names), tuple(n.lower() for n in item.property_names()))
    if item is None or isinstance(item, FormattedOutput):
        return object()         # never equal: planned one by one
    return type(item)


def _flatten(objects: Sequence[Any]) -> List[Any]:
    """Nested collections enumerate; a hashtable shows as its entries, as pwsh's view does."""
    flat: List[Any] = []
    for item in objects:
        if isinstance(item, list):
            flat.extend(_flatten(item))
        elif isinstance(item, PSHashtable):
            flat.extend(dictionary_entry(k, v) for k, v in item.items())
        else:
            flat.append(item)
    return flat


def dictionary_entry(key: Any, value: Any) -> PSObject:
    return PSObject([("Name", key), ("Key", key), ("Value", value)],
                    ["System.Collections.DictionaryEntry", "System.ValueType", "System.Object"])


# --- planning ------------------------------------------------------------------------------

def plan_for(item: Any, options: Options) -> Optional[Plan]:
    if item is None:
        return None
    if isinstance(item, FormattedOutput):
        return Plan("formatted", ("formatted", id(item)))
    if type(item) is _dt.datetime and not options.specs:
        return Plan("datetime", ("datetime",))
    if isinstance(item, ErrorRecord) and not (options.force and options.kind == "list"):
        return Plan("error", ("error",))      # the error view, unless `fl * -Force`
    return _record_plan(item, options)


def _record_plan(item: Any, options: Options) -> Optional[Plan]:
    names = type_names_of(item)
    if options.specs is not None:
        kind = options.kind or "table"
        columns = _spec_columns(options, item) if kind == "table" else ()
        return Plan(kind, ("specs", kind), columns, *_group(options))
    view = views.find_view(names, options.kind)
    if view is None and not isinstance(item, PSObject) and options.specs is None:
        return Plan("line", ("line",))
    if view is not None and view.kind == "list" and not view.columns:
        # A list view without columns lists every property (objects whose .NET type always
        # formats as a list, whatever their property count).
        return Plan("list", ("list",), (), *_group(options))
    if view is not None:
        group = _group(options) if options.group_by is not None else (view.group_by,
                                                                     view.group_label)
        return Plan(view.kind, ("view", view.type_name, view.kind), view.columns, *group)
    props = property_names(item)
    if not props:
        return Plan("line", ("line",)) if _shows_as_line(item) else None
    kind = options.kind or ("table" if len(props) <= 4 else "list")
    if kind == "list":
        return Plan("list", ("list",), (), *_group(options))
    columns = [views.Column(p) for p in props]
    return Plan("table", ("auto", names[0], tuple(p.lower() for p in props)), columns,
                *_group(options))


def _shows_as_line(item: Any) -> bool:
    return not (isinstance(item, PSObject) and not item.property_names())


def _group(options: Options) -> Tuple[Any, Optional[str]]:
    spec = options.group_by
    if spec is None:
        return None, None
    return (lambda o: spec.value(o, options.invoke)), spec.name


def _spec_columns(options: Options, first: Any) -> List[views.Column]:
    columns = []
    for spec in options.specs or []:
        for name, target in spec.expand(first):
            columns.append(views.Column(
                name, (lambda o, t=target: t.value(o, options.invoke)),
                width=_int_option(target.options.get("Width")),
                align=_align_option(target.options.get("Alignment")),
                format_string=target.options.get("FormatString")))
    return columns


def _int_option(value: Any) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _align_option(value: Any) -> Optional[str]:
    text = plain_text(value).lower() if value is not None else ""
    return text if text in ("left", "right", "center") else None


# --- rendering -----------------------------------------------------------------------------

def render_block(plan: Plan, width: int, options: Options) -> str:
    if plan.kind == "formatted":
        return "".join(item.render(width) for item in plan.items)
    if plan.kind == "error":
        from msolsh.runtime.formatting.error_records import error_view_text
        return "".join(error_view_text(item) for item in plan.items)
    if plan.kind == "line":
        return "".join(plain_text(item) + "\n" for item in plan.items)
    if plan.kind == "datetime":
        return "\n" + "".join(datetime_long_text(d) + "\n" for d in plan.items) + "\n"
    if plan.kind == "list":
        return _list_block(plan, width, options)
    if plan.kind == "wide":
        from msolsh.runtime.formatting.wide import render_wide
        return _block(render_wide([plain_text(i) for i in plan.items], width))
    return _table_block(plan, width, options)


def _block(lines: List[str]) -> str:
    return "\n" + "".join(line + "\n" for line in lines) + "\n" if lines else ""


def _list_block(plan: Plan, width: int, options: Options) -> str:
    if plan.group_by is None:
        body = _list_records(plan.items, width, options)
        return "\n" + body + "\n" if body else ""
    out = []
    for label_value, items in _runs(plan):
        out.append(f"\n   {plan.group_label}: {label_value}\n\n" + _list_records(items, width, options))
    return "".join(out) + "\n"


def _list_records(items: List[Any], width: int, options: Options) -> str:
    """The records' lines, a blank line between records."""
    records = [render_list(list_entries(item, options), width) for item in items]
    return "\n".join("".join(line + "\n" for line in r) for r in records if r)


def list_entries(item: Any, options: Options) -> List[Tuple[str, str]]:
    """(label, value text) pairs Format-List shows for one record."""
    if options.specs is not None:
        pairs = []
        for spec in options.specs:
            for name, target in spec.expand(item):
                value = target.value(item, options.invoke)
                text = cell_text(value, target.options.get("FormatString"),
                                 options.enumeration_limit)
                pairs.append((name, text))
        return pairs
    view = views.find_view(type_names_of(item), "list")
    if view is not None and view.columns:
        limit = options.enumeration_limit
        return [(c.header, cell_text(_value(item, c), c.format_string, limit)) for c in view.columns]
    return [(name, cell_text(get_property(item, name), None, options.enumeration_limit))
            for name in property_names(item)]


def _value(item: Any, column: views.Column) -> Any:
    getter = column.getter
    return get_property(item, getter) if isinstance(getter, str) else getter(item)


def _table_block(plan: Plan, width: int, options: Options) -> str:
    if plan.group_by is None:
        return _block(_table_lines(plan, plan.items, width, options))
    out = []
    for label_value, items in _runs(plan):
        lines = _table_lines(plan, items, width, options)
        out.append(f"\n   {plan.group_label}: {label_value}\n\n" + "".join(l + "\n" for l in lines))
    return "".join(out) + "\n"


def _runs(plan: Plan) -> List[Tuple[str, List[Any]]]:
    """Consecutive records with the same group value, compared case-insensitively (pwsh does
    not sort for -GroupBy; the header shows the first value of a run)."""
    runs: List[Tuple[str, List[Any]]] = []
    getter = plan.group_by
    for item in plan.items:
        value = get_property(item, getter) if isinstance(getter, str) else getter(item)
        text = cell_text(value)
        if runs and runs[-1][0].lower() == text.lower():
            runs[-1][1].append(item)
        else:
            runs.append((text, [item]))
    return runs


def _table_lines(plan: Plan, items: List[Any], width: int, options: Options) -> List[str]:
    columns = list(plan.columns)
    values = [[_value(item, c) for c in columns] for item in items]
    limit = options.enumeration_limit
    rows = [[cell_text(v, c.format_string, limit) for v, c in zip(row, columns)] for row in values]
    aligns = [c.align or _auto_align(values, i) for i, c in enumerate(columns)]
    widths = [None if options.auto_size else c.width for c in columns]
    spec = TableSpec([c.header for c in columns], aligns, widths, options.wrap,
                     options.hide_headers)
    if options.on_dropped is not None:
        shown = len(fit(natural_widths(spec, rows), width))
        if shown < len(columns):
            options.on_dropped(len(columns) - shown)
    return render_table(spec, rows, width)


def _auto_align(values: List[List[Any]], index: int) -> str:
    for row in values:
        if row[index] is not None:
            return "right" if is_number(row[index]) else "left"
    return "left"
