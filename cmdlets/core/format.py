"""Format-Table, Format-List, Format-Wide and the Out-* cmdlets that end a pipeline.

Format-* collect their input and emit one FormattedOutput: a renderer that Out-Default and
Out-String call at the width they write at (so `Format-Table | Out-String -Width 200` works).
Piping Format-* output into anything but an Out-* cmdlet is not supported (nor useful in pwsh).
Script blocks of calculated properties run once per object while the cmdlet runs; later renders
reuse the values. Nothing here knows the tenant.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Tuple

from msolsh.cmdlets.core.objects import CORE, UTILITY, invoker, rethrow_as
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.formatting import views
from msolsh.runtime.formatting.cells import plain_text
from msolsh.runtime.formatting.out_default import (FormattedOutput, Options, enumeration_limit,
                                                   line_width, out_string, render_objects)
from msolsh.runtime.formatting.props import (FORMAT_KEYS, SELECT_KEYS, get_property, parse_specs,
                                             property_names, type_names_of)
from msolsh.runtime.formatting.wide import render_wide
from msolsh.runtime.values import PSObject


def memo_invoker(cmd: Cmdlet) -> Callable[[Any, Any], List[Any]]:
    """Script-block results cached per (block, object), so re-rendering never re-runs them."""
    run = invoker(cmd)
    cache: Dict[Tuple[int, int], List[Any]] = {}
    keep: List[Any] = []

    def invoke(block: Any, item: Any) -> List[Any]:
        key = (id(block), id(item))
        if key not in cache:
            cache[key] = run(block, item)
            keep.append(item)       # keeps ids stable for the cache's lifetime
        return cache[key]
    return invoke


class _Formatter(Cmdlet):
    """Shared by the Format-* cmdlets: collect, then emit one renderer."""

    def begin(self) -> None:
        self._items: List[Any] = []
        try:
            keys = SELECT_KEYS if self.kind == "wide" else FORMAT_KEYS
            self._specs = parse_specs(self.Property, keys) if self.Property is not None else None
            self._group = parse_specs(self.GroupBy, FORMAT_KEYS)[0] if self.GroupBy is not None else None
        except PSRuntimeException as exc:
            rethrow_as(self, exc)
        self._invoke = memo_invoker(self)

    def process(self) -> None:
        if self.is_bound("InputObject"):
            self._items.append(self.InputObject)

    def end(self) -> Iterable[Any]:
        if not self._items:
            return
        render = self.renderer(warn=True)
        render(line_width(self.session))        # runs the script blocks now, while we can
        yield FormattedOutput(self.renderer())

    kind = "table"

    def renderer(self, warn: bool = False) -> Callable[[int], str]:
        """The text at a given width; with warn, -AutoSize reports columns that do not fit."""
        on_dropped = self._warn_dropped if warn and getattr(self, "AutoSize", False) else None
        options = Options(kind=self.kind, specs=self._specs, invoke=self._invoke,
                          wrap=bool(getattr(self, "Wrap", False)),
                          auto_size=bool(getattr(self, "AutoSize", False)),
                          hide_headers=bool(getattr(self, "HideTableHeaders", False)),
                          group_by=self._group,
                          enumeration_limit=enumeration_limit(self.session),
                          on_dropped=on_dropped, force=bool(getattr(self, "Force", False)))
        items = list(self._items)
        return lambda width: render_objects(items, width, options)

    def _warn_dropped(self, count: int) -> None:
        self.write_warning(f"{count} columns do not fit into the display and were removed.")


_FORMAT_PARAMS = dict(
    InputObject=Parameter("psobject", pipeline=True, help="Specifies the objects to format."),
    GroupBy=Parameter("object", help="Starts a new group, with a header, whenever this "
                                     "property's value changes."),
    View=Parameter("string", help="Accepted for compatibility; msolsh has one view per type."),
    ShowError=Switch(help="Accepted for compatibility."),
    DisplayError=Switch(help="Accepted for compatibility."),
    Force=Switch(help="Accepted for compatibility."),
    Expand=Parameter("string", validate_set=("CoreOnly", "EnumOnly", "Both"),
                     help="Accepted for compatibility."),
)


def _with_common(cls: type) -> type:
    for name, param in _FORMAT_PARAMS.items():
        clone = Parameter(param.type, help=param.help, validate_set=param.validate_set,
                          pipeline=param.pipeline)
        if param.is_switch:
            clone._switch = True  # type: ignore[attr-defined]
        clone.name = name
        setattr(cls, name, clone)
    return cls


@cmdlet("Format-Table", module=UTILITY, aliases=("ft",))
@_with_common
class FormatTable(_Formatter):
    """Formats the output as a table.

    Without -Property the type's default view (or its properties) gives the columns. Columns
    may be names (wildcards allowed) or calculated properties such as
    `@{Name='Size'; Expression={$_.Length}; Width=10; Alignment='Right'; FormatString='N0'}`.
    -AutoSize ignores the view's fixed widths; -Wrap shows long values on several lines
    instead of cutting them with '...'."""
    examples = [
        Example("[pscustomobject]@{Name='Ada'; Age=36} | Format-Table", "A table of one object."),
        Example("[pscustomobject]@{Name='Ada'; Age=36} | Format-Table Name, "
                "@{Label='Months'; Expression={$_.Age * 12}} -AutoSize",
                "Chooses the columns, one of them calculated."),
    ]
    kind = "table"
    Property = Parameter("object[]", position=0, help="Specifies the columns.")
    AutoSize = Switch(help="Sizes every column to its data.")
    HideTableHeaders = Switch(help="Leaves out the header and its underline.")
    Wrap = Switch(help="Wraps long values instead of cutting them.")


@cmdlet("Format-List", module=UTILITY, aliases=("fl",))
@_with_common
class FormatList(_Formatter):
    """Formats the output as a list of properties, each on its own line.

    `Format-List *` shows every property of the objects; -Property names the ones to show
    (wildcards and calculated properties allowed)."""
    examples = [
        Example("[pscustomobject]@{Name='Ada'; Age=36} | Format-List", "Shows the properties as a list."),
        Example("[pscustomobject]@{Name='Ada'; Age=36} | Format-List *", "Shows every property."),
    ]
    kind = "list"
    Property = Parameter("object[]", position=0, help="Specifies the properties to show.")


@cmdlet("Format-Wide", module=UTILITY, aliases=("fw",))
@_with_common
class FormatWide(_Formatter):
    """Formats objects as a wide table that shows one property of each object.

    The value shown is -Property, else the first column of the type's view, else the first
    property, else the object itself. -Column sets the number of columns (default 2); -AutoSize
    fits as many as the line holds."""
    examples = [
        Example("'alpha', 'beta', 'gamma', 'delta' | Format-Wide -Column 3",
                "Shows four strings in three columns."),
    ]
    kind = "wide"
    Property = Parameter("object", position=0, help="Specifies the property to show.")
    AutoSize = Switch(set="AutoSize", help="Fits as many columns as the line holds.")
    Column = Parameter("int", set="Column", validate_range=(1, 2**31 - 1),
                       help="Specifies the number of columns.")

    def renderer(self, warn: bool = False) -> Callable[[int], str]:
        values = [plain_text(self._wide_value(item)) for item in self._items]
        columns, auto = self.Column, bool(self.AutoSize)

        def render(width: int) -> str:
            lines = render_wide(values, width, columns, auto)
            return "\n" + "".join(line + "\n" for line in lines) + "\n" if lines else ""
        return render

    def _wide_value(self, item: Any) -> Any:
        if self._specs:
            return self._specs[0].value(item, self._invoke)
        if not isinstance(item, PSObject):
            return item
        view = views.find_view(type_names_of(item), "table")
        if view is not None and view.columns:
            getter = view.columns[0].getter
            return get_property(item, getter) if isinstance(getter, str) else getter(item)
        names = property_names(item)
        return get_property(item, names[0]) if names else item


# --- Out-* ---------------------------------------------------------------------------------

class _Collector(Cmdlet):
    def begin(self) -> None:
        self._items: List[Any] = []

    def process(self) -> None:
        if self.is_bound("InputObject"):
            self._items.append(self.InputObject)


@cmdlet("Out-String", module=UTILITY, output_type="System.String", default_set="NoNewLineFormatting")
class OutString(_Collector):
    """Sends objects to the host as a series of strings.

    Out-String returns the text the console would show for its input, as one string, or one
    string per line with -Stream. -Width sets the line width (default: the console's)."""
    examples = [
        Example("[pscustomobject]@{Name='Ada'} | Out-String", "The table as one string."),
        Example("1..3 | Out-String -Stream", "One string per line."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to write.")
    Width = Parameter("int", validate_range=(2, 2**31 - 1), help="Specifies the line width.")
    Stream = Switch(help="Outputs each line as its own string.")
    NoNewline = Switch(set="NoNewLineFormatting", help="Leaves out the newlines.")

    def end(self) -> Iterable[Any]:
        text = out_string(self._items, self.session, self.Width)
        if self.Stream:
            lines = text.split("\n")
            yield from (lines[:-1] if lines and lines[-1] == "" else lines)
        elif self.NoNewline:
            yield text.replace("\n", "")
        else:
            yield text


@cmdlet("Out-Null", module=CORE)
class OutNull(Cmdlet):
    """Hides the output instead of sending it down the pipeline or displaying it."""
    examples = [Example("1..3 | Out-Null", "Discards the numbers.")]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to discard.")


class _HostWriter(_Collector):
    def end(self) -> None:
        text = out_string(self._items, self.session)
        if not text:
            return
        flush = getattr(self.session, "flush_output", None)
        if callable(flush):
            flush()         # output buffered for Out-Default comes first
        host = getattr(self.session, "host", None)
        if host is not None and hasattr(host, "write"):
            host.write(text)
        else:
            self.write_host(text, newline=False)


@cmdlet("Out-Host", module=CORE, aliases=("oh",))
class OutHost(_HostWriter):
    """Sends output to the command line, formatted as Out-Default would."""
    examples = [Example("'hello' | Out-Host", "Writes hello to the console.")]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to display.")
    Paging = Switch(help="Accepted; msolsh does not page.")


@cmdlet("Out-Default", module=CORE)
class OutDefault(_HostWriter):
    """Sends the output to the default formatter and the default output cmdlet."""
    examples = [Example("'hello' | Out-Default", "Writes hello to the console.")]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to display.")
    Transcript = Switch(help="Accepted for compatibility.")
