"""The tokenizer as the REPL sees it: kinds, text, offsets, line/column, and never raising."""
import pytest

from msolsh.language import tokens as T
from msolsh.language.tokenizer import tokenize


def kinds(text):
    return [(t.kind, t.text) for t in tokenize(text)][:-1]


def test_command_mode_words():
    assert kinds("Get-X -Name foo.txt C:\\x\\y a,b") == [
        (T.GENERIC, "Get-X"), (T.PARAMETER, "-Name"), (T.GENERIC, "foo.txt"),
        (T.GENERIC, "C:\\x\\y"), (T.GENERIC, "a"), (T.OPERATOR, ","), (T.GENERIC, "b")]


def test_expression_mode_operators():
    assert kinds("$x = 1 + 2KB; $y -CEQ 3") == [
        (T.VARIABLE, "$x"), (T.OPERATOR, "="), (T.NUMBER, "1"), (T.OPERATOR, "+"),
        (T.NUMBER, "2KB"), (T.OPERATOR, ";"), (T.VARIABLE, "$y"), (T.OPERATOR, "-CEQ"),
        (T.NUMBER, "3")]
    toks = tokenize("$y -CEQ 3")
    assert toks[1].value == "-ceq"


def test_parameter_with_colon_and_negative_number_argument():
    toks = tokenize("Write-Host -1 -Name:val")
    assert [(t.kind, t.value) for t in toks[1:3]] == [(T.NUMBER, -1), (T.PARAMETER, ("Name", True))]


def test_keywords_only_at_statement_start():
    assert kinds("if ($a) { foreach-object }")[0] == (T.KEYWORD, "if")
    assert (T.GENERIC, "foreach-object") in kinds("if ($a) { foreach-object }")
    assert kinds("Write-Host if")[1] == (T.GENERIC, "if")


def test_in_is_a_keyword_only_inside_foreach():
    assert (T.KEYWORD, "in") in kinds("foreach ($u in $users) { }")
    assert kinds("Write-Host in")[1] == (T.GENERIC, "in")


def test_strings_and_here_strings():
    toks = tokenize("'it''s' \"a `$b $c\" @'\nraw $x\n'@")
    assert [(t.kind, t.value) for t in toks[:3]] == [
        (T.STRING_SINGLE, "it's"), (T.STRING_DOUBLE, "a $b "), (T.HERE_SINGLE, "raw $x")]
    assert toks[1].parts == ["a $b ", ("var", 15, 17)]


def test_variables_with_scope_and_braces():
    assert [t.value for t in tokenize("$env:PATH ${my var} $global:x $_ $?")[:5]] == [
        ("env", "PATH"), (None, "my var"), ("global", "x"), (None, "_"), (None, "?")]


def test_redirections_and_splats():
    assert kinds("cmd 2>&1 >> out.txt *> all.txt @params") == [
        (T.GENERIC, "cmd"), (T.REDIRECTION, "2>&1"), (T.REDIRECTION, ">>"), (T.GENERIC, "out.txt"),
        (T.REDIRECTION, "*>"), (T.GENERIC, "all.txt"), (T.SPLATTED, "@params")]


def test_comments_are_tokens_in_order():
    assert kinds("<# block #> foo # line\nbar") == [
        (T.COMMENT, "<# block #>"), (T.GENERIC, "foo"), (T.COMMENT, "# line"), (T.NEWLINE, "\n"),
        (T.GENERIC, "bar")]


def test_offsets_lines_and_columns():
    toks = tokenize("a\r\n  $b = 'x'\n")
    b = toks[2]
    assert (b.text, b.start, b.end, b.line, b.col) == ("$b", 5, 7, 2, 3)
    assert toks[-1].kind == T.EOF and toks[-1].start == len("a\r\n  $b = 'x'\n")


def test_open_constructs_are_marked_not_raised():
    assert tokenize('"abc')[0].terminated is False
    assert tokenize("@'\nabc")[0].terminated is False
    assert tokenize("<# x")[0].terminated is False
    assert tokenize("a `")[1].kind == T.LINE_CONTINUATION
    assert tokenize("${x")[0].error[0] == "IncompleteDollarVariableReference"


def test_expression_statement_starts_in_expression_mode():
    assert kinds("1..5") == [(T.NUMBER, "1"), (T.OPERATOR, ".."), (T.NUMBER, "5")]
    assert kinds("[int]$x")[:3] == [(T.OPERATOR, "["), (T.GENERIC, "int"), (T.OPERATOR, "]")]
    assert kinds("-not $x")[0] == (T.OPERATOR, "-not")


@pytest.mark.parametrize("text", ["", "`", "$", "@", "\"$(", "'", "<#", "@\"", "${", "-", "\x00",
                                  "\u2013foo", "[", "]]]", "$(((", "\"$(\"$(\"$(", "1e", "0x"])
def test_never_raises(text):
    toks = tokenize(text)
    assert toks[-1].kind == T.EOF


@pytest.mark.parametrize("text", ['"$(' * 3000, "(" * 10000, "{" * 10000, "@'\n" * 100])
def test_deep_or_open_text_never_raises(text):
    assert tokenize(text)[-1].kind == T.EOF


def test_command_mode_resumes_after_a_bracketed_argument():
    assert kinds("Get-X (1) foo.txt")[-1] == (T.GENERIC, "foo.txt")


def test_member_access_in_command_mode():
    assert kinds("Get-X $b.c.d")[1:] == [(T.VARIABLE, "$b"), (T.OPERATOR, "."), (T.GENERIC, "c"),
                                         (T.OPERATOR, "."), (T.GENERIC, "d")]


def test_hashtable_keys_and_values():
    assert kinds("@{a=Get-Y b.txt; b = 1}") == [
        (T.OPERATOR, "@{"), (T.GENERIC, "a"), (T.OPERATOR, "="), (T.GENERIC, "Get-Y"),
        (T.GENERIC, "b.txt"), (T.OPERATOR, ";"), (T.GENERIC, "b"), (T.OPERATOR, "="),
        (T.NUMBER, "1"), (T.OPERATOR, "}")]
