"""Parse errors from parse_errors.txt: id, message, position and incompleteness of the first
error of each chunk, exactly as pwsh reports them."""
from pathlib import Path

import pytest

from msolsh.language.errors import ParseException
from msolsh.language.parser import parse

DATA = Path(__file__).with_name("parse_errors.txt")


def load_chunks():
    chunks, current = [], None
    for line in DATA.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#") and not line.startswith("### ") and current is None:
            continue
        if line.startswith("### "):
            current = {"input": [], "header": None, "message": []}
            chunks.append(current)
        elif current is not None and current["header"] is None and line.startswith("--- "):
            current["header"] = line[4:].split()
        elif current is not None and current["header"] is None:
            current["input"].append(line)
        elif current is not None:
            current["message"].append(line)
    for chunk in chunks:
        error_id, position, state = chunk["header"]
        line, col = (int(n) for n in position.split(":"))
        message = "\n".join(chunk["message"]).rstrip("\n")
        text = "\n".join(chunk["input"])
        yield pytest.param(text, error_id, message, line, col, state == "incomplete", id=text[:40])


@pytest.mark.parametrize("text,error_id,message,line,col,incomplete", list(load_chunks()))
def test_parse_error(text, error_id, message, line, col, incomplete):
    with pytest.raises(ParseException) as caught:
        parse(text)
    error = caught.value.errors[0]
    assert (error.error_id, error.message) == (error_id, message)
    assert (error.extent.start_line, error.extent.start_col) == (line, col)
    assert error.incomplete is incomplete
    assert caught.value.incomplete is incomplete


def test_error_extent_text_and_line():
    with pytest.raises(ParseException) as caught:
        parse("$x = 1\nfunction foo {\n  1\n")
    error = caught.value.errors[0]
    assert error.extent.text == "{"
    assert error.extent.line_text() == "function foo {"


def test_deep_nesting_is_a_parse_error_not_a_crash():
    for text in ("(" * 10000, "$(" * 5000, "@{a=" * 3000, "{" * 10000, "-" * 10000 + "1",
                 "!" * 10000 + "$x", "[int]" * 5000 + "1", '"$(' * 3000, "," * 10000 + "1",
                 "if (1) {" * 3000, "& {" * 3000):
        with pytest.raises(ParseException) as caught:
            parse(text)
        assert caught.value.errors[0].error_id == "CallDepthOverflow"


def test_call_depth_message():
    with pytest.raises(ParseException) as caught:
        parse("(" * 10000 + "1" + ")" * 10000)
    error = caught.value.errors[0]
    assert error.message == "The script failed due to call depth overflow."
    assert error.incomplete is False


def test_moderate_nesting_parses():
    parse("(" * 100 + "1" + ")" * 100)
    parse("@{a=" * 50 + "1" + "}" * 50)


def test_every_error_is_reported_in_source_order():
    with pytest.raises(ParseException) as caught:
        parse("function f {\n 1 2\n}\n3 4\n$x = (")
    found = [(e.error_id, e.extent.start_line, e.extent.start_col, e.incomplete)
             for e in caught.value.errors]
    assert found == [("UnexpectedToken", 2, 4, False), ("UnexpectedToken", 4, 3, False),
                     ("ExpectedExpression", 5, 7, True)]
    # one complete error is enough for the REPL to stop asking for more lines
    assert caught.value.incomplete is False


def test_errors_are_capped():
    with pytest.raises(ParseException) as caught:
        parse("1 2\n" * 100)
    assert len(caught.value.errors) == 20


@pytest.mark.parametrize("text", ["Get-X |", "if ($x) {", "$a = @{", '"open', "@'\nx", "foo `",
                                  "function f(", "$x = 1 +", "switch ($x) {", "try { }",
                                  "do { }", "foreach ($i in", "<# note", "$h = @("])
def test_unfinished_input_is_incomplete(text):
    with pytest.raises(ParseException) as caught:
        parse(text)
    assert caught.value.incomplete
