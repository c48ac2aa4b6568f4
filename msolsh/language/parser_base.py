"""What every part of the parser shares: the position, token peeking in a mode, extents and
error reporting.

The parser reads tokens on demand from a `Lexer`, asking for command or expression mode as
PowerShell's grammar requires at that point. Errors are collected as ParseError and parsing
stops at the first one that leaves no sensible way on (`_Abort`). Knows nothing of the runtime.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from msolsh.language import tokens as T
from msolsh.language.ast import Extent
from msolsh.language.errors import ParseError
from msolsh.language.tokenizer import CMD, EXPR, Lexer
from msolsh.language.tokens import Token

# Brackets and unary operators nested deeper than this give pwsh's call depth error.
MAX_DEPTH = 250


class Abort(Exception):
    """Stop parsing: the errors are already in Parser.errors."""


class ParserBase:
    def __init__(self, text: str, file: Optional[str]):
        self.text = text
        self.file = file
        self.lex = Lexer(text)
        self.pos = 0
        self.last_end = 0
        self.errors: List[ParseError] = []
        self.depth = 0

    # -- tokens ---------------------------------------------------------------------------
    def peek(self, mode: str = EXPR) -> Token:
        tok = self.lex.scan(self.pos, mode)
        if tok.error is not None:
            error_id, message, start, end = tok.error
            self.fail(error_id, message, start, end, incomplete=not tok.terminated)
        return tok

    def advance(self, tok: Token) -> Token:
        self.pos = tok.end
        if tok.kind != T.NEWLINE:
            self.last_end = tok.end
        return tok

    def next_char(self) -> str:
        """The character right at the position (no trivia skipped): adjacency matters for
        member access, indexing and method calls."""
        return self.text[self.pos:self.pos + 1]

    def char_after_trivia(self) -> Tuple[str, int]:
        pos, open_trivia = self.lex.skip_trivia(self.pos)
        if open_trivia is not None:
            self.peek(CMD)  # reports the open comment or backtick
        return self.text[pos:pos + 1], pos

    def skip_newlines(self, semicolons: bool = False) -> None:
        while True:
            tok = self.peek(CMD)
            if tok.kind == T.NEWLINE or (semicolons and tok.is_op(";")):
                self.pos = tok.end
            else:
                return

    def mark(self) -> Tuple[int, int, int]:
        return self.pos, self.last_end, len(self.errors)

    def reset(self, mark: Tuple[int, int, int]) -> None:
        self.pos, self.last_end = mark[0], mark[1]
        del self.errors[mark[2]:]

    def at_statement_end(self, tok: Token) -> bool:
        return tok.kind in (T.NEWLINE, T.EOF) or tok.is_op(";", ")", "}", "|", "&&", "||")

    # -- extents --------------------------------------------------------------------------
    def ext(self, start: int, end: Optional[int] = None) -> Extent:
        end = self.last_end if end is None else end
        end = max(end, start)
        sl, sc = self.lex.line_col(start)
        el, ec = self.lex.line_col(end)
        return Extent(self.file, sl, sc, el, ec, self.text[start:end], self.text)

    def start_of(self, node) -> int:
        """The offset where an already built node starts."""
        return self.lex.offset(node.extent.start_line, node.extent.start_col)

    def fail_at(self, node, error_id: str, message: str) -> None:
        """An error covering a whole node already built (a bad assignment target...)."""
        start = self.start_of(node)
        self.fail(error_id, message, start, start + len(node.extent.text))

    def tok_ext(self, tok: Token) -> Extent:
        return self.ext(tok.start, tok.end)

    # -- errors ---------------------------------------------------------------------------
    def fail(self, error_id: str, message: str, start: int, end: int,
             found: Optional[Token] = None, incomplete: Optional[bool] = None) -> None:
        """Record an error and stop. incomplete defaults to 'the text ended where more was
        needed', which is what lets the REPL ask for another line."""
        if incomplete is None:
            incomplete = found is not None and found.kind == T.EOF
        self.errors.append(ParseError(message, error_id, self.ext(start, end), incomplete))
        raise Abort()

    def fail_after(self, error_id: str, message: str, found: Token) -> None:
        """An error placed just after the last token read (where something was expected)."""
        self.fail(error_id, message, self.last_end, self.last_end, found)

    def unexpected(self, tok: Token) -> None:
        if tok.kind == T.EOF:
            self.fail("UnexpectedToken", "Unexpected end of input.", tok.start, tok.end, tok)
        self.fail("UnexpectedToken", f"Unexpected token '{tok.text}' in expression or statement.",
                  tok.start, tok.end, tok)

    def enter(self, start: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail("CallDepthOverflow", "The script failed due to call depth overflow.",
                      start, start + 1, incomplete=False)

    def leave(self) -> None:
        self.depth -= 1
