"""Pipeline rules: pipelines, assignments, commands and their arguments, redirections.

A pipeline element is a command when it starts with a bare word, `&` or `.`; otherwise it is
an expression, which PowerShell allows only as the first element. Command arguments are read
in command mode (`-Name`, `-Name:value`, bare words, `a,b` lists, `$x.Prop`, `(...)`).
Knows nothing of the runtime.
"""
from __future__ import annotations

from typing import List, Optional

from msolsh.language import ast as A
from msolsh.language import tokens as T
from msolsh.language.parse_expressions import STRING_KINDS, ExpressionRules
from msolsh.language.tokenizer import CMD, EXPR, expression_starts_at
from msolsh.language.tokens import Token

STREAMS = {"": "output", "1": "output", "2": "error", "3": "warning", "4": "verbose",
           "5": "debug", "6": "information", "*": "all"}
ARGUMENT_END = frozenset(";,|&(){}<>.[\r\n`")
ASSIGNABLE = (A.VariableExpressionAst, A.MemberExpressionAst, A.IndexExpressionAst)


class PipelineRules(ExpressionRules):
    """Mixin: pipelines and commands. Relies on the statement rules for parse_statement."""

    # -- pipelines and assignment ---------------------------------------------------------
    def parse_pipeline(self) -> Optional[A.PipelineBaseAst]:
        """A pipeline or an assignment, or None when nothing here starts one."""
        _, start = self.char_after_trivia()
        first = self.parse_pipeline_element(first=True)
        if first is None:
            return None
        if isinstance(first, A.CommandExpressionAst) and not first.redirections:
            op = self.peek(EXPR)
            if op.kind == T.OPERATOR and op.value in T.ASSIGNMENT_OPERATORS:
                return self._assignment(first.expression, op, start)
        elements = [first]
        while True:
            pipe = self.peek(EXPR if isinstance(elements[-1], A.CommandExpressionAst) else CMD)
            if not pipe.is_op("|"):
                break
            self.advance(pipe)
            self.skip_newlines()
            element = self.parse_pipeline_element(first=False)
            if element is None:
                self.fail("EmptyPipeElement", "An empty pipe element is not allowed.",
                          pipe.end, pipe.end, self.peek(CMD))
            elements.append(element)
        return A.PipelineAst(self.ext(start), tuple(elements))

    def _assignment(self, left: A.ExpressionAst, op: Token, start: int):
        self.check_assignable(left)
        self.advance(op)
        self.skip_newlines()
        right = self.parse_statement()
        if right is None:
            self.fail_after("ExpectedValueExpression",
                            f"You must provide a value expression following the '{op.value}' "
                            f"operator.", self.peek(EXPR))
        return A.AssignmentStatementAst(self.ext(start), left, op.value, right)

    def check_assignable(self, left: A.ExpressionAst) -> None:
        target = left
        while isinstance(target, A.ConvertExpressionAst):
            target = target.child
        if isinstance(target, A.ArrayLiteralAst):
            for element in target.elements:
                self.check_assignable(element)
            return
        if isinstance(target, ASSIGNABLE) and not isinstance(target, A.InvokeMemberExpressionAst):
            return
        self.fail_at(left, "InvalidLeftHandSide",
                     "The assignment expression is not valid. The input to an assignment operator "
                     "must be an object that is able to accept assignments, such as a variable or "
                     "a property.")

    # -- one element ----------------------------------------------------------------------
    def parse_pipeline_element(self, first: bool) -> Optional[A.CommandBaseAst]:
        _, start = self.char_after_trivia()
        if expression_starts_at(self.lex, start):
            expr = self.parse_expression()
            if expr is None:
                return None
            if not first:
                self.fail("ExpressionsMustBeFirstInPipeline",
                          "Expressions are only allowed as the first element of a pipeline.",
                          start, self.last_end)
            redirections = self._redirections(EXPR)
            return A.CommandExpressionAst(self.ext(start), expr, tuple(redirections))
        tok = self.peek(CMD)
        if tok.is_op("&", "."):
            return self.parse_command(tok.value)
        if tok.kind in (T.GENERIC, T.PARAMETER) or (tok.kind == T.NUMBER):
            return self.parse_command(None)
        return None

    # -- commands ---------------------------------------------------------------------------
    def parse_command(self, invocation: Optional[str]) -> A.CommandAst:
        tok = self.peek(CMD)
        start = tok.start
        elements: List[A.Ast] = []
        if invocation is not None:
            self.advance(tok)
            name = self.parse_command_argument()
            if name is None:
                self.fail_after("MissingExpression",
                                f"Missing expression after '{invocation}' in pipeline element.",
                                self.peek(CMD))
            elements.append(name)
        else:
            self.advance(tok)
            elements.append(self.bare_word(tok))
        redirections: List[A.RedirectionAst] = []
        while True:
            tok = self.peek(CMD)
            if self.at_statement_end(tok):
                break
            if tok.kind == T.REDIRECTION:
                redirections.append(self._redirection(tok))
            elif tok.kind == T.PARAMETER:
                elements.append(self._command_parameter(tok))
            elif tok.is_op("<"):
                self.fail("RedirectionNotSupported", "The '<' operator is reserved for future use.",
                          tok.start, tok.end, tok)
            elif tok.is_op("&"):
                self.fail("AmpersandNotAllowed",
                          'The ampersand (&) character is not allowed. The & operator is reserved '
                          'for future use; wrap an ampersand in double quotation marks ("&") to '
                          'pass it as part of a string.', tok.start, tok.end, tok)
            else:
                arg = self.parse_argument_list()
                if arg is None:
                    self.unexpected(tok)
                elements.append(arg)
        return A.CommandAst(self.ext(start), tuple(elements), invocation, tuple(redirections))

    def bare_word(self, tok: Token) -> A.ExpressionAst:
        if tok.kind == T.NUMBER:
            return A.ConstantExpressionAst(self.tok_ext(tok), tok.value)
        if tok.kind == T.PARAMETER:
            return A.StringConstantExpressionAst(self.tok_ext(tok), tok.text, "bare")
        if tok.parts:
            return A.ExpandableStringExpressionAst(self.tok_ext(tok), tok.text,
                                                   self.expansion_parts(tok.parts), "bare")
        if not tok.terminated:
            self.fail("TerminatorExpectedAtEndOfString",
                      "The string is missing the terminator: '.", tok.start, tok.end,
                      incomplete=True)
        return A.StringConstantExpressionAst(self.tok_ext(tok), tok.value, "bare")

    def _command_parameter(self, tok: Token) -> A.CommandParameterAst:
        self.advance(tok)
        name, colon = tok.value
        argument = None
        if colon:
            argument = self.parse_argument_list()
        return A.CommandParameterAst(self.ext(tok.start), name, argument, colon)

    def parse_argument_list(self) -> Optional[A.ExpressionAst]:
        """One argument, or `a, b, c` as an ArrayLiteralAst."""
        tok = self.peek(CMD)
        start = tok.start
        if tok.is_op(","):  # unary comma: a one-element array
            self.advance(tok)
            child = self.parse_command_argument()
            if child is None:
                self.fail_after("MissingArgument", "Missing argument in parameter list.",
                                self.peek(CMD))
            return A.UnaryExpressionAst(self.ext(start), ",", child)
        first = self.parse_command_argument()
        if first is None or not self.peek(CMD).is_op(","):
            return first
        elements = [first]
        while self.peek(CMD).is_op(","):
            self.advance(self.peek(CMD))
            self.skip_newlines()
            arg = self.parse_command_argument()
            if arg is None:
                self.fail_after("MissingArgument", "Missing argument in parameter list.",
                                self.peek(CMD))
            elements.append(arg)
        return A.ArrayLiteralAst(self.ext(start), tuple(elements))

    def parse_command_argument(self) -> Optional[A.ExpressionAst]:
        """A single command-mode argument, or None if the next token is not one."""
        tok = self.peek(CMD)
        kind = tok.kind
        if kind in (T.GENERIC, T.NUMBER):
            self.advance(tok)
            return self.bare_word(tok)
        if kind == T.SPLATTED:
            self.advance(tok)
            if self.next_char() in (".", "["):
                self.fail("NoPropertiesInSplatting",
                          f"Cannot expand the splatted variable '@{tok.value[1]}'. Splatted "
                          f"variables cannot be used as part of a property or array expression. "
                          f"Assign the result of the expression to a temporary variable then "
                          f"splat the temporary variable instead.", tok.start, tok.end)
            return self.variable_ast(tok, splatted=True)
        if kind == T.VARIABLE and self._variable_runs_on(tok):
            word = self.advance(self.lex.scan_generic(tok.start))  # `$a/H` is the string "4/H"
            return self.bare_word(word)
        if kind == T.VARIABLE or tok.is_op("(", "$(", "@(", "@{", "{"):
            return self.parse_postfix(self.parse_primary())
        if kind in STRING_KINDS:
            self.advance(tok)
            return self.string_ast(tok, STRING_KINDS[kind])
        if tok.is_op("."):
            self.advance(tok)
            return A.StringConstantExpressionAst(self.tok_ext(tok), ".", "bare")
        return None

    def _variable_runs_on(self, tok: Token) -> bool:
        """A command argument like `$a/H` or `$dir\file.txt`: the variable is only the start
        of a bare word (member access and indexing excepted)."""
        after = self.text[tok.end:tok.end + 1]
        return bool(after) and not after.isspace() and after not in ARGUMENT_END

    # -- redirections -------------------------------------------------------------------------
    def _redirections(self, mode: str) -> List[A.RedirectionAst]:
        out = []
        while self.peek(mode).kind == T.REDIRECTION:
            out.append(self._redirection(self.peek(mode)))
        return out

    def _redirection(self, tok: Token) -> A.RedirectionAst:
        self.advance(tok)
        text = tok.value
        source = text[0] if text[0] in "*123456" else ""
        from_stream = STREAMS[source]
        if "&" in text:
            to_stream = STREAMS[text[-1]]
            return A.MergingRedirectionAst(self.tok_ext(tok), from_stream, to_stream)
        location = self.parse_command_argument()
        if location is None:
            self.fail_after("MissingFileSpecification",
                            "Missing file specification after redirection operator.",
                            self.peek(CMD))
        return A.FileRedirectionAst(self.ext(tok.start), from_stream, location,
                                    text.endswith(">>"))
