"""Conversions: truthiness, string conversion, number parsing and casts, as pwsh does them."""
import datetime as dt
import uuid
from decimal import Decimal

import pytest

from msolsh.runtime.coerce import (convert, convert_try, converter, format_double, parse_number,
                                   to_bool, to_number, to_string)
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.pstypes import Char, PSList, Regex, Version
from msolsh.runtime.values import PSHashtable, PSObject


class Block:
    """Stands in for runtime.scriptblock.ScriptBlock (duck-typed on .text)."""
    def __init__(self, text):
        self.text = text


@pytest.mark.parametrize("value, expected", [
    (None, False), (0, False), (1, True), (-1, True), (0.0, False), (0.5, True), ("", False),
    (" ", True), ("false", True), ("0", True), ([], False), ([0], False), ([1], True),
    ([""], False), (["a"], True), ([0, 0], True), ([[]], False), ([[0]], True), (True, True),
    (False, False), (PSHashtable(), True), (PSObject(), True), (Decimal(0), False),
    (Decimal("0.1"), True), (Block(""), True),
])
def test_to_bool(value, expected):
    assert to_bool(value) is expected


@pytest.mark.parametrize("value, expected", [
    (None, ""), ("x", "x"), (True, "True"), (False, "False"), (42, "42"), (-7, "-7"),
    (1.5, "1.5"), (0.1, "0.1"), (3.0, "3"), (-0.0, "-0"), (1e20, "1E+20"), (1e15, "1E+15"),
    (123456789012345.0, "123456789012345"), (1.5e-7, "1.5E-07"), (0.0001, "0.0001"),
    (1e-05, "1E-05"), (2.5e-05, "2.5E-05"), (1 / 3, "0.3333333333333333"),
    (9.223372036854776e18, "9.223372036854776E+18"), (float("nan"), "NaN"),
    (float("inf"), "Infinity"), (float("-inf"), "-Infinity"),
    (Decimal("1.50"), "1.50"), (Decimal("1E+2"), "100"),
    ([1, 2, 3], "1 2 3"), ([1, [2, 3]], "1 System.Object[]"), ([], ""), ([None, "a"], " a"),
    (dt.datetime(2026, 11, 25, 10, 5, 32), "11/25/2026 10:05:32"),
    (dt.datetime(2024, 1, 2, 15, 4, 5), "01/02/2024 15:04:05"),
    (dt.timedelta(hours=1, minutes=2, seconds=3), "01:02:03"),
    (dt.timedelta(days=2, hours=3), "2.03:00:00"), (dt.timedelta(seconds=-90), "-00:01:30"),
    (dt.timedelta(milliseconds=500), "00:00:00.5000000"),
    (PSHashtable([("a", 1)]), "System.Collections.Hashtable"),
    (PSHashtable([("a", 1)], ordered=True), "System.Collections.Specialized.OrderedDictionary"),
    (PSObject([("Name", "x"), ("Count", 2)]), "@{Name=x; Count=2}"),
    (PSObject([("A", None), ("B", [1, 2]), ("C", True)]), "@{A=; B=System.Object[]; C=True}"),
    (PSObject(), "@{}"),
    (PSObject([("Name", "a")], ["Microsoft.Online.Administration.User", "System.Object"]),
     "Microsoft.Online.Administration.User"),
    (PSObject([("Name", "a"), ("DistinguishedName", "CN=a,DC=x")],
              ["Microsoft.ActiveDirectory.Management.ADUser", "System.Object"]), "CN=a,DC=x"), (Block(" Get-Date "), " Get-Date "), (Char("c"), "c"),
    (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"), (Version(1, 2, 3), "1.2.3"),
    (Regex("a+"), "a+"), (PSList([1, 2]), "1 2"),
])
def test_to_string(value, expected):
    assert to_string(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("12", 12), (" 12 ", 12), ("-3", -3), ("+4", 4), ("1.5", 1.5), ("1e3", 1000.0), ("0x10", 16),
    ("0xFFFFFFFF", -1), ("1kb", 1024), ("2MB", 2 * 1024 ** 2), ("1.5kb", 1536.0), ("10d", Decimal(10)),
    ("", 0), ("   ", 0), ("abc", None), ("1a", None), ("0x", None), ("--1", None), (".5", 0.5),
    ("12l", 12),
])
def test_parse_number(text, expected):
    result = parse_number(text)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("value, expected", [
    (None, 0), (True, 1), (False, 0), (5, 5), (2.5, 2.5), ("7", 7), (Char("a"), 97),
    (Decimal("1.5"), Decimal("1.5")),
])
def test_to_number(value, expected):
    assert to_number(value) == expected


