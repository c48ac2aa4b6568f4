"""Binary and unary operators with pwsh's semantics: the left operand decides the conversion."""
import datetime as dt
from decimal import Decimal

import pytest

from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.operators import MATCH_OPS, binary, unary
from msolsh.runtime.pstypes import Char
from msolsh.runtime.types import resolve
from msolsh.runtime.values import PSHashtable, PSObject

D = dt.datetime(2024, 1, 2, 3, 4, 5)

ARITHMETIC = [
    ("+", 1, 2, 3), ("+", "1", 2, "12"), ("+", 1, "2", 3), ("+", 1, "2.5", 3.5),
    ("+", [1], 2, [1, 2]), ("+", [1], [2, 3], [1, 2, 3]), ("+", None, 1, 1), ("+", None, "a", "a"),
    ("+", 1, None, 1), ("+", "a", None, "a"), ("+", "a", [1, 2], "a1 2"), ("+", True, 1, 2),
    ("+", 2147483647, 1, 2147483648), ("+", 9223372036854775807, 1, 9.223372036854776e18),
    ("+", 1.5, 1, 2.5), ("+", 1, 1.5, 2.5), ("+", Decimal("1.1"), 1, Decimal("2.1")),
    ("+", Char("a"), 1, 98), ("+", D, dt.timedelta(days=1), dt.datetime(2024, 1, 3, 3, 4, 5)),
    ("+", [], None, [None]),
    ("-", 5, 2, 3), ("-", "5", 2, 3), ("-", 5, "2", 3), ("-", None, 1, -1), ("-", 1.5, 1, 0.5),
    ("-", -9223372036854775807, 10, -9.223372036854776e18),
    ("-", D, dt.datetime(2024, 1, 1, 3, 4, 5), dt.timedelta(days=1)),
    ("-", D, dt.timedelta(hours=1), dt.datetime(2024, 1, 2, 2, 4, 5)),
    ("*", 3, 4, 12), ("*", "ab", 3, "ababab"), ("*", "ab", 0, ""), ("*", [1, 2], 2, [1, 2, 1, 2]),
    ("*", 2, "3", 6), ("*", 2.5, 2, 5.0), ("*", 2147483647, 2, 4294967294), ("*", "x", "2", "xx"),
    ("/", 6, 3, 2), ("/", 7, 2, 3.5), ("/", "6", "3", 2), ("/", 1, 4, 0.25), ("/", 1.5, 0, float("inf")),
    ("/", -1.5, 0, float("-inf")), ("/", Decimal(1), 4, Decimal("0.25")),
    ("%", 7, 3, 1), ("%", -7, 3, -1), ("%", 7, -3, 1), ("%", 7.5, 2, 1.5), ("%", "7", 4, 3),
]


@pytest.mark.parametrize("op, left, right, expected", ARITHMETIC)
def test_arithmetic(op, left, right, expected):
    result = binary(op)(left, right)
    assert result == expected
    assert type(result) is type(expected) or isinstance(expected, (int, float)) and type(result) in (int, float)


def test_integer_results_stay_integers():
    assert type(binary("/")(6, 3)) is int
    assert type(binary("+")(2147483647, 1)) is int


