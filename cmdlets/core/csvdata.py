"""CSV: ConvertTo-Csv, Export-Csv, ConvertFrom-Csv and Import-Csv, and the pure conversions
behind them.

CSV is written exactly as Windows PowerShell 5.1 writes it (a `#TYPE` line unless
-NoTypeInformation, every field quoted, $null as an empty unquoted field, values by their .NET
ToString() so arrays come out as `System.Object[]`). The conversions are pure functions; the
cmdlets only collect input and write. Knows nothing of the tenant.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, List, Optional, Sequence, Tuple

from msolsh.cmdlets.core.dotnet_views import dotnet_string, object_properties
from msolsh.cmdlets.core.files import (check_path_allowed, expand, io_error, path_not_found,
                                       read_text, resolve, write_file)
from msolsh.cmdlets.core.utility import UTILITY
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.coerce import element_string
from msolsh.runtime.pstypes import type_name_of
from msolsh.runtime.values import PSObject

CSV_PREFIX = "CSV:"
ENCODINGS = ("ASCII", "BigEndianUnicode", "Default", "OEM", "String", "Unicode", "Unknown",
             "UTF32", "UTF7", "UTF8", "Byte")


def csv_type_name(value: Any) -> str:
    name = value.type_names[0] if isinstance(value, PSObject) else type_name_of(value)
    if isinstance(value, list):
        name = "System.Object[]"
    return name[len(CSV_PREFIX):] if name.upper().startswith(CSV_PREFIX) else name


# ---------------------------------------------------------------------- writing CSV

def _quote(text: Optional[str]) -> str:
    return "" if text is None else '"' + text.replace('"', '""') + '"'


def csv_row(values: Sequence[Optional[str]], delimiter: str = ",") -> str:
    return delimiter.join(_quote(v) for v in values)


def csv_header(first: Any, delimiter: str = ",",
               type_information: bool = True) -> Tuple[List[str], List[str]]:
    """(property names, the lines before the first record) for the first input object."""
    names = [name for name, _ in object_properties(first)]
    lines = [f"#TYPE {csv_type_name(first)}"] if type_information else []
    return names, lines + [csv_row(names, delimiter)]


def csv_record(value: Any, names: Sequence[str], delimiter: str = ",") -> str:
    props = {name.lower(): v for name, v in object_properties(value)}
    return csv_row([dotnet_string(props.get(name.lower())) for name in names], delimiter)


def to_csv_lines(objects: Iterable[Any], delimiter: str = ",", type_information: bool = True) -> List[str]:
    """ConvertTo-Csv: the columns are those of the first object; later objects fill them."""
    lines: List[str] = []
    names: Optional[List[str]] = None
    for value in objects:
        if names is None:
            names, head = csv_header(value, delimiter, type_information)
            lines += head
        lines.append(csv_record(value, names, delimiter))
    return lines


# ---------------------------------------------------------------------- reading CSV

def parse_csv_records(text: str, delimiter: str = ",") -> List[List[str]]:
    """Split CSV text into records the way Import-Csv reads them: quotes may hold delimiters
    and newlines, "" is a quote, blanks next to unquoted fields are trimmed."""
    records: List[List[str]] = []
    fields: List[str] = []
    current: List[str] = []
    quoted = in_quotes = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if in_quotes:
            if ch == '"' and i + 1 < n and text[i + 1] == '"':
                current.append('"')
                i += 1
            elif ch == '"':
                in_quotes = False
            else:
                current.append(ch)
        elif ch == '"' and not "".join(current).strip():
            current, in_quotes, quoted = [], True, True
        elif ch == delimiter:
            fields.append(_field(current, quoted))
            current, quoted = [], False
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            fields.append(_field(current, quoted))
            records.append(fields)
            fields, current, quoted = [], [], False
        else:
            current.append(ch)
        i += 1
    if current or fields or quoted:
        fields.append(_field(current, quoted))
        records.append(fields)
    return records


def _field(chars: List[str], quoted: bool) -> str:
    text = "".join(chars)
    return text.rstrip(" \t") if quoted else text.strip(" \t")


class CsvError(Exception):
    """A CSV problem Import-Csv reports as an error record: (message, error id)."""

    def __init__(self, message: str, error_id: str):
        super().__init__(message)
        self.error_id = error_id


def from_csv(text: str, delimiter: str = ",",
             header: Optional[Sequence[str]] = None) -> Tuple[List[PSObject], bool]:
    """ConvertFrom-Csv / Import-Csv: objects, and whether missing header names were filled
    with 'H' (pwsh warns once)."""
    records = parse_csv_records(text, delimiter)
    type_name = None
    if header is None:
        while records and records[0] and records[0][0].startswith("#"):
            first = records.pop(0)[0]
            if first[:5].lower() == "#type" and type_name is None:
                type_name = first[5:].strip() or None
        if not records:
            return [], False
        header = records.pop(0)
        while len(header) > 1 and header[-1] == "":
            header = header[:-1]
    names, renamed = _header_names(header)
    type_names = [type_name, CSV_PREFIX + type_name] if type_name else None
    objects = []
    for values in records:
        if not values or (len(values) == 1 and values[0] == ""):
            continue
        pairs = [(name, values[i] if i < len(values) else None) for i, name in enumerate(names)]
        objects.append(PSObject(pairs, type_names))
    return objects, renamed


def _header_names(header: Sequence[str]) -> Tuple[List[str], bool]:
    names, seen, unnamed = [], set(), 0
    for name in header:
        if name == "":
            unnamed += 1
            name = f"H{unnamed}"
        if name.lower() in seen:
            raise CsvError(f'The member "{name}" is already present.',
                           "AlreadyPresentPSMemberInfoInternalCollectionAdd")
        seen.add(name.lower())
        names.append(name)
    return names, unnamed > 0


UNSPECIFIED_HEADER_WARNING = ('One or more headers were not specified. Default names starting with "H" '
                              'have been used in place of any missing headers.')


# ---------------------------------------------------------------------- cmdlets

_CULTURE_SEPARATOR = ","   # en-US TextInfo.ListSeparator, what -UseCulture picks


def _delimiter(cmd: Cmdlet) -> str:
    if getattr(cmd, "UseCulture", False):
        return _CULTURE_SEPARATOR
    return str(cmd.Delimiter or ",")[:1] or ","


class _CsvWriter(Cmdlet):
    """The shared half of ConvertTo-Csv and Export-Csv: header from the first object."""

    def begin(self):
        self._names: Optional[List[str]] = None

    def csv_lines(self, value: Any, type_information: bool) -> List[str]:
        delimiter = _delimiter(self)
        if self._names is None:
            self._names, head = csv_header(value, delimiter, type_information)
            return head + [csv_record(value, self._names, delimiter)]
        return [csv_record(value, self._names, delimiter)]


@cmdlet("ConvertTo-Csv", module=UTILITY, default_set="Delimiter", output_type="System.String")
class ConvertToCsv(_CsvWriter):
    """Converts objects into a series of comma-separated value (CSV) strings.

    The first string is a #TYPE line naming the type of the first object, unless
    -NoTypeInformation is given; then a header row of property names, then one row per object.
    Every field is quoted. The columns are those of the first object."""
    examples = [Example("[pscustomobject]@{Name='ann'; City='Oslo'} | ConvertTo-Csv -NoTypeInformation",
                        'Returns "Name","City" and "ann","Oslo".')]
    InputObject = Parameter("psobject", mandatory=True, position=0, pipeline=True,
                            help="Specifies the objects to convert.")
    Delimiter = Parameter("char", set="Delimiter", position=1, help="Specifies the character between values.")
    UseCulture = Switch(set="UseCulture", help="Uses the list separator of the current culture.")
    NoTypeInformation = Switch(aliases=("NTI",), help="Omits the #TYPE line.")

    def process(self):
        yield from self.csv_lines(self.InputObject, not self.NoTypeInformation)


@cmdlet("Export-Csv", module=UTILITY, aliases=("epcsv",), default_set="Delimiter",
        supports_should_process=True)
class ExportCsv(_CsvWriter):
    """Converts objects into a series of CSV strings and saves the strings to a file.

    Writes what ConvertTo-Csv returns. With -Append the rows are added under the file's existing
    header, and an object without one of its columns is refused unless -Force is given."""
    examples = [Example("[pscustomobject]@{UserPrincipalName='ann@contoso.com'; UsageLocation='NO'} |\n"
                        "    Export-Csv -Path ./users.csv -NoTypeInformation\nGet-Content ./users.csv",
                        "Saves one row to users.csv and shows the file.")]
    Path = Parameter("string", position=0, help="Specifies the path to the CSV output file.")
    LiteralPath = Parameter("string", aliases=("PSPath",),
                            help="Specifies a path used exactly as it is typed.")
    Delimiter = Parameter("char", set="Delimiter", position=1, help="Specifies the character between values.")
    UseCulture = Switch(set="UseCulture", help="Uses the list separator of the current culture.")
    InputObject = Parameter("psobject", mandatory=True, pipeline=True,
                            help="Specifies the objects to export.")
    NoTypeInformation = Switch(aliases=("NTI",), help="Omits the #TYPE line.")
    Append = Switch(help="Adds the rows to the end of the file.")
    Force = Switch(help="Appends objects whose properties do not match the file's columns.")
    NoClobber = Switch(aliases=("NoOverwrite",), help="Does not overwrite an existing file.")
    Encoding = Parameter("string", validate_set=ENCODINGS,
                         help="Specifies the file encoding (default ASCII).")

    def begin(self):
        super().begin()
        self._lines: List[str] = []
        self._target: Optional[str] = None
        path = self.LiteralPath or self.Path
        if not path or (self.LiteralPath and self.Path):
            self.throw_terminating(self.error_record(
                "You must specify either the -Path or -LiteralPath parameters, but not both.",
                "CannotSpecifyPathAndLiteralPath",
                "InvalidData", exception_type="System.InvalidOperationException"))
            return
        self._target = resolve(self.session, path)
        if self.Append:
            self._names = self._existing_header()

    def _existing_header(self) -> Optional[List[str]]:
        check_path_allowed(self.session, self._target, write=False)
        if not os.path.isfile(self._target):
            return None
        try:
            text = read_text(self._target, None)
        except OSError:
            return None   # the write that follows reports the problem
        records = parse_csv_records(text, _delimiter(self))
        records = [r for r in records if r and not (len(r) == 1 and r[0] == "")]
        while records and records[0][0].startswith("#"):
            records.pop(0)
        return records[0] if records else None

    def process(self):
        value = self.InputObject
        if self.Append and self._names is not None and not self.Force:
            missing = self._missing_column(value)
            if missing:
                self.throw_terminating(self.error_record(
                    f"Cannot append CSV content to the following file: {self._target}. The appended "
                    f"object does not have a property that corresponds to the following column: "
                    f"{missing}. To continue with mismatched properties, add the -Force parameter, "
                    f"and then retry the command.", "CannotAppendCsvWithMismatchedPropertyNames",
                    "InvalidData", target=missing,
                    exception_type="System.InvalidOperationException"))
        self._lines += self.csv_lines(value, not self.NoTypeInformation)
        return None

    def _missing_column(self, value: Any) -> Optional[str]:
        present = {name.lower() for name, _ in object_properties(value)}
        for name in self._names or []:
            if name.lower() not in present:
                return name
        return None

    def end(self):
        if self.NoClobber and not self.Append and os.path.exists(self._target):
            self.throw_terminating(self.error_record(
                f"The file '{self._target}' already exists.", "NoClobber", "ResourceExists",
                target=self._target, exception_type="System.IO.IOException"))
        if self.should_process(self._target, "Export-Csv"):
            text = "".join(line + "\n" for line in self._lines)
            write_file(self, self._target, text, self.Encoding or "ASCII", self.Append,
                       "FileOpenFailure")
        return None


class _CsvReader(Cmdlet):
    def emit(self, text: str):
        try:
            objects, renamed = from_csv(text, _delimiter(self), self.Header)
        except CsvError as problem:
            self.throw_terminating(self.error_record(
                str(problem), problem.error_id, "NotSpecified",
                exception_type="System.Management.Automation.ExtendedTypeSystemException"))
            return
        if renamed:
            self.write_warning(UNSPECIFIED_HEADER_WARNING)
        yield from objects


@cmdlet("ConvertFrom-Csv", module=UTILITY, default_set="Delimiter",
        output_type="System.Management.Automation.PSCustomObject")
class ConvertFromCsv(_CsvReader):
    """Converts CSV strings into objects.

    The first row names the properties unless -Header gives them; every value is a string."""
    examples = [Example("'Name,City', 'ann,Oslo' | ConvertFrom-Csv",
                        "Returns one object with Name ann and City Oslo.")]
    InputObject = Parameter("psobject[]", mandatory=True, position=0, pipeline=True,
                            help="Specifies the CSV strings to convert.")
    Delimiter = Parameter("char", set="Delimiter", position=1, help="Specifies the character between values.")
    UseCulture = Switch(set="UseCulture", help="Uses the list separator of the current culture.")
    Header = Parameter("string[]", help="Specifies property names to use instead of the first row.")

    def begin(self):
        self._text: List[str] = []

    def process(self):
        values = self.InputObject if isinstance(self.InputObject, list) else [self.InputObject]
        self._text += [element_string(v) for v in values if v is not None]

    def end(self):
        yield from self.emit("\n".join(self._text))


@cmdlet("Import-Csv", module=UTILITY, aliases=("ipcsv",), default_set="Delimiter",
        output_type="System.Management.Automation.PSCustomObject")
class ImportCsv(_CsvReader):
    """Creates objects from the rows of a CSV file.

    Each row becomes an object whose properties are named by the header row (or -Header). A
    #TYPE line, if present, sets the objects' type name."""
    examples = [Example("'\"Name\",\"City\"', '\"ann\",\"Oslo\"' | Set-Content ./people.csv\n"
                        "Import-Csv ./people.csv",
                        "Writes a small CSV file and imports it as objects.")]
    Path = Parameter("string[]", position=0, pipeline=True,
                     help="Specifies the path to the CSV file to import.")
    LiteralPath = Parameter("string[]", aliases=("PSPath",),
                            help="Specifies a path used exactly as it is typed.")
    Delimiter = Parameter("char", set="Delimiter", position=1, help="Specifies the character between values.")
    UseCulture = Switch(set="UseCulture", help="Uses the list separator of the current culture.")
    Header = Parameter("string[]", help="Specifies property names to use instead of the first row.")
    Encoding = Parameter("string", validate_set=ENCODINGS, help="Specifies the file encoding.")

    def process(self):
        literal = bool(self.LiteralPath)
        for path in (self.LiteralPath if literal else self.Path) or []:
            found = [p for p in expand(self.session, path, literal) if os.path.isfile(p)]
            if not found:
                self.write_error(path_not_found(self, resolve(self.session, path)))
            for full in found:
                check_path_allowed(self.session, full, write=False)
                try:
                    text = read_text(full, self.Encoding)
                except OSError as problem:
                    self.write_error(io_error(self, full, problem, "FileOpenFailure"))
                    continue
                yield from self.emit(text)
