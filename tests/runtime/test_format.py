"""Out-Default's text, exactly: tables, lists, hashtables, primitives, views, truncation."""
import datetime
import uuid

from msolsh.runtime.formatting import Column, out_default, out_string, register_view
from msolsh.runtime.formatting.views import find_view
from msolsh.runtime.values import PSHashtable, PSObject


def obj(*pairs, type_name=None):
    return PSObject(pairs, [type_name, "System.Object"] if type_name else None)


def test_primitives_one_per_line_and_null_prints_nothing():
    assert out_default(["a", 1, 2.5, True, None, False]) == "a\n1\n2.5\nTrue\nFalse\n"


def test_empty_output_is_empty_text():
    assert out_default([]) == ""
    assert out_default([None]) == ""


def test_small_object_is_a_table_with_blank_lines_around():
    text = out_default([obj(("Name", "alice"), ("Count", 3))])
    assert text == ("\n"
                    "Name  Count\n"
                    "----  -----\n"
                    "alice     3\n"
                    "\n")


def test_numbers_right_aligned_text_left_and_underline_is_header_length():
    rows = [obj(("Name", "a"), ("Size", 12345)), obj(("Name", "longer name"), ("Size", 7))]
    assert out_default(rows) == ("\n"
                                 "Name         Size\n"
                                 "----         ----\n"
                                 "a           12345\n"
                                 "longer name     7\n"
                                 "\n")


def test_five_properties_switch_to_list():
    record = obj(("a", 1), ("bb", 2), ("c", None), ("d", "x"), ("e", [1, 2]))
    assert out_default([record, record]) == ("\n"
                                             "a  : 1\n"
                                             "bb : 2\n"
                                             "c  :\n"
                                             "d  : x\n"
                                             "e  : {1, 2}\n"
                                             "\n"
                                             "a  : 1\n"
                                             "bb : 2\n"
                                             "c  :\n"
                                             "d  : x\n"
                                             "e  : {1, 2}\n"
                                             "\n")


def test_arrays_in_cells_are_braced_and_cut_after_four():
    text = out_default([obj(("Tags", ["a", "b", "c", "d", "e"])), obj(("Tags", []))])
    assert text == "\nTags\n----\n{a, b, c, d...}\n{}\n\n"


def test_nested_object_shows_its_string_form():
    text = out_default([obj(("Inner", obj(("x", 1), ("y", "z"))))])
    assert text == "\nInner\n-----\n@{x=1; y=z}\n\n"


def test_hashtable_name_column_is_thirty_wide():
    table = PSHashtable([("a", 1), ("Long", "two")])
    assert out_default([table]) == ("\n"
                                    "Name                           Value\n"
                                    "----                           -----\n"
                                    "a                              1\n"
                                    "Long                           two\n"
                                    "\n")


def test_consecutive_hashtables_share_one_table():
    text = out_default([PSHashtable([("a", 1)]), PSHashtable([("b", 2)])])
    assert text.count("Name") == 1 and text.endswith("a                              1\n"
                                                      "b                              2\n\n")


def test_shape_change_starts_a_new_table():
    text = out_default([obj(("A", "x")), obj(("A", "y")), obj(("B", "z")), "done"])
    assert text == ("\nA\n-\nx\ny\n\n"
                    "\nB\n-\nz\n\n"
                    "done\n")


def test_last_column_truncated_with_three_dots_at_79():
    text = out_default([obj(("Name", "a" * 50), ("Desc", "b" * 50))])
    lines = text.split("\n")
    assert lines[3] == "a" * 50 + " " + "b" * 25 + "..."
    assert max(len(line) for line in lines) == 79


def test_columns_that_do_not_fit_are_dropped():
    text = out_default([obj(("A", "x" * 100), ("B", 1))])
    assert text == "\nA\n-\n" + "x" * 76 + "...\n\n"


def test_width_comes_from_the_host():
    class Host:
        width = 40

    class Session:
        host = Host()
    text = out_default([obj(("Name", "a" * 50))], Session())
    assert text.split("\n")[3] == "a" * 36 + "..."


def test_out_string_width_uses_every_column():
    text = out_string([obj(("Name", "a" * 50))], width=30)
    assert text.split("\n")[3] == "a" * 27 + "..."


def test_datetime_cell_is_en_us_and_bare_datetime_is_long():
    when = datetime.datetime(2026, 11, 25, 10, 5, 32)
    assert out_default([obj(("When", when))]) == "\nWhen\n----\n11/25/2026 10:05:32 AM\n\n"
    assert out_default([when]) == "\nWednesday, November 25, 2026 10:05:32 AM\n\n"


def test_list_wraps_long_values_under_the_value_column():
    record = obj(("Long", "word " * 20), ("b", 1), ("c", 2), ("d", 3), ("e", 4))
    lines = out_default([record], width=40).split("\n")
    assert lines[1:6] == ["Long : word word word word word word",
                          "       word word word word word word",
                          "       word word word word word word",
                          "       word word",
                          "b    : 1"]


