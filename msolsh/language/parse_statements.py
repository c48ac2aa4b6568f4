"""Statement rules: statement lists and blocks, keyword dispatch, labels, if, flow control
(return, exit, throw, break, continue), try/catch/finally and trap. Loops and switch are in
parse_loops.py.

Functions, param() blocks and attributes live in parse_functions.py. Knows nothing of the
runtime.
"""
from __future__ import annotations

import dataclasses
from typing import List, Optional, Tuple

from msolsh.language import ast as A
from msolsh.language import tokens as T
from msolsh.language.parse_loops import LoopRules
from msolsh.language.parser_base import Abort
from msolsh.language.tokenizer import CMD, EXPR
from msolsh.language.tokens import Token

LOOP_KEYWORDS = ("foreach", "for", "while", "do", "switch")
# pwsh stops reporting somewhere too ("Not all parse errors were reported.").
MAX_ERRORS = 20


class StatementRules(LoopRules):
    """Mixin: statements. The function rules come from FunctionRules."""

    # -- lists and blocks -------------------------------------------------------------------
    def parse_statement_list(self, closers: Tuple[str, ...]):
        """Statements up to (not including) a closer token or the end of input."""
        statements: List[A.StatementAst] = []
        traps: List[A.TrapStatementAst] = []
        while True:
            self.skip_newlines(semicolons=True)
            tok = self.peek(CMD)
            if tok.kind == T.EOF or (tok.kind == T.OPERATOR and tok.value in closers):
                return tuple(statements), tuple(traps)
            depth = self.depth
            try:
                statement = self._statement_in_list(tok, closers)
            except Abort:
                self.depth = depth
                self._recover(closers)
                continue
            if isinstance(statement, A.TrapStatementAst):
                traps.append(statement)
            else:
                statements.append(statement)

    def _statement_in_list(self, tok: Token, closers: Tuple[str, ...]) -> A.StatementAst:
        statement = self.parse_statement()
        if statement is None:
            if tok.is_op("|"):
                self.fail("EmptyPipeElement", "An empty pipe element is not allowed.",
                          tok.start, tok.end, tok)
            self.unexpected(self.peek(EXPR))
        if isinstance(statement, (A.PipelineBaseAst, A.ReturnStatementAst, A.ExitStatementAst,
                                  A.ThrowStatementAst, A.BreakStatementAst,
                                  A.ContinueStatementAst)):
            self._expect_statement_end(closers)
        return statement

    def _recover(self, closers: Tuple[str, ...]) -> None:
        """After an error, skip to the end of the statement and go on, so that one parse
        reports every error as pwsh does. Errors at the end of input, and too many errors,
        stop the parse."""
        last = self.errors[-1]
        if last.incomplete or last.error_id == "CallDepthOverflow" or len(self.errors) >= MAX_ERRORS:
            raise Abort()
        depth, start = 0, self.pos
        while True:
            tok = self.lex.scan(self.pos, CMD)
            if tok.kind == T.EOF:
                return
            if depth == 0 and self.pos > start and (
                    tok.kind == T.NEWLINE or tok.is_op(";")
                    or (tok.kind == T.OPERATOR and tok.value in closers)):
                return
            if tok.kind == T.OPERATOR and tok.value in ("(", "{", "@(", "$(", "@{"):
                depth += 1
            elif tok.is_op(")", "}") and depth > 0:
                depth -= 1
            elif depth == 0 and tok.kind == T.OPERATOR and tok.value in closers:
                return
            self.pos = tok.end

    def _expect_statement_end(self, closers: Tuple[str, ...]) -> None:
        tok = self.peek(EXPR)
        if tok.kind in (T.NEWLINE, T.EOF) or tok.is_op(";") or (
                tok.kind == T.OPERATOR and tok.value in closers):
            return
        if tok.is_op("&&", "||"):  # pipeline chains came with PowerShell 7; msolsh is 5.1
            self.fail("InvalidEndOfLine",
                      f"The token '{tok.value}' is not a valid statement separator in this "
                      f"version.", tok.start, tok.end, tok)
        self.unexpected(tok)

    def parse_statement_block(self, missing_id: str, missing_message: str
                              ) -> A.StatementBlockAst:
        """{ statements } after a keyword; missing '{' reports missing_id just after the
        previous token."""
        self.skip_newlines()
        lcurly = self.peek(CMD)
        if not lcurly.is_op("{"):
            self.fail_after(missing_id, missing_message, lcurly)
        self.advance(lcurly)
        self.enter(lcurly.start)
        statements, traps = self.parse_statement_list(("}",))
        self.expect_close_curly(lcurly)
        self.leave()
        return A.StatementBlockAst(self.ext(lcurly.start), statements, traps)

    def expect_close_curly(self, lcurly: Token) -> None:
        rcurly = self.peek(CMD)
        if not rcurly.is_op("}"):
            self.fail("MissingEndCurlyBrace",
                      "Missing closing '}' in statement block or type definition.",
                      lcurly.start, lcurly.end, rcurly)
        self.advance(rcurly)

    # -- dispatch ---------------------------------------------------------------------------
    def parse_statement(self) -> Optional[A.StatementAst]:
        tok = self.peek(CMD)
        if tok.kind == T.GENERIC and not tok.parts:
            rule = self.keyword_rules().get(tok.text.lower())
            if rule is not None:
                return rule(tok)
        if tok.kind == T.GENERIC and tok.text.startswith(":") and len(tok.text) > 1:
            return self._labelled(tok)
        return self.parse_pipeline()

    def keyword_rules(self):
        return {"if": self._if, "while": self._while, "for": self._for,
                "foreach": self._foreach, "do": self._do, "switch": self._switch,
                "try": self._try, "trap": self._trap, "break": self._break,
                "continue": self._continue, "return": self._return, "exit": self._exit,
                "throw": self._throw, "function": self.parse_function,
                "filter": self.parse_function}

    def _labelled(self, tok: Token) -> A.StatementAst:
        label = tok.text[1:]
        bad = next((c for c in label if not (c.isalnum() or c == "_")), None)
        if bad is not None:
            self.fail("InvalidLabelCharacter",
                      f"The character '{bad}' is not valid. Labels can contain only "
                      f"alphanumeric characters, numbers, and underscores ('_').",
                      tok.start, tok.end, tok)
        self.advance(tok)
        self.skip_newlines()
        keyword = self.peek(CMD)
        if keyword.kind == T.GENERIC and keyword.text.lower() in LOOP_KEYWORDS:
            loop = self.keyword_rules()[keyword.text.lower()](keyword, label=label)
            return dataclasses.replace(loop, extent=self.ext(tok.start))
        return self.parse_pipeline()

    # -- if ---------------------------------------------------------------------------------
    def _if(self, keyword: Token) -> A.IfStatementAst:
        clauses = []
        current = keyword
        while True:
            self.advance(current)
            word = current.text.lower()
            condition = self._condition(
                current, "MissingOpenParenthesisInIfStatement",
                f"Missing '(' after '{word}' in if statement.",
                "IfStatementMissingCondition", f"Missing condition in if statement after '{word} ('.",
                "MissingEndParenthesisAfterStatement",
                f"Missing closing ')' after expression in '{word}' statement.")
            body = self.parse_statement_block("MissingStatementBlock",
                                              f"Missing statement block after {word} ( condition ).")
            clauses.append((condition, body))
            mark = self.mark()
            self.skip_newlines()
            nxt = self.peek(CMD)
            if nxt.kind == T.GENERIC and nxt.text.lower() == "elseif":
                current = nxt
                continue
            else_clause = None
            if nxt.kind == T.GENERIC and nxt.text.lower() == "else":
                self.advance(nxt)
                else_clause = self.parse_statement_block(
                    "MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword.")
            else:
                self.reset(mark)
            return A.IfStatementAst(self.ext(keyword.start), tuple(clauses), else_clause)

    # -- flow control -------------------------------------------------------------------------
    def _optional_pipeline(self) -> Optional[A.PipelineBaseAst]:
        tok = self.peek(CMD)
        if self.at_statement_end(tok):
            return None
        return self.parse_pipeline()

    def _return(self, keyword: Token) -> A.ReturnStatementAst:
        self.advance(keyword)
        child = self._optional_pipeline()
        return A.ReturnStatementAst(self.ext(keyword.start), child)

    def _exit(self, keyword: Token) -> A.ExitStatementAst:
        self.advance(keyword)
        child = self._optional_pipeline()
        return A.ExitStatementAst(self.ext(keyword.start), child)

    def _throw(self, keyword: Token) -> A.ThrowStatementAst:
        self.advance(keyword)
        child = self._optional_pipeline()
        return A.ThrowStatementAst(self.ext(keyword.start), child)

    def _loop_label(self) -> Optional[A.ExpressionAst]:
        tok = self.peek(CMD)
        if self.at_statement_end(tok):
            return None
        return self.parse_command_argument()

    def _break(self, keyword: Token) -> A.BreakStatementAst:
        self.advance(keyword)
        child = self._loop_label()
        return A.BreakStatementAst(self.ext(keyword.start), child)

    def _continue(self, keyword: Token) -> A.ContinueStatementAst:
        self.advance(keyword)
        child = self._loop_label()
        return A.ContinueStatementAst(self.ext(keyword.start), child)

    # -- try / catch / finally, trap ------------------------------------------------------------
    def _try(self, keyword: Token) -> A.TryStatementAst:
        self.advance(keyword)
        body = self.parse_statement_block("MissingTryStatementBlock",
                                          "The Try statement is missing its statement block.")
        catches: List[A.CatchClauseAst] = []
        final = None
        while True:
            mark = self.mark()
            self.skip_newlines()
            tok = self.peek(CMD)
            word = tok.text.lower() if tok.kind == T.GENERIC else ""
            if word == "catch" and final is None:
                self.advance(tok)
                catches.append(self._catch(tok))
            elif word == "finally" and final is None:
                self.advance(tok)
                final = self.parse_statement_block(
                    "MissingFinallyStatementBlock", "The Finally block is missing its statement block.")
            else:
                self.reset(mark)
                break
        if not catches and final is None:
            self.fail_after("MissingCatchOrFinally",
                            "The Try statement is missing its Catch or Finally block.",
                            self._peek_past_newlines())
        return A.TryStatementAst(self.ext(keyword.start), body, tuple(catches), final)

    def _peek_past_newlines(self) -> Token:
        mark = self.mark()
        self.skip_newlines()
        tok = self.peek(CMD)
        self.reset(mark)
        return tok

    def _catch(self, keyword: Token) -> A.CatchClauseAst:
        types: List[A.TypeConstraintAst] = []
        while True:
            self.skip_newlines()
            tok = self.peek(EXPR)
            if not tok.is_op("["):
                break
            name, _ = self.parse_type_literal(tok)
            types.append(A.TypeConstraintAst(self.ext(tok.start), name))
            self.skip_newlines()
            comma = self.peek(EXPR)
            if not comma.is_op(","):
                break
            self.advance(comma)
        body = self.parse_statement_block("MissingCatchHandlerBlock",
                                          "The Catch block is missing its statement block.")
        return A.CatchClauseAst(self.ext(keyword.start), tuple(types), body)

    def _trap(self, keyword: Token) -> A.TrapStatementAst:
        self.advance(keyword)
        self.skip_newlines()
        trap_type = None
        tok = self.peek(EXPR)
        if tok.is_op("["):
            name, _ = self.parse_type_literal(tok)
            trap_type = A.TypeConstraintAst(self.ext(tok.start), name)
        body = self.parse_statement_block(
            "MissingTrapStatement",
            "The 'trap' statement was incomplete. A trap statement requires a body.")
        return A.TrapStatementAst(self.ext(keyword.start), trap_type, body)
