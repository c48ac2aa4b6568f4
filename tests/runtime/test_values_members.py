"""Properties, methods and indexes through the allow-list."""
import datetime as dt
import uuid

import pytest

from msolsh.runtime import members
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.members import get_index, get_member, invoke_method, set_index, set_member
from msolsh.runtime.pstypes import Char, Match, PSList, Regex, Version
from msolsh.runtime.types import get_static, invoke_static, resolve
from msolsh.runtime.values import PSHashtable, PSObject

D = dt.datetime(2024, 1, 31, 15, 4, 5)


def user(name, upn=None):
    return PSObject([("Name", name), ("UserPrincipalName", upn)],
                    ["Microsoft.Online.Administration.User", "System.Object"])


PROPERTIES = [
    ("hello", "Length", 5), ("hello", "length", 5), ("hello", "Nope", None), (None, "Anything", None),
    (None, "Count", 0), (None, "Length", 0), (5, "Count", 1), ("hello", "Count", 1), (5, "Length", 1),
    (PSObject([("Name", "x")]), "Count", 1), (PSObject([("Count", 7)]), "Count", 7), (D, "Count", 1),
    ([1, 2, 3], "Count", 3), ([1, 2, 3], "Length", 3), ([], "Count", 0),
    (PSHashtable([("a", 1), ("B", 2)]), "Count", 2), (PSHashtable([("a", 1), ("B", 2)]), "Keys", ["a", "B"]),
    (PSHashtable([("a", 1)]), "Values", [1]), (PSHashtable([("Name", "x")]), "name", "x"),
    (PSHashtable([("Count", "shadowed")]), "Count", "shadowed"), (PSHashtable(), "missing", None),
    (PSObject([("Name", "x"), ("Count", 2)]), "NAME", "x"), (PSObject([("Name", "x")]), "Nope", None),
    ([user("a"), user("b")], "Name", ["a", "b"]), ([user("a")], "Name", "a"),
    ([user("a", "a@x"), user("b")], "UserPrincipalName", "a@x"), ([1, 2], "Nope", None),
    ([[user("a")], user("b")], "Name", ["a", "b"]),
    (D, "Year", 2024), (D, "Month", 1), (D, "Day", 31), (D, "Hour", 15), (D, "Minute", 4),
    (D, "Second", 5), (D, "DayOfWeek", "Wednesday"), (D, "DayOfYear", 31),
    (D, "Date", dt.datetime(2024, 1, 31)), (D, "Ticks", 638423102450000000),
    (D, "DateTime", "Wednesday, January 31, 2024 3:04:05 PM"),
    (dt.timedelta(days=1, hours=2, minutes=3, seconds=4), "Days", 1),
    (dt.timedelta(days=1, hours=2, minutes=3, seconds=4), "Hours", 2),
    (dt.timedelta(hours=1, minutes=30), "TotalMinutes", 90.0),
    (dt.timedelta(hours=1, minutes=30), "TotalHours", 1.5), (dt.timedelta(seconds=-90), "Minutes", -1),
    (dt.timedelta(seconds=1), "Ticks", 10_000_000),
    (uuid.UUID(int=1), "Guid", "00000000-0000-0000-0000-000000000001"),
    (Version(1, 2, 3), "Major", 1), (Version(1, 2, 3), "Build", 3), (Version(1, 2), "Revision", -1),
    (resolve("int"), "Name", "Int32"), (resolve("int"), "FullName", "System.Int32"),
]


@pytest.mark.parametrize("obj, name, expected", PROPERTIES)
def test_get_member(obj, name, expected):
    assert get_member(obj, name) == expected


def test_psobject_view():
    obj = PSObject([("Name", "x"), ("Count", 2)])
    view = get_member(obj, "PSObject")
    props = get_member(view, "Properties")
    assert get_member(props, "Name") == ["Name", "Count"]
    assert get_member(props, "Value") == ["x", 2]
    assert get_member(get_member(obj, "psobject"), "TypeNames") == [
        "System.Management.Automation.PSCustomObject", "System.Object"]
    assert get_member(view, "BaseObject") is obj
    assert get_member(get_index(props, "count"), "Value") == 2
    assert get_index(props, "missing") is None


