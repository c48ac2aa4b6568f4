"""Expression rules: the operator precedence ladder, unary operators and casts, primaries,
member access, indexing and method calls.

PowerShell's binary operators all associate to the left; from loosest to tightest:
-and -or -xor | -band -bor -bxor | comparison, -replace, -split, -join, -is, -as, -shl...
| + - | * / % | -f | .. ; the comma binds tighter than all of them, unary operators and casts
tighter still. Knows nothing of the runtime.
"""
from __future__ import annotations

from typing import List, Optional

from msolsh.language import ast as A
from msolsh.language import tokens as T
from msolsh.language.parser_base import ParserBase
from msolsh.language.tokenizer import CMD, EXPR
from msolsh.language.tokens import Token

LOGICAL, BITWISE, COMPARISON, ADD, MULTIPLY, FORMAT, RANGE = range(1, 8)
BINARY_PRECEDENCE = {"-and": LOGICAL, "-or": LOGICAL, "-xor": LOGICAL,
                     "-band": BITWISE, "-bor": BITWISE, "-bxor": BITWISE,
                     "+": ADD, "-": ADD, "*": MULTIPLY, "/": MULTIPLY, "%": MULTIPLY,
                     "-f": FORMAT, "..": RANGE}
for _op in T.DASH_OPERATORS:
    BINARY_PRECEDENCE.setdefault(_op, COMPARISON)
for _op in ("-not", "-bnot"):
    del BINARY_PRECEDENCE[_op]

UNARY_OPERATORS = frozenset({"!", "-not", "-bnot", "+", "-", ",", "-split", "-csplit",
                             "-isplit", "-join", "++", "--"})
OPERAND_STARTS = frozenset({"(", "$(", "@(", "@{", "{", "[", "!", "-", "+", ",", "++", "--",
                            "-not", "-bnot", "-split", "-csplit", "-isplit", "-join"})
VALUE_KINDS = frozenset({T.NUMBER, T.VARIABLE, T.STRING_SINGLE, T.STRING_DOUBLE,
                         T.HERE_SINGLE, T.HERE_DOUBLE, T.SPLATTED})
STRING_KINDS = {T.STRING_SINGLE: "single", T.STRING_DOUBLE: "double",
                T.HERE_SINGLE: "here_single", T.HERE_DOUBLE: "here_double"}


