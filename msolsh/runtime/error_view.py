"""Error records and parse errors as Windows PowerShell 5.1 shows them ($ErrorView NormalView):

    Get-Foo : The term 'Get-Foo' is not recognized as the name of a cmdlet, ...
    At line:1 char:1
    + Get-Foo
    + ~~~~~~~
        + CategoryInfo          : ObjectNotFound: (Get-Foo:String) [], CommandNotFoundException
        + FullyQualifiedErrorId : CommandNotFoundException

A long source line is cut to 69 characters with ' ...' (and '... ' in front when the failing
element sits far to the right). Pure text in, text out: nothing here runs anything.
"""
from __future__ import annotations

from typing import List, Optional

from msolsh.language.ast import Extent
from msolsh.language.errors import ParseException
from msolsh.runtime.errors import ErrorRecord

MAX_LINE = 69
ELLIPSIS = "..."


def position_lines(extent: Optional[Extent], script_name: Optional[str] = None) -> List[str]:
    """`At line:L char:C`, `+ source`, `+ ~~~~` for an extent (empty when there is none)."""
    if extent is None or (not extent.source and not extent.text):
        return []
    file = script_name or extent.file
    where = f"At {file}:{extent.start_line} char:{extent.start_col}" if file else \
        f"At line:{extent.start_line} char:{extent.start_col}"
    line = extent.line_text().rstrip() if extent.source else extent.text.splitlines()[0] if extent.text else ""
    start = extent.start_col - 1
    if extent.end_line == extent.start_line:
        length = extent.end_col - extent.start_col
    else:
        length = len(line) - start
    line, start, length = _expand_tabs(line, start, length)
    shown, start, length = _shorten(line, start, max(length, 0))
    tildes = "~" * max(1, min(length, max(1, len(shown) - start)))
    return [where, f"+ {shown}", f"+ {' ' * start}{tildes}"]


def _expand_tabs(line: str, start: int, length: int) -> tuple:
    if "\t" not in line:
        return line, start, length
    before = line[:start].replace("\t", "    ")
    failing = line[start:start + length].replace("\t", "    ")
    after = line[start + length:].replace("\t", "    ")
    return before + failing + after, len(before), len(failing)


def _shorten(line: str, start: int, length: int) -> tuple:
    if len(line) <= MAX_LINE:
        return line, start, length
    if start + 10 < MAX_LINE:
        shown = line[:MAX_LINE] + " " + ELLIPSIS
        return shown, start, min(length, MAX_LINE - start)
    # The failing element is far right: keep a little context before it.
    begin = start - 20
    body = line[begin:begin + MAX_LINE - len(ELLIPSIS) - 1]
    tail = " " + ELLIPSIS if begin + len(body) < len(line) else ""
    shown = ELLIPSIS + " " + body + tail
    offset = len(ELLIPSIS) + 1 + 20
    return shown, offset, min(length, len(body) - 20)


def render_record(record: ErrorRecord) -> str:
    """The whole NormalView text of one error record, ending with its blank line."""
    from msolsh.runtime.compiler_errors import category_line
    info = record.invocation
    prefix = f"{info.command_name} : " if info.command_name else ""
    lines = [prefix + record.message]
    lines += position_lines(info.extent, info.script_name)
    lines.append(f"    + CategoryInfo          : {category_line(record)}")
    lines.append(f"    + FullyQualifiedErrorId : {record.fully_qualified_error_id}")
    return "\n".join(lines) + "\n\n"


def render_parse_error(exc: ParseException) -> str:
    """Every parse error's position and message, then the first one's ids (as 5.1 does)."""
    lines: List[str] = []
    for err in exc.errors:
        lines += position_lines(err.extent) or []
        lines.append(err.message)
    first = exc.errors[0].error_id if exc.errors else "ParseException"
    lines.append("    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException")
    lines.append(f"    + FullyQualifiedErrorId : {first}")
    return "\n".join(lines) + "\n\n"


def parse_error_record(exc: ParseException) -> ErrorRecord:
    """The record a parse error leaves in $Error."""
    from msolsh.runtime.errors import InvocationInfo
    first = exc.errors[0] if exc.errors else None
    return ErrorRecord(first.message if first else str(exc), first.error_id if first else "ParseException",
                       "ParserError",
                       exception_type="System.Management.Automation.ParseException",
                       invocation=InvocationInfo(extent=first.extent if first else None))
