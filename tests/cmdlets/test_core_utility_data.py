"""CSV and JSON conversions as Windows PowerShell 5.1 (CSV) and pwsh 7 (JSON layout) write them."""
import datetime as dt

import pytest

from msolsh.cmdlets.core import data
from msolsh.runtime.values import PSHashtable, PSObject


def user(**props):
    return PSObject(props.items())


def test_csv_type_line_quotes_and_nulls():
    rows = [user(Name="ann", Licenses=["E3", "E5"], City=None, Note='say "hi"'), user(Name="bob")]
    assert data.to_csv_lines(rows) == [
        "#TYPE System.Management.Automation.PSCustomObject",
        '"Name","Licenses","City","Note"',
        '"ann","System.Object[]",,"say ""hi"""',
        '"bob",,,',
    ]


def test_csv_without_type_information_and_other_delimiter():
    assert data.to_csv_lines([user(a=1, b=True)], ";", type_information=False) == ['"a";"b"', '"1";"True"']


def test_csv_of_a_hashtable_shows_its_dotnet_properties():
    assert data.to_csv_lines([PSHashtable([("a", 1)])], type_information=False) == [
        '"IsReadOnly","IsFixedSize","IsSynchronized","Keys","Values","SyncRoot","Count"',
        '"False","False","False","System.Collections.Hashtable+KeyCollection",'
        '"System.Collections.Hashtable+ValueCollection","System.Object","1"']


def test_csv_dates_use_en_us_tostring():
    assert data.to_csv_lines([user(When=dt.datetime(2026, 11, 25, 14, 5, 32))], type_information=False)[1] == \
        '"11/25/2026 2:05:32 PM"'


def test_import_reads_type_quotes_newlines_and_short_rows():
    objects, renamed = data.from_csv('#TYPE Contoso.User\n"a","b"\n"1","x,""y""\nz"\n\n2\n')
    assert not renamed
    assert [o.properties() for o in objects] == [[("a", "1"), ("b", 'x,"y"\nz')], [("a", "2"), ("b", None)]]
    assert objects[0].type_names == ["Contoso.User", "CSV:Contoso.User"]


def test_import_with_header_and_missing_names():
    objects, renamed = data.from_csv("1,2,3", header=["a", "", "c"])
    assert renamed and objects[0].properties() == [("a", "1"), ("H1", "2"), ("c", "3")]


def test_import_duplicate_header_is_an_error():
    with pytest.raises(data.CsvError, match='The member "A" is already present.'):
        data.from_csv("a,A\n1,2")


def test_csv_round_trip():
    rows = [user(UserPrincipalName="ann@contoso.com", UsageLocation="NO")]
    objects, _ = data.from_csv("\n".join(data.to_csv_lines(rows)))
    assert objects[0].properties() == rows[0].properties()


def test_json_pretty_layout_is_pwsh7():
    value = PSHashtable([("a", 1), ("b", [1, 2.0, []]), ("c", PSHashtable()), ("d", None), ("e", True)])
    assert data.to_json(value) == ('{\n  "a": 1,\n  "b": [\n    1,\n    2.0,\n    []\n  ],\n'
                                   '  "c": {},\n  "d": null,\n  "e": true\n}', False)


def test_json_depth_truncates_with_string_form():
    deep = PSHashtable([("a", PSHashtable([("b", PSHashtable([("c", user(d=1))]))]))])
    text, truncated = data.to_json(deep)
    assert truncated
    assert text == '{\n  "a": {\n    "b": {\n      "c": "@{d=1}"\n    }\n  }\n}'
    assert data.truncation_warning(2) == \
        "Resulting JSON is truncated as serialization has exceeded the set depth of 2."


def test_json_compress_and_strings():
    assert data.to_json(user(Name='a "q"', When=dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)),
                        compress=True) == ('{"Name":"a \\"q\\"","When":"2026-01-05T09:00:00Z"}', False)


def test_from_json_objects_arrays_and_hashtables():
    value = data.from_json('{"a": [1, {"b": null}], "c": {}, "d": 1.5}')
    assert isinstance(value, PSObject)
    assert value.get("a")[0] == 1 and value.get("a")[1].get("b") is None
    assert value.get("c").properties() == [] and value.get("d") == 1.5
    table = data.from_json('{"A": 1}', as_hashtable=True)
    assert isinstance(table, PSHashtable) and table["a"] == 1


def test_from_json_error_names_the_primitive():
    with pytest.raises(data.JsonError, match=r"^Invalid JSON primitive: abc\.$"):
        data.from_json('{"a": abc}')


@pytest.mark.parametrize("text,message", [
    ("[1,2", "Invalid array passed in, ']' expected."),
    ('{"a": 1', "Invalid object passed in, '}' expected."),
    ('{"a": "x', "Invalid string passed in, '\"' expected."),
    ("nope", "Invalid JSON primitive: nope."),
])
def test_from_json_unfinished_text(text, message):
    with pytest.raises(data.JsonError) as caught:
        data.from_json(text)
    assert str(caught.value) == message


def test_from_json_duplicate_keys():
    with pytest.raises(data.JsonDuplicateKeys, match="contains the duplicated keys 'a' and 'A'"):
        data.from_json('{"a": 1, "A": 2}')


def test_typed_objects_write_their_type_name():
    error = PSObject([("ErrorCode", "x")], ["Microsoft.Online.Administration.ValidationError", "System.Object"])
    assert data.to_csv_lines([user(Errors=error)], type_information=False)[1] == \
        '"Microsoft.Online.Administration.ValidationError"'