@pytest.mark.parametrize("op, left, right, message, error_id, category", [
    ("/", 1, 0, "Attempted to divide by zero.", "RuntimeException", "NotSpecified"),
    ("%", 1, 0, "Attempted to divide by zero.", "RuntimeException", "NotSpecified"),
    ("/", Decimal(1), 0, "Attempted to divide by zero.", "RuntimeException", "NotSpecified"),
    ("+", 1, "abc", 'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not '
     'in a correct format."', "InvalidCastFromStringToInteger", "InvalidArgument"),
    ("+", 1, [1, 2], 'Cannot convert the "System.Object[]" value of type "System.Object[]" to type '
     '"System.Int32".', "ConvertToFinalInvalidCastException", "InvalidArgument"),
    ("-", [1, 2], 1, "Method invocation failed because [System.Object[]] does not contain a method "
     "named 'op_Subtraction'.", "MethodNotFound", "InvalidOperation"),
    ("+", PSObject(), 1, "Method invocation failed because [System.Management.Automation.PSCustomObject] "
     "does not contain a method named 'op_Addition'.", "MethodNotFound", "InvalidOperation"),
    ("+", PSHashtable([("a", 1)]), PSHashtable([("A", 2)]), "Item has already been added. Key in "
     "dictionary: 'a'  Key being added: 'A'", "System.ArgumentException", "OperationStopped"),
    ("+", PSHashtable(), 1, "A hash table can only be added to another hash table.",
     "AddHashTableToNonHashTable", "InvalidOperation"),
    ("*", "ab", "x", 'Cannot convert value "x" to type "System.Int32". Error: "Input string was not '
     'in a correct format."', "InvalidCastFromStringToInteger", "InvalidArgument"),
    ("-f", "{1}", ["a"], "Error formatting a string: Index (zero based) must be greater than or equal "
     "to zero and less than the size of the argument list..", "FormatError", "InvalidOperation"),
    ("-f", "{0", ["a"], "Error formatting a string: Input string was not in a correct format..",
     "FormatError", "InvalidOperation"),
    ("-match", "a", "(", "The regular expression pattern ( is not valid.", "InvalidRegularExpression",
     "InvalidOperation"),
    ("-replace", "a", ["a", "b", "c"], "The -replace operator allows only two elements to follow it, "
     "not 3.", "BadReplaceArgument", "InvalidOperation"),
    ("-gt", 1, "a", 'Could not compare "1" to "a". Error: "Cannot convert value "a" to type '
     '"System.Int32". Error: "Input string was not in a correct format.""', "ComparisonFailure",
     "InvalidOperation"),
    ("-is", 1, "NoSuchType", "Unable to find type [NoSuchType].", "TypeNotFound", "InvalidOperation"),
])
def test_operator_errors(op, left, right, message, error_id, category):
    with pytest.raises(PSRuntimeException) as err:
        binary(op)(left, right)
    record = err.value.record
    assert (record.message, record.error_id, record.category) == (message, error_id, category)


def test_hashtable_addition_keeps_both():
    result = binary("+")(PSHashtable([("a", 1)]), PSHashtable([("b", 2)]))
    assert result.items() == [("a", 1), ("b", 2)]


COMPARISONS = [
    ("-eq", 1, 1, True), ("-eq", 1, "1", True), ("-eq", "1", 1, True), ("-eq", "a", "A", True),
    ("-ceq", "a", "A", False), ("-ieq", "a", "A", True), ("-ne", "a", "b", True),
    ("-eq", 1, "a", False), ("-eq", 0, "", True), ("-eq", None, None, True), ("-eq", None, 0, False),
    ("-eq", 0, None, False), ("-eq", True, "false", True), ("-eq", False, None, False),
    ("-eq", 1.0, 1, True), ("-eq", "True", True, True), ("-eq", D, "2024-01-02T03:04:05", True),
    ("-eq", [1, 2, 3], 2, [2]), ("-eq", ["a", "b"], "A", ["a"]), ("-ceq", ["a", "b"], "A", []),
    ("-eq", [1, None, 2], None, [None]), ("-ne", [1, 2, 3], 2, [1, 3]), ("-eq", None, [1], False),
    ("-eq", 1, [1], False),
    ("-gt", 2, 1, True), ("-gt", [1, 2, 3], 1, [2, 3]), ("-lt", "a", "B", True), ("-clt", "a", "B", False),
    ("-ge", 2, "2", True), ("-le", "10", 9, True), ("-lt", 1, "10", True), ("-gt", "b", "a", True),
    ("-lt", None, 1, True), ("-gt", 1, None, True), ("-gt", None, 1, False), ("-lt", 1.5, 2, True),
    ("-gt", D, "2024-01-01", True), ("-lt", dt.timedelta(1), dt.timedelta(2), True),
    ("-like", "abc", "a*", True), ("-like", "abc", "A?C", True), ("-clike", "abc", "A*", False),
    ("-like", "abc", "[a-c]bc", True), ("-like", "a*c", "a`*c", True), ("-like", "abc", "a`*c", False),
    ("-notlike", "abc", "x*", True), ("-like", ["ab", "cd", "ax"], "a*", ["ab", "ax"]),
    ("-like", "a\nb", "a*", True), ("-like", 12, "1*", True), ("-like", "a.b", "a.b", True),
    ("-like", "axb", "a.b", False), ("-like", "", "*", True), ("-like", None, "", True),
    ("-notmatch", "abc", "x", True), ("-match", ["a1", "b", "c2"], r"\d", ["a1", "c2"]),
    ("-contains", [1, 2, 3], 2, True), ("-contains", [1, 2, 3], "2", True),
    ("-contains", ["a", "b"], "A", True), ("-ccontains", ["a", "b"], "A", False),
    ("-notcontains", [1, 2], 3, True), ("-contains", "abc", "a", False), ("-contains", 5, 5, True),
    ("-in", 2, [1, 2], True), ("-in", "A", ["a"], True), ("-cin", "A", ["a"], False),
    ("-notin", 3, [1, 2], True), ("-in", [1], [[1]], False),
]