def test_match_members():
    m = invoke_static("regex", "Match", ["id: 42", r"(?<key>\w+): (\d+)"])
    assert (get_member(m, "Success"), get_member(m, "Value"), get_member(m, "Index")) == (True, "id: 42", 0)
    groups = get_member(m, "Groups")
    assert get_member(get_index(groups, 1), "Value") == "42"
    assert get_member(get_index(groups, "key"), "Value") == "id"
    assert get_member(get_index(groups, 2), "Name") == "key"
    none = invoke_static("regex", "Match", ["x", r"\d"])
    assert get_member(none, "Success") is False and get_member(none, "Value") == ""
    again = invoke_method(invoke_static("regex", "Match", ["a1b2", r"\d"]), "NextMatch", [])
    assert get_member(again, "Value") == "2"


STRING_METHODS = [
    ("Hello", "ToUpper", [], "HELLO"), ("Hello", "tolower", [], "hello"), ("  x  ", "Trim", [], "x"),
    ("xxaxx", "Trim", ["x"], "a"), ("/a/b/", "TrimEnd", ["/"], "/a/b"), ("/a\\", "TrimEnd", ["/", "\\"], "/a"),
    ("  x", "TrimStart", [], "x"), ("abcab", "Trim", [[Char("a"), Char("b")]], "c"),
    ("a,b,,c", "Split", [","], ["a", "b", "", "c"]), ("a b", "Split", [], ["a", "b"]), ("a  b", "Split", [], ["a", "", "b"]),
    ("a,b;c", "Split", [[Char(","), Char(";")]], ["a", "b", "c"]),
    ("a--b--c", "Split", ["--"], ["a", "b", "c"]), ("a,b,c", "Split", [",", 2], ["a", "b,c"]),
    ("a,,b", "Split", [",", "RemoveEmptyEntries"], ["a", "b"]),
    ("abcabc", "Replace", ["b", "X"], "aXcaXc"), ("abc", "Replace", ["B", "X"], "abc"),
    ("Hello", "Contains", ["ell"], True), ("Hello", "Contains", ["ELL"], False),
    ("Hello", "Contains", ["ELL", "OrdinalIgnoreCase"], True),
    ("Hello", "StartsWith", ["He"], True), ("Hello", "StartsWith", ["he"], False),
    ("Hello", "StartsWith", ["he", "CurrentCultureIgnoreCase"], True), ("Hello", "EndsWith", ["lo"], True),
    ("Hello", "IndexOf", ["l"], 2), ("Hello", "IndexOf", ["z"], -1), ("Hello", "IndexOf", ["l", 3], 3),
    ("Hello", "LastIndexOf", ["l"], 3), ("Hello", "IndexOf", [Char("o")], 4),
    ("Hello", "Substring", [1], "ello"), ("Hello", "Substring", [1, 3], "ell"), ("Hello", "Substring", [5], ""),
    ("7", "PadLeft", [3, "0"], "007"), ("7", "PadLeft", [3], "  7"), ("7", "PadRight", [3, "."], "7.."),
    ("Hello", "Insert", [0, ">"], ">Hello"), ("Hello", "Remove", [1], "H"), ("Hello", "Remove", [1, 2], "Hlo"),
    ("ab", "ToCharArray", [], ["a", "b"]), ("a", "Equals", ["a"], True), ("a", "Equals", ["A"], False),
    ("a", "CompareTo", ["b"], -1), ("b", "CompareTo", ["a"], 1), ("a", "CompareTo", ["A"], -1),
    ("Hello", "ToString", [], "Hello"), ("Hello", "Chars", [1], "e"),
    ("Hello", "IndexOfAny", [[Char("l"), Char("o")]], 2),
]


@pytest.mark.parametrize("obj, name, args, expected", STRING_METHODS)
def test_string_methods(obj, name, args, expected):
    assert invoke_method(obj, name, args) == expected


