"""The object and format cmdlets through a real Session: exact console text."""
import pytest

import msolsh.cmdlets.core  # noqa: F401  (registers the cmdlets)
from msolsh.runtime.cmdlet import REGISTRY
from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session

PEOPLE = ('$p = @([pscustomobject]@{Name="Ada"; Dept="IT"; Age=36}, '
          '[pscustomobject]@{Name="bob"; Dept="HR"; Age=25}, '
          '[pscustomobject]@{Name="Cy"; Dept="it"; Age=41}); ')


def run(text, width=80):
    host = MemoryHost(width=width)
    Session(host=host).run(text)
    return host.text


def test_where_simplified_and_script_block():
    assert run(PEOPLE + '$p | Where-Object Age -gt 30 | % Name') == "Ada\nCy\n"
    assert run(PEOPLE + '$p | ? Dept -ceq it | % Name') == "Cy\n"
    assert run(PEOPLE + '$p | where { $_.Name -like "b*" } | % Name') == "bob\n"
    assert run('1..6 | ? { $_ % 3 -eq 0 }') == "3\n6\n"


def test_foreach_two_positional_blocks_are_begin_and_process():
    assert run('1..2 | % {"begin"} {"p$_"}') == "begin\np1\np2\n"


def test_select_first_stops_a_long_pipeline_early():
    endless = '& { $i = 0; while ($true) { $i++; $i } }'
    assert run(endless + ' | Select-Object -First 2') == "1\n2\n"


def test_select_property_table_and_expand_error():
    assert run(PEOPLE + '$p | select Name, @{n="Months"; e={$_.Age * 12}}') == (
        "\nName Months\n---- ------\nAda     432\nbob     300\nCy      492\n\n")
    text = run('[pscustomobject]@{a=1} | Select-Object -ExpandProperty b')
    assert text.startswith('Select-Object : Property "b" cannot be found.\n')
    assert "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand" in text


def test_sort_and_group():
    assert run(PEOPLE + '$p | sort Age -Descending | % Name') == "Cy\nAda\nbob\n"
    assert run(PEOPLE + '$p | sort @{e="Dept"; Descending=$true}, Name | % Name') == "Ada\nCy\nbob\n"
    assert run(PEOPLE + '$p | group Dept -NoElement') == (
        "\nCount Name\n----- ----\n    2 IT\n    1 HR\n\n")


def test_measure_object_view():
    assert run('1, 2, 3 | Measure-Object -Sum -Maximum') == (
        "\nCount    : 3\nAverage  :\nSum      : 6\nMaximum  : 3\nMinimum  :\nProperty :\n\n")


def test_format_table_calculated_autosize_and_group_by():
    assert run(PEOPLE + '$p | ft Name, @{Label="Yrs"; Expression={$_.Age}; Width=5} -AutoSize') == (
        "\nName Yrs\n---- ---\nAda   36\nbob   25\nCy    41\n\n")
    assert run(PEOPLE + '$p | sort Dept | ft Name -GroupBy Dept') == (
        "\n   Dept: HR\n\nName\n----\nbob\n"
        "\n   Dept: IT\n\nName\n----\nAda\nCy\n\n")


def test_format_table_width_alignment_format_string():
    text = run('[pscustomobject]@{N=1234.5} | ft @{n="N"; e={$_.N}; FormatString="N1"; '
               'Alignment="Left"; Width=10}')
    assert text == "\nN\n-\n1,234.5\n\n"


def test_format_list_star_and_property():
    assert run(PEOPLE + '$p[0] | fl') == "\nName : Ada\nDept : IT\nAge  : 36\n\n"
    assert run(PEOPLE + '$p[0] | fl Name, Age') == "\nName : Ada\nAge  : 36\n\n"
    assert run(PEOPLE + '$p[0] | Format-List *') == "\nName : Ada\nDept : IT\nAge  : 36\n\n"


def test_format_wide():
    assert run('"alpha", "beta", "gamma" | fw -Column 2') == (
        "\nalpha                                   beta\ngamma\n\n")
    assert run('"a", "b", "c" | Format-Wide -Column 3') == (
        "\na                         b                         c\n\n")


def test_out_string_stream_width_and_out_null():
    assert run('(1..3 | Out-String -Stream).Count') == "3\n"
    assert run('$s = [pscustomobject]@{Name="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"} | Out-String -Width 20; $s.Split("`n")[3]') \
        == "xxxxxxxxxxxxxxxxx...\n"
    assert run('1..3 | Out-Null') == ""
    assert run(PEOPLE + '$t = $p | ft Name | Out-String; $t') == "\nName\n----\nAda\nbob\nCy\n\n\n"


def test_out_host_writes_now():
    assert run('"a" | Out-Host; "b"') == "a\nb\n"
    assert run("'a'; 'b' | Out-Host; 'c'") == "a\nb\nc\n"


def test_tee_object_variable():
    assert run('1..3 | Tee-Object -Variable t | Out-Null; $t.Count') == "3\n"


def test_compare_object():
    assert run('Compare-Object 1,2,3 2,3,4') == (
        "\nInputObject SideIndicator\n----------- -------------\n          4 =>\n          1 <=\n\n")