@pytest.mark.parametrize("op, left, right, expected", COMPARISONS)
def test_comparisons(op, left, right, expected):
    assert binary(op)(left, right) == expected


def test_match_sets_matches_for_scalars_only():
    seen = []
    assert binary("-match")("John Smith", r"(\w+) (?<last>\w+)", seen.append) is True
    assert seen[0].items() == [("last", "Smith"), (1, "John"), (0, "John Smith")]
    seen.clear()
    assert binary("-match")(["a1"], r"\d", seen.append) == ["a1"]
    assert binary("-match")("abc", "x", seen.append) is False
    assert seen == []
    assert binary("-cmatch")("ABC", "abc", seen.append) is False
    assert binary("-imatch")("ABC", "abc", seen.append) is True
    assert "-match" in MATCH_OPS and "-cnotmatch" in MATCH_OPS and "-replace" not in MATCH_OPS


def test_match_translates_net_regex():
    seen = []
    assert binary("-match")("2024-01-02", r"(?<y>\d{4})-(?'m'\d\d)-\k<m>", seen.append) is False
    assert binary("-match")("2024-01-01", r"(?<y>\d{4})-(?'m'\d\d)-\k<m>", seen.append) is True
    assert seen[0]["y"] == "2024" and seen[0]["m"] == "01"
    assert binary("-match")("ab\n", r"b\z", seen.append) is False
    assert binary("-match")("ab\n", r"b\Z", seen.append) is True


STRING_OPS = [
    ("-replace", "John Smith", [r"(\w+) (\w+)", "$2, $1"], "Smith, John"),
    ("-replace", "abc", "B", "ac"), ("-creplace", "abc", ["B", "x"], "abc"),
    ("-replace", "abc", ["b", "$$"], "a$c"), ("-replace", "abc", ["b", "[$0]"], "a[b]c"),
    ("-replace", "abc", ["(?<x>b)", "<${x}>"], "a<b>c"), ("-replace", "abc", ["b", "$5"], "a$5c"),
    ("-replace", ["ab", "bb"], ["b", "c"], ["ac", "cc"]), ("-replace", 123, ["2", "x"], "1x3"),
    ("-replace", "a.b", [".", "-"], "---"), ("-replace", "abc", ["b", "$&$&"], "abbc"),
    ("-split", "a,b,,c", ",", ["a", "b", "", "c"]), ("-split", "a1b2c", [r"\d", 2], ["a", "b2c"]),
    ("-split", "a.b", [".", 0, "SimpleMatch"], ["a", "b"]), ("-split", "aXbxc", "x", ["a", "b", "c"]),
    ("-csplit", "aXbxc", "x", ["aXb", "c"]), ("-split", "a\nb", ["^b", 0, "Multiline"], ["a\n", ""]),
    ("-split", "a.b.c", [".", 2, "SimpleMatch, IgnoreCase"], ["a", "b.c"]), ("-split", "a-b", "(-)", ["a", "-", "b"]),
    ("-split", ["a b", "c d"], " ", ["a", "b", "c", "d"]), ("-split", "abc", "", ["", "a", "b", "c", ""]),
    ("-join", [1, 2, 3], ",", "1,2,3"), ("-join", "a", ",", "a"), ("-join", [1, [2, 3]], "-", "1-System.Object[]"),
    ("-join", [None, "a"], ",", ",a"),
    ("-f", "{0} {1}", ["a", "b"], "a b"), ("-f", "{0,5}|{1,-5}|", [1, 2], "    1|2    |"),
    ("-f", "{0:N2}", 1234.567, "1,234.57"), ("-f", "{0:D3}", 7, "007"), ("-f", "{0:X}", 255, "FF"),
    ("-f", "{0:x4}", 255, "00ff"), ("-f", "{0:P1}", 0.125, "12.5%"), ("-f", "{0:F1}", 2.25, "2.3"),
    ("-f", "{0:yyyy-MM-dd}", D, "2024-01-02"), ("-f", "{0:HH:mm:ss}", D, "03:04:05"),
    ("-f", "{{{0}}}", 1, "{1}"), ("-f", "{0}", D, "1/2/2024 3:04:05 AM"), ("-f", "{0}", [[1, 2]], "System.Object[]"),
    ("-f", "{0}", None, ""), ("-f", "{0:0.00}", 3.14159, "3.14"), ("-f", "{0:#,##0}", 1234567, "1,234,567"),
    ("-f", "{0:C}", 1234.5, "$1,234.50"), ("-f", "{0:E2}", 12345.678, "1.23E+004"), ("-f", "{0:N0}", 2.5, "3"),
    ("-f", "{0:0.#}", 2, "2"), ("-f", "{0:00}", 5, "05"), ("-f", "{0:P0}", 0.5, "50%"),
    ("-f", "{0:dddd, MMMM d}", D, "Tuesday, January 2"), ("-f", "{0:hh:mm tt}", D, "03:04 AM"),
    ("-f", "{0} {0}", "x", "x x"), ("-f", "{0:hh\\:mm}", dt.timedelta(minutes=90), "01:30"),
    ("-f", "{0:d\\.hh\\:mm\\:ss}", dt.timedelta(days=2, hours=1), "2.01:00:00"), ("-f", "{0:N2}", Decimal("2.005"), "2.01"),
]


