"""Type literals, -is, type names of values and the allow-listed static members."""
import datetime as dt
import uuid
from decimal import Decimal

import pytest

from msolsh.runtime import types
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.pstypes import Char, Match, PSList, Regex, Version
from msolsh.runtime.types import get_static, invoke_static, is_instance, resolve, type_name_of
from msolsh.runtime.values import PSHashtable, PSObject


@pytest.mark.parametrize("name, full_name", [
    ("int", "System.Int32"), ("Int32", "System.Int32"), ("System.Int32", "System.Int32"),
    ("[int]", "System.Int32"), ("INT", "System.Int32"), ("long", "System.Int64"),
    ("string", "System.String"), ("bool", "System.Boolean"), ("char", "System.Char"),
    ("byte", "System.Byte"), ("double", "System.Double"), ("float", "System.Single"),
    ("single", "System.Single"), ("decimal", "System.Decimal"), ("datetime", "System.DateTime"),
    ("timespan", "System.TimeSpan"), ("guid", "System.Guid"), ("version", "System.Version"),
    ("regex", "System.Text.RegularExpressions.Regex"), ("hashtable", "System.Collections.Hashtable"),
    ("ordered", "System.Collections.Specialized.OrderedDictionary"), ("array", "System.Array"),
    ("object", "System.Object"), ("psobject", "System.Management.Automation.PSObject"),
    ("pscustomobject", "System.Management.Automation.PSCustomObject"),
    ("scriptblock", "System.Management.Automation.ScriptBlock"),
    ("switch", "System.Management.Automation.SwitchParameter"), ("void", "System.Void"),
    ("math", "System.Math"), ("convert", "System.Convert"), ("environment", "System.Environment"),
    ("System.Text.Encoding", "System.Text.Encoding"), ("text.encoding", "System.Text.Encoding"),
    ("System.IO.Path", "System.IO.Path"), ("IO.Path", "System.IO.Path"),
    ("string[]", "System.String[]"), ("int[]", "System.Int32[]"), ("object[]", "System.Object[]"),
    ("System.Collections.ArrayList", "System.Collections.ArrayList"),
    ("System.Collections.Generic.List[object]", "System.Collections.Generic.List[System.Object]"),
    ("Collections.Generic.List[string]", "System.Collections.Generic.List[System.Object]"),
    ("System.Management.Automation.RuntimeException", "System.Management.Automation.RuntimeException"),
])
def test_resolve(name, full_name):
    info = resolve(name)
    assert info is not None and info.full_name == full_name


@pytest.mark.parametrize("name", ["Foo", "System.Diagnostics.Process", "System.IO.File", "os",
                                  "Foo[]", "List[Foo]", "__import__", ""])
def test_unknown_types_are_not_resolved(name):
    assert resolve(name) is None


def test_array_type_info():
    info = resolve("string[]")
    assert info.element == "System.String" and info.name == "String[]"


@pytest.mark.parametrize("value, name", [
    (1, "System.Int32"), (2 ** 40, "System.Int64"), ("s", "System.String"), (True, "System.Boolean"),
    (1.5, "System.Double"), (Decimal(1), "System.Decimal"), ([1], "System.Object[]"),
    (PSHashtable(), "System.Collections.Hashtable"),
    (PSHashtable(ordered=True), "System.Collections.Specialized.OrderedDictionary"),
    (PSObject(), "System.Management.Automation.PSCustomObject"),
    (PSObject([], ["Microsoft.ActiveDirectory.Management.ADUser", "System.Object"]),
     "Microsoft.ActiveDirectory.Management.ADUser"),
    (Char("a"), "System.Char"), (dt.datetime(2024, 1, 1), "System.DateTime"),
    (dt.timedelta(1), "System.TimeSpan"), (uuid.UUID(int=0), "System.Guid"),
    (Version(1, 0), "System.Version"), (Regex("x"), "System.Text.RegularExpressions.Regex"),
    (PSList(), "System.Collections.ArrayList"),
])
def test_type_name_of(value, name):
    assert type_name_of(value) == name


@pytest.mark.parametrize("value, name, expected", [
    (1, "int", True), (1, "long", False), (2 ** 40, "long", True), (1, "double", False),
    ("1", "string", True), (Char("a"), "char", True), (Char("a"), "string", False),
    (True, "bool", True), (1, "bool", False), ([], "array", True), (PSList(), "array", False),
    (PSList(), "System.Collections.ArrayList", True), (PSList(), "System.Collections.IList", True),
    (PSHashtable(), "System.Collections.IDictionary", True),
    (PSHashtable(ordered=True), "hashtable", False), (PSHashtable(ordered=True), "ordered", True),
    (None, "object", False), ("x", "object", True), ("x", "System.Collections.IEnumerable", True),
    (PSObject(), "psobject", True), (dt.datetime(2024, 1, 1), "datetime", True),
    (dt.datetime(2024, 1, 1), "ValueType", True), (resolve("int"), "type", True),
    (PSObject([], ["Microsoft.Online.Administration.User", "System.Object"]),
     "microsoft.online.administration.user", True),
])
def test_is_instance(value, name, expected):
    assert is_instance(value, name) is expected


