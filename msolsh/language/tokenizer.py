"""PowerShell's tokenizer: `tokenize(text)` gives every token of a text for the REPL's colouring
and completion, guessing each statement's mode the way the parser decides it, and never raises.

The scanning itself lives in lexer.py (modes, numbers, variables, operators) and lexer_text.py
(strings, here-strings, bare words); the parser drives the same Lexer directly. Knows nothing of
the AST.
"""
from __future__ import annotations

import bisect
from typing import List

from msolsh.language import tokens as T
from msolsh.language.lexer import DASHES, Lexer, NestingTooDeep, enough_recursion
from msolsh.language.lexer_text import DQ, SQ
from msolsh.language.tokens import CMD, EXPR, Token

__all__ = ["CMD", "EXPR", "Lexer", "NestingTooDeep", "Token", "enough_recursion",
           "expression_starts_at", "tokenize"]

_EXPRESSION_FIRST = frozenset("$@'\"([{!+,\u2018\u2019\u201c\u201d")
_UNARY_AT_START = frozenset(("-not", "-bnot", "-split", "-csplit", "-isplit", "-join"))


def expression_starts_at(lexer: Lexer, pos: int) -> bool:
    """Whether a pipeline starting at pos is an expression (a value, an operator, a cast)
    rather than a command (a bare word, `&`, `.`): pwsh decides this per statement."""
    text = lexer.text
    c = text[pos:pos + 1]
    nxt = text[pos + 1:pos + 2]
    if not c:
        return False
    if c in _EXPRESSION_FIRST:
        return not (c == "@" and nxt not in ("(", "{") and nxt not in SQ + DQ and not nxt.isalnum())
    if c.isdigit() or (c == "." and nxt.isdigit()):
        return lexer.scan_number(pos, EXPR) is not None
    if c in DASHES:
        if nxt.isdigit() or nxt in ("$", "(", "-", ".", "[", " ", "\t", "@") or nxt in SQ + DQ:
            return True
        tok = lexer.scan(pos, EXPR)
        return tok.kind == T.OPERATOR and tok.value in _UNARY_AT_START
    return False


# ---------------------------------------------------------------- the REPL's token list

def tokenize(text: str) -> List[Token]:
    """Every token of `text`, comments included, ending with an EndOfInput token. Never
    raises: text it cannot read becomes tokens with `error` set or kind 'Unknown'."""
    lexer = Lexer(text)
    lexer.comments = []
    out: List[Token] = []
    try:
        with enough_recursion():
            _drive(lexer, out)
    except (NestingTooDeep, RecursionError):
        end = len(text)
        start = out[-1].end if out else 0
        out.append(lexer._token(T.ERROR, start, end, value=text[start:end]))
        out.append(lexer._token(T.EOF, end, end))
    return _with_comments(out, lexer.comments)


def _with_comments(out: List[Token], comments: List[Token]) -> List[Token]:
    """Merge comments in order, once each, leaving out those inside a string's $( )."""
    spans = [(t.start, t.end) for t in out if t.end > t.start]
    starts = [s for s, _ in spans]
    seen = set()
    kept = []
    for comment in comments:
        if comment.start in seen:
            continue
        seen.add(comment.start)
        index = bisect.bisect_right(starts, comment.start) - 1
        if index >= 0 and spans[index][0] < comment.start < spans[index][1]:
            continue
        kept.append(comment)
    return sorted(out + kept, key=lambda t: (t.start, t.kind != T.COMMENT))


def _drive(lexer: Lexer, out: List[Token]) -> None:
    """Guess each token's mode the way the parser would: a statement starts in command mode;
    one that starts with a value is an expression; a command stays in command mode."""
    pos, at_start, in_command = 0, True, False
    while True:
        mode = CMD if (at_start or in_command) else EXPR
        if at_start and expression_starts_at(lexer, lexer.skip_trivia(pos)[0]):
            mode = EXPR
        tok = lexer.scan(pos, mode)
        if tok.kind == T.GENERIC and tok.text.lower() == "in" and _after_foreach_variable(out):
            tok.kind = T.KEYWORD
        elif at_start and mode == CMD and tok.kind == T.GENERIC and tok.text.lower() in T.KEYWORDS:
            tok.kind = T.KEYWORD
        elif at_start and (tok.kind == T.GENERIC or tok.is_op("&", ".")):
            in_command = True
        out.append(tok)
        if tok.kind == T.EOF:
            break
        pos = max(tok.end, pos + 1)  # every token moves on, whatever it is
        if tok.kind == T.KEYWORD:
            at_start = tok.text.lower() not in ("foreach", "for", "while", "switch", "if",
                                                "elseif", "until", "catch", "trap")
            continue
        starts_statement = tok.kind == T.NEWLINE or (tok.kind == T.OPERATOR and tok.value in (
            ";", "|", "(", "{", "$(", "@(", "}", "=", "+=", "-=", "*=", "/=", "%=", "&&", "||"))
        if starts_statement:
            at_start, in_command = True, False
        else:
            at_start = False


def _after_foreach_variable(out: List[Token]) -> bool:
    """`in` is a keyword only as the third thing in `foreach ($x in ...)`."""
    significant = [t for t in out[-4:] if t.kind != T.NEWLINE]
    return (len(significant) >= 3 and significant[-1].kind == T.VARIABLE
            and significant[-2].is_op("(") and significant[-3].kind == T.KEYWORD
            and significant[-3].text.lower() == "foreach")
