"""The PowerShell parser: `parse(text)` turns script text into a ScriptBlockAst or raises
ParseException with pwsh's error ids and messages, in source order.

The rules are split by subject (parse_expressions, parse_pipelines, parse_statements,
parse_functions); this module only assembles them and guards the entry. Knows nothing of the
runtime.
"""
from __future__ import annotations

from typing import Optional

from msolsh.language import ast as A
from msolsh.language import tokens as T
from msolsh.language.errors import ParseError, ParseException
from msolsh.language.parse_functions import FunctionRules
from msolsh.language.parser_base import Abort
from msolsh.language.tokenizer import CMD, NestingTooDeep, enough_recursion


class Parser(FunctionRules):
    def parse_script(self) -> A.ScriptBlockAst:
        block = self.parse_script_block_body(0, None)
        tok = self.peek(CMD)
        if tok.kind != T.EOF:
            self.unexpected(tok)
        if self.errors:
            raise Abort()
        return A.ScriptBlockAst(self.ext(0, len(self.text)), block.param_block, block.begin,
                                block.process, block.end)


def parse(text: str, file: Optional[str] = None) -> A.ScriptBlockAst:
    """Parse a whole script. Raises ParseException; never any other exception."""
    parser = Parser(text, file)
    with enough_recursion():
        try:
            return parser.parse_script()
        except Abort:
            pass
        except (NestingTooDeep, RecursionError):
            parser.errors.append(ParseError("The script failed due to call depth overflow.",
                                            "CallDepthOverflow",
                                            parser.ext(parser.pos, parser.pos)))
    raise ParseException(sorted(parser.errors, key=_position))


def _position(error: ParseError):
    return error.extent.start_line, error.extent.start_col
