"""Scanning of the text-like tokens: quoted strings, here-strings and command-mode bare words.

Escapes are processed here; `$var` and `$( )` inside expandable text come back as offsets
(('var', start, end) / ('sub', start, end) parts) so that the parser builds their expressions.
A mixin of the Lexer: it relies on the Lexer's scan(), scan_variable() and _token(). Knows
nothing of the AST.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from msolsh.language import tokens as T
from msolsh.language.tokens import CMD, Token

SQ = "'\u2018\u2019\u201a\u201b"
DQ = '"\u201c\u201d\u201e'

_WS = re.compile(r"[ \t\f\v\u00a0\ufeff\u200b]+")
_NEWLINE = re.compile(r"\r\n|\n|\r")
_GENERIC_CHUNK = re.compile(
    r"[^\s;,|&(){}<>'\"`$\u2018\u2019\u201a\u201b\u201c\u201d\u201e]+")
_SQ_CHUNK = re.compile(r"[^'\u2018\u2019\u201a\u201b]+")
_DQ_CHUNK = re.compile(r"[^\"`$\u201c\u201d\u201e]+")
_HERE_CHUNK = re.compile(r"[^`$]+")
_HERE_END_DQ = re.compile(r"(?:\r\n|\n|\r)[\"\u201c\u201d\u201e]@")
_HERE_END_SQ = re.compile(r"(?:\r\n|\n|\r)['\u2018\u2019\u201a\u201b]@")
_UNICODE_ESCAPE = re.compile(r"u\{([0-9a-fA-F]{1,6})\}")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t", "v": "\v"}
# Strings nested in $( ) inside strings deeper than this are a call depth error.
MAX_NESTING = 200


class NestingTooDeep(Exception):
    """Strings nested in subexpressions beyond MAX_NESTING: reported as a call depth error."""


class TextScanner:
    """Mixin of Lexer: strings, here-strings, bare words."""

    def scan_generic(self, pos: int) -> Token:
        """A bare word: runs to whitespace or a command-mode delimiter; quotes inside it join
        the word, backticks escape, $var and $( ) make it expandable."""
        text, n = self.text, self.length
        buf: List[str] = []
        parts: List[object] = []
        expandable = False
        terminated = True
        i = pos
        while i < n:
            m = _GENERIC_CHUNK.match(text, i)
            if m:
                buf.append(m.group())
                i = m.end()
                continue
            c = text[i]
            if c == "`":
                if i + 1 >= n or text[i + 1] in "\r\n":
                    break
                ch, i = self._escape(i)
                buf.append(ch)
            elif c in SQ:
                tok = self.scan_single_quoted(i)
                buf.append(tok.value)
                terminated = terminated and tok.terminated
                i = tok.end
            elif c in DQ:
                tok = self.scan_double_quoted(i)
                terminated = terminated and tok.terminated
                i = tok.end
                if tok.parts:
                    expandable = True
                    _flush(buf, parts)
                    parts.extend(tok.parts)
                else:
                    buf.append(tok.value)
            elif c == "$":
                part, end = self._dollar_part(i)
                if part is None:
                    buf.append("$")
                    i += 1
                else:
                    expandable = True
                    _flush(buf, parts)
                    parts.append(part)
                    i = end
                    if part[0] == "sub" and end > n:
                        terminated = False
                        i = n
            else:
                break
        if i == pos:  # a lone delimiter nobody else took: keep it as one unknown character
            return self._token(T.ERROR, pos, pos + 1, value=text[pos])
        _flush(buf, parts)
        if expandable:
            return self._token(T.GENERIC, pos, i, value=_plain(parts), parts=parts,
                               terminated=terminated)
        return self._token(T.GENERIC, pos, i, value="".join(p for p in parts),
                           terminated=terminated)

    def _dollar_part(self, pos: int) -> Tuple[Optional[tuple], int]:
        """Inside a string or bare word: ('sub', start, end) for $( ), ('var', start, end)
        for a variable, or None for a literal '$'. A sub part whose end is past the text is
        unterminated."""
        if self.text.startswith("$(", pos):
            end = self.skip_subexpression(pos + 2)
            if end is None:
                return ("sub", pos + 2, self.length), self.length + 1
            return ("sub", pos + 2, end), end + 1
        tok = self.scan_variable(pos)
        if tok is None:
            return None, pos
        return ("var", pos, tok.end), tok.end

    def skip_subexpression(self, pos: int) -> Optional[int]:
        """Offset of the ')' closing a '$(' whose contents start at pos, or None."""
        self._nesting += 1
        try:
            if self._nesting > MAX_NESTING:
                raise NestingTooDeep()
            depth = 1
            while True:
                tok = self.scan(pos, CMD)
                if tok.kind == T.EOF or (tok.kind in (T.COMMENT, T.LINE_CONTINUATION)
                                         and not tok.terminated):
                    return None
                if tok.kind == T.OPERATOR:
                    if tok.value in ("(", "$(", "@("):
                        depth += 1
                    elif tok.value == ")":
                        depth -= 1
                        if depth == 0:
                            return tok.start
                pos = tok.end
        finally:
            self._nesting -= 1

    def scan_single_quoted(self, pos: int) -> Token:
        text, n = self.text, self.length
        i, buf = pos + 1, []
        while i < n:
            m = _SQ_CHUNK.match(text, i)
            if m:
                buf.append(m.group())
                i = m.end()
                continue
            if i + 1 < n and text[i + 1] in SQ:  # '' is one quote
                buf.append(text[i + 1])
                i += 2
                continue
            return self._token(T.STRING_SINGLE, pos, i + 1, value="".join(buf))
        return self._unterminated(T.STRING_SINGLE, pos, "".join(buf), "'")

    def scan_double_quoted(self, pos: int) -> Token:
        end, parts, terminated = self._scan_expandable(pos + 1, self.length, quoted=True)
        if not terminated:
            tok = self._unterminated(T.STRING_DOUBLE, pos, _plain(parts), '"')
            tok.parts = parts if _expands(parts) else None
            return tok
        return self._token(T.STRING_DOUBLE, pos, end, value=_plain(parts),
                           parts=parts if _expands(parts) else None)

    def _unterminated(self, kind: str, pos: int, value: str, quote: str) -> Token:
        return self._token(kind, pos, self.length, value=value, terminated=False,
                           error=("TerminatorExpectedAtEndOfString",
                                  f"The string is missing the terminator: {quote}.",
                                  pos, self.length))

    def scan_here_string(self, pos: int) -> Token:
        text, n = self.text, self.length
        expandable = text[pos + 1] in DQ
        kind = T.HERE_DOUBLE if expandable else T.HERE_SINGLE
        quote = '"@' if expandable else "'@"
        ws = _WS.match(text, pos + 2)
        header_end = ws.end() if ws else pos + 2
        nl = _NEWLINE.match(text, header_end)
        if nl is None:
            if header_end >= n:
                return self._unterminated(kind, pos, "", quote)
            end = _NEWLINE.search(text, header_end)
            stop = end.start() if end else n
            return self._token(T.ERROR, pos, pos + 2, value=text[pos:pos + 2], error=(
                "UnexpectedCharactersAfterHereStringHeader",
                "No characters are allowed after a here-string header but before the end of "
                "the line.", header_end, stop))
        body_start = nl.end()
        finder = _HERE_END_DQ if expandable else _HERE_END_SQ
        m = finder.search(text, header_end)
        if m is None:
            return self._unterminated(kind, pos, text[body_start:], quote)
        body_end = max(m.start(), body_start)
        if not expandable:
            return self._token(kind, pos, m.end(), value=text[body_start:body_end])
        _, parts, _ = self._scan_expandable(body_start, body_end, quoted=False)
        return self._token(kind, pos, m.end(), value=_plain(parts),
                           parts=parts if _expands(parts) else None)

    def _scan_expandable(self, pos: int, limit: int, quoted: bool):
        """Scan a double-quoted body from pos. Returns (end, parts, terminated): parts are
        literal strs and ('var'|'sub', start, end) tuples."""
        text = self.text
        chunk = _DQ_CHUNK if quoted else _HERE_CHUNK
        buf: List[str] = []
        parts: List[object] = []
        i = pos
        while i < limit:
            m = chunk.match(text, i, limit)
            if m:
                buf.append(m.group())
                i = m.end()
                continue
            c = text[i]
            if c in DQ:
                if i + 1 < limit and text[i + 1] in DQ:
                    buf.append(text[i + 1])
                    i += 2
                    continue
                _flush(buf, parts)
                return i + 1, parts, True
            if c == "`":
                if i + 1 >= limit:
                    buf.append("`")
                    i += 1
                    continue
                ch, i = self._escape(i)
                buf.append(ch)
                continue
            part, end = self._dollar_part(i)
            if part is None:
                buf.append("$")
                i += 1
                continue
            _flush(buf, parts)
            parts.append(part)
            if end > self.length:
                return self.length, parts, False
            i = end
        _flush(buf, parts)
        return limit, parts, not quoted

    def _escape(self, pos: int) -> Tuple[str, int]:
        """The character a backtick escape at pos stands for, and the offset after it."""
        c = self.text[pos + 1]
        if c == "u":
            m = _UNICODE_ESCAPE.match(self.text, pos + 1)
            if m and int(m.group(1), 16) <= 0x10FFFF:
                return chr(int(m.group(1), 16)), m.end()
        return _ESCAPES.get(c, c), pos + 2


def _flush(buf: List[str], parts: List[object]) -> None:
    if buf:
        parts.append("".join(buf))
        buf.clear()


def _plain(parts: List[object]) -> str:
    return "".join(p for p in parts if isinstance(p, str))


def _expands(parts: List[object]) -> bool:
    return any(not isinstance(p, str) for p in parts)