class ExpressionRules(ParserBase):
    """Mixin: expression rules. Relies on the statement rules for (...), $(...), {...}."""

    def starts_operand(self, tok: Token) -> bool:
        return tok.kind in VALUE_KINDS or (tok.kind == T.OPERATOR and tok.value in OPERAND_STARTS)

    # -- binary ladder --------------------------------------------------------------------
    def parse_expression(self, allow_comma: bool = True) -> Optional[A.ExpressionAst]:
        """An expression, or None when the next token cannot start one."""
        if not self.starts_operand(self.peek(EXPR)):
            return None
        return self.parse_binary(LOGICAL, allow_comma)

    def parse_binary(self, min_prec: int, allow_comma: bool) -> A.ExpressionAst:
        start = self.peek(EXPR).start
        left = self.parse_array_literal(allow_comma)
        while True:
            tok = self.peek(EXPR)
            prec = BINARY_PRECEDENCE.get(tok.value) if tok.kind == T.OPERATOR else None
            if prec is None or prec < min_prec:
                return left
            self.advance(tok)
            self.skip_newlines()
            if not self.starts_operand(self.peek(EXPR)):
                self.fail_after("ExpectedValueExpression",
                                f"You must provide a value expression following the "
                                f"'{tok.text}' operator.", self.peek(EXPR))
            right = self.parse_binary(prec + 1, allow_comma)
            left = A.BinaryExpressionAst(self.ext(start), tok.value, left, right)

    def parse_array_literal(self, allow_comma: bool) -> A.ExpressionAst:
        start = self.peek(EXPR).start
        first = self.parse_unary()
        if not allow_comma or not self.peek(EXPR).is_op(","):
            return first
        elements = [first]
        while self.peek(EXPR).is_op(","):
            self.advance(self.peek(EXPR))
            self.skip_newlines()
            if not self.starts_operand(self.peek(EXPR)):
                self.fail_after("MissingExpressionAfterToken", "Missing expression after ','.",
                                self.peek(EXPR))
            elements.append(self.parse_unary())
        return A.ArrayLiteralAst(self.ext(start), tuple(elements))

    # -- unary ------------------------------------------------------------------------------
    def parse_unary(self) -> A.ExpressionAst:
        tok = self.peek(EXPR)
        self.enter(tok.start)
        try:
            if tok.kind == T.OPERATOR and tok.value in UNARY_OPERATORS:
                return self._unary_operator(tok)
            if tok.is_op("["):
                return self._type_or_cast(tok)
            return self.parse_postfix(self.parse_primary())
        finally:
            self.leave()

    def _unary_operator(self, tok: Token) -> A.ExpressionAst:
        self.advance(tok)
        operand = self.peek(EXPR)
        if tok.value == "-" and operand.kind == T.NUMBER and operand.start == tok.end:
            self.advance(operand)
            number = A.ConstantExpressionAst(self.ext(tok.start), -operand.value)
            return self.parse_postfix(number)
        if operand.kind == T.NEWLINE:
            self.skip_newlines()
            operand = self.peek(EXPR)
        if not self.starts_operand(operand):
            self.fail_after("MissingExpressionAfterOperator",
                            f"Missing expression after unary operator '{tok.text}'.", operand)
        child = self.parse_unary()
        return A.UnaryExpressionAst(self.ext(tok.start), tok.value, child)

    def _type_or_cast(self, tok: Token) -> A.ExpressionAst:
        type_name, end = self.parse_type_literal(tok)
        constraint = A.TypeConstraintAst(self.ext(tok.start), type_name)
        if self.next_char() in (".", ":") and not self.text.startswith("..", self.pos):
            return self.parse_postfix(A.TypeExpressionAst(constraint.extent, type_name))
        nxt = self.peek(EXPR)
        if self.starts_operand(nxt) and not (nxt.is_op(",", "-") and nxt.start != end):
            child = self.parse_unary()
            return A.ConvertExpressionAst(self.ext(tok.start), constraint, child)
        return A.TypeExpressionAst(constraint.extent, type_name)

    def scan_bracketed_name(self, lbracket: Token) -> str:
        """The type or attribute name after '[', the parser moved past it."""
        self.advance(lbracket)
        _, pos = self.char_after_trivia()
        name, end = self.lex.scan_type_name(pos)
        if not name:
            self.fail("MissingTypename", "Missing type name after '['.", lbracket.end,
                      lbracket.end, self.peek(EXPR))
        self.pos = self.last_end = end
        return name

    def parse_type_literal(self, lbracket: Token):
        """[type] from its '[' token; returns (type_name, end offset). Attributes with
        arguments are an error here (they only belong before parameters and param())."""
        name = self.scan_bracketed_name(lbracket)
        end = self.pos
        if self.next_char() == "(":
            self.fail("UnexpectedAttribute", f"Unexpected attribute '{name}'.", lbracket.start,
                      end)
        close = self.peek(EXPR)
        if not close.is_op("]"):
            self.fail("EndSquareBracketExpectedAtEndOfAttribute",
                      "Missing ] at end of attribute or type literal.", end, end, close)
        self.advance(close)
        return name, close.end

    # -- postfix: members, indexes, ++/-- -----------------------------------------------------
    def parse_postfix(self, expr: A.ExpressionAst) -> A.ExpressionAst:
        start = self.start_of(expr)
        while True:
            c = self.next_char()
            if c == "." and not self.text.startswith("..", self.pos):
                expr = self._member(expr, start, 1, static=False)
            elif c == ":" and self.text.startswith("::", self.pos):
                expr = self._member(expr, start, 2, static=True)
            elif c == "[":
                expr = self._index(expr, start)
            else:
                break
        tok = self.peek(EXPR)
        if tok.is_op("++", "--") and tok.start == self.pos:
            self.advance(tok)
            expr = A.UnaryExpressionAst(self.ext(start), "post" + tok.value, expr)
        return expr

    def _member(self, target, start: int, width: int, static: bool) -> A.ExpressionAst:
        self.pos += width
        self.last_end = self.pos
        member = self._member_name()
        if self.next_char() == "(":
            arguments = self._method_arguments()
            return A.InvokeMemberExpressionAst(self.ext(start), target, member, static,
                                               arguments)
        return A.MemberExpressionAst(self.ext(start), target, member, static)

    def _member_name(self) -> A.ExpressionAst:
        if self.next_char() in ("\r", "\n"):  # pwsh lets a trailing '.' continue the line
            self.skip_newlines()
            self.pos = self.lex.skip_trivia(self.pos)[0]
        c = self.next_char()
        tok = self.lex.scan_member_name(self.pos)
        if tok is not None:
            self.advance(tok)
            return A.StringConstantExpressionAst(self.tok_ext(tok), tok.value, "bare")
        if c in ("$", "'", '"', "(") or c in "\u2018\u2019\u201c\u201d":
            tok = self.peek(EXPR)
            if tok.kind in (T.VARIABLE, T.STRING_SINGLE, T.STRING_DOUBLE) or tok.is_op("(", "$("):
                return self.parse_primary()
        self.fail_after("MissingPropertyName", "Missing property name after reference operator.",
                        self.peek(EXPR))

    def _method_arguments(self) -> tuple:
        lparen = self.advance(self.peek(EXPR))
        self.enter(lparen.start)
        args: List[A.ExpressionAst] = []
        self.skip_newlines()
        if self.peek(EXPR).is_op(")"):
            self.advance(self.peek(EXPR))
            self.leave()
            return ()
        while True:
            self.skip_newlines()
            arg = self.parse_expression(allow_comma=False)
            if arg is None:
                tok = self.peek(EXPR)
                if tok.kind == T.EOF:
                    self.fail_after("MissingEndParenthesisInMethodCall",
                                    "Missing ')' in method call.", tok)
                self.fail_after("MissingExpressionAfterToken",
                                f"Missing expression after '{self.text[self.last_end - 1]}'.",
                                tok)
            args.append(arg)
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.is_op(","):
                self.advance(tok)
                continue
            if tok.is_op(")"):
                self.advance(tok)
                self.leave()
                return tuple(args)
            self.fail_after("MissingEndParenthesisInMethodCall", "Missing ')' in method call.",
                            tok)

    def _index(self, target, start: int) -> A.ExpressionAst:
        lbracket = self.advance(self.lex.scan(self.pos, EXPR))
        self.enter(lbracket.start)
        self.skip_newlines()
        index = self.parse_expression()
        if index is None:
            self.fail("MissingArrayIndexExpression",
                      "Array index expression is missing or not valid.", lbracket.end,
                      lbracket.end, self.peek(EXPR))
        self.skip_newlines()
        close = self.peek(EXPR)
        if not close.is_op("]"):
            self.fail_after("MissingEndSquareBracket", "Missing ']' after array index expression.",
                            close)
        self.advance(close)
        self.leave()
        return A.IndexExpressionAst(self.ext(start), target, index)

    # -- primaries --------------------------------------------------------------------------
    def parse_primary(self) -> A.ExpressionAst:
        tok = self.peek(EXPR)
        kind = tok.kind
        if kind == T.NUMBER:
            self.advance(tok)
            return A.ConstantExpressionAst(self.tok_ext(tok), tok.value)
        if kind == T.VARIABLE:
            self.advance(tok)
            return self.variable_ast(tok)
        if kind in STRING_KINDS:
            self.advance(tok)
            return self.string_ast(tok, STRING_KINDS[kind])
        if kind == T.SPLATTED:
            name = tok.value[1]
            self.fail("SplattingNotPermitted",
                      f"The splatting operator '@' cannot be used to reference variables in an "
                      f"expression. '@{name}' can be used only as an argument to a command. To "
                      f"reference variables in an expression use '${name}'.",
                      tok.start, tok.end, tok)
        if kind == T.OPERATOR:
            rule = {"(": self.parse_paren, "$(": self.parse_subexpression,
                    "@(": self.parse_array_expression, "@{": self.parse_hashtable,
                    "{": self.parse_script_block_expression}.get(tok.value)
            if rule is not None:
                return rule(tok)
        self.unexpected(tok)

    def variable_ast(self, tok: Token, splatted: bool = False) -> A.VariableExpressionAst:
        scope, name = tok.value
        return A.VariableExpressionAst(self.tok_ext(tok), name, scope, splatted)

    def string_ast(self, tok: Token, kind: str) -> A.ExpressionAst:
        if not tok.parts:
            return A.StringConstantExpressionAst(self.tok_ext(tok), tok.value, kind)
        return A.ExpandableStringExpressionAst(self.tok_ext(tok), _raw_body(tok.text, kind),
                                               self.expansion_parts(tok.parts), kind)

    def expansion_parts(self, parts: list) -> tuple:
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            elif part[0] == "var":
                out.append(self.variable_ast(self.lex.scan_variable(part[1])))
            else:
                out.append(self._embedded_subexpression(part[1], part[2]))
        return tuple(out)

    def _embedded_subexpression(self, start: int, end: int) -> A.SubExpressionAst:
        """$( ... ) inside a string: parse the statements between the offsets in place."""
        saved = self.mark()
        self.pos = self.last_end = start
        self.enter(start)
        statements, traps = self.parse_statement_list((")",))
        close = self.peek(CMD)
        if not close.is_op(")"):
            self.unexpected(close)
        self.leave()
        self.pos, self.last_end = saved[0], saved[1]
        return A.SubExpressionAst(self.ext(start - 2, end + 1),
                                  A.StatementBlockAst(self.ext(start, end), statements, traps))

    def parse_hashtable(self, lcurly: Token) -> A.HashtableAst:
        self.advance(lcurly)
        self.enter(lcurly.start)
        pairs = []
        while True:
            self.skip_newlines(semicolons=True)
            tok = self.peek(EXPR)
            if tok.is_op("}"):
                self.advance(tok)
                break
            if tok.kind == T.EOF:
                self.fail_after("IncompleteHashLiteral", "The hash literal was incomplete.", tok)
            key = self._hash_key(tok)
            equals = self.peek(EXPR)
            if not equals.is_op("="):
                self.fail_after("MissingEqualsInHashLiteral",
                                "Missing '=' operator after key in hash literal.", equals)
            self.advance(equals)
            self.skip_newlines()
            value = self.parse_statement()
            if value is None:
                self.fail_after("MissingStatementInHashLiteral",
                                "Missing statement after '=' in hash literal.", self.peek(EXPR))
            pairs.append((key, value))
            after = self.peek(EXPR)
            if not (after.kind in (T.NEWLINE, T.EOF) or after.is_op(";", "}")):
                self.fail_after("IncompleteHashLiteral",
                                "The hash literal was incomplete.", after)
        self.leave()
        return A.HashtableAst(self.ext(lcurly.start), tuple(pairs))

    def _hash_key(self, tok: Token) -> A.ExpressionAst:
        if tok.kind in (T.VARIABLE, T.NUMBER) or tok.kind in STRING_KINDS or tok.is_op("(", "$("):
            return self.parse_unary()
        word = self.lex.scan_hash_key(tok.start)
        if word is None:
            if tok.is_op("="):
                self.fail("MissingKeyInHashLiteral", "Missing key before '=' in hash literal.",
                          tok.start, tok.end, tok)
            self.unexpected(tok)
        self.advance(word)
        return A.StringConstantExpressionAst(self.tok_ext(word), word.value, "bare")


def _raw_body(text: str, kind: str) -> str:
    """The unexpanded text between the quotes (pwsh's ExpandableStringExpressionAst.Value)."""
    if kind == "here_double":
        body = text.split("\n", 1)[1] if "\n" in text else ""
        return body[:-2].rstrip("\r\n") if body.endswith("@") else body
    return text[1:-1] if len(text) >= 2 else text[1:]