def test_get_member_of_string_header():
    lines = run('"x" | gm -MemberType Property').split("\n")
    assert lines[:7] == ["", "   TypeName: System.String", "", "Name   MemberType Definition",
                         "----   ---------- ----------", "Length Property   int Length {get;}", ""]


def test_new_object_hashtable_and_unknown_type():
    assert run('$o = New-Object PSObject -Property @{a=1}; $o.a') == "1\n"
    assert run('$l = New-Object System.Collections.ArrayList; $null = $l.Add(5); $l.Count') == "1\n"
    text = run('New-Object Foo.Bar')
    assert text.startswith("New-Object : Cannot find type [Foo.Bar]: verify that the assembly "
                           "containing this type is loaded.\n")


def test_hashtable_output():
    assert run('@{a=1}') == (
        "\nName                           Value\n----                           -----\n"
        "a                              1\n\n")


MINE = ["Where-Object", "ForEach-Object", "Select-Object", "Sort-Object", "Group-Object",
        "Measure-Object", "Compare-Object", "Tee-Object", "Get-Member", "New-Object",
        "Format-Table", "Format-List", "Format-Wide", "Out-String", "Out-Null", "Out-Host",
        "Out-Default"]


@pytest.mark.parametrize("name", MINE)
def test_every_example_runs_without_error(name):
    cls = REGISTRY.get(name)
    assert cls.examples
    for example in cls.examples:
        host = MemoryHost()
        result = Session(host=host).run(example.code)
        assert host.errors == "", (example.code, host.errors)


@pytest.mark.parametrize("alias, name", [
    ("?", "Where-Object"), ("where", "Where-Object"), ("%", "ForEach-Object"),
    ("foreach", "ForEach-Object"), ("select", "Select-Object"), ("sort", "Sort-Object"),
    ("group", "Group-Object"), ("measure", "Measure-Object"), ("compare", "Compare-Object"),
    ("diff", "Compare-Object"), ("tee", "Tee-Object"), ("gm", "Get-Member"),
    ("ft", "Format-Table"), ("fl", "Format-List"), ("fw", "Format-Wide")])
def test_aliases(alias, name):
    assert REGISTRY.aliases[alias] == name


def test_hashtable_keys_are_not_properties_to_select_but_are_to_foreach():
    assert run('@{a=1} | select a, Count') == "\na Count\n- -----\n      1\n\n"
    assert run('@{a=1} | % a') == "1\n"


def test_foreach_member_with_arguments_and_unknown_member():
    assert run('1, 2 | % ToString "000"') == "001\n002\n"
    text = run('1 | % Foo')
    assert text.startswith('ForEach-Object : Input name "Foo" cannot be resolved to a method.\n')
    assert "MethodNotFound,Microsoft.PowerShell.Commands.ForEachObjectCommand" in text


def test_format_table_wrap():
    text = run('[pscustomobject]@{A="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; B="one two three four five six seven"} | '
               'ft -Wrap | Out-String -Width 45')
    assert text == ("\nA                              B\n"
                    "-                              -\n"
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx one two three\n"
                    "                               four five six\n"
                    "                               seven\n\n\n")


def test_format_wide_autosize():
    assert run('"a", "bb", "c" | fw -AutoSize | Out-String -Width 10') == "\na  bb c\n\n\n"


def test_sort_top_bottom():
    assert run('5, 1, 4, 2 | sort -Top 2') == "1\n2\n"
    assert run('5, 1, 4, 2 | sort -Bottom 1') == "5\n"


def test_format_enumeration_limit():
    assert run('$FormatEnumerationLimit = 2; [pscustomobject]@{a=1..6} | fl') == (
        "\na : {1, 2...}\n\n")


def test_tee_object_file(tmp_path):
    target = tmp_path / "out.txt"
    assert run(f'1, 2 | Tee-Object -FilePath "{target}"') == "1\n2\n"
    assert target.read_text() == "1\n2\n"


def test_autosize_warns_about_columns_that_do_not_fit():
    text = run('[pscustomobject]@{A="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; B=1; C=2} | ft -AutoSize')
    assert text == ("WARNING: 2 columns do not fit into the display and were removed.\n"
                    "\nA\n-\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\n")


def test_error_record_output_uses_the_error_view_and_fl_force_lists_it():
    text = run('try { throw "boom" } catch { $_ }')
    assert text.startswith("boom\nAt line:1 char:7\n")
    assert "    + FullyQualifiedErrorId : boom\n" in text
    text = run('try { throw "boom" } catch { $_ | Format-List * -Force }')
    assert text == ("\n"
                    "PSMessageDetails      :\n"
                    "Exception             : System.Management.Automation.RuntimeException: boom\n"
                    "TargetObject          : boom\n"
                    "CategoryInfo          : OperationStopped: (boom:String) [], RuntimeException\n"
                    "FullyQualifiedErrorId : boom\n"
                    "ErrorDetails          :\n"
                    "InvocationInfo        : System.Management.Automation.InvocationInfo\n"
                    "ScriptStackTrace      : at <ScriptBlock>, <No file>: line 1\n"
                    "PipelineIterationInfo : {}\n"
                    "\n")
