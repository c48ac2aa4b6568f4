"""Parse errors: what went wrong, where, and whether more input would fix it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List

from msolsh.language.ast import Extent


@dataclass
class ParseError:
    """One problem, with pwsh's message and error id (e.g. 'MissingEndCurlyBrace').
    incomplete=True means the text only stopped too early (unclosed brace, quote, trailing
    pipe): the REPL continues the input with '>> ' while every error is incomplete."""
    message: str
    error_id: str
    extent: Extent
    incomplete: bool = False


class ParseException(Exception):
    """Raised by parse() when the text has errors; errors are in source order."""

    def __init__(self, errors: List[ParseError]):
        super().__init__(errors[0].message if errors else "parse error")
        self.errors = errors

    @property
    def incomplete(self) -> bool:
        return bool(self.errors) and all(e.incomplete for e in self.errors)
