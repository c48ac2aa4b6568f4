"""The object cmdlets driven directly (no parser): a fake processor stands in for the engine,
and script blocks are Python functions of $_."""
import pytest

from msolsh.cmdlets.core.objects import ForEachObject, NewObject, TeeObject, WhereObject
from msolsh.cmdlets.core.objects_group import CompareObject, GroupObject
from msolsh.cmdlets.core.objects_measure import MeasureObject
from msolsh.cmdlets.core.objects_member import GetMember
from msolsh.cmdlets.core.objects_select import SelectObject, SortObject
from msolsh.runtime.command_processor import StopUpstream
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.formatting import out_default
from msolsh.runtime.values import PSHashtable, PSObject


class Block:
    """A script block stand-in: fn($_) -> value or list."""

    def __init__(self, fn, text="{ ... }"):
        self.fn, self.text = fn, text


class Scope:
    def __init__(self):
        self.vars = {}

    def assign(self, name, value):
        self.vars[name] = value


class FakeProcessor:
    def __init__(self):
        self.errors, self.scope = [], Scope()

    def invoke_script(self, cmdlet, script, args, dollar_under, input):
        result = script.fn(dollar_under)
        return result if isinstance(result, list) else ([] if result is None else [result])

    def write_error(self, cmdlet, record):
        self.errors.append(record)

    def throw_terminating(self, cmdlet, record):
        raise PSRuntimeException(record)

    def error_record(self, cmdlet, message, error_id, category, target, exception_type,
                     fq_class, **extra):
        return ErrorRecord(message, error_id, category, target=target,
                           exception_type=exception_type or "System.Exception",
                           fq_class=fq_class or f"Microsoft.PowerShell.Commands.{cmdlet.verb}{cmdlet.noun}Command")


def run(cls, inputs=None, set_name=None, **params):
    """(output, errors, processor) of one cmdlet over `inputs` (None: no pipeline input)."""
    proc = FakeProcessor()
    cmd = cls()
    cmd._processor, cmd.session = proc, None
    cmd.bound = dict(params)
    cmd.parameter_set = set_name or cls.default_set or "__AllParameterSets"
    for name, param in cls.parameters.items():
        setattr(cmd, name, params.get(name, False if param.is_switch else param.default))
    out = []
    try:
        out.extend(cmd.begin() or [])
        for item in ([] if inputs is None else inputs):
            cmd.InputObject = item
            cmd.bound["InputObject"] = item
            out.extend(cmd.process() or [])
        if inputs is None:
            out.extend(cmd.process() or [])
    except StopUpstream:
        pass
    out.extend(cmd.end() or [])
    return out, proc.errors, proc


def obj(**props):
    return PSObject(list(props.items()))


PEOPLE = [obj(Name="Ada", Dept="IT", Age=36), obj(Name="bob", Dept="HR", Age=25),
          obj(Name="Cy", Dept="it", Age=41)]


# --- Where-Object --------------------------------------------------------------------------

def test_where_script_block():
    out, _, _ = run(WhereObject, [1, 2, 3, 4], set_name="ScriptBlockSet",
                    FilterScript=Block(lambda x: x % 2 == 0))
    assert out == [2, 4]


def test_where_script_block_bound_to_property_by_the_default_set():
    out, _, _ = run(WhereObject, [1, 2, 3], Property=Block(lambda x: x > 1))
    assert out == [2, 3]


@pytest.mark.parametrize("switch, value, names", [
    ("EQ", "it", ["Ada", "Cy"]), ("CEQ", "it", ["Cy"]), ("NE", "IT", ["bob"]),
    ("Like", "h*", ["bob"]), ("Match", "^i", ["Ada", "Cy"]), ("CMatch", "^i", ["Cy"]),
    ("In", ["HR", "x"], ["bob"]), ("NotLike", "i*", ["bob"]),
])
def test_where_simplified_operators(switch, value, names):
    out, _, _ = run(WhereObject, PEOPLE, set_name=switch + "Set" if switch != "EQ" else "EqualSet",
                    Property="Dept", Value=value, **{switch: True})
    assert [o.get("Name") for o in out] == names


