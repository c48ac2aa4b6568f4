"""The mode-aware scanner behind the tokenizer: one token at a time from any offset.

PowerShell decides how to read `foo.txt`, `-Name` or `1` from where it stands: at the start of a
command argument a bare word runs to the next space (command mode), inside an expression `-eq`
is an operator and `.` a member access (expression mode). The parser asks `Lexer.scan(pos,
mode)` for the mode it wants; results are cached per offset and mode. Strings and bare words
are scanned by the TextScanner mixin. Knows nothing of the AST.
"""
from __future__ import annotations

import bisect
import contextlib
import re
import sys
from decimal import Decimal
from typing import List, Optional, Tuple

from msolsh.language import tokens as T
from msolsh.language.lexer_text import DQ, SQ, NestingTooDeep, TextScanner
from msolsh.language.tokens import CMD, EXPR, Token

__all__ = ["CMD", "EXPR", "Lexer", "NestingTooDeep", "enough_recursion"]

DASHES = "-\u2013\u2014\u2015"

_WS = re.compile(r"[ \t\f\v\u00a0\ufeff\u200b]+")
_NEWLINE = re.compile(r"\r\n|\n|\r")
_LINE_COMMENT = re.compile(r"#[^\r\n]*")
_BLOCK_COMMENT_END = re.compile(r"#>")
_NUMBER = re.compile(
    r"(?:0[xX]([0-9a-fA-F]+)|(\d+(?:\.\d+)?|\.\d+)([eE][+-]?\d+)?)([lLdD])?"
    r"((?:[kKmMgGtTpP][bB]))?")
_REDIRECTION = re.compile(r"([*1-6]?)(>>|>)(&[1-6])?")
_VAR_NAME = re.compile(r"\w+")
_SCOPE_NAME = re.compile(r"(\w+):(?=[\w?])")
_SPLAT = re.compile(r"@(\w+)")
_PARAMETER = re.compile(r"[-\u2013\u2014\u2015]([A-Za-z_?][^\s:;,|&(){}<>'\"`$\u2018\u2019\u201c\u201d]*)(:?)")
_DASH_WORD = re.compile(r"[-\u2013\u2014\u2015]([A-Za-z]+)(?!\w)")
_HASH_KEY = re.compile(r"[^\s=;{}()'\"`$,|&<>#\[\]]+")
_EXPR_WORD = re.compile(r"\w[\w-]*")
_EXPR_OPERATOR = re.compile(
    r"\+\+|\+=|\+|\*=|\*|/=|/|%=|%|\.\.|::|\.|,|=|!|\(|\)|\{|\}|\[|\]|@\(|@\{|\$\(|&&|&|"
    r"\|\||\||;|<")