STATIC_PROPERTIES = [
    ("math", "PI", 3.141592653589793), ("math", "E", 2.718281828459045),
    ("int", "MaxValue", 2147483647), ("int", "MinValue", -2147483648),
    ("long", "MaxValue", 9223372036854775807), ("byte", "MaxValue", 255), ("string", "Empty", ""),
    ("guid", "Empty", uuid.UUID(int=0)), ("environment", "NewLine", "\n"),
    ("timespan", "Zero", dt.timedelta(0)), ("math", "NoSuchThing", None),
    ("datetime", "MinValue", dt.datetime(1, 1, 1)),
]


@pytest.mark.parametrize("type_name, member, expected", STATIC_PROPERTIES)
def test_get_static(type_name, member, expected):
    assert get_static(type_name, member) == expected


STATIC_CALLS = [
    ("math", "Round", [2.5], 2.0), ("math", "Round", [3.5], 4.0), ("math", "Round", [-2.5], -2.0),
    ("math", "Round", [2.567, 2], 2.57), ("math", "Round", [2.5, "AwayFromZero"], 3.0),
    ("math", "Round", [Decimal("2.345"), 2], Decimal("2.34")), ("math", "round", [1.005, 2], 1.0),
    ("math", "Floor", [2.7], 2.0), ("math", "Ceiling", [2.1], 3.0), ("math", "Truncate", [-2.7], -2.0),
    ("math", "Abs", [-3], 3), ("math", "Abs", [-1.5], 1.5), ("math", "Max", [3, 7], 7),
    ("math", "Min", [3, 7.5], 3.0), ("math", "Pow", [2, 10], 1024.0), ("math", "Sqrt", [16], 4.0),
    ("string", "IsNullOrEmpty", [None], True), ("string", "IsNullOrEmpty", [""], True),
    ("string", "IsNullOrEmpty", [" "], False), ("string", "IsNullOrWhiteSpace", [" \t"], True),
    ("string", "IsNullOrWhiteSpace", ["x"], False), ("string", "Join", [",", [1, 2, 3]], "1,2,3"),
    ("string", "Join", ["-", "a", "b"], "a-b"), ("string", "Format", ["{0}-{1}", "a", "b"], "a-b"),
    ("string", "Format", ["{0:N1}", 1.25], "1.3"), ("string", "Concat", ["a", 1, None], "a1"),
    ("guid", "Parse", ["00000000-0000-0000-0000-000000000002"], uuid.UUID(int=2)),
    ("datetime", "Parse", ["2024-03-04"], dt.datetime(2024, 3, 4)),
    ("datetime", "ParseExact", ["04/03/2024", "dd/MM/yyyy", None], dt.datetime(2024, 3, 4)),
    ("datetime", "ParseExact", ["20240304 1530", "yyyyMMdd HHmm", None], dt.datetime(2024, 3, 4, 15, 30)),
    ("datetime", "IsLeapYear", [2024], True), ("datetime", "DaysInMonth", [2023, 2], 28),
    ("timespan", "FromMinutes", [90], dt.timedelta(minutes=90)),
    ("timespan", "FromDays", [1.5], dt.timedelta(days=1.5)),
    ("timespan", "FromSeconds", [30], dt.timedelta(seconds=30)),
    ("timespan", "FromHours", [2], dt.timedelta(hours=2)),
    ("timespan", "FromMilliseconds", [5], dt.timedelta(milliseconds=5)),
    ("regex", "Escape", ["a.b*c d"], r"a\.b\*c\ d"), ("regex", "Escape", ["x-y]"], "x-y]"),
    ("regex", "IsMatch", ["abc", "B"], False), ("regex", "IsMatch", ["abc", "B", "IgnoreCase"], True),
    ("regex", "Replace", ["a1b2", r"\d", "#"], "a#b#"), ("regex", "Split", ["a1b2c", r"\d"], ["a", "b", "c"]),
    ("regex", "Unescape", [r"a\.b"], "a.b"),
    ("char", "IsDigit", ["5"], True), ("char", "IsDigit", ["x"], False), ("char", "IsLetter", ["x"], True),
    ("char", "IsWhiteSpace", [" "], True), ("char", "IsUpper", ["A"], True), ("char", "ToUpper", ["a"], "A"),
    ("char", "IsLetterOrDigit", ["_"], False), ("char", "IsDigit", ["a1", 1], True),
    ("convert", "ToBase64String", [[104, 105]], "aGk="), ("convert", "FromBase64String", ["aGk="], [104, 105]),
    ("convert", "ToInt32", ["ff", 16], 255), ("convert", "ToInt32", ["101", 2], 5),
    ("convert", "ToInt32", ["12"], 12), ("convert", "ToString", [255, 16], "ff"),
    ("convert", "ToString", [5, 2], "101"), ("convert", "ToBoolean", ["True"], True),
    ("int", "Parse", ["42"], 42), ("double", "Parse", ["1.5"], 1.5),
    ("System.IO.Path", "GetFileName", [r"C:\temp\users.csv"], "users.csv"),
    ("System.IO.Path", "GetExtension", [r"C:\temp\users.csv"], ".csv"),
    ("System.IO.Path", "GetExtension", ["noext"], ""),
    ("System.IO.Path", "GetFileNameWithoutExtension", ["/tmp/a.b.txt"], "a.b"),
    ("System.IO.Path", "GetDirectoryName", [r"C:\temp\users.csv"], r"C:\temp"),
    ("System.IO.Path", "Combine", ["C:\\temp", "a", "b.txt"], r"C:\temp\a\b.txt"),
    ("System.IO.Path", "Combine", ["C:\\temp\\", "D:\\x"], r"D:\x"),
    ("System.IO.Path", "ChangeExtension", ["a.txt", "csv"], "a.csv"),
]