def test_where_simplified_numbers_and_truthiness():
    out, _, _ = run(WhereObject, PEOPLE, set_name="GTSet", Property="Age", Value="30", GT=True)
    assert [o.get("Name") for o in out] == ["Ada", "Cy"]
    rows = [obj(On=True), obj(On=False), obj(Other=1)]
    out, _, _ = run(WhereObject, rows, Property="On")
    assert out == [rows[0]]
    out, _, _ = run(WhereObject, rows, set_name="Not", Property="On", Not=True)
    assert out == rows[1:]


def test_where_contains_on_collection_property():
    rows = [obj(Tags=["a", "b"]), obj(Tags=["c"])]
    out, _, _ = run(WhereObject, rows, set_name="ContainsSet", Property="Tags", Value="B",
                    Contains=True)
    assert out == [rows[0]]


# --- ForEach-Object ------------------------------------------------------------------------

def test_foreach_process_block():
    out, _, _ = run(ForEachObject, [1, 2], Process=[Block(lambda x: x * 10)])
    assert out == [10, 20]


def test_foreach_positional_begin_process_end():
    blocks = [Block(lambda _: "begin"), Block(lambda x: f"p{x}"), Block(lambda _: "end")]
    out, _, _ = run(ForEachObject, [1, 2], Process=blocks[:1], RemainingScripts=blocks[1:])
    assert out == ["begin", "p1", "p2", "end"]
    out, _, _ = run(ForEachObject, [1], Process=blocks[:1], RemainingScripts=blocks[1:2])
    assert out == ["begin", "p1"]


def test_foreach_named_begin_end():
    out, _, _ = run(ForEachObject, [1], Begin=Block(lambda _: "b"), Process=[Block(lambda x: x)],
                    End=Block(lambda _: "e"))
    assert out == ["b", 1, "e"]


def test_foreach_member_name_property_and_method():
    out, _, _ = run(ForEachObject, PEOPLE, set_name="PropertyAndMethodSet", MemberName="Name")
    assert out == ["Ada", "bob", "Cy"]
    out, _, _ = run(ForEachObject, ["a", "b"], set_name="PropertyAndMethodSet",
                    MemberName="ToUpper")
    assert out == ["A", "B"]
    out, _, _ = run(ForEachObject, ["a-b"], set_name="PropertyAndMethodSet",
                    MemberName="Replace", ArgumentList=["-", "+"])
    assert out == ["a+b"]


def test_foreach_string_positional_is_member_name():
    out, _, _ = run(ForEachObject, PEOPLE[:1], Process=["Dept"])
    assert out == ["IT"]


# --- Select-Object -------------------------------------------------------------------------

def test_select_first_stops_upstream():
    cmd_out, _, _ = run(SelectObject, [1, 2, 3, 4], First=2)
    assert cmd_out == [1, 2]


def test_select_first_raises_stop_upstream():
    proc = FakeProcessor()
    cmd = SelectObject()
    cmd._processor, cmd.bound, cmd.parameter_set = proc, {"First": 1}, "DefaultParameter"
    for name, param in SelectObject.parameters.items():
        setattr(cmd, name, False if param.is_switch else None)
    cmd.First = 1
    cmd.begin()
    cmd.InputObject, cmd.bound["InputObject"] = "x", "x"
    gen = cmd.process()
    assert next(gen) == "x"
    with pytest.raises(StopUpstream):
        next(gen)


def test_select_last_skip_index_unique():
    assert run(SelectObject, [1, 2, 3, 4, 5], Last=2)[0] == [4, 5]
    assert run(SelectObject, [1, 2, 3, 4, 5], Skip=3)[0] == [4, 5]
    assert run(SelectObject, [1, 2, 3, 4, 5], Skip=1, First=2)[0] == [2, 3]
    assert run(SelectObject, [1, 2, 3, 4, 5], set_name="IndexParameter", Index=[0, 3])[0] == [1, 4]
    assert run(SelectObject, ["a", "A", "a", "b"], Unique=True)[0] == ["a", "A", "b"]
    assert run(SelectObject, [1, 2, 3, 4], set_name="SkipLastParameter", SkipLast=1)[0] == [1, 2, 3]
    assert run(SelectObject, list(range(1, 11)), First=2, Last=2)[0] == [1, 2, 9, 10]
    assert run(SelectObject, list(range(1, 11)), Last=3, Skip=1)[0] == [7, 8, 9]