_CMD_PUNCT = re.compile(r"@\(|@\{|\$\(|&&|\|\||[(){},;|&<]")
_TYPE_NAME = re.compile(r"[\w.`+]+")
_MULTIPLIERS = {"kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30, "tb": 1 << 40, "pb": 1 << 50}
# Characters that end a number or a bare word in command mode.
_CMD_DELIMITERS = frozenset(" \t\f\v\r\n\u00a0;,|&(){}<>")
_MODELESS_KINDS = frozenset({T.NEWLINE, T.EOF, T.VARIABLE, T.STRING_SINGLE, T.STRING_DOUBLE,
                             T.HERE_SINGLE, T.HERE_DOUBLE, T.REDIRECTION, T.SPLATTED})
_MODELESS_OPERATORS = frozenset({"(", ")", "{", "}", ";", "|", "@(", "@{", "$(", ",", "&&",
                                 "||"})


# Python frames needed for the deepest nesting the parser accepts (about a dozen per level).
RECURSION_NEEDED = 6000


@contextlib.contextmanager
def enough_recursion():
    """Raise the interpreter's recursion limit for one parse, and put it back after."""
    old = sys.getrecursionlimit()
    if old < RECURSION_NEEDED:
        sys.setrecursionlimit(RECURSION_NEEDED)
    try:
        yield
    finally:
        if old < RECURSION_NEEDED:
            sys.setrecursionlimit(old)


class Lexer(TextScanner):
    """Scans tokens on demand from any offset. Results are cached per (offset, mode)."""

    def __init__(self, text: str):
        self.text = text
        self.length = len(text)
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._cmd_cache: dict = {}
        self._expr_cache: dict = {}
        self._nesting = 0
        self.comments: Optional[List[Token]] = None  # set to a list to collect trivia

    # -- positions ------------------------------------------------------------------------
    def line_col(self, offset: int) -> Tuple[int, int]:
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def offset(self, line: int, col: int) -> int:
        """The offset of a 1-based line and column (the inverse of line_col)."""
        return self._line_starts[line - 1] + col - 1

    def _token(self, kind: str, start: int, end: int, **kw) -> Token:
        return Token(kind, self.text[start:end], start, end, self._line_starts, **kw)

    # -- trivia ---------------------------------------------------------------------------
    def skip_trivia(self, pos: int) -> Tuple[int, Optional[Token]]:
        """Skip spaces, comments and line continuations. Returns the new offset and, if a
        block comment or a backtick is left open at the end, a token describing that."""
        text, n = self.text, self.length
        while pos < n:
            c = text[pos]
            if c in " \t\f\v\u00a0\ufeff\u200b":
                pos = _WS.match(text, pos).end()
            elif c == "#":
                end = _LINE_COMMENT.match(text, pos).end()
                self._comment(pos, end)
                pos = end
            elif c == "<" and text.startswith("<#", pos):
                m = _BLOCK_COMMENT_END.search(text, pos + 2)
                if m is None:
                    return n, self._token(
                        T.COMMENT, pos, n, terminated=False,
                        error=("MissingTerminatorMultiLineComment",
                               "The terminator '#>' is missing from the multiline comment.",
                               pos, n))
                self._comment(pos, m.end())
                pos = m.end()
            elif c == "`":
                nl = _NEWLINE.match(text, pos + 1)
                if nl:
                    pos = nl.end()
                elif pos + 1 >= n:
                    return n, self._token(T.LINE_CONTINUATION, pos, n, terminated=False,
                                          error=("IncompleteString", "Incomplete string token.",
                                                 pos, n))
                elif text[pos + 1] in " \t\f\v\u00a0":  # pwsh skips "` " like a space
                    pos += 1
                else:
                    break
            else:
                break
        return pos, None

    def _comment(self, start: int, end: int) -> None:
        if self.comments is not None:
            self.comments.append(self._token(T.COMMENT, start, end))

    # -- the main entry -------------------------------------------------------------------
    def scan(self, pos: int, mode: str) -> Token:
        cache = self._cmd_cache if mode == CMD else self._expr_cache
        tok = cache.get(pos)
        if tok is None:
            tok = self._scan(pos, mode)
            cache[pos] = tok
            if tok.kind in _MODELESS_KINDS or (tok.kind == T.OPERATOR
                                               and tok.value in _MODELESS_OPERATORS):
                # read the same in both modes: scan once
                self._cmd_cache[pos] = self._expr_cache[pos] = tok
        return tok

    def _scan(self, pos: int, mode: str) -> Token:
        pos, open_trivia = self.skip_trivia(pos)
        if open_trivia is not None:
            return open_trivia
        text = self.text
        if pos >= self.length:
            return self._token(T.EOF, pos, pos)
        c = text[pos]
        if c in "\r\n":
            return self._token(T.NEWLINE, pos, _NEWLINE.match(text, pos).end())
        if c in "*123456>":
            m = _REDIRECTION.match(text, pos)
            if m and (c == ">" or m.group(1)):
                return self._token(T.REDIRECTION, pos, m.end(), value=m.group())
        if c == "$":
            return self._scan_dollar(pos, mode)
        if c == "@":
            return self._scan_at(pos, mode)
        if c in SQ:
            return self.scan_single_quoted(pos)
        if c in DQ:
            return self.scan_double_quoted(pos)
        if c.isdigit() or (c == "." and text[pos + 1:pos + 2].isdigit()):
            tok = self.scan_number(pos, mode)
            if tok is not None:
                return tok
        if mode == CMD:
            return self._scan_command_token(pos)
        return self._scan_expression_token(pos)

    # -- command mode ---------------------------------------------------------------------
    def _scan_command_token(self, pos: int) -> Token:
        text, c = self.text, self.text[pos]
        if c in DASHES or c == "+":  # `Write-Host -1` and `+1` pass numbers
            nxt = text[pos + 1:pos + 2]
            if nxt.isdigit() or (nxt == "." and text[pos + 2:pos + 3].isdigit()):
                tok = self.scan_number(pos + 1, CMD, signed_from=pos)
                if tok is not None:
                    return tok
        if c in DASHES:
            m = _PARAMETER.match(text, pos)
            if m:
                return self._token(T.PARAMETER, pos, m.end(),
                                   value=(m.group(1), bool(m.group(2))))
        if c == "." and (pos + 1 >= self.length or text[pos + 1] in " \t\r\n{$'\"(&\u00a0"):
            return self._token(T.OPERATOR, pos, pos + 1, value=".")
        m = _CMD_PUNCT.match(text, pos)
        if m:
            return self._token(T.OPERATOR, pos, m.end(), value=m.group())
        return self.scan_generic(pos)

    # -- expression mode ------------------------------------------------------------------
    def _scan_expression_token(self, pos: int) -> Token:
        text, c = self.text, self.text[pos]
        if c in DASHES:
            if text.startswith("--", pos) or text.startswith("-=", pos):
                return self._token(T.OPERATOR, pos, pos + 2, value=text[pos:pos + 2])
            m = _DASH_WORD.match(text, pos)
            if m:
                op = "-" + m.group(1).lower()
                if op in T.DASH_OPERATORS:
                    return self._token(T.OPERATOR, pos, m.end(), value=op)
                return self._token(T.PARAMETER, pos, m.end(), value=(m.group(1), False))
            return self._token(T.OPERATOR, pos, pos + 1, value="-")
        m = _EXPR_OPERATOR.match(text, pos)
        if m:
            return self._token(T.OPERATOR, pos, m.end(), value=m.group())
        m = _EXPR_WORD.match(text, pos)
        if m:
            return self._token(T.GENERIC, pos, m.end(), value=m.group())
        return self._token(T.ERROR, pos, pos + 1, value=c)

    def scan_hash_key(self, pos: int) -> Optional[Token]:
        """A bare hashtable key: `Name`, `first-name`, `a.b` (it stops at '=')."""
        m = _HASH_KEY.match(self.text, pos)
        if m is None:
            return None
        return self._token(T.GENERIC, pos, m.end(), value=m.group())

    def scan_member_name(self, pos: int) -> Optional[Token]:
        m = _VAR_NAME.match(self.text, pos)
        if m is None:
            return None
        return self._token(T.GENERIC, pos, m.end(), value=m.group())

    # -- numbers --------------------------------------------------------------------------
    def scan_number(self, pos: int, mode: str, signed_from: Optional[int] = None
                    ) -> Optional[Token]:
        m = _NUMBER.match(self.text, pos)
        if m is None:
            return None
        end = m.end()
        nxt = self.text[end:end + 1]
        if mode == CMD and nxt and nxt not in _CMD_DELIMITERS:
            return None
        if mode == EXPR and nxt and (nxt.isalnum() or nxt == "_"):
            return None
        value = _number_value(m)
        start = pos
        if signed_from is not None:
            start = signed_from
            value = value if self.text[start] == "+" else -value
        return self._token(T.NUMBER, start, end, value=value)

    # -- variables ------------------------------------------------------------------------
    def _scan_dollar(self, pos: int, mode: str) -> Token:
        text = self.text
        if text.startswith("$(", pos):
            return self._token(T.OPERATOR, pos, pos + 2, value="$(")
        tok = self.scan_variable(pos)
        if tok is not None:
            return tok
        if mode == CMD:
            return self.scan_generic(pos)
        return self._token(T.ERROR, pos, pos + 1, value="$", error=(
            "InvalidVariableReference",
            "Variable reference is not valid. '$' was not followed by a valid variable name "
            "character. Consider using ${} to delimit the name.", pos, pos + 1))

    def scan_variable(self, pos: int) -> Optional[Token]:
        """$name, $scope:name, ${any name}, $$, $?, $^. None when '$' starts no variable."""
        text, i = self.text, pos + 1
        if i >= self.length:
            return None
        c = text[i]
        if c == "{":
            return self._scan_braced_variable(pos)
        if c in "$?^":
            return self._token(T.VARIABLE, pos, i + 1, value=(None, c))
        m = _SCOPE_NAME.match(text, i)
        if m:
            name = _VAR_NAME.match(text, m.end())
            if name is None:  # `$env:?`-style specials are not supported; read as `$env`
                return self._token(T.VARIABLE, pos, m.end(1), value=(None, m.group(1)))
            return self._token(T.VARIABLE, pos, name.end(),
                               value=(m.group(1).lower(), name.group()))
        m = _VAR_NAME.match(text, i)
        if m is None:
            return None
        return self._token(T.VARIABLE, pos, m.end(), value=(None, m.group()))

    def _scan_braced_variable(self, pos: int) -> Token:
        text, n = self.text, self.length
        i, buf = pos + 2, []
        while i < n and text[i] != "}":
            if text[i] == "`" and i + 1 < n:
                buf.append(text[i + 1])
                i += 2
            else:
                buf.append(text[i])
                i += 1
        if i >= n:
            return self._token(T.VARIABLE, pos, n, value=(None, "".join(buf)), terminated=False,
                               error=("IncompleteDollarVariableReference",
                                      "${variable} reference starting is missing the closing '}'.",
                                      pos, n))
        name = "".join(buf)
        error = None
        if not name:
            error = ("EmptyVariableReference",
                     "An empty ${} variable reference was found. A name is required inside the "
                     "braces.", pos, i + 1)
        scope, _, rest = name.partition(":")
        value = (scope.lower(), rest) if rest and scope.isidentifier() else (None, name)
        return self._token(T.VARIABLE, pos, i + 1, value=value, error=error)

    # -- @ ----------------------------------------------------------------------------------
    def _scan_at(self, pos: int, mode: str) -> Token:
        text = self.text
        two = text[pos:pos + 2]
        if two in ("@(", "@{"):
            return self._token(T.OPERATOR, pos, pos + 2, value=two)
        if two[1:] and two[1] in SQ + DQ:
            return self.scan_here_string(pos)
        m = _SPLAT.match(text, pos)
        if m:
            return self._token(T.SPLATTED, pos, m.end(), value=(None, m.group(1)))
        if mode == CMD:
            return self.scan_generic(pos)
        return self._token(T.ERROR, pos, pos + 1, value="@")

    # -- type names -------------------------------------------------------------------------
    def scan_type_name(self, pos: int) -> Tuple[str, int]:
        """The type name starting at pos (after '[' and spaces): 'int', 'string[]',
        'System.Collections.Generic.List[string]'. Returns ('', pos) when there is none."""
        text, n = self.text, self.length
        m = _TYPE_NAME.match(text, pos)
        if m is None:
            return "", pos
        i = m.end()
        while i < n and text[i] == "[":
            depth, j = 0, i
            while j < n:
                if text[j] == "[":
                    depth += 1
                elif text[j] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                elif text[j] in "\r\n{}()":
                    break
                j += 1
            if j >= n or text[j] != "]":
                break
            i = j + 1
        return text[pos:i], i


def _number_value(m: "re.Match"):
    hex_digits, digits, exponent, suffix, multiplier = m.groups()
    suffix = (suffix or "").lower()
    if hex_digits is not None:
        value = int(hex_digits, 16)
        # pwsh reads 0xFFFFFFFF as the int32 -1, and 0xFFFFFFFFFFFFFFFF as the int64 -1
        if value <= 0xFFFFFFFF and suffix != "l":
            value = value - (1 << 32) if value > 0x7FFFFFFF else value
        elif value <= 0xFFFFFFFFFFFFFFFF:
            value = value - (1 << 64) if value > 0x7FFFFFFFFFFFFFFF else value
    elif suffix == "d":
        value = Decimal(digits + (exponent or ""))
    elif "." in digits or exponent:
        value = float(digits + (exponent or ""))
    else:
        value = int(digits)
    if multiplier:
        value = value * _MULTIPLIERS[multiplier.lower()]
    if isinstance(value, int) and abs(value) > 0x7FFFFFFFFFFFFFFF:
        value = float(value)  # beyond [long]: pwsh falls back to [double]
    return value