def test_registered_view_picks_columns_and_fixed_widths():
    register_view("Test.Format.User", "table", [
        Column("UserPrincipalName", width=37), Column("DisplayName", width=21),
        Column("isLicensed", "IsLicensed")])
    user = obj(("UserPrincipalName", "BonnieK@litwareinc.onmicrosoft.com"),
               ("DisplayName", "Bonnie Kearney"), ("IsLicensed", True), ("City", "x"),
               ("Other", 1), type_name="Test.Format.User")
    assert out_default([user]) == (
        "\n"
        "UserPrincipalName                     DisplayName           isLicensed\n"
        "-----------------                     -----------           ----------\n"
        "BonnieK@litwareinc.onmicrosoft.com    Bonnie Kearney        True\n"
        "\n")


def test_selected_type_names_do_not_pick_the_view():
    register_view("Test.Format.Thing", "list", [Column("A")])
    selected = PSObject([("A", 1)], ["Selected.Test.Format.Thing", "System.Object"])
    assert out_default([selected]) == "\nA\n-\n1\n\n"


def test_register_view_replaces_same_kind_and_keeps_default():
    register_view("Test.Format.Twice", "table", [Column("A")])
    register_view("Test.Format.Twice", "list", [Column("B")])
    register_view("Test.Format.Twice", "table", [Column("C")])
    assert find_view(["Test.Format.Twice"]).columns[0].header == "C"
    assert find_view(["Test.Format.Twice"], "list").columns[0].header == "B"


def test_view_group_header():
    register_view("Test.Format.Grouped", "table", [Column("Name")], group_by="Kind",
                  group_label="Kind")
    rows = [obj(("Kind", "x"), ("Name", "a"), type_name="Test.Format.Grouped"),
            obj(("Kind", "y"), ("Name", "b"), type_name="Test.Format.Grouped")]
    assert out_default(rows) == ("\n   Kind: x\n\nName\n----\na\n"
                                 "\n   Kind: y\n\nName\n----\nb\n\n")


def test_guid_shows_as_guid_table():
    value = uuid.UUID("e1418d64-096c-4cb0-b903-ebb66562d99d")
    assert out_default([value]) == "\nGuid\n----\ne1418d64-096c-4cb0-b903-ebb66562d99d\n\n"


def test_nested_arrays_in_output_enumerate():
    assert out_default([[1, [2, 3]], "a"]) == "1\n2\n3\na\n"


def test_empty_custom_object_prints_nothing():
    assert out_default([PSObject()]) == ""


def test_multiline_cell_shows_first_line_and_dots():
    assert out_default([obj(("A", "one\ntwo"))]) == "\nA\n-\none...\n\n"


def test_type_literal_shows_the_runtime_type_table():
    from msolsh.runtime.types import resolve
    assert out_default([resolve("int"), resolve("string")]) == (
        "\nIsPublic IsSerial Name                                     BaseType\n"
        "-------- -------- ----                                     --------\n"
        "True     True     Int32                                    System.ValueType\n"
        "True     True     String                                   System.Object\n\n")


def test_timespan_is_a_list():
    text = out_default([datetime.timedelta(hours=1, minutes=2, seconds=3)])
    assert text.startswith("\nDays              : 0\nHours             : 1\nMinutes           : 2\n")
    assert "TotalSeconds      : 3723\n" in text


def test_hashtable_cell_and_nested_collection_elements():
    text = out_default([obj(("H", PSHashtable([("a", 1), ("b", 2)])), ("L", [[1, 2], "x"]))])
    assert text == "\nH      L\n-      -\n{a, b} {System.Object[], x}\n\n"


# --- robustness: no value makes formatting raise ---------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=40), st.datetimes(min_value=datetime.datetime(1, 1, 2)))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5),
    st.lists(st.tuples(st.text(min_size=1, max_size=8), inner), max_size=6).map(
        lambda pairs: PSObject(pairs)),
    st.lists(st.tuples(st.text(max_size=8), inner), max_size=4).map(PSHashtable)), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(st.lists(values, max_size=6), st.integers(min_value=10, max_value=200))
def test_out_string_never_raises(items, width):
    assert isinstance(out_string(items, width=width), str)


cell_values = st.one_of(st.integers(), st.text(st.characters(min_codepoint=32, max_codepoint=126),
                                               max_size=60))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cell_values, min_size=1, max_size=4), min_size=1, max_size=5),
       st.integers(min_value=10, max_value=120))
def test_tables_never_exceed_the_width(rows, width):
    names = ["Alpha", "B", "Gamma", "Delta"]
    items = [PSObject(list(zip(names, row))) for row in rows]
    for line in out_string(items, width=width).split("\n"):
        assert len(line) <= width, line


def test_list_group_by_headers():
    from msolsh.runtime.formatting import Options, render_objects
    from msolsh.runtime.formatting.props import parse_specs
    rows = [obj(("Name", "Ada"), ("Dept", "IT")), obj(("Name", "Cy"), ("Dept", "it")),
            obj(("Name", "bob"), ("Dept", "HR"))]
    options = Options(kind="list", specs=parse_specs(["Name"]),
                      group_by=parse_specs("Dept")[0])
    assert render_objects(rows, 79, options) == ("\n   Dept: IT\n\nName : Ada\n\nName : Cy\n"
                                                 "\n   Dept: HR\n\nName : bob\n\n")


def test_a_list_view_without_columns_lists_every_property_even_for_few_properties():
    register_view("Test.AlwaysList", "list")
    record = PSObject([("Name", "a"), ("Count", 2)], ["Test.AlwaysList", "System.Object"])
    assert out_default([record], None) == "\nName  : a\nCount : 2\n\n"
