"""Statements to closures: every StatementAst becomes `f(scope, out) -> None`, where `out` is
anything with append() (a list, or the next command in a pipeline).

Statement-terminating errors stop one statement and are reported; the block goes on, as pwsh
does, unless a try/trap is active (session.try_depth) or the error is script-terminating.
Loops live in compile_loops.py, try/catch/trap/throw in compile_try.py.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from msolsh.language import ast as A
from msolsh.runtime.compile_expressions import compile_expr, unwrap
from msolsh.runtime.compiler_base import ControlFlow, emit_value, to_bool
from msolsh.runtime.compiler_errors import from_python
from msolsh.runtime.errors import PSRuntimeException

Stmt = Callable[[Any, Any], None]


def compile_block(node: Any) -> Stmt:
    """A StatementBlockAst or NamedBlockAst: its statements, guarded by its traps."""
    stmts = [compile_statement(st) for st in node.statements]
    if node.traps:
        from msolsh.runtime.compile_try import trapped
        return trapped(stmts, node.traps)
    return run_statements(stmts)


def run_statements(stmts: Sequence[Stmt]) -> Stmt:
    if not stmts:
        return lambda s, out: None
    if len(stmts) == 1:
        only = stmts[0]

        def run_one(s: Any, out: Any) -> None:
            try:
                only(s, out)
            except PSRuntimeException as exc:
                s.session.statement_failed(exc, s)
            except (ControlFlow, KeyboardInterrupt):
                raise
            except Exception as exc:  # a value module or cmdlet bug: still a pwsh error
                s.session.statement_failed(from_python(exc), s)
        return run_one
    stmts = tuple(stmts)

    def run(s: Any, out: Any) -> None:
        for st in stmts:
            try:
                st(s, out)
            except PSRuntimeException as exc:
                s.session.statement_failed(exc, s)
            except (ControlFlow, KeyboardInterrupt):
                raise
            except Exception as exc:
                s.session.statement_failed(from_python(exc), s)
    return run


def compile_statement(node: A.StatementAst) -> Stmt:
    fn = _DISPATCH.get(type(node))
    if fn is None:
        raise TypeError(f"cannot compile {type(node).__name__}")
    return fn(node)


def single_expression(node: Any) -> Any:
    """The expression of a pipeline that is one plain expression, else None."""
    if isinstance(node, A.PipelineAst) and len(node.elements) == 1:
        element = node.elements[0]
        if isinstance(element, A.CommandExpressionAst) and not element.redirections:
            return element.expression
    return None


def compile_value(node: A.StatementAst) -> Callable[[Any], Any]:
    """A statement used as a value (right of =, inside ( ), a condition)."""
    expression = single_expression(node)
    if expression is not None:
        return compile_expr(expression)
    if isinstance(node, A.AssignmentStatementAst):
        from msolsh.runtime.compile_assign import compile_assignment
        return compile_assignment(node)
    body = compile_statement(node)

    def collect(s: Any) -> Any:
        out: list = []
        body(s, out)
        return unwrap(out)
    return collect


def compile_condition(node: A.StatementAst) -> Callable[[Any], bool]:
    value = compile_value(node)
    return lambda s: to_bool(value(s))


# ---------------------------------------------------------------- pipelines and expressions

def _pipeline(node: A.PipelineAst) -> Stmt:
    expression = single_expression(node)
    if expression is None:
        from msolsh.runtime.pipeline import compile_pipeline
        return compile_pipeline(node)
    return _expression_statement(expression)


def _expression_statement(node: A.ExpressionAst) -> Stmt:
    value = compile_expr(node)
    if _is_silent(node):
        def discard(s: Any, out: Any) -> None:
            value(s)
            s.session.success = True
        return discard
    if isinstance(node, A.InvokeMemberExpressionAst):
        def call(s: Any, out: Any) -> None:
            result = value(s)
            s.session.success = True
            if result is not None:  # a void method outputs nothing
                emit_value(result, out)
        return call

    def output(s: Any, out: Any) -> None:
        result = value(s)
        s.session.success = True
        if isinstance(result, list):
            for item in result:
                out.append(item)
        else:
            out.append(result)
    return output


def _is_silent(node: A.ExpressionAst) -> bool:
    if isinstance(node, A.UnaryExpressionAst) and node.operator in ("++", "--", "post++", "post--"):
        return True
    return isinstance(node, A.ConvertExpressionAst) and \
        node.type.type_name.strip().lower() in ("void", "system.void")


def _assignment(node: A.AssignmentStatementAst) -> Stmt:
    from msolsh.runtime.compile_assign import compile_assignment
    return compile_assignment(node)    # its closures take (scope, out=None)


# ---------------------------------------------------------------- if and functions

def _if(node: A.IfStatementAst) -> Stmt:
    clauses = [(compile_condition(cond), compile_block(body)) for cond, body in node.clauses]
    otherwise = compile_block(node.else_clause) if node.else_clause else None
    if len(clauses) == 1:
        (test, then), = clauses

        def run_if(s: Any, out: Any) -> None:
            if test(s):
                then(s, out)
            elif otherwise is not None:
                otherwise(s, out)
        return run_if

    def run(s: Any, out: Any) -> None:
        for test, body in clauses:
            if test(s):
                body(s, out)
                return
        if otherwise is not None:
            otherwise(s, out)
    return run


def _function_definition(node: A.FunctionDefinitionAst) -> Stmt:
    from msolsh.runtime.functions import FunctionInfo
    info = FunctionInfo.from_ast(node)

    def define(s: Any, out: Any) -> None:
        s.session.define_function(info, s)
    return define


def _dispatch() -> dict:
    from msolsh.runtime import compile_loops as L
    from msolsh.runtime import compile_try as T
    return {
        A.PipelineAst: _pipeline,
        A.AssignmentStatementAst: _assignment,
        A.IfStatementAst: _if,
        A.FunctionDefinitionAst: _function_definition,
        A.ForEachStatementAst: L.foreach,
        A.ForStatementAst: L.for_loop,
        A.WhileStatementAst: L.while_loop,
        A.DoWhileStatementAst: L.do_while,
        A.DoUntilStatementAst: L.do_until,
        A.SwitchStatementAst: L.switch,
        A.BreakStatementAst: L.break_statement,
        A.ContinueStatementAst: L.continue_statement,
        A.ReturnStatementAst: L.return_statement,
        A.ExitStatementAst: L.exit_statement,
        A.TryStatementAst: T.try_statement,
        A.ThrowStatementAst: T.throw_statement,
        A.TrapStatementAst: T.trap_definition,
        A.CommandAst: lambda n: _pipeline(A.PipelineAst(n.extent, (n,))),
        A.CommandExpressionAst: lambda n: _pipeline(A.PipelineAst(n.extent, (n,))),
    }


class _LazyDispatch(dict):
    def get(self, key: Any, default: Any = None) -> Any:
        if not self:
            self.update(_dispatch())
        return dict.get(self, key, default)


_DISPATCH = _LazyDispatch()
