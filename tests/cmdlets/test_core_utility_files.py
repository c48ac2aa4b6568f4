"""File and CSV/JSON cmdlets through a real Session, on a temporary directory."""
import os

import pytest

from msolsh.cmdlets.core import files



@pytest.fixture
def shell(bare_shell):
    return bare_shell


def test_set_get_add_content(shell, tmp_path):
    assert shell("Set-Content -Path ./notes.txt -Value 'one','two','three'; Get-Content -Path ./notes.txt") == \
        "one\ntwo\nthree\n"
    assert (tmp_path / "notes.txt").read_text() == "one\ntwo\nthree\n"
    assert shell("Add-Content -Path ./notes.txt -Value 'four'; Get-Content -Path ./notes.txt -Tail 2") == "three\nfour\n"
    assert shell("Get-Content -Path ./notes.txt -TotalCount 1; (Get-Content -Path ./notes.txt -Raw).Length") == "one\n19\n"
    assert shell("'x','y' | Set-Content -Path ./p.txt -NoNewline; Get-Content -Path ./p.txt -Raw") == "xy\n"


def test_get_content_missing_file(shell, tmp_path):
    assert shell("Get-Content -Path ./missing.txt") == (
        f"Get-Content : Cannot find path '{tmp_path}/missing.txt' because it does not exist.\n"
        "At line:1 char:1\n"
        "+ Get-Content -Path ./missing.txt\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        f"    + CategoryInfo          : ObjectNotFound: ({tmp_path}/missing.txt:String) [Get-Content], ItemNotFoundException\n"
        "    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand\n\n")


def test_set_content_missing_folder(shell, tmp_path):
    text = shell("Set-Content -Path ./nodir/x.txt -Value 1")
    assert text.startswith(f"Set-Content : Could not find a part of the path '{tmp_path}/nodir/x.txt'.\n")
    assert "DirectoryNotFoundException\n" in text


def test_set_content_what_if_writes_nothing(shell, tmp_path):
    assert shell("Set-Content -Path ./w.txt -Value 1 -WhatIf") == \
        f'What if: Performing the operation "Set Content" on target "Path: {tmp_path}/w.txt".\n'
    assert not (tmp_path / "w.txt").exists()


def test_out_file_writes_console_text(shell, tmp_path):
    shell("[pscustomobject]@{Name='ann'; City='Oslo'} | Out-File -FilePath ./o.txt")
    assert (tmp_path / "o.txt").read_text() == "\nName City\n---- ----\nann  Oslo\n\n"
    assert "already exists" in shell("'x' | Out-File -FilePath ./o.txt -NoClobber")


def test_test_join_split_resolve_path(shell, tmp_path):
    assert shell("Set-Content -Path ./a.txt -Value x; Test-Path -Path ./a.txt; "
                 "Test-Path -Path ./a.txt -PathType Container; Test-Path -Path ./*.txt; Test-Path -Path ./b.txt") == \
        "True\nFalse\nTrue\nFalse\n"
    assert shell("Join-Path -Path /tmp -ChildPath report.csv; Join-Path -Path /tmp/ -ChildPath /x/y") == \
        "/tmp/report.csv\n/tmp/x/y\n"
    assert shell("Split-Path -Path /var/log/sync.log -Leaf; Split-Path -Path /var/log/sync.log; "
                 "Split-Path -Path /var/log/sync.log -Extension; Split-Path -Path ./x -IsAbsolute") == \
        "sync.log\n/var/log\n.log\nFalse\n"
    assert shell("(Resolve-Path -Path ./a.txt).Path") == f"{tmp_path}/a.txt\n"


def test_new_and_remove_item(shell, tmp_path):
    shell("New-Item -Path ./reports -ItemType Directory | Out-Null; New-Item -Path ./reports/t.txt -Value hi | Out-Null")
    assert (tmp_path / "reports" / "t.txt").read_text() == "hi"
    text = shell("Remove-Item -Path ./reports")
    assert "has children and the Recurse parameter was not specified" in text
    shell("Remove-Item -Path ./reports -Recurse")
    assert not (tmp_path / "reports").exists()


