"""Loop rules: while, do/while, do/until, for, foreach and switch, with the parenthesised
conditions they share with `if`. A mixin of the statement rules (it uses their
parse_statement_block). Knows nothing of the runtime.
"""
from __future__ import annotations

from typing import List, Optional

from msolsh.language import ast as A
from msolsh.language import tokens as T
from msolsh.language.parse_pipelines import PipelineRules
from msolsh.language.tokenizer import CMD, EXPR
from msolsh.language.tokens import Token

SWITCH_FLAGS = ("regex", "wildcard", "exact", "casesensitive", "file")


class LoopRules(PipelineRules):
    """Mixin: loops and switch."""

    # -- conditions in parentheses --------------------------------------------------------
    def _condition(self, keyword: Token, open_id: str, open_msg: str, missing_id: str,
                   missing_msg: str, close_id: str, close_msg: str):
        self.skip_newlines()
        lparen = self.peek(CMD)
        if not lparen.is_op("("):
            self.fail_after(open_id, open_msg, lparen)
        self.advance(lparen)
        self.skip_newlines()
        condition = self.parse_pipeline()
        if condition is None:
            self.fail_after(missing_id, missing_msg, self.peek(CMD))
        self.skip_newlines()
        rparen = self.peek(EXPR)
        if not rparen.is_op(")"):
            self.fail_after(close_id, close_msg, rparen)
        self.advance(rparen)
        return condition


    # -- loops ------------------------------------------------------------------------------
    def _loop_condition(self, keyword: Token, word: str):
        return self._condition(
            keyword, "MissingOpenParenthesisAfterKeyword",
            f"Missing opening '(' after keyword '{word}'.",
            "MissingExpressionAfterKeyword", f"Missing expression after '{word}' in loop.",
            "MissingEndParenthesisAfterStatement",
            f"Missing closing ')' after expression in '{word}' statement.")

    def _loop_body(self, word: str) -> A.StatementBlockAst:
        return self.parse_statement_block("MissingLoopStatement",
                                          f"Missing statement body in {word} loop.")

    def _while(self, keyword: Token, label: Optional[str] = None) -> A.WhileStatementAst:
        self.advance(keyword)
        condition = self._loop_condition(keyword, "while")
        body = self._loop_body("while")
        return A.WhileStatementAst(self.ext(keyword.start), label, condition, body)

    def _do(self, keyword: Token, label: Optional[str] = None) -> A.StatementAst:
        self.advance(keyword)
        body = self._loop_body("do")
        self.skip_newlines()
        word = self.peek(CMD)
        kind = word.text.lower() if word.kind == T.GENERIC else ""
        if kind not in ("while", "until"):
            self.fail_after("MissingWhileOrUntilInDoWhile", "Missing while or until keyword in do loop.",
                            word)
        self.advance(word)
        condition = self._loop_condition(word, kind)
        node = A.DoWhileStatementAst if kind == "while" else A.DoUntilStatementAst
        return node(self.ext(keyword.start), label, condition, body)

    def _for(self, keyword: Token, label: Optional[str] = None) -> A.ForStatementAst:
        self.advance(keyword)
        self.skip_newlines()
        lparen = self.peek(CMD)
        if not lparen.is_op("("):
            self.fail_after("MissingOpenParenthesisAfterKeyword",
                            "Missing opening '(' after keyword 'for'.", lparen)
        self.advance(lparen)
        parts: List[Optional[A.PipelineBaseAst]] = []
        for index in range(3):
            self.skip_newlines()
            parts.append(self.parse_pipeline())
            self.skip_newlines()
            sep = self.peek(EXPR)
            if index < 2 and sep.is_op(";"):
                self.advance(sep)
                continue
            if sep.is_op(")"):
                break
            if index < 2 and parts[-1] is not None and self.text[self.last_end:sep.start].count("\n"):
                continue
            self.fail_after("MissingEndParenthesisAfterStatement",
                            "Missing closing ')' after expression in 'for' statement.", sep)
        parts += [None] * (3 - len(parts))
        self.advance(self.peek(EXPR))
        body = self._loop_body("for")
        return A.ForStatementAst(self.ext(keyword.start), label, parts[0], parts[1], parts[2],
                                 body)

    def _foreach(self, keyword: Token, label: Optional[str] = None) -> A.ForEachStatementAst:
        self.advance(keyword)
        correct = "\nThe correct form is: foreach ($a in $b) {...}"
        self.skip_newlines()
        while self.peek(CMD).kind == T.PARAMETER:  # -parallel and friends: not supported
            flag = self.peek(CMD)
            self.fail("InvalidForeachFlag",
                      f"The parameter {flag.text} is not valid for the foreach statement.",
                      flag.start, flag.end, flag)
        lparen = self.peek(CMD)
        if not lparen.is_op("("):
            self.fail_after("MissingOpenParenthesisAfterKeyword",
                            "Missing opening '(' after keyword 'foreach'.", lparen)
        self.advance(lparen)
        self.skip_newlines()
        var = self.peek(EXPR)
        if var.kind != T.VARIABLE:
            self.fail_after("MissingVariableNameAfterForeach",
                            "Missing variable name after foreach." + correct, var)
        self.advance(var)
        variable = self.variable_ast(var)
        self.skip_newlines()
        word = self.peek(CMD)
        if not (word.kind == T.GENERIC and word.text.lower() == "in"):
            self.fail_after("MissingInInForeach",
                            "Missing 'in' after variable in foreach loop." + correct, word)
        self.advance(word)
        self.skip_newlines()
        condition = self.parse_pipeline()
        if condition is None:
            self.fail_after("MissingForeachExpression",
                            "Missing expression in foreach loop." + correct, self.peek(CMD))
        self.skip_newlines()
        rparen = self.peek(EXPR)
        if not rparen.is_op(")"):
            self.fail_after("MissingEndParenthesisAfterForeach",
                            "Missing closing ')' after expression part of foreach loop." + correct,
                            rparen)
        self.advance(rparen)
        body = self.parse_statement_block("MissingForeachStatement",
                                          "Missing statement body in foreach loop." + correct)
        return A.ForEachStatementAst(self.ext(keyword.start), label, variable, condition, body)

    # -- switch -----------------------------------------------------------------------------
    def _switch(self, keyword: Token, label: Optional[str] = None) -> A.SwitchStatementAst:
        self.advance(keyword)
        flags: List[str] = []
        condition = None
        while True:
            self.skip_newlines()
            tok = self.peek(CMD)
            if tok.kind != T.PARAMETER:
                break
            flag = self._switch_flag(tok)
            self.advance(tok)
            flags.append(flag)
            if flag == "file":
                self.skip_newlines()
                path = self.parse_command_argument()
                if path is None:
                    self.fail_after("MissingFilenameOption",
                                    "Cannot process the 'switch' statement because of a missing "
                                    "file name argument to the -file option.", self.peek(CMD))
                command = A.CommandExpressionAst(path.extent, path, ())
                condition = A.PipelineAst(path.extent, (command,))
        if condition is None:
            condition = self._switch_condition()
        self.skip_newlines()
        lcurly = self.peek(CMD)
        if not lcurly.is_op("{"):
            self.fail_after("MissingCurlyBraceInSwitchStatement", "Missing '{' in switch statement.",
                            lcurly)
        self.advance(lcurly)
        clauses, default = self._switch_clauses(lcurly)
        return A.SwitchStatementAst(self.ext(keyword.start), label, tuple(flags), condition,
                                    tuple(clauses), default)

    def _switch_flag(self, tok: Token) -> str:
        name = tok.value[0].lower()
        matches = [f for f in SWITCH_FLAGS if f.startswith(name)]
        if len(matches) != 1 or tok.value[1]:
            self.fail("InvalidSwitchFlag",
                      f"The parameter {tok.text} is not valid for the switch statement.",
                      tok.start, tok.end, tok)
        return matches[0]

    def _switch_condition(self) -> A.PipelineBaseAst:
        lparen = self.peek(CMD)
        if not lparen.is_op("("):
            self.fail_after("PipelineValueRequired",
                            "A switch statement must have one of the following:  "
                            "'-file file_name' or '( expression )'.", lparen)
        self.advance(lparen)
        self.skip_newlines()
        condition = self.parse_pipeline()
        if condition is None:
            self.fail_after("MissingSwitchValueExpression",
                            "Missing expression after '(' in switch statement.", self.peek(CMD))
        self.skip_newlines()
        rparen = self.peek(EXPR)
        if not rparen.is_op(")"):
            self.fail_after("MissingEndParenthesisInSwitchStatement",
                            "Missing ')' after expression in switch statement.", rparen)
        self.advance(rparen)
        return condition

    def _switch_clauses(self, lcurly: Token):
        clauses: List[A.SwitchClauseAst] = []
        default = None
        while True:
            self.skip_newlines(semicolons=True)
            tok = self.peek(CMD)
            if tok.is_op("}"):
                self.advance(tok)
                return clauses, default
            if tok.kind == T.EOF:
                self.expect_close_curly(lcurly)
            is_default = tok.kind == T.GENERIC and tok.text.lower() == "default" and not tok.parts
            if is_default:
                self.advance(tok)
                condition = None
            else:
                condition = self.parse_command_argument()
                if condition is None:
                    self.fail("MissingSwitchConditionExpression",
                              "Missing condition in switch statement clause.", tok.start,
                              tok.end, tok)
            body = self.parse_statement_block("MissingSwitchStatementClause",
                                              "Missing statement block in switch statement clause.")
            if is_default:
                if default is not None:
                    self.fail("MultipleSwitchDefaultClauses",
                              "A switch statement can have only one default clause.",
                              tok.start, tok.end, tok)
                default = body
            else:
                clauses.append(A.SwitchClauseAst(self.ext(tok.start), condition, body))