def test_to_number_failure_names_the_left_type():
    with pytest.raises(PSRuntimeException) as err:
        to_number("abc", "System.Double")
    assert err.value.record.message == ('Cannot convert value "abc" to type "System.Double". '
                                        'Error: "Input string was not in a correct format."')
    assert err.value.record.error_id == "InvalidCastFromStringToDoubleOrSingle"


CASTS = [
    (2.5, "int", 2), (3.5, "int", 4), (-2.5, "int", -2), (2.6, "int", 3), ("0x10", "int", 16),
    ("2.5", "int", 2), (" 42 ", "int", 42), ("", "int", 0), (None, "int", 0), (True, "int", 1),
    ("1kb", "int", 1024), (Char("A"), "int", 65), ("42", "System.Int32", 42), ("42", "INT", 42),
    ("9999999999", "long", 9999999999), (200, "byte", 200), ("5", "double", 5.0),
    ("1.25", "decimal", Decimal("1.25")), (1.5, "decimal", Decimal("1.5")),
    ("false", "bool", True), ("", "bool", False), (0, "bool", False), ([], "bool", False),
    (None, "bool", False), ("x", "switch", True), (5, "string", "5"), (None, "string", ""),
    ([1, 2], "string", "1 2"), (True, "string", "True"), (65, "char", "A"), ("z", "char", "z"),
    (1, "array", [1]), ([1, 2], "array", [1, 2]), (None, "array", None), ("a", "string[]", ["a"]),
    (["1", "2"], "int[]", [1, 2]), ("3", "object[]", ["3"]), (5, "object", 5), (5, "psobject", 5),
    ("2024-01-02", "datetime", dt.datetime(2024, 1, 2)),
    ("1/2/2024", "datetime", dt.datetime(2024, 1, 2)),
    ("2024-01-02T03:04:05", "datetime", dt.datetime(2024, 1, 2, 3, 4, 5)),
    ("2024-01-02T03:04:05Z", "datetime", dt.datetime(2024, 1, 2, 3, 4, 5)),
    ("2024-01-02 03:04:05", "datetime", dt.datetime(2024, 1, 2, 3, 4, 5)),
    ("2024-01-02T10:00:00+02:00", "datetime", dt.datetime(2024, 1, 2, 8, 0, 0)),
    ("2024-01-02T10:00:00.5Z", "datetime", dt.datetime(2024, 1, 2, 10, 0, 0, 500000)),
    ("11/25/2026 10:05:32", "datetime", dt.datetime(2026, 11, 25, 10, 5, 32)),
    ("Wednesday, November 25, 2026 10:05:32 AM", "datetime", dt.datetime(2026, 11, 25, 10, 5, 32)),
    ("1/2/2024 3:04:05 PM", "datetime", dt.datetime(2024, 1, 2, 15, 4, 5)),
    ("January 2, 2024", "datetime", dt.datetime(2024, 1, 2)),
    ("01:02:03", "timespan", dt.timedelta(hours=1, minutes=2, seconds=3)),
    ("1.02:03:04", "timespan", dt.timedelta(days=1, hours=2, minutes=3, seconds=4)),
    ("3", "timespan", dt.timedelta(days=3)), (10_000_000, "timespan", dt.timedelta(seconds=1)),
    ("00000000-0000-0000-0000-000000000001", "guid", uuid.UUID(int=1)),
    ("{00000000-0000-0000-0000-000000000001}", "guid", uuid.UUID(int=1)),
    ("1.2.3", "version", Version(1, 2, 3)), ("10.0", "System.Version", Version(10, 0)),
    (None, "void", None),
]


@pytest.mark.parametrize("value, type_name, expected", CASTS)
def test_convert(value, type_name, expected):
    result = convert(value, type_name)
    assert result == expected
    if expected is not None:
        assert type(result) in (type(expected), Char)


def test_convert_containers():
    table = PSHashtable([("b", 1), ("a", 2)])
    obj = convert(table, "pscustomobject")
    assert isinstance(obj, PSObject) and obj.properties() == [("b", 1), ("a", 2)]
    assert convert(table, "hashtable") is table
    ordered = convert(table, "ordered")
    assert ordered.ordered and ordered.items() == table.items()
    arraylist = convert([1, 2], "System.Collections.ArrayList")
    assert type(arraylist) is PSList and arraylist == [1, 2]
    assert convert(None, "regex") is None and convert(None, "hashtable") is None
    assert convert(None, "char") == "\0"
    assert convert("a+", "regex").pattern == "a+"
    block = Block("1")
    assert convert(block, "scriptblock") is block


