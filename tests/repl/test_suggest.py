"""suggest(): what the cursor wants, as a pure function of the text."""
import pytest

from msolsh.repl.scan import needs_more_input
from msolsh.repl.suggest import Suggestion, suggest

SWITCHES = {("get-msoluser", "all"), ("remove-msoluser", "force")}


def is_switch(command, parameter):
    return (command.lower(), parameter.lower()) in SWITCHES


def s(text, cursor=None):
    return suggest(text, cursor, is_switch)


@pytest.mark.parametrize("text, word, start", [
    ("Get-Ms", "Get-Ms", 0),
    ("get-msol*", "get-msol*", 0),
    ("Get-MsolUser | Where", "Where", 15),
    ("Get-X; Get-Ms", "Get-Ms", 7),
    ("Get-X\nGet-Ms", "Get-Ms", 6),
    ("$u = Get-Ms", "Get-Ms", 5),
    ("$u=Get-Ms", "Get-Ms", 3),
    ("$n += Get-Ms", "Get-Ms", 6),
    ("if ($x) { Get-", "Get-", 10),
    ("(Get-Ms", "Get-Ms", 1),
    ("$(Get-Ms", "Get-Ms", 2),
    ("& Get-Ms", "Get-Ms", 2),
    ("Get-X -Filter { Get-Ms", "Get-Ms", 16),
    ('"total: $(Get-Ms', "Get-Ms", 10),
    ("Get-X && Get-Ms", "Get-Ms", 9),
])
def test_command_position(text, word, start):
    assert s(text) == Suggestion("command", word, start)


@pytest.mark.parametrize("text", [
    "", "   ", "$x -eq ", "'Get-Ms", "42", "Get-X # comment Get-", "<# Get-",
    "foreach ($u in ", "[int]", "-Get",
])
def test_nothing_wanted(text):
    assert s(text).kind == "none"


def test_parameter_after_dash():
    assert s("Get-MsolUser -Us") == Suggestion("parameter", "Us", 14, command="Get-MsolUser", position=0)


def test_parameter_lists_those_already_used():
    wanted = s("Get-MsolUser -All -SearchString x -")
    assert (wanted.kind, wanted.word, wanted.used) == ("parameter", "", ("All", "SearchString"))


def test_parameter_of_inner_command_in_a_script_block():
    wanted = s("Get-MsolUser | ForEach-Object { Set-MsolUser -Us")
    assert (wanted.kind, wanted.command, wanted.word) == ("parameter", "Set-MsolUser", "Us")


def test_value_of_named_parameter():
    wanted = s("Get-MsolUser -UserPrincipalName ad")
    assert (wanted.kind, wanted.parameter, wanted.word, wanted.start) == \
        ("value", "UserPrincipalName", "ad", 32)


def test_value_after_colon():
    wanted = s("Start-ADSyncSyncCycle -PolicyType:De")
    assert (wanted.kind, wanted.parameter, wanted.word, wanted.start) == ("value", "PolicyType", "De", 34)


def test_value_after_a_switch_is_positional():
    wanted = s("Get-MsolUser -All ")
    assert (wanted.kind, wanted.parameter, wanted.position) == ("value", "", 0)


def test_positional_numbering_skips_named_values():
    wanted = s("Copy-Thing -Name a b -Force c ")
    assert wanted.position == 1     # -Force is not a known switch, so 'c' is taken as its value
    wanted = s("Remove-MsolUser -Force a ")
    assert wanted.position == 1


def test_script_block_argument_counts_as_one():
    assert s("Get-X { $_.N } ").position == 1


def test_value_in_single_quotes():
    wanted = s("Get-ADUser -Identity 'CN=Ad")
    assert (wanted.kind, wanted.word, wanted.start, wanted.quote) == ("value", "CN=Ad", 21, "'")


def test_value_in_double_quotes():
    wanted = s('Get-ADUser "CN=Ad')
    assert (wanted.word, wanted.start, wanted.quote) == ("CN=Ad", 11, '"')


def test_value_after_comma():
    wanted = s("Get-ADUser x -Properties mail,Disp")
    assert (wanted.parameter, wanted.word, wanted.start) == ("Properties", "Disp", 30)


def test_value_under_an_alias_command():
    wanted = s("gu -UserPrincipalName ")
    assert (wanted.command, wanted.parameter) == ("gu", "UserPrincipalName")


@pytest.mark.parametrize("text, word, start", [
    ("$us", "$us", 0),
    ("$", "$", 0),
    ("Get-MsolUser -UserPrincipalName $u", "$u", 32),
    ('"hello $na', "$na", 7),
    ("$env:HO", "$env:HO", 0),
    ("${my v", "${my v", 0),
    ("@spl", "@spl", 0),
    ("$x -eq $y", "$y", 7),
])
def test_variable(text, word, start):
    wanted = s(text)
    assert (wanted.kind, wanted.word, wanted.start) == ("variable", word, start)


@pytest.mark.parametrize("text, variable, members, word, start", [
    ("$user.Disp", "user", (), "Disp", 6),
    ("$user.", "user", (), "", 6),
    ("$nested.Manager.Us", "nested", ("Manager",), "Us", 16),
    ("Write-Output $user.Di", "user", (), "Di", 19),
    ("foreach ($u in $list) { $u.", "u", (), "", 27),
    ('"$user.Na', "user", (), "Na", 7),
])
def test_member(text, variable, members, word, start):
    wanted = s(text)
    assert (wanted.kind, wanted.variable, wanted.members, wanted.word, wanted.start) == \
        ("member", variable, members, word, start)


def test_cursor_in_the_middle_uses_text_before_it():
    text = "Get-MsolUser -Us | Sort-Object"
    assert s(text, 16) == Suggestion("parameter", "Us", 14, command="Get-MsolUser", position=0)


def test_never_raises_on_odd_text():
    for text in ["`", "'", '"', "@'\n", "(((", ")))", "}}", "$(", "${", "-:", "--", "a -b:", "|||"]:
        assert isinstance(s(text), Suggestion)


@pytest.mark.parametrize("text", [
    "Get-X {", "if ($x) {\n  Get-X", "(1 +", "'abc", '"abc', "Get-X |", "Get-X `",
    "@'\nhere", '@"\nhere', "<# comment", '"a $(Get-X"', "Get-X | # why",
])
def test_needs_more_input(text):
    assert needs_more_input(text)


@pytest.mark.parametrize("text", [
    "Get-X", "Get-X { 1 }", "'it''s'", '"a `" b"', "@'\nhere\n'@", "Get-X # {", "Get-X }",
    "$a = @{ a = 1 }", "Get-X | Get-Y", '"$(Get-X)"', "<# c #> Get-X",
])
def test_complete_input(text):
    assert not needs_more_input(text)


from hypothesis import given, settings, strategies as st  # noqa: E402

POWERSHELL_ALPHABET = st.sampled_from(list("abGt-$@'\"`{}()[]|;,.:=# \n<>&*?") + ["Get-MsolUser ", "-All", "$user."])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(POWERSHELL_ALPHABET, max_size=30).map("".join))
def test_any_text_gives_a_suggestion_inside_the_text(text):
    wanted = s(text)
    assert 0 <= wanted.start <= len(text)
    assert needs_more_input(text) in (True, False)
    if wanted.kind != "none":
        assert text[wanted.start:].endswith(wanted.word)


def test_parameter_knows_how_many_positionals_came_before():
    assert s("Get-MsolUser adele -").position == 1
    assert s("Get-MsolUser -All x -").position == 1