OTHER_METHODS = [
    (5, "ToString", [], "5"), (255, "ToString", ["X"], "FF"), (1234.5, "ToString", ["N1"], "1,234.5"),
    (0.5, "ToString", ["P0"], "50%"), (5, "CompareTo", [7], -1), (5, "Equals", [5], True),
    (5, "Equals", ["5"], False), (True, "ToString", [], "True"), (1.5, "ToString", [], "1.5"),
    ([1, 2, 3], "Contains", [2], True), ([1, 2, 3], "Contains", ["2"], False), (["a"], "Contains", ["A"], False),
    ([1, 2, 3], "IndexOf", [3], 2), ([1, 2], "ToString", [], "System.Object[]"),
    (["a", "b"], "ToUpper", [], ["A", "B"]), ([1, 2], "Clone", [], [1, 2]),
    (PSHashtable([("a", 1)]), "ContainsKey", ["A"], True), (PSHashtable([("a", 1)]), "ContainsKey", ["b"], False),
    (PSHashtable([("a", 1)]), "ContainsValue", [1], True), (PSHashtable([("a", 1)]), "Item", ["a"], 1),
    (PSHashtable([("a", 1)]), "ToString", [], "System.Collections.Hashtable"),
    (D, "AddDays", [1], dt.datetime(2024, 2, 1, 15, 4, 5)), (D, "AddDays", [-0.5], dt.datetime(2024, 1, 31, 3, 4, 5)),
    (D, "AddHours", [2], dt.datetime(2024, 1, 31, 17, 4, 5)), (D, "AddMinutes", [-4], dt.datetime(2024, 1, 31, 15, 0, 5)),
    (D, "AddSeconds", [55], dt.datetime(2024, 1, 31, 15, 5, 0)), (D, "AddMonths", [1], dt.datetime(2024, 2, 29, 15, 4, 5)),
    (D, "AddYears", [-1], dt.datetime(2023, 1, 31, 15, 4, 5)), (D, "ToString", [], "1/31/2024 3:04:05 PM"),
    (D, "ToString", ["yyyy-MM-dd"], "2024-01-31"), (D, "ToString", ["o"], "2024-01-31T15:04:05.0000000"),
    (D, "ToString", ["s"], "2024-01-31T15:04:05"), (D, "ToString", ["u"], "2024-01-31 15:04:05Z"),
    (D, "ToString", ["dd MMM yy"], "31 Jan 24"), (D, "ToString", ["d"], "1/31/2024"),
    (D, "ToShortDateString", [], "1/31/2024"), (D, "ToUniversalTime", [], D),
    (D, "Subtract", [dt.datetime(2024, 1, 30, 15, 4, 5)], dt.timedelta(days=1)),
    (dt.timedelta(minutes=90), "ToString", [], "01:30:00"),
    (dt.timedelta(minutes=90), "ToString", ["hh\\:mm"], "01:30"),
    (dt.timedelta(minutes=90), "ToString", ["c"], "01:30:00"), (dt.timedelta(1), "Negate", [], dt.timedelta(-1)),
    (uuid.UUID(int=1), "ToString", [], "00000000-0000-0000-0000-000000000001"),
    (uuid.UUID(int=1), "ToString", ["N"], "00000000000000000000000000000001"),
    (uuid.UUID(int=1), "ToString", ["B"], "{00000000-0000-0000-0000-000000000001}"),
    (Version(1, 2, 3), "ToString", [], "1.2.3"), (Version(1, 2, 3), "ToString", [2], "1.2"),
    (Version(1, 2), "CompareTo", [Version(1, 10)], -1),
    (Regex(r"\d"), "IsMatch", ["a1"], True), (Regex(r"\d"), "Replace", ["a1b2", "#"], "a#b#"),
    (Regex("a"), "IsMatch", ["A"], False), (Regex(r","), "Split", ["a,b"], ["a", "b"]),
    (PSObject([("A", 1)]), "ToString", [], "@{A=1}"),
]


@pytest.mark.parametrize("obj, name, args, expected", OTHER_METHODS)
def test_other_methods(obj, name, args, expected):
    assert invoke_method(obj, name, args) == expected


@pytest.mark.parametrize("obj, expected", [
    ("x", "String"), (1, "Int32"), (1.5, "Double"), ([1], "Object[]"), (PSHashtable(), "Hashtable"),
    (PSObject(), "PSCustomObject"), (D, "DateTime"), (True, "Boolean"),
])
def test_get_type(obj, expected):
    assert get_member(invoke_method(obj, "GetType", []), "Name") == expected


def test_arraylist_grows_and_returns_index():
    items = PSList()
    assert invoke_method(items, "Add", ["a"]) == 0
    assert invoke_method(items, "Add", ["b"]) == 1
    invoke_method(items, "AddRange", [["c", "d"]])
    invoke_method(items, "Remove", ["b"])
    invoke_method(items, "RemoveAt", [0])
    invoke_method(items, "Insert", [0, "z"])
    assert items == ["z", "c", "d"] and get_member(items, "Count") == 3
    assert type(invoke_method(items, "ToArray", [])) is list
    invoke_method(items, "Clear", [])
    assert items == []


