"""Property specs (-Property values), property access and the layout helpers."""
import pytest

from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.formatting.listview import render_list
from msolsh.runtime.formatting.props import (FORMAT_KEYS, SORT_KEYS, get_property,
                                             matches_wildcard, parse_specs, property_names)
from msolsh.runtime.formatting.table import TableSpec, fit, render_table, truncate
from msolsh.runtime.formatting.wide import render_wide
from msolsh.runtime.values import PSHashtable, PSObject


def test_key_prefixes_resolve_like_pwsh():
    spec = parse_specs(PSHashtable([("n", "X"), ("e", "Y"), ("w", 5), ("a", "Right"),
                                    ("f", "N2")]), FORMAT_KEYS)[0]
    assert spec.name == "X" and spec.expression == "Y"
    assert spec.options == {"Name": "X", "Expression": "Y", "Width": 5, "Alignment": "Right",
                            "FormatString": "N2"}
    assert parse_specs(PSHashtable([("l", "L"), ("ex", "Y")]))[0].name == "L"
    sort = parse_specs(PSHashtable([("e", "Y"), ("desc", True)]), SORT_KEYS)[0]
    assert sort.options["Descending"] is True


@pytest.mark.parametrize("table, message", [
    (PSHashtable([("Nmae", "x"), ("e", "y")]), "The Nmae key is not valid."),
    (PSHashtable([("n", "x")]), "The Expression key is missing."),
])
def test_bad_keys(table, message):
    with pytest.raises(PSRuntimeException) as info:
        parse_specs(table)
    assert info.value.record.message == message


def test_expression_string_names_the_column_when_no_name():
    assert parse_specs(PSHashtable([("e", "Age")]))[0].name == "Age"


def test_wildcards():
    assert matches_wildcard("User*", "UserPrincipalName")
    assert matches_wildcard("?ame", "Name")
    assert matches_wildcard("[a-c]*", "Bob")
    assert not matches_wildcard("a`*", "ab")
    assert matches_wildcard("a`*", "a*")
    record = PSObject([("UserPrincipalName", 1), ("UsageLocation", 2), ("City", 3)])
    assert [n for n, _ in parse_specs("U*")[0].expand(record)] == ["UserPrincipalName",
                                                                  "UsageLocation"]


def test_hashtable_keys_are_not_properties_but_its_own_are():
    table = PSHashtable([("a", 1)])
    assert get_property(table, "a") is None
    assert get_property(table, "Count") == 1
    assert property_names(table)[-1] == "Count"


def test_string_length_is_a_property():
    assert get_property("abc", "Length") == 3
    assert property_names("abc") == ["Length"]


def test_truncate_and_fit():
    assert truncate("abcdef", 5) == "ab..."
    assert truncate("abcdef", 3) == "abc"
    assert fit([10, 10, 10], 25) == [10, 10]     # 3 columns left: too narrow, dropped
    assert fit([10, 10, 10], 26) == [10, 10, 4]
    assert fit([100], 79) == [79]


def test_render_table_alignment_and_hidden_headers():
    spec = TableSpec(["A", "Num"], ["left", "right"], [None, None])
    assert render_table(spec, [["x", "1"], ["yy", "22"]], 79) == [
        "A  Num", "-  ---", "x    1", "yy  22"]
    spec = TableSpec(["A", "B"], ["left", "center"], [None, 5], hide_headers=True)
    assert render_table(spec, [["x", "1"]], 79) == ["x   1"]


def test_render_list_and_wide():
    assert render_list([("Name", "Ada"), ("LongerName", "x\ny")], 79) == [
        "Name       : Ada", "LongerName : x", "             y"]
    assert render_wide(["a", "b", "c"], 21, columns=2) == ["a          b", "c"]