ERRORS = [
    ("abc", "int", 'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not in a '
     'correct format."', "InvalidCastFromStringToInteger", "InvalidArgument"),
    ([1, 2], "int", 'Cannot convert the "System.Object[]" value of type "System.Object[]" to type '
     '"System.Int32".', "ConvertToFinalInvalidCastException", "InvalidArgument"),
    ("99999999999", "int", 'Cannot convert value "99999999999" to type "System.Int32". Error: "Value was '
     'either too large or too small for an Int32."', "InvalidCastFromStringToInteger", "InvalidArgument"),
    (1e20, "int", 'Cannot convert value "1E+20" to type "System.Int32". Error: "Value was either too '
     'large or too small for an Int32."', "InvalidCastIConvertible", "InvalidArgument"),
    (256, "byte", 'Cannot convert value "256" to type "System.Byte". Error: "Value was either too large '
     'or too small for an unsigned byte."', "InvalidCastIConvertible", "InvalidArgument"),
    ("x", "double", 'Cannot convert value "x" to type "System.Double". Error: "Input string was not in a '
     'correct format."', "InvalidCastFromStringToDoubleOrSingle", "InvalidArgument"),
    ("x", "decimal", 'Cannot convert value "x" to type "System.Decimal". Error: "Input string was not in '
     'a correct format."', "InvalidCastFromStringToDecimal", "InvalidArgument"),
    ("ab", "char", 'Cannot convert value "ab" to type "System.Char". Error: "String must be exactly one '
     'character long."', "InvalidCastParseTargetInvocation", "InvalidArgument"),
    ("nope", "datetime", 'Cannot convert value "nope" to type "System.DateTime". Error: "String \'nope\' '
     'was not recognized as a valid DateTime."', "InvalidCastParseTargetInvocationWithFormatProvider",
     "InvalidArgument"),
    ("x", "guid", 'Cannot convert value "x" to type "System.Guid". Error: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."',
     "InvalidCastParseTargetInvocation", "InvalidArgument"),
    ("x", "timespan", 'Cannot convert value "x" to type "System.TimeSpan". Error: "String was not '
     'recognized as a valid TimeSpan."', "InvalidCastParseTargetInvocation", "InvalidArgument"),
    ("1", "version", 'Cannot convert value "1" to type "System.Version". Error: "Version string portion '
     'was too short or too long."', "InvalidCastParseTargetInvocation", "InvalidArgument"),
    ("x", "hashtable", 'Cannot convert the "x" value of type "System.String" to type '
     '"System.Collections.Hashtable".', "ConvertToFinalInvalidCastException", "InvalidArgument"),
    ("x", "scriptblock", 'Cannot convert the "x" value of type "System.String" to type '
     '"System.Management.Automation.ScriptBlock".', "ConvertToFinalInvalidCastException",
     "InvalidArgument"),
    (None, "datetime", 'Cannot convert null to type "System.DateTime".', "nullToObjectInvalidCast",
     "InvalidArgument"),
    (5, "Foo", "Unable to find type [Foo].", "TypeNotFound", "InvalidOperation"),
]


@pytest.mark.parametrize("value, type_name, message, error_id, category", ERRORS)
def test_convert_errors(value, type_name, message, error_id, category):
    with pytest.raises(PSRuntimeException) as err:
        convert(value, type_name)
    record = err.value.record
    assert (record.message, record.error_id, record.category) == (message, error_id, category)


@pytest.mark.parametrize("value, type_name, expected", [
    ("5", "int", (True, 5)), ("x", "int", (False, None)), ("2024-01-02", "datetime",
                                                           (True, dt.datetime(2024, 1, 2))),
    ([1, 2], "int", (False, None)), ("7", "double", (True, 7.0)),
])
def test_convert_try(value, type_name, expected):
    assert convert_try(value, type_name) == expected


def test_convert_try_unknown_type_still_raises():
    with pytest.raises(PSRuntimeException) as err:
        convert_try(1, "NoSuchType")
    assert err.value.record.message == "Unable to find type [NoSuchType]."


def test_converter_is_resolved_once_and_reused():
    assert converter("int") is converter("System.Int32")
    assert converter("int")("12") == 12


@pytest.mark.parametrize("value, expected", [
    (0.1 + 0.2, "0.30000000000000004"), (100.0, "100"), (1e14, "100000000000000"),
    (-1.5e300, "-1.5E+300"), (5e-324, "5E-324"),
])
def test_format_double(value, expected):
    assert format_double(value) == expected