def test_hashtable_methods_change_state():
    table = PSHashtable()
    invoke_method(table, "Add", ["Name", "x"])
    invoke_method(table, "Add", ["Other", 1])
    invoke_method(table, "Remove", ["name"])
    assert table.items() == [("Other", 1)]
    entries = invoke_method(table, "GetEnumerator", [])
    assert [(get_member(e, "Key"), get_member(e, "Value")) for e in entries] == [("Other", 1)]
    invoke_method(table, "Clear", [])
    assert len(table) == 0


def test_where_and_foreach_use_the_registered_invoker():
    members.set_script_invoker(lambda block, item: [block(item)])
    try:
        assert invoke_method([1, 2, 3, 4], "Where", [lambda x: x > 2]) == [3, 4]
        assert invoke_method([1, 2, 3, 4], "Where", [lambda x: x > 1, "First"]) == [2]
        assert invoke_method([1, 2, 3, 4], "Where", [lambda x: x > 1, "Last", 2]) == [3, 4]
        assert invoke_method([1, 2, 3, 4], "Where", [lambda x: x == 3, "SkipUntil"]) == [3, 4]
        assert invoke_method([1, 2, 3], "Where", [lambda x: x > 1, "Split"]) == [[2, 3], [1]]
        assert invoke_method([1, 2], "ForEach", [lambda x: x * 10]) == [10, 20]
    finally:
        members.set_script_invoker(None)
    assert invoke_method([user("a"), user("b")], "ForEach", ["Name"]) == ["a", "b"]
    assert invoke_method(["a", "b"], "ForEach", ["ToUpper"]) == ["A", "B"]
    assert invoke_method(["1", "2"], "ForEach", [resolve("int")]) == [1, 2]


INDEXES = [
    ([1, 2, 3], 0, 1), ([1, 2, 3], -1, 3), ([1, 2, 3], 5, None), ([1, 2, 3], -4, None),
    ([1, 2, 3], [0, 2], [1, 3]), ([1, 2, 3], [0, 9], [1]), ([1, 2, 3], "1", 2), ([1, 2, 3], [-1, -2], [3, 2]),
    ("abc", 0, "a"), ("abc", -1, "c"), ("abc", 9, None), ("abc", [0, 1], ["a", "b"]),
    (PSHashtable([("a", 1)]), "A", 1), (PSHashtable([("a", 1)]), "x", None),
    (PSHashtable([("a", 1), ("b", 2)]), ["a", "b"], [1, 2]), (PSHashtable([(1, "one")]), 1, "one"),
    (5, 0, 5), (5, -1, 5), (5, 1, None), (PSList([1, 2]), 1, 2),
]


@pytest.mark.parametrize("obj, index, expected", INDEXES)
def test_get_index(obj, index, expected):
    assert get_index(obj, index) == expected


def test_string_index_gives_a_char():
    assert type(get_index("abc", 1)) is Char


def test_set_member_and_index():
    obj = PSObject([("Name", "x")])
    set_member(obj, "name", "y")
    assert obj.get("Name") == "y" and obj.property_names() == ["Name"]
    table = PSHashtable()
    set_member(table, "Key", 1)
    set_index(table, "other", 2)
    assert table.items() == [("Key", 1), ("other", 2)]
    items = [1, 2, 3]
    set_index(items, -1, 9)
    set_index(items, "0", 7)
    assert items == [7, 2, 9]