def test_check_path_allowed_is_called_for_every_access(shell, tmp_path):
    seen = []
    shell.session.path_policy = lambda path, write: seen.append((os.path.basename(path), write))
    shell("Set-Content -Path ./a.txt -Value 1; Get-Content -Path ./a.txt | Out-Null; Test-Path -Path ./a.txt | Out-Null")
    assert seen == [("a.txt", True), ("a.txt", False), ("a.txt", False)]


def test_atomic_write_leaves_no_temp_files(tmp_path):
    target = tmp_path / "f.txt"
    files.write_text(str(target), "a\n")
    files.write_text(str(target), "b\n", append=True)
    assert target.read_text() == "a\nb\n" and os.listdir(tmp_path) == ["f.txt"]


# -------------------------------------------------------------------- CSV

def test_convert_to_csv(shell):
    assert shell("[pscustomobject]@{Name='ann'; City='Oslo'} | ConvertTo-Csv") == (
        "#TYPE System.Management.Automation.PSCustomObject\n" '"Name","City"\n' '"ann","Oslo"\n')
    assert shell("[pscustomobject]@{Name='ann'; City='Oslo'} | ConvertTo-Csv -NoTypeInformation -Delimiter ';'") == \
        '"Name";"City"\n"ann";"Oslo"\n'


def test_export_append_and_import_csv(shell, tmp_path):
    shell("[pscustomobject]@{UserPrincipalName='ann@contoso.com'; UsageLocation='NO'} | "
          "Export-Csv -Path ./users.csv -NoTypeInformation")
    shell("[pscustomobject]@{UserPrincipalName='bob@contoso.com'; UsageLocation='SE'} | Export-Csv -Path ./users.csv -Append")
    assert (tmp_path / "users.csv").read_text() == \
        '"UserPrincipalName","UsageLocation"\n"ann@contoso.com","NO"\n"bob@contoso.com","SE"\n'
    assert shell("Import-Csv -Path ./users.csv") == (
        "\nUserPrincipalName UsageLocation\n----------------- -------------\n"
        "ann@contoso.com   NO\nbob@contoso.com   SE\n\n")


def test_export_append_with_missing_column(shell, tmp_path):
    shell("[pscustomobject]@{A=1} | Export-Csv -Path ./x.csv")
    text = shell("[pscustomobject]@{B=1} | Export-Csv -Path ./x.csv -Append")
    assert text.startswith(f"Export-Csv : Cannot append CSV content to the following file: {tmp_path}/x.csv. "
                           "The appended object does not have a property that corresponds to the following "
                           "column: A. To continue with mismatched properties, add the -Force parameter, and "
                           "then retry the command.\n")


def test_import_csv_missing_file_and_header(shell, tmp_path):
    assert f"Import-Csv : Cannot find path '{tmp_path}/none.csv' because it does not exist.\n" in \
        shell("Import-Csv -Path ./none.csv")
    assert shell("'1,2' | ConvertFrom-Csv -Header a,b | ForEach-Object { $_.b }") == "2\n"


def test_convert_from_csv(shell):
    assert shell("'Name,City', 'ann,Oslo' | ConvertFrom-Csv") == "\nName City\n---- ----\nann  Oslo\n\n"


# -------------------------------------------------------------------- JSON

def test_convert_to_json_layout_and_depth_warning(shell):
    assert shell("[pscustomobject]@{Name='ann'; Licenses=@('E3')} | ConvertTo-Json") == \
        '{\n  "Name": "ann",\n  "Licenses": [\n    "E3"\n  ]\n}\n'
    assert shell("@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress") == (
        "WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\n"
        '{"a":{"b":{"c":"System.Collections.Hashtable"}}}\n')
    assert shell("1,2 | ConvertTo-Json -Compress; 1 | ConvertTo-Json -AsArray -Compress") == "[1,2]\n[1]\n"


