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
            _ModeGuess(lexer, out).run()
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


_OPENERS = ("(", "{", "$(", "@(", "@{")
_STATEMENT_SEPARATORS = (";", "|", "=", "+=", "-=", "*=", "/=", "%=", "&&", "||")
# After these keywords a parenthesis or a block follows, not a new statement.
_KEYWORDS_BEFORE_CONDITION = ("foreach", "for", "while", "switch", "if", "elseif", "until",
                              "catch", "trap")


class _ModeGuess:
    """Guess each token's mode the way the parser would: a statement starts in command mode;
    one that starts with a value is an expression; a command stays in command mode, also
    after a bracketed argument (open brackets keep a stack of those states)."""

    def __init__(self, lexer: Lexer, out: List[Token]):
        self.lexer, self.out = lexer, out
        self.at_start, self.in_command, self.expect_key = True, False, False
        self.outer: List[tuple] = []  # (opener, in_command) of each open bracket

    def run(self) -> None:
        pos = 0
        while True:
            tok = self.next_token(pos)
            self.out.append(tok)
            if tok.kind == T.EOF:
                return
            pos = max(tok.end, pos + 1)  # every token moves on, whatever it is
            self.after(tok)

    def next_token(self, pos: int) -> Token:
        lexer = self.lexer
        start = lexer.skip_trivia(pos)[0]
        if self.expect_key:
            key = lexer.scan_hash_key(start)  # a bare hashtable key, up to '='
            if key is not None:
                self.at_start = False
                return key
        expression = self.at_start and expression_starts_at(lexer, start)
        mode = CMD if (self.at_start or self.in_command) and not expression else EXPR
        tok = (_member_access(lexer, self.out, pos) if mode == CMD else None) or \
            lexer.scan(pos, mode)
        if tok.kind == T.GENERIC and tok.text.lower() == "in" and _after_foreach_variable(self.out):
            tok.kind = T.KEYWORD
        elif self.at_start and mode == CMD and tok.kind == T.GENERIC \
                and tok.text.lower() in T.KEYWORDS:
            tok.kind = T.KEYWORD
        elif self.at_start and (tok.kind == T.GENERIC or tok.is_op("&", ".")):
            self.in_command = True
        return tok

    def after(self, tok: Token) -> None:
        in_hash = bool(self.outer) and self.outer[-1][0] == "@{"
        self.expect_key = tok.is_op("@{") or (
            in_hash and (tok.kind == T.NEWLINE or tok.is_op(";")))
        if tok.kind == T.KEYWORD:
            self.at_start = tok.text.lower() not in _KEYWORDS_BEFORE_CONDITION
        elif tok.kind == T.OPERATOR and tok.value in _OPENERS:
            self.outer.append((tok.value, self.in_command))
            self.at_start, self.in_command = True, False
        elif tok.is_op(")", "}"):
            self.at_start = False
            self.in_command = self.outer.pop()[1] if self.outer else False
        elif tok.kind == T.NEWLINE or (tok.kind == T.OPERATOR
                                       and tok.value in _STATEMENT_SEPARATORS):
            self.at_start, self.in_command = True, False
        else:
            self.at_start = False


def _member_access(lexer: Lexer, out: List[Token], pos: int):
    """In command mode `$x.Name` is still member access: '.' right after a value, then a
    name. Returns the next of those tokens, or None."""
    if not out:
        return None
    prev = out[-1]
    text = lexer.text
    after_member = (prev.kind == T.GENERIC and len(out) > 1 and out[-2].is_op(".")
                    and out[-2].end == prev.start)
    if prev.end == pos and text[pos:pos + 1] == "." and text[pos + 1:pos + 2] != "." and (
            prev.kind == T.VARIABLE or prev.is_op(")", "]") or after_member):
        return lexer._token(T.OPERATOR, pos, pos + 1, value=".")
    if prev.is_op(".") and prev.end == pos and len(out) > 1 and out[-2].end == prev.start:
        return lexer.scan_member_name(pos)
    return None


def _after_foreach_variable(out: List[Token]) -> bool:
    """`in` is a keyword only as the third thing in `foreach ($x in ...)`."""
    significant = [t for t in out[-4:] if t.kind != T.NEWLINE]
    return (len(significant) >= 3 and significant[-1].kind == T.VARIABLE
            and significant[-2].is_op("(") and significant[-3].kind == T.KEYWORD
            and significant[-3].text.lower() == "foreach")