ERRORS = [
    (lambda: invoke_method(None, "ToUpper", []), "You cannot call a method on a null-valued expression.",
     "InvokeMethodOnNull", "InvalidOperation"),
    (lambda: invoke_method("x", "Foo", []), "Method invocation failed because [System.String] does not "
     "contain a method named 'Foo'.", "MethodNotFound", "InvalidOperation"),
    (lambda: invoke_method(user("a"), "Foo", []), "Method invocation failed because "
     "[Microsoft.Online.Administration.User] does not contain a method named 'Foo'.", "MethodNotFound",
     "InvalidOperation"),
    (lambda: invoke_method([1, 2], "Add", [3]), 'Exception calling "Add" with "1" argument(s): "Collection '
     'was of a fixed size."', "NotSupportedException", "NotSpecified"),
    (lambda: invoke_method(PSHashtable([("a", 1)]), "Add", ["a", 2]), 'Exception calling "Add" with "2" '
     'argument(s): "Item has already been added. Key in dictionary: \'a\'  Key being added: \'a\'"',
     "ArgumentException", "NotSpecified"),
    (lambda: invoke_method("abc", "Substring", [5]), 'Exception calling "Substring" with "1" argument(s): '
     '"startIndex cannot be larger than length of string. (Parameter \'startIndex\')"',
     "ArgumentOutOfRangeException", "NotSpecified"),
    (lambda: invoke_method("abc", "Substring", [1, 5]), 'Exception calling "Substring" with "2" argument(s): '
     '"Index and length must refer to a location within the string. (Parameter \'length\')"',
     "ArgumentOutOfRangeException", "NotSpecified"),
    (lambda: invoke_method("abc", "Substring", [1, 2, 3]), 'Cannot find an overload for "Substring" and '
     'the argument count: "3".', "MethodCountCouldNotFindBest", "NotSpecified"),
    (lambda: invoke_method("abc", "Replace", ["", "x"]), 'Exception calling "Replace" with "2" argument(s): '
     '"String cannot be of zero length. (Parameter \'oldValue\')"', "ArgumentException", "NotSpecified"),
    (lambda: invoke_method(D, "ToString", ["Q"]), 'Exception calling "ToString" with "1" argument(s): '
     '"Input string was not in a correct format."', "FormatException", "NotSpecified"),
    (lambda: get_index(None, 0), "Cannot index into a null array.", "NullArray", "InvalidOperation"),
    (lambda: get_index([1], None), "Index operation failed; the array index evaluated to null.",
     "NullArrayIndex", "InvalidOperation"),
    (lambda: set_index(None, 0, 1), "Cannot index into a null array.", "NullArray", "InvalidOperation"),
    (lambda: set_index([1], 3, 1), "Index was outside the bounds of the array.",
     "System.IndexOutOfRangeException", "OperationStopped"),
    (lambda: get_index(PSObject(), 0), "Unable to index into an object of type "
     "System.Management.Automation.PSCustomObject.", "CannotIndex", "InvalidOperation"),
    (lambda: set_member(PSObject(), "Nope", 1), "The property 'Nope' cannot be found on this object. "
     "Verify that the property exists and can be set.", "PropertyAssignmentException", "InvalidOperation"),
    (lambda: set_member(None, "Nope", 1), "The property 'Nope' cannot be found on this object. Verify "
     "that the property exists and can be set.", "PropertyNotFound", "InvalidOperation"),
    (lambda: set_member("abc", "Length", 1), "'Length' is a ReadOnly property.",
     "PropertyAssignmentException", "InvalidOperation"),
    (lambda: invoke_method([1], "Where", [lambda x: x]), "Script blocks cannot be run here.",
     "ScriptBlockInvokerMissing", "InvalidOperation"),
]


@pytest.mark.parametrize("action, message, error_id, category", ERRORS)
def test_member_errors(action, message, error_id, category):
    with pytest.raises(PSRuntimeException) as err:
        action()
    record = err.value.record
    assert (record.message, record.error_id, record.category) == (message, error_id, category)


def test_encoding_methods():
    utf8 = get_static("System.Text.Encoding", "UTF8")
    data = invoke_method(utf8, "GetBytes", ["hi"])
    assert data == [104, 105] and invoke_method(utf8, "GetString", [data]) == "hi"


def test_no_python_attribute_is_reachable():
    for name in ("__class__", "__dict__", "upper", "_props", "type_names", "set", "__init__"):
        assert get_member("x", name) is None
        assert get_member(PSObject([("A", 1)]), name) is None
        with pytest.raises(PSRuntimeException):
            invoke_method("x", name, [])
        with pytest.raises(PSRuntimeException):
            invoke_method(PSObject(), name, [])


@pytest.mark.parametrize("action, reason", [
    (lambda: invoke_method([1], "Add", [2]), "MethodInvocationException"),
    (lambda: invoke_method("x", "Substring", [1, 2, 3]), "MethodException"),
    (lambda: invoke_method("x", "Foo", []), "RuntimeException"),
    (lambda: set_index([1], 5, 0), "IndexOutOfRangeException"),
    (lambda: get_index(None, 0), "RuntimeException"),
])
def test_error_reasons(action, reason):
    """The CategoryInfo reason pwsh shows ('..., MethodInvocationException')."""
    with pytest.raises(PSRuntimeException) as err:
        action()
    assert err.value.record.reason == reason
    assert err.value.record.target is None


def test_generic_list_add_returns_nothing():
    items = invoke_static("System.Collections.Generic.List[object]", "new", [])
    assert invoke_method(items, "Add", ["x"]) is None and items == ["x"]
    assert get_member(invoke_method(items, "GetType", []), "Name") == "List`1"
