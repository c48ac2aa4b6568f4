"""Syntax colouring while typing: pygments' PowerShell lexer, in PSReadLine's colours.

pygments knows PowerShell's strings, variables, operators, comments and keywords, but tags a
command only when it is a known built-in and tags parameters and numbers as plain names; the
token stream is corrected here with the same rule PSReadLine's tokenizer applies: the first
bare word of a statement or pipeline element is the command. The palette is PSReadLine's
default. Knows nothing of the session or the runtime; imported only when interactive.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator, List, Tuple

from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer
from prompt_toolkit.styles import Style
from pygments.lexers import PowerShellLexer
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String

# PSReadLine's default colours (ConsoleColor names mapped to ANSI: Yellow is bright yellow,
# DarkGray bright black, DarkCyan cyan, DarkGreen green, White bright white).
PALETTE = {
    "command": "ansibrightyellow",
    "parameter": "ansibrightblack",
    "string": "ansicyan",
    "variable": "ansibrightgreen",
    "operator": "ansibrightblack",
    "comment": "ansigreen",
    "number": "ansiwhite",
    "keyword": "ansibrightgreen",
    "type": "ansigray",
    "member": "ansiwhite",
    "default": "",
}
STYLE = Style.from_dict({
    **{f"ps.{kind}": colour for kind, colour in PALETTE.items() if colour},
    "prompt.error": "ansibrightred",
    "continuation": "",
    "bottom-toolbar": "noreverse bg:ansiblue ansiwhite",
    "bottom-toolbar.alert": "bg:ansiblue ansibrightred bold",
})

_NUMBER = re.compile(r"^-?(0x[0-9a-f]+|\d+(\.\d+)?(e[+-]?\d+)?)(kb|mb|gb|tb|pb|l|d)?$", re.I)
_STATEMENT_STARTS = {"|", ";", "{", "(", "\n", "=", "&", "&&", "||", "$(", "@("}


def classify(tokens: List[Tuple[object, str]]) -> Iterator[Tuple[str, str]]:
    """(psreadline kind, text) for each pygments token, with commands found by position."""
    at_command, after_dot = True, False
    for ttype, text in tokens:
        kind = _kind(ttype, text)
        stripped = text.strip()
        if at_command and stripped and _can_be_command(ttype, stripped, kind):
            kind = "command"
        elif kind == "default" and after_dot and ttype in Name:
            kind = "member"
        after_dot = stripped in (".", "::")
        if stripped:
            at_command = _starts_statement(ttype, stripped, kind, at_command)
        elif "\n" in text:
            at_command = True
        yield kind, text


def _can_be_command(ttype: object, text: str, kind: str) -> bool:
    if ttype in Punctuation:
        return text in ("?", "%")
    return kind in ("default", "command") and not _NUMBER.match(text)


def _starts_statement(ttype: object, text: str, kind: str, was: bool) -> bool:
    if ttype in Punctuation or ttype in Operator:
        return text in _STATEMENT_STARTS or text.endswith("=") and len(text) <= 3
    if kind == "keyword":
        return True   # `else {`, `try {`: a statement starts after the keyword's block
    return False


def _kind(ttype: object, text: str) -> str:
    stripped = text.strip()
    if ttype in Comment:
        return "comment"
    if ttype in String:
        return "variable" if stripped.startswith("$") and ttype in String.Interpol else "string"
    if ttype in Name.Variable:
        return "variable"
    if ttype in Keyword:
        return "keyword"
    if ttype in Operator:
        return "operator"
    if ttype in Number or _NUMBER.match(stripped):
        return "number"
    if ttype in Name.Constant:
        return "type"
    if ttype in Name.Builtin:
        return "command"
    if ttype in Name and stripped.startswith("-") and len(stripped) > 1:
        return "parameter"
    if ttype in Punctuation:
        return "default" if stripped in "()[]{};." else "operator"
    return "default"


class PowerShellColourLexer(Lexer):
    """prompt_toolkit lexer: each line of the document as PSReadLine would colour it."""

    def __init__(self) -> None:
        self._pygments = PowerShellLexer(stripnl=False, ensurenl=False)

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        lines = _split_lines(self.fragments(document.text))

        def get_line(number: int) -> StyleAndTextTuples:
            return lines[number] if number < len(lines) else []

        return get_line

    def fragments(self, text: str) -> StyleAndTextTuples:
        tokens = list(self._pygments.get_tokens(text))
        return [(f"class:ps.{kind}" if PALETTE.get(kind) else "", piece)
                for kind, piece in classify(tokens)]


def _split_lines(fragments: StyleAndTextTuples) -> List[StyleAndTextTuples]:
    lines: List[StyleAndTextTuples] = [[]]
    for style, text in fragments:
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append((style, part))
    return lines