def test_select_properties_make_selected_objects():
    out, _, _ = run(SelectObject, PEOPLE[:1], Property=["Name", "Nope"])
    assert out[0].properties() == [("Name", "Ada"), ("Nope", None)]
    assert out[0].type_names[0] == "Selected.System.Management.Automation.PSCustomObject"


def test_select_wildcards_calculated_and_exclude():
    spec = PSHashtable([("n", "Years"), ("e", Block(lambda p: p.get("Age") + 1))])
    out, _, _ = run(SelectObject, PEOPLE[:1], Property=["*e", spec], ExcludeProperty=["Age"])
    assert out[0].properties() == [("Name", "Ada"), ("Years", 37)]
    label = PSHashtable([("Label", "Who"), ("Expression", "Name")])
    out, _, _ = run(SelectObject, PEOPLE[:1], Property=[label])
    assert out[0].properties() == [("Who", "Ada")]


def test_select_script_block_property_named_by_its_text():
    out, _, _ = run(SelectObject, [2], Property=[Block(lambda x: x * 2, "{ $_ * 2 }")])
    assert out[0].properties() == [(" $_ * 2 ", 4)]


def test_select_bad_hashtable_key_is_terminating():
    with pytest.raises(PSRuntimeException) as info:
        run(SelectObject, [1], Property=[PSHashtable([("Nme", "x"), ("e", "y")])])
    assert info.value.record.message == "The Nme key is not valid."


def test_select_expand_property():
    rows = [obj(Roles=["a", "b"]), obj(Roles="c"), obj(Other=1)]
    out, errors, _ = run(SelectObject, rows, ExpandProperty="Roles")
    assert out == ["a", "b", "c"]
    assert [e.message for e in errors] == ['Property "Roles" cannot be found.']
    assert errors[0].fully_qualified_error_id == \
        "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand"


# --- Sort-Object ---------------------------------------------------------------------------

def test_sort_plain_values():
    assert run(SortObject, [3, 1, 2])[0] == [1, 2, 3]
    assert run(SortObject, ["b", "A", "c"], Descending=True)[0] == ["c", "b", "A"]
    assert run(SortObject, [None, 2, 1])[0] == [None, 1, 2]
    assert run(SortObject, ["a", "A", "b"], Unique=True)[0] == ["a", "b"]


def test_sort_case_sensitive_puts_lower_first():
    assert run(SortObject, ["B", "a", "A", "b"], CaseSensitive=True)[0] == ["a", "A", "b", "B"]


def test_sort_mixed_types_compare_as_strings_when_not_convertible():
    assert run(SortObject, [10, "abc", 2])[0] == [2, 10, "abc"]


def test_sort_by_properties_and_hashtable_keys_is_stable():
    out, _, _ = run(SortObject, PEOPLE, Property=["Dept"])
    assert [o.get("Name") for o in out] == ["bob", "Ada", "Cy"]
    key = PSHashtable([("Expression", "Dept"), ("Descending", True)])
    out, _, _ = run(SortObject, PEOPLE, Property=[key, "Age"])
    assert [o.get("Name") for o in out] == ["Ada", "Cy", "bob"]
    out, _, _ = run(SortObject, PEOPLE, Property=[Block(lambda p: -p.get("Age"))])
    assert [o.get("Name") for o in out] == ["Cy", "Ada", "bob"]


def test_sort_missing_property_goes_last():
    rows = [obj(Other=1), obj(N=2), obj(N=1)]
    out, _, _ = run(SortObject, rows, Property=["N"])
    assert out == [rows[2], rows[1], rows[0]]


