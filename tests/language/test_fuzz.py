"""Property tests: whatever the text, parse() gives a tree or a ParseException and tokenize()
gives tokens ending in EndOfInput - never another exception, never a hang."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msolsh.language import tokens as T
from msolsh.language.errors import ParseException
from msolsh.language.parser import parse
from msolsh.language.tokenizer import tokenize

VALID = [
    "Get-MsolUser -All | Where-Object { $_.IsLicensed -eq $false } | Select-Object -First 5",
    "$users = @(Get-ADUser -Filter * -SearchBase 'OU=Staff,DC=contoso,DC=com')\nforeach ($u in $users) { $u.UserPrincipalName }",
    "function Get-Thing {\n  [CmdletBinding()]\n  param([Parameter(Mandatory)][string]$Name, [int]$Count = 5)\n  process { \"$Name x $($Count * 2)\" }\n}",
    "switch -regex ($x) { '^a' { 1; break } default { 2 } }",
    "try { Start-ADSyncSyncCycle -PolicyType Delta } catch [System.Exception] { Write-Warning $_ } finally { 'done' }",
    "$h = [ordered]@{ Name = 'x'; Count = 1KB }\n$h['Name'] += \"y\"",
    "for ($i = 0; $i -lt 10; $i++) { if ($i % 2) { continue } ; $i }",
    ":outer while ($true) { do { break outer } until ($false) }",
    "@'\nhere $x\n'@ + @\"\nthere $($y)\n\"@",
    "& { param($a) $a } -a 1 2>&1 > $null",
    "[math]::Round(1.5, 0) -f 'x' -join ',' -split ';'",
    "$a, $b = $b, $a; [int]$c = '5'; $d.e[0].f = -not $g",
]

FRAGMENTS = ["$x", "=", "1", "+", "(", ")", "{", "}", "[", "]", "@(", "@{", "$(", "|", ";", "\n",
             "'", '"', "`", "#", "<#", "#>", "-eq", "-Name", "Get-X", "foo.txt", ",", ".", "::",
             "if", "else", "foreach", "in", "function", "param", "switch", "try", "catch",
             "finally", "trap", "do", "while", "until", "for", "break", ":lbl", "return", "throw",
             "[int]", "@'\n", "'@", '@"\n', '"@', "2>&1", ">", "&", "..", "++", "--", "!", "-not",
             "0x1F", "1KB", "${a b}", "$env:X", "@splat", " ", "\t", "-", "*", "%", "\\", "?"]


def check(text):
    try:
        parse(text)
    except ParseException as exc:
        assert exc.errors and all(e.message and e.error_id for e in exc.errors)
    toks = tokenize(text)
    assert toks and toks[-1].kind == T.EOF


FUZZ = settings(max_examples=int(__import__("os").environ.get("MSOLSH_FUZZ_EXAMPLES", "300")), deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_token_soup(text):
    check(text)


@FUZZ
@given(st.sampled_from(VALID), st.integers(min_value=0, max_value=400))
def test_truncations(script, cut):
    check(script[:cut])


@FUZZ
@given(st.sampled_from(VALID), st.integers(min_value=0, max_value=400),
       st.sampled_from(list("(){}[]'\"`$@|;,.-=#<>&!\n x1")) | st.characters())
def test_single_character_mutations(script, index, char):
    index %= len(script) + 1
    check(script[:index] + char + script[index + 1:])
    check(script[:index] + char + script[index:])


@FUZZ
@given(st.text(max_size=80))
def test_arbitrary_text(text):
    check(text)


def test_valid_scripts_parse():
    for script in VALID:
        parse(script)