@pytest.mark.parametrize("type_name, method, args, expected", STATIC_CALLS)
def test_invoke_static(type_name, method, args, expected):
    assert invoke_static(type_name, method, args) == expected


def test_regex_match_static_returns_match_objects():
    m = invoke_static("regex", "Match", ["abc123", r"(?<n>\d+)"])
    assert type(m) is Match and m.success and m.value == "123" and m.index == 3
    matches = invoke_static("regex", "Matches", ["a1b22", r"\d+"])
    assert [x.value for x in matches] == ["1", "22"]


def test_encoding_round_trip():
    utf8 = get_static("System.Text.Encoding", "UTF8")
    assert utf8.get_bytes("hé") == [104, 195, 169]
    assert utf8.get_string([104, 195, 169]) == "hé"
    assert get_static("text.encoding", "Unicode").get_bytes("A") == [65, 0]


def test_clock_and_guid_hooks_make_results_reproducible():
    fixed = dt.datetime(2026, 11, 25, 10, 5, 32)
    types.set_clock(lambda: fixed)
    try:
        assert get_static("datetime", "Now") == fixed
        assert get_static("datetime", "Today") == dt.datetime(2026, 11, 25)
        assert invoke_static("datetime", "Parse", ["10:30"]) == dt.datetime(2026, 11, 25, 10, 30)
    finally:
        types.set_clock(lambda: dt.datetime.now())
    ids = iter(["11111111-1111-1111-1111-111111111111", uuid.UUID(int=5)])
    types.set_guid_source(lambda: next(ids))
    assert invoke_static("guid", "NewGuid", []) == uuid.UUID("11111111-1111-1111-1111-111111111111")
    assert invoke_static("guid", "NewGuid", []) == uuid.UUID(int=5)


@pytest.mark.parametrize("type_name, method, args, message, error_id, category", [
    ("math", "Foo", [], "Method invocation failed because [System.Math] does not contain a method "
     "named 'Foo'.", "MethodNotFound", "InvalidOperation"),
    ("string", "GetType2", [], "Method invocation failed because [System.String] does not contain a "
     "method named 'GetType2'.", "MethodNotFound", "InvalidOperation"),
    ("math", "Round", [1, 2, "x", 4], 'Cannot find an overload for "Round" and the argument count: "4".',
     "MethodCountCouldNotFindBest", "NotSpecified"),
    ("datetime", "Parse", ["nope"], 'Exception calling "Parse" with "1" argument(s): "String \'nope\' '
     'was not recognized as a valid DateTime."', "FormatException", "NotSpecified"),
    ("string", "Format", ["{2}", "a"], 'Exception calling "Format" with "2" argument(s): "Index (zero '
     'based) must be greater than or equal to zero and less than the size of the argument list."',
     "FormatException", "NotSpecified"),
    ("Foo", "Bar", [], "Unable to find type [Foo].", "TypeNotFound", "InvalidOperation"),
    ("regex", "Match", ["a", "("], 'Exception calling "Match" with "2" argument(s): "Invalid pattern '
     '\'(\' at offset 0. missing ), unterminated subpattern at position 0"', "ArgumentException",
     "NotSpecified"),
])
def test_static_errors(type_name, method, args, message, error_id, category):
    with pytest.raises(PSRuntimeException) as err:
        invoke_static(type_name, method, args)
    record = err.value.record
    assert (record.message, record.error_id, record.category) == (message, error_id, category)


def test_immutable_id_round_trip():
    """The hybrid-identity idiom: objectGUID <-> ImmutableId (base64 of the GUID's bytes)."""
    guid = uuid.UUID("e3e70682-c209-4cac-a29f-6fbed82c07cd")
    from msolsh.runtime.members import invoke_method
    from msolsh.runtime.coerce import convert
    immutable_id = invoke_static("convert", "ToBase64String", [invoke_method(guid, "ToByteArray", [])])
    assert immutable_id == "ggbn4wnCrEyin2++2CwHzQ=="
    assert convert(invoke_static("convert", "FromBase64String", [immutable_id]), "guid") == guid