# --- Group-Object --------------------------------------------------------------------------

def test_group_by_property_case_insensitive_in_first_seen_order():
    out, _, _ = run(GroupObject, PEOPLE, Property=["Dept"])
    assert [(g.get("Count"), g.get("Name")) for g in out] == [(2, "IT"), (1, "HR")]
    assert out[0].get("Group") == [PEOPLE[0], PEOPLE[2]]
    assert out_default(out) == ("\n"
                                "Count Name                      Group\n"
                                "----- ----                      -----\n"
                                "    2 IT                        {@{Name=Ada; Dept=IT; Age=36}, @{Name=Cy; De...\n"
                                "    1 HR                        {@{Name=bob; Dept=HR; Age=25}}\n"
                                "\n")


def test_group_multi_key_name_no_element_and_hashtable():
    out, _, _ = run(GroupObject, PEOPLE, Property=["Dept", "Age"], NoElement=True)
    assert [g.get("Name") for g in out] == ["IT, 36", "HR, 25", "it, 41"]
    assert out_default(out[:1]) == "\nCount Name\n----- ----\n    1 IT, 36\n\n"
    out, _, _ = run(GroupObject, ["a", "b", "a"], set_name="HashTable", AsHashTable=True)
    table = out[0]
    assert table.keys() == ["a", "b"] and table["a"] == ["a", "a"]


def test_group_case_sensitive():
    out, _, _ = run(GroupObject, ["a", "A"], CaseSensitive=True)
    assert [g.get("Name") for g in out] == ["a", "A"]


# --- Measure-Object ------------------------------------------------------------------------

def test_measure_count_view():
    out, _, _ = run(MeasureObject, [1, 2, 3])
    assert out_default(out) == ("\n"
                                "Count    : 3\n"
                                "Average  :\n"
                                "Sum      :\n"
                                "Maximum  :\n"
                                "Minimum  :\n"
                                "Property :\n"
                                "\n")


def test_measure_statistics():
    out, _, _ = run(MeasureObject, [1, 2, 4], Sum=True, Average=True, Maximum=True,
                    Minimum=True)
    m = out[0]
    assert (m.get("Count"), m.get("Sum"), m.get("Average"), m.get("Maximum"), m.get("Minimum")) \
        == (3, 7.0, 7 / 3, 4.0, 1.0)
    assert "Average  : 2.33333333333333" in out_default(out) or \
        "Average  : 2.3333333333333335" in out_default(out)


def test_measure_property_and_missing_property():
    out, errors, _ = run(MeasureObject, PEOPLE, Property=["Age"], Sum=True)
    assert (out[0].get("Count"), out[0].get("Sum"), out[0].get("Property")) == (3, 102.0, "Age")
    out, errors, _ = run(MeasureObject, PEOPLE, Property=["Nope"])
    assert out == [] and errors[0].message == \
        'The property "Nope" cannot be found in the input for any objects.'


def test_measure_non_numeric_is_an_error():
    out, errors, _ = run(MeasureObject, ["x", 2], Sum=True)
    assert errors[0].message == 'Input object "x" is not numeric.'
    assert out[0].get("Sum") == 2.0


def test_measure_text():
    out, _, _ = run(MeasureObject, ["one two", "three"], set_name="TextMeasure", Line=True,
                    Word=True, Character=True)
    assert out_default(out) == ("\n"
                                "Lines Words Characters Property\n"
                                "----- ----- ---------- --------\n"
                                "    2     3         12\n"
                                "\n")


def test_measure_all_stats_shows_standard_deviation():
    out, _, _ = run(MeasureObject, [2, 4], AllStats=True)
    assert out[0].get("StandardDeviation") == pytest.approx(1.4142135623730951)
    assert "StandardDeviation : 1.4142135623731" in out_default(out) or \
        "StandardDeviation : 1.4142135623730951" in out_default(out)


# --- Compare-Object ------------------------------------------------------------------------

