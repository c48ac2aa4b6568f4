"""The completer: names from declarations, the session and value callbacks."""
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from msolsh.repl.completer import MsolshCompleter, path_completions


def complete(session, text, cursor=None):
    doc = Document(text, len(text) if cursor is None else cursor)
    return [(c.text, c.start_position)
            for c in MsolshCompleter(session).get_completions(doc, CompleteEvent())]


def texts(session, text):
    return [t for t, _ in complete(session, text)]


def test_cmdlet_names_by_prefix_any_case(session):
    assert complete(session, "get-msol") == [("Get-MsolGroup", -8), ("Get-MsolUser", -8)]


def test_wildcard_expands(session):
    assert texts(session, "*-Msol*") == ["Get-MsolGroup", "Get-MsolUser", "Remove-MsolUser"]


def test_aliases_and_functions_are_commands(session):
    session.functions["get-tenantsummary"] = type("F", (), {"name": "Get-TenantSummary"})()
    assert texts(session, "g") == ["Get-ADUser", "Get-MsolGroup", "Get-MsolUser",
                                   "Get-TenantSummary", "gu"]
    assert texts(session, "wh") == ["where", "Where-Object"]


def test_parameters_for_possible_sets_only(session):
    # -All narrows Get-MsolUser to the All__0 set: no -UserPrincipalName, -ObjectId, -MaxResults
    assert texts(session, "Get-MsolUser -All -")[:3] == ["-SearchString", "-ReturnDeletedUsers",
                                                       "-TenantId"]


def test_parameters_not_repeated_and_common_ones_follow(session):
    got = texts(session, "Get-MsolGroup -ObjectId x -")
    assert got == ["-Verbose", "-Debug", "-ErrorAction", "-WarningAction", "-InformationAction",
                   "-ErrorVariable", "-WarningVariable", "-InformationVariable", "-OutVariable",
                   "-OutBuffer", "-PipelineVariable"]


def test_parameter_prefix_and_should_process(session):
    assert texts(session, "Remove-MsolUser -W") == ["-WarningAction", "-WarningVariable", "-WhatIf"]
    assert complete(session, "Get-MsolUser -Us") == [("-UserPrincipalName", -3)]


def test_hidden_parameters_are_not_offered(session):
    assert "-Hidden" not in texts(session, "Export-Report -")


def test_parameters_through_an_alias(session):
    assert texts(session, "gu -Max") == ["-MaxResults"]


def test_validate_set_values(session):
    assert texts(session, "Start-ADSyncSyncCycle -PolicyType ") == ["Delta", "Initial"]
    assert texts(session, "Start-ADSyncSyncCycle -PolicyType d") == ["Delta"]
    assert texts(session, "Start-ADSyncSyncCycle -PolicyType:I") == ["Initial"]


def test_positional_value_uses_the_position(session):
    assert texts(session, "Start-ADSyncSyncCycle ") == ["Delta", "Initial"]


def test_boolean_values(session):
    assert texts(session, "Start-ADSyncSyncCycle -InteractiveMode ") == ["$true", "$false"]


def test_upn_from_the_complete_callback(session):
    assert complete(session, "Get-MsolUser -UserPrincipalName al") == [
        ("alex.wilber@contoso.com", -2), ("allan.deyoung@contoso.com", -2)]
    assert texts(session, "Remove-MsolUser d") == ["diego.siciliani@contoso.com"]


def test_upn_positional_after_a_switch(session):
    assert texts(session, "Remove-MsolUser -Force g") == ["grady.archie@contoso.com"]


def test_values_with_spaces_are_quoted(session):
    assert texts(session, "Get-ADUser CN=A") == ["'CN=Adele Vance,OU=Users,DC=contoso,DC=com'"]
    assert complete(session, "Get-ADUser 'CN=O") == [("'CN=O''Brien,OU=Users,DC=contoso,DC=com'", -5)]
    assert texts(session, 'Get-ADUser -Identity "CN=A') == ['"CN=Adele Vance,OU=Users,DC=contoso,DC=com"']


def test_error_action_values(session):
    assert texts(session, "Get-MsolGroup -ErrorAction S") == ["SilentlyContinue", "Stop", "Suspend"]


def test_variables(session):
    assert texts(session, "$us") == ["$user", "$users"]
    assert texts(session, "Get-MsolUser -UserPrincipalName $n") == ["$name", "$nested"]


def test_members_of_a_psobject(session):
    assert complete(session, "$user.Disp") == [("DisplayName", -4)]
    assert texts(session, "$nested.Manager.U") == ["UserPrincipalName"]


def test_members_of_hashtable_string_array(session):
    assert texts(session, "$h.T") == ["Tenant"]
    assert texts(session, "$name.To") == ["ToLower(", "ToString(", "ToUpper("]
    assert texts(session, "$users.Co") == ["Count", "Contains("]


def test_members_of_unknown_variable_are_empty(session):
    assert texts(session, "$nothing.") == []


def test_file_paths_for_path_parameters(session, tmp_path, monkeypatch):
    (tmp_path / "report one.csv").write_text("")
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    assert texts(session, "Export-Report -Path rep") == ["'report one.csv'", "reports/"]
    assert texts(session, "Export-Report reports") == ["reports/"]


def test_path_completions_nested(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.txt").write_text("")
    assert path_completions(str(tmp_path) + "/a/") == [str(tmp_path) + "/a/b.txt"]
    assert path_completions(str(tmp_path) + "/zz") == []


def test_broken_value_callback_gives_no_completions(session):
    param = session.registry.get("Get-MsolUser").parameters["UserPrincipalName"]
    param.complete = lambda s, p: 1 / 0
    assert texts(session, "Get-MsolUser -UserPrincipalName a") == []


def test_unknown_command_offers_no_parameters(session):
    assert texts(session, "Get-Nothing -") == []


def test_variables_keep_the_spelling_the_user_typed(session):
    from msolsh.repl.completer import MsolshCompleter
    session.variables.assign("tenantname", "contoso")
    completer = MsolshCompleter(session)
    completer.learn("$tenantName = 'contoso'; $global:OtherOne = 1")
    doc = Document("$tenantN", 8)
    assert [c.text for c in completer.get_completions(doc, CompleteEvent())] == ["$tenantName"]
    assert completer.spellings["otherone"] == "OtherOne"


def test_automatic_variables_in_pwsh_spelling(session):
    session.variables.assign("erroractionpreference", "Continue")
    assert texts(session, "$ErrorA") == ["$ErrorActionPreference"]


def test_environment_variables(session):
    session.env = {"computername": ("COMPUTERNAME", "MSOLSH01"), "home": ("HOME", "/h")}
    assert texts(session, "$env:CO") == ["$env:COMPUTERNAME"]


def test_member_enumeration_on_arrays(session):
    assert texts(session, "$users.Disp") == ["DisplayName"]


def test_members_of_dates(session):
    from datetime import datetime
    session.variables.assign("when", datetime(2026, 1, 5))
    assert texts(session, "$when.AddD") == ["AddDays("]


def test_positional_arguments_bind_parameters_too(session):
    # 'adele' binds -UserPrincipalName by position: the GetUser__0 set is the one in play
    assert texts(session, "Get-MsolUser adele -")[:2] == ["-TenantId", "-Verbose"]
    assert texts(session, "Start-ADSyncSyncCycle Delta -")[0] == "-InteractiveMode"