def test_convert_from_json(shell):
    assert shell("$u = '{\"Name\": \"ann\", \"Licenses\": [\"E3\", \"E5\"]}' | ConvertFrom-Json; "
                 "$u.Name; $u.Licenses.Count") == "ann\n2\n"
    assert shell("('[1,2,3]' | ConvertFrom-Json | Measure-Object).Count") == "3\n"


def test_convert_from_json_error(shell):
    assert shell("'{\"Name\": ann}' | ConvertFrom-Json") == (
        "ConvertFrom-Json : Invalid JSON primitive: ann.\n"
        "At line:1 char:19\n"
        "+ '{\"Name\": ann}' | ConvertFrom-Json\n"
        "+                   ~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : NotSpecified: (:) [ConvertFrom-Json], ArgumentException\n"
        "    + FullyQualifiedErrorId : System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand\n\n")


# -------------------------------------------------------------------- binder gaps seen from here

@pytest.mark.xfail(reason="binder: positional arguments must bind by position across candidate sets "
                          "(Set-Content PATH VALUE binds PATH to -Value today)", strict=False)
def test_positional_path_and_value(shell, tmp_path):
    shell("Set-Content ./n.txt 'a','b'")
    assert (tmp_path / "n.txt").read_text() == "a\nb\n"


def test_get_content_of_a_folder(shell, tmp_path):
    text = shell("Get-Content -Path .")
    assert text.startswith(f"Get-Content : Access to the path '{tmp_path}' is denied.\n")
    assert "+ FullyQualifiedErrorId : GetContentReaderUnauthorizedAccessError,Microsoft.PowerShell.Commands.GetContentCommand\n" in text


def test_path_cmdlet_errors(shell, tmp_path):
    assert shell("Join-Path -Path /nope -ChildPath x -Resolve").startswith(
        "Join-Path : Cannot find path '/nope/x' because it does not exist.\n")
    assert shell("Resolve-Path -Path ./nope").startswith(
        f"Resolve-Path : Cannot find path '{tmp_path}/nope' because it does not exist.\n")
    assert shell("Remove-Item -Path ./nope.txt").startswith(
        f"Remove-Item : Cannot find path '{tmp_path}/nope.txt' because it does not exist.\n")
    text = shell("New-Item -Path ./dup.txt | Out-Null; New-Item -Path ./dup.txt")
    assert f"New-Item : The file '{tmp_path}/dup.txt' already exists.\n" in text
    assert "+ FullyQualifiedErrorId : NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand\n" in text
    assert shell("Test-Path -Path ' '") == "False\n"


def test_csv_duplicate_header_error(shell):
    text = shell("'a,a', '1,2' | ConvertFrom-Csv")
    assert text.startswith('ConvertFrom-Csv : The member "a" is already present.\n')
    assert "AlreadyPresentPSMemberInfoInternalCollectionAdd,Microsoft.PowerShell.Commands.ConvertFromCsvCommand" in text


def test_json_null_input(shell):
    assert shell("$null | ConvertTo-Json; ConvertTo-Json -InputObject $null") == "null\nnull\n"


def test_remove_item_refuses_the_current_folder_and_its_parents(shell, tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    for target in (".", ".."):
        text = shell(f"Remove-Item {target} -Recurse -Confirm:$false")
        expected = tmp_path if target == "." else tmp_path.parent
        assert text.startswith(f"Remove-Item : Cannot remove the item at '{expected}' "
                               f"because it is in use.\n")
    assert (tmp_path / "keep.txt").exists()


def test_a_nul_in_a_path_is_an_illegal_path_not_a_crash(shell):
    for command in ('Out-File -FilePath "a`0b" -InputObject x', 'Set-Content "a`0b" x',
                    'Add-Content "a`0b" x', 'New-Item "a`0b"'):
        name = command.split()[0]
        assert shell(command).startswith(f"{name} : Illegal characters in path.\n")


def test_an_empty_path_is_a_binding_error_not_the_current_folder(shell, tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    assert shell("Remove-Item ''").startswith(
        "Remove-Item : Cannot bind argument to parameter 'Path' because it is an empty string.\n")
    assert (tmp_path / "keep.txt").exists()