def test_compare_side_indicators_and_view():
    out, _, _ = run(CompareObject, None, ReferenceObject=[1, 2, 3], DifferenceObject=[2, 3, 4])
    assert [(o.get("InputObject"), o.get("SideIndicator")) for o in out] == [(4, "=>"), (1, "<=")]
    assert out_default(out) == ("\n"
                                "InputObject SideIndicator\n"
                                "----------- -------------\n"
                                "          4 =>\n"
                                "          1 <=\n"
                                "\n")


def test_compare_include_equal_exclude_different_passthru_property():
    out, _, _ = run(CompareObject, None, ReferenceObject=["a", "b"], DifferenceObject=["B", "c"],
                    IncludeEqual=True)
    assert [(o.get("InputObject"), o.get("SideIndicator")) for o in out] == \
        [("B", "=="), ("c", "=>"), ("a", "<=")]
    out, _, _ = run(CompareObject, None, ReferenceObject=["a", "b"], DifferenceObject=["b"],
                    ExcludeDifferent=True)
    assert [o.get("SideIndicator") for o in out] == ["=="]
    out, _, _ = run(CompareObject, None, ReferenceObject=PEOPLE[:1], DifferenceObject=PEOPLE[1:2],
                    Property=["Dept"])
    assert [o.properties() for o in out] == [[("Dept", "HR"), ("SideIndicator", "=>")],
                                             [("Dept", "IT"), ("SideIndicator", "<=")]]
    out, _, _ = run(CompareObject, None, ReferenceObject=PEOPLE[:1], DifferenceObject=PEOPLE[1:2],
                    Property=["Dept"], PassThru=True)
    assert out[0].get("Name") == "bob" and out[0].get("SideIndicator") == "=>"


# --- Tee-Object, New-Object, Get-Member ----------------------------------------------------

def test_tee_variable_passes_objects_through():
    out, _, proc = run(TeeObject, [1, 2], set_name="Variable", Variable="Saved")
    assert out == [1, 2] and proc.scope.vars["saved"] == [1, 2]


def test_new_object_kinds_and_unknown_type():
    out, _, _ = run(NewObject, None, TypeName="PSObject",
                    Property=PSHashtable([("Name", "Ada"), ("Role", "Admin")]))
    assert out[0].properties() == [("Name", "Ada"), ("Role", "Admin")]
    out, _, _ = run(NewObject, None, TypeName="System.Collections.ArrayList")
    assert out[0] == [] and out[0].type_name == "System.Collections.ArrayList"
    with pytest.raises(PSRuntimeException) as info:
        run(NewObject, None, TypeName="System.Foo")
    record = info.value.record
    assert record.message == ("Cannot find type [System.Foo]: verify that the assembly "
                              "containing this type is loaded.")
    assert record.fully_qualified_error_id == \
        "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand"


def test_get_member_of_custom_object():
    out, _, _ = run(GetMember, [obj(Name="Ada", Age=36, Tags=[1])])
    assert out_default(out) == (
        "\n"
        "   TypeName: System.Management.Automation.PSCustomObject\n"
        "\n"
        "Name        MemberType   Definition\n"
        "----        ----------   ----------\n"
        "Equals      Method       bool Equals(System.Object obj)\n"
        "GetHashCode Method       int GetHashCode()\n"
        "GetType     Method       type GetType()\n"
        "ToString    Method       string ToString()\n"
        "Age         NoteProperty int Age=36\n"
        "Name        NoteProperty string Name=Ada\n"
        "Tags        NoteProperty Object[] Tags=System.Object[]\n"
        "\n")


def test_get_member_filters_and_one_listing_per_type():
    out, _, _ = run(GetMember, ["a", "b"], MemberType=["Property"])
    assert [(m.get("Name"), m.get("Definition")) for m in out] == [("Length", "int Length {get;}")]
    out, _, _ = run(GetMember, ["a"], Name=["To*er"])
    assert [m.get("Name") for m in out] == ["ToLower", "ToUpper"]


def test_get_member_without_input_is_an_error():
    with pytest.raises(PSRuntimeException) as info:
        run(GetMember, None)
    assert info.value.record.message == "You must specify an object for the Get-Member cmdlet."
