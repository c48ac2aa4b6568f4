"""try/catch/finally, throw and trap as closures.

While a try body or a block with traps runs, session.try_depth is raised so that errors which
would otherwise only stop one statement unwind to the handler instead (also inside called
functions, as in pwsh). Caught errors are recorded in $Error, as pwsh does.
"""
from __future__ import annotations

from typing import Any, Sequence

from msolsh.language import ast as A
from msolsh.runtime.compile_statements import compile_block, compile_value
from msolsh.runtime.compiler_base import (BreakSignal, ContinueSignal, ControlFlow,
                                          mark_script_terminating, to_string)
from msolsh.runtime.compiler_errors import catch_matches, from_python
from msolsh.runtime.errors import ErrorRecord, InvocationInfo, PSRuntimeException


def try_statement(node: A.TryStatementAst) -> Any:
    body = compile_block(node.body)
    catches = [([t.type_name for t in c.catch_types], compile_block(c.body))
               for c in node.catch_clauses]
    final = compile_block(node.finally_clause) if node.finally_clause else None

    def run(s: Any, out: Any) -> None:
        session = s.session
        depth = session.try_depth
        session.try_depth = depth + 1
        try:
            try:
                body(s, out)
            except (ControlFlow, KeyboardInterrupt):
                raise
            except Exception as exc:
                session.try_depth = depth
                ps = from_python(exc)
                handler = _handler(catches, ps.record)
                if handler is None:
                    raise ps
                session.log_error(ps.record)
                _with_dollar_under(s, ps.record, handler, out)
        finally:
            session.try_depth = depth
            if final is not None:
                final(s, out)
    return run


def _handler(catches: list, record: ErrorRecord) -> Any:
    for names, handler in catches:
        if not names or catch_matches(names, record):
            return handler
    return None


def _with_dollar_under(s: Any, record: ErrorRecord, block: Any, out: Any) -> None:
    saved = s.vars.get("_")
    s.vars["_"] = record
    s.session.current_errors.append(record)
    try:
        block(s, out)
    finally:
        s.session.current_errors.pop()
        s.vars["_"] = saved


# ---------------------------------------------------------------- throw

def throw_statement(node: A.ThrowStatementAst) -> Any:
    value = compile_value(node.pipeline) if node.pipeline is not None else None
    extent = node.extent

    def throw(s: Any, out: Any) -> None:
        if value is None:
            current = s.session.current_errors
            record = current[-1] if current else _record("ScriptHalted", None, extent)
            raise mark_script_terminating(PSRuntimeException(record))
        thrown = value(s)
        if isinstance(thrown, ErrorRecord):
            raise mark_script_terminating(PSRuntimeException(thrown))
        raise mark_script_terminating(PSRuntimeException(_record(to_string(thrown), thrown, extent)))
    return throw


def _record(message: str, target: Any, extent: A.Extent) -> ErrorRecord:
    """pwsh: `throw "x"` -> message x, FullyQualifiedErrorId x, OperationStopped, target x."""
    error_id = "ScriptHalted" if target is None else message
    return ErrorRecord(message, error_id, "OperationStopped", target=target,
                       invocation=InvocationInfo(extent=extent))


# ---------------------------------------------------------------- trap

def trap_definition(node: A.TrapStatementAst) -> Any:
    """A trap seen as a statement does nothing where it stands; its block handles it."""
    return lambda s, out: None


def trapped(stmts: Sequence[Any], traps: Sequence[A.TrapStatementAst]) -> Any:
    handlers = [(t.trap_type.type_name if t.trap_type else None, compile_block(t.body))
                for t in traps]
    stmts = tuple(stmts)

    def run(s: Any, out: Any) -> None:
        session = s.session
        for st in stmts:
            depth = session.try_depth
            session.try_depth = depth + 1
            try:
                st(s, out)
            except (ControlFlow, KeyboardInterrupt):
                raise
            except Exception as exc:
                session.try_depth = depth
                ps = from_python(exc)
                handler = _trap_for(handlers, ps.record)
                if handler is None:
                    session.statement_failed(ps, s)
                    continue
                _run_trap(s, out, handler, ps)
            finally:
                session.try_depth = depth
    return run


def _trap_for(handlers: list, record: ErrorRecord) -> Any:
    for type_name, handler in handlers:
        if type_name is None or catch_matches([type_name], record):
            return handler
    return None


def _run_trap(s: Any, out: Any, handler: Any, ps: PSRuntimeException) -> None:
    """continue: go on silently; break: the error terminates; otherwise report and go on."""
    session = s.session
    try:
        _with_dollar_under(s, ps.record, handler, out)
    except ContinueSignal:
        session.log_error(ps.record)
        return
    except BreakSignal:
        raise mark_script_terminating(ps)
    session.report_error(ps.record)
