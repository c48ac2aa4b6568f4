"""Token kinds and the Token record produced by the tokenizer.

A token knows its kind, its source text, its offsets and its 1-based line/column. Strings and
bare words also carry their processed value and, when they expand, their parts. This module
knows nothing of the parser or the AST.
"""
from __future__ import annotations

import bisect
from typing import Any, List, Optional, Tuple

# The two tokenizing modes (see lexer.py).
CMD = "command"
EXPR = "expression"

# Token kinds (plain strings: cheap to compare, readable in tests and in the REPL).
NEWLINE = "NewLine"
EOF = "EndOfInput"
COMMENT = "Comment"
LINE_CONTINUATION = "LineContinuation"
VARIABLE = "Variable"
SPLATTED = "SplattedVariable"
NUMBER = "Number"
STRING_SINGLE = "StringLiteral"
STRING_DOUBLE = "StringExpandable"
HERE_SINGLE = "HereStringLiteral"
HERE_DOUBLE = "HereStringExpandable"
GENERIC = "Generic"            # a bare word (command name, argument, member name, key)
KEYWORD = "Keyword"            # only set by tokenize(): the parser recognises keywords itself
PARAMETER = "Parameter"        # -Name or -Name:
OPERATOR = "Operator"          # punctuators and -op operators, text lower-cased in `value`
REDIRECTION = "Redirection"
LABEL = "Label"                # :outer before a loop
ERROR = "Unknown"              # a character no rule accepts (never raised, only reported)

KEYWORDS = frozenset("""
begin break catch class continue data define do dynamicparam else elseif end exit filter
finally for foreach from function if in param process return switch throw trap try until
using var while
""".split())

# Dash operators. The comparison family takes c/i prefixes; the rest do not.
CASED_OPERATORS = frozenset("""
eq ne gt ge lt le like notlike match notmatch contains notcontains in notin replace split
""".split())
PLAIN_OPERATORS = frozenset("""
join is isnot as f and or xor not band bor bxor bnot shl shr
""".split())
DASH_OPERATORS = frozenset(
    ["-" + op for op in PLAIN_OPERATORS]
    + ["-" + prefix + op for op in CASED_OPERATORS for prefix in ("", "c", "i")]
)
ASSIGNMENT_OPERATORS = frozenset({"=", "+=", "-=", "*=", "/=", "%="})


class Token:
    """One token. `value` is the processed value (number, string text, lower-case operator,
    variable name); `parts` holds the expansion parts of double-quoted strings and bare words:
    literal str pieces and (kind, start, end) tuples with kind 'var' or 'sub'. line and col are
    1-based and worked out on demand from the offsets (most tokens are never asked)."""
    __slots__ = ("kind", "text", "start", "end", "value", "parts", "terminated", "error",
                 "_line_starts")

    def __init__(self, kind: str, text: str, start: int, end: int,
                 line_starts: Optional[List[int]] = None, value: Any = None,
                 parts: Optional[List[Any]] = None, terminated: bool = True,
                 error: Optional[Tuple[str, str, int, int]] = None):
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.value = value
        self.parts = parts
        self.terminated = terminated
        # (error_id, message, start, end) found while scanning this token
        self.error = error
        self._line_starts = line_starts or [0]

    @property
    def line(self) -> int:
        return bisect.bisect_right(self._line_starts, self.start)

    @property
    def col(self) -> int:
        return self.start - self._line_starts[self.line - 1] + 1

    def is_op(self, *texts: str) -> bool:
        return self.kind == OPERATOR and self.value in texts

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.line}:{self.col})"
