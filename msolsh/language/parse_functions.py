"""Script blocks and functions: named blocks (begin/process/end), param() blocks, parameter
lists with attributes and type constraints, function and filter definitions, and the
bracketed expressions that hold statements: ( ), $( ), @( ), { }.

Knows nothing of the runtime.
"""
from __future__ import annotations

from typing import List, Optional

from msolsh.language import ast as A
from msolsh.language import tokens as T
from msolsh.language.parse_statements import StatementRules
from msolsh.language.parser_base import Abort
from msolsh.language.tokenizer import CMD, EXPR
from msolsh.language.tokens import Token

NAMED_BLOCKS = ("begin", "process", "end", "dynamicparam")


class FunctionRules(StatementRules):
    """Mixin: script blocks, param blocks, functions."""

    # -- script blocks --------------------------------------------------------------------
    def parse_script_block_body(self, start: int, closer: Optional[str]) -> A.ScriptBlockAst:
        closers = (closer,) if closer else ()
        self.skip_newlines(semicolons=True)
        param_block = self._maybe_param_block()
        self.skip_newlines(semicolons=True)
        body_start = self.peek(CMD).start
        tok = self.peek(CMD)
        if tok.kind == T.GENERIC and tok.text.lower() in NAMED_BLOCKS and self._block_follows(tok):
            blocks = self._named_blocks(closers)
            return A.ScriptBlockAst(self.ext(start), param_block, blocks.get("begin"),
                                    blocks.get("process"), blocks.get("end"))
        statements, traps = self.parse_statement_list(closers)
        end = A.NamedBlockAst(self.ext(body_start), "end", statements, traps, True)
        return A.ScriptBlockAst(self.ext(start), param_block, None, None, end)

    def _block_follows(self, tok: Token) -> bool:
        mark = self.mark()
        self.advance(tok)
        self.skip_newlines()
        follows = self.peek(CMD).is_op("{")
        self.reset(mark)
        return follows

    def _named_blocks(self, closers) -> dict:
        blocks: dict = {}
        while True:
            self.skip_newlines(semicolons=True)
            tok = self.peek(CMD)
            if tok.kind == T.EOF or (tok.kind == T.OPERATOR and tok.value in closers):
                return blocks
            word = tok.text.lower() if tok.kind == T.GENERIC else ""
            if word not in NAMED_BLOCKS:
                self.fail("MissingNamedBlocks",
                          f"unexpected token '{tok.text}', expected 'begin', 'process', 'end', "
                          f"or 'dynamicparam'.", tok.start, tok.end, tok)
            if word in blocks:
                self.fail("DuplicateScriptCommandClause",
                          f"Script command clause '{word}' has already been defined.",
                          tok.start, tok.end, tok)
            self.advance(tok)
            body = self.parse_statement_block("MissingNamedStatementBlock",
                                              f"Missing statement block after '{word}'.")
            blocks[word] = A.NamedBlockAst(self.ext(tok.start), word, body.statements,
                                           body.traps, False)

    def parse_script_block_expression(self, lcurly: Token) -> A.ScriptBlockExpressionAst:
        self.advance(lcurly)
        self.enter(lcurly.start)
        body = self.parse_script_block_body(lcurly.end, "}")
        self.expect_close_curly(lcurly)
        self.leave()
        block = A.ScriptBlockAst(self.ext(lcurly.start), body.param_block, body.begin,
                                 body.process, body.end)
        return A.ScriptBlockExpressionAst(self.ext(lcurly.start), block)

    # -- bracketed expressions -------------------------------------------------------------
    def parse_paren(self, lparen: Token) -> A.ParenExpressionAst:
        self.advance(lparen)
        self.enter(lparen.start)
        self.skip_newlines()
        if self.peek(EXPR).is_op(")"):
            self.fail("ExpectedExpression", "An expression was expected after '('.",
                      lparen.end, lparen.end, self.peek(EXPR))
        pipeline = self.parse_pipeline()
        if pipeline is None:
            self.fail("ExpectedExpression", "An expression was expected after '('.",
                      lparen.end, lparen.end, self.peek(EXPR))
        self.skip_newlines()
        rparen = self.peek(EXPR)
        if not rparen.is_op(")"):
            self.fail_after("MissingEndParenthesisInExpression",
                            "Missing closing ')' in expression.", rparen)
        self.advance(rparen)
        self.leave()
        return A.ParenExpressionAst(self.ext(lparen.start), pipeline)

    def _statements_to_paren(self, opener: Token):
        self.advance(opener)
        self.enter(opener.start)
        statements, traps = self.parse_statement_list((")",))
        rparen = self.peek(EXPR)
        if not rparen.is_op(")"):
            self.fail_after("MissingEndParenthesisInSubexpression",
                            "Missing closing ')' in subexpression.", rparen)
        self.advance(rparen)
        self.leave()
        return A.StatementBlockAst(self.ext(opener.end, rparen.start), statements, traps)

    def parse_subexpression(self, opener: Token) -> A.SubExpressionAst:
        block = self._statements_to_paren(opener)
        return A.SubExpressionAst(self.ext(opener.start), block)

    def parse_array_expression(self, opener: Token) -> A.ArrayExpressionAst:
        block = self._statements_to_paren(opener)
        return A.ArrayExpressionAst(self.ext(opener.start), block)

    # -- param blocks ---------------------------------------------------------------------
    def _maybe_param_block(self) -> Optional[A.ParamBlockAst]:
        """[CmdletBinding()] param(...) at the top of a script block, or None (the position
        is left untouched when what follows is not a param block)."""
        mark = self.mark()
        start = self.peek(CMD).start
        attributes: List[A.Ast] = []
        try:
            while self.char_after_trivia()[0] == "[":
                attributes.append(self.parse_attribute(self.peek(EXPR)))
                self.skip_newlines()
        except Abort:  # not attributes: let the statement rules read it
            self.reset(mark)
            return None
        tok = self.peek(CMD)
        if not (tok.kind == T.GENERIC and tok.text.lower() == "param"):
            self.reset(mark)
            return None
        for attribute in attributes:
            if isinstance(attribute, A.TypeConstraintAst):
                self.fail_at(attribute, "TypeNotAllowedBeforeParam",
                              f"Unexpected type [{attribute.type_name}] was found in the "
                              f"parameter statement.")
        self.advance(tok)
        self.skip_newlines()
        lparen = self.peek(CMD)
        if not lparen.is_op("("):
            self.fail_after("MissingOpenParenthesisAfterKeyword",
                            "Missing opening '(' after keyword 'param'.", lparen)
        parameters = self.parse_parameter_list(lparen)
        return A.ParamBlockAst(self.ext(start), tuple(attributes), parameters)

    def parse_parameter_list(self, lparen: Token) -> tuple:
        """( [attr][type]$a = default, $b ) from its '(' token."""
        self.advance(lparen)
        parameters: List[A.ParameterAst] = []
        names = set()
        while True:
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.is_op(")"):
                self.advance(tok)
                return tuple(parameters)
            if parameters:
                if not tok.is_op(","):
                    self.fail_after("MissingEndParenthesisInFunctionParameterList",
                                    "Missing ')' in function parameter list.", tok)
                self.advance(tok)
                self.skip_newlines()
            parameter = self._parameter()
            if parameter.name.lower() in names:
                self.fail_at(parameter, "DuplicateFormalParameter",
                              f"Duplicate parameter ${parameter.name} in parameter list.")
            names.add(parameter.name.lower())
            parameters.append(parameter)

    def _parameter(self) -> A.ParameterAst:
        start = self.peek(EXPR).start
        attributes: List[A.Ast] = []
        while self.peek(EXPR).is_op("["):
            attributes.append(self.parse_attribute(self.peek(EXPR)))
            self.skip_newlines()
        var = self.peek(EXPR)
        if var.kind != T.VARIABLE:
            if var.kind == T.EOF or var.is_op(")") and not attributes:
                self.fail_after("MissingEndParenthesisInFunctionParameterList",
                                "Missing ')' in function parameter list.", var)
            self.fail("InvalidFunctionParameter",
                      "Parameter declarations are a comma-separated list of variable names with "
                      "optional initializer expressions.", var.start, var.end, var)
        self.advance(var)
        default = None
        equals = self.peek(EXPR)
        if equals.is_op("="):
            self.advance(equals)
            self.skip_newlines()
            default = self.parse_expression(allow_comma=False)
            if default is None:
                self.fail_after("ExpectedValueExpression",
                                "You must provide a value expression following the '=' operator.",
                                self.peek(EXPR))
        return A.ParameterAst(self.ext(start), var.value[1], tuple(attributes), default)

    def parse_attribute(self, lbracket: Token):
        """[Name(args)] as AttributeAst or [type] as TypeConstraintAst."""
        name = self.scan_bracketed_name(lbracket)
        positional: List[A.ExpressionAst] = []
        named: List[A.NamedAttributeArgumentAst] = []
        is_attribute = self.next_char() == "("
        if is_attribute:
            self._attribute_arguments(positional, named)
        close = self.peek(EXPR)
        if not close.is_op("]"):
            self.fail_after("EndSquareBracketExpectedAtEndOfAttribute",
                            "Missing ] at end of attribute or type literal.", close)
        self.advance(close)
        if not is_attribute:
            return A.TypeConstraintAst(self.ext(lbracket.start), name)
        return A.AttributeAst(self.ext(lbracket.start), name, tuple(positional), tuple(named))

    def _attribute_arguments(self, positional, named) -> None:
        self.advance(self.peek(EXPR))
        while True:
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.is_op(")"):
                self.advance(tok)
                return
            if positional or named:
                if not tok.is_op(","):
                    self.fail_after("MissingEndParenthesisInExpression",
                                    "Missing closing ')' in expression.", tok)
                self.advance(tok)
                self.skip_newlines()
                tok = self.peek(EXPR)
            if tok.kind == T.GENERIC:
                named.append(self._named_attribute_argument(tok))
                continue
            value = self.parse_expression(allow_comma=False)
            if value is None:
                self.fail_after("MissingEndParenthesisInExpression",
                                "Missing closing ')' in expression.", tok)
            positional.append(value)

    def _named_attribute_argument(self, tok: Token) -> A.NamedAttributeArgumentAst:
        self.advance(tok)
        self.skip_newlines()
        value = None
        equals = self.peek(EXPR)
        if equals.is_op("="):
            self.advance(equals)
            self.skip_newlines()
            value = self.parse_expression(allow_comma=False)
            if value is None:
                self.fail_after("MissingExpressionInNamedArgument",
                                "Missing statement after '=' in named argument.", self.peek(EXPR))
        return A.NamedAttributeArgumentAst(self.ext(tok.start), tok.text, value)

    # -- function / filter ------------------------------------------------------------------
    def parse_function(self, keyword: Token) -> A.FunctionDefinitionAst:
        self.advance(keyword)
        word = keyword.text.lower()
        name_tok = self.peek(CMD)
        if name_tok.kind != T.GENERIC:
            self.fail_after("MissingNameAfterKeyword", f"Missing name after {word} keyword.",
                            name_tok)
        self.advance(name_tok)
        parameters: tuple = ()
        self.skip_newlines()
        tok = self.peek(CMD)
        if tok.is_op("("):
            parameters = self.parse_parameter_list(tok)
            self.skip_newlines()
            tok = self.peek(CMD)
        if not tok.is_op("{"):
            self.fail_after("MissingFunctionBody", "Missing function body in function declaration.",
                            tok)
        self.advance(tok)
        self.enter(tok.start)
        body = self.parse_script_block_body(tok.end, "}")
        if parameters and body.param_block is not None:
            self.fail_at(body.param_block, "OnlyOneParameterListAllowed",
                          "The param statement cannot be used if arguments were specified in the "
                          "function declaration.")
        self.expect_close_curly(tok)
        self.leave()
        block = A.ScriptBlockAst(self.ext(tok.start), body.param_block, body.begin, body.process,
                                 body.end)
        return A.FunctionDefinitionAst(self.ext(keyword.start), name_tok.value, word == "filter",
                                       parameters, block)