@pytest.mark.parametrize("op, left, right, expected", STRING_OPS)
def test_string_operators(op, left, right, expected):
    assert binary(op)(left, right) == expected


@pytest.mark.parametrize("op, left, right, expected", [
    ("..", 1, 5, [1, 2, 3, 4, 5]), ("..", 5, 1, [5, 4, 3, 2, 1]), ("..", 0, 0, [0]),
    ("..", "a", "e", ["a", "b", "c", "d", "e"]), ("..", "1", "3", [1, 2, 3]), ("..", -1, 1, [-1, 0, 1]),
    ("..", 1.6, 3, [2, 3]),
    ("-band", 6, 3, 2), ("-bor", 6, 3, 7), ("-bxor", 6, 3, 5), ("-shl", 1, 4, 16),
    ("-shl", 1, 31, -2147483648), ("-shr", 16, 2, 4), ("-shr", -16, 2, -4), ("-band", "6", 3, 2),
    ("-and", 1, "", False), ("-and", 1, "x", True), ("-or", 0, [0], False), ("-or", None, 1, True),
    ("-xor", True, False, True), ("-xor", 1, 1, False),
    ("-is", 5, "int", True), ("-is", 5, resolve("int"), True), ("-is", "5", "int", False),
    ("-is", 5.0, "double", True), ("-is", [1], "array", True), ("-is", [1], "object[]", True),
    ("-is", PSHashtable(), "hashtable", True), ("-is", PSObject(), "pscustomobject", True),
    ("-is", None, "object", False), ("-is", 5, "object", True), ("-is", 5, "ValueType", True),
    ("-is", D, "datetime", True), ("-is", "x", "string", True), ("-isnot", "x", "int", True),
    ("-is", PSObject([], ["Microsoft.Online.Administration.User", "System.Object"]),
     "Microsoft.Online.Administration.User", True),
    ("-as", "5", "int", 5), ("-as", "x", "int", None), ("-as", "5", resolve("double"), 5.0),
    ("-as", "2024-01-02", "datetime", dt.datetime(2024, 1, 2)),
])
def test_other_binary(op, left, right, expected):
    assert binary(op)(left, right) == expected


@pytest.mark.parametrize("op, value, expected", [
    ("-not", 0, True), ("!", "x", False), ("-not", [], True), ("-bnot", 0, -1), ("-bnot", 5, -6),
    ("-", 5, -5), ("-", "5", -5), ("-", 1.5, -1.5), ("-", None, 0), ("+", "5", 5), ("+", 3, 3),
    (",", 1, [1]), (",", [1, 2], [[1, 2]]), ("-split", " a  b\tc ", ["a", "b", "c"]),
    ("-join", [1, 2, 3], "123"), ("-join", "abc", "abc"), ("-", -9223372036854775808, 9.223372036854776e18),
])
def test_unary(op, value, expected):
    assert unary(op)(value) == expected


def test_unary_negate_array_fails():
    with pytest.raises(PSRuntimeException) as err:
        unary("-")([1])
    assert err.value.record.message == ("Method invocation failed because [System.Object[]] does not "
                                        "contain a method named 'op_UnaryNegation'.")


def test_unknown_operator():
    with pytest.raises(PSRuntimeException):
        binary("-frobnicate")
    with pytest.raises(PSRuntimeException):
        binary("-cjoinx")


def test_every_ast_operator_is_bound():
    bases = ["eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
             "notcontains", "in", "notin", "replace", "split"]
    ops = ["+", "-", "*", "/", "%", "..", "-f", "-join", "-is", "-isnot", "-as", "-and", "-or",
           "-xor", "-band", "-bor", "-bxor", "-shl", "-shr"]
    ops += [f"-{p}{b}" for b in bases for p in ("", "i", "c")]
    for op in ops:
        assert callable(binary(op)), op
