"""Loops, switch and the jumps (break, continue, return, exit) as closures.

break/continue are exceptions carrying an optional label; a loop handles an unlabelled one or
one with its own label and lets the others pass outwards (labelled jumps across nested loops,
and, as in pwsh, out of a function into the caller's loop).
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from msolsh.language import ast as A
from msolsh.runtime.compile_expressions import compile_expr
from msolsh.runtime.compile_statements import (compile_block, compile_condition, compile_statement,
                                               compile_value, single_expression)
from msolsh.runtime.compiler_base import (BreakSignal, ContinueSignal, ExitSignal, ReturnSignal,
                                          binary, to_bool, to_number, to_string)
from msolsh.runtime.errors import PSRuntimeException


def _mine(signal: Any, label: Optional[str]) -> bool:
    return signal.label is None or signal.label == label


def _label(node: Any) -> Optional[str]:
    return node.label.lower() if node.label else None


# ---------------------------------------------------------------- foreach

def _items(node: A.PipelineBaseAst) -> Callable[[Any], Any]:
    """The collection a foreach walks; a literal range is walked lazily."""
    expression = single_expression(node)
    if isinstance(expression, A.BinaryExpressionAst) and expression.operator == "..":
        return range_items(expression)
    value = compile_value(node)

    def walk(s: Any) -> Any:
        collection = value(s)
        if collection is None:
            return ()
        if isinstance(collection, (list, range)):
            return collection
        return (collection,)
    return walk


def range_items(expression: A.BinaryExpressionAst) -> Callable[[Any], Any]:
    """`a..b` as a lazy Python range when both ends are integers (else the operator's list)."""
    low, high = compile_expr(expression.left), compile_expr(expression.right)
    make_range = binary("..")
    extent = expression.extent

    def walk_range(s: Any) -> Any:
        a, b = low(s), high(s)
        if type(a) is float and a == int(a):
            a = int(a)
        if type(b) is float and b == int(b):
            b = int(b)
        if type(a) is int and type(b) is int:
            return range(a, b + 1) if a <= b else range(a, b - 1, -1)
        try:
            return make_range(a, b)
        except PSRuntimeException as exc:
            from msolsh.runtime.compiler_base import locate
            raise locate(exc, extent)
    return walk_range


def foreach(node: A.ForEachStatementAst) -> Any:
    from msolsh.runtime.compile_assign import target
    items, body, label = _items(node.condition), compile_block(node.body), _label(node)
    name = node.variable.name.lower()
    put = target(node.variable)[1]
    plain = node.variable.scope is None and name not in ("null", "true", "false", "?")

    def run(s: Any, out: Any) -> None:
        variables = s.vars
        fast = plain and (s.constraints is None or name not in s.constraints)
        for item in items(s):
            if fast:
                variables[name] = item
            else:
                put(s, item)
            try:
                body(s, out)
            except BreakSignal as signal:
                if _mine(signal, label):
                    break
                raise
            except ContinueSignal as signal:
                if _mine(signal, label):
                    continue
                raise
    return run


# ---------------------------------------------------------------- for / while / do

def _optional(node: Optional[A.StatementAst]) -> Any:
    return compile_statement(node) if node is not None else (lambda s, out: None)


def for_loop(node: A.ForStatementAst) -> Any:
    init, step = _optional(node.initializer), _optional(node.iterator)
    test = compile_condition(node.condition) if node.condition else (lambda s: True)
    body, label = compile_block(node.body), _label(node)

    def run(s: Any, out: Any) -> None:
        init(s, out)
        while test(s):
            try:
                body(s, out)
            except BreakSignal as signal:
                if _mine(signal, label):
                    break
                raise
            except ContinueSignal as signal:
                if not _mine(signal, label):
                    raise
            step(s, out)
    return run


def _loop(node: Any, test_first: bool, until: bool) -> Any:
    test, body, label = compile_condition(node.condition), compile_block(node.body), _label(node)

    def run(s: Any, out: Any) -> None:
        if test_first and not test(s):
            return
        while True:
            try:
                body(s, out)
            except BreakSignal as signal:
                if _mine(signal, label):
                    break
                raise
            except ContinueSignal as signal:
                if not _mine(signal, label):
                    raise
            if test(s) == until:
                break
    return run


def while_loop(node: A.WhileStatementAst) -> Any:
    return _loop(node, test_first=True, until=False)


def do_while(node: A.DoWhileStatementAst) -> Any:
    return _loop(node, test_first=False, until=False)


def do_until(node: A.DoUntilStatementAst) -> Any:
    return _loop(node, test_first=False, until=True)


# ---------------------------------------------------------------- switch

def _clause_test(clause: A.SwitchClauseAst, flags: tuple) -> Callable[[Any, Any], bool]:
    if isinstance(clause.condition, A.ScriptBlockExpressionAst):
        from msolsh.runtime.scriptblock import ScriptBlock
        block = ScriptBlock(clause.condition.script_block)

        def by_script(s: Any, item: Any) -> bool:
            out = block.invoke_with_item(s, item)
            return to_bool(out[0] if len(out) == 1 else out)
        return by_script
    pattern = compile_expr(clause.condition)
    case = "c" if "casesensitive" in flags else ""
    if "regex" in flags:
        match = binary(f"-{case}match")
        return lambda s, item: match(to_string(item), pattern(s),
                                     lambda m: s.vars.__setitem__("matches", m))
    if "wildcard" in flags:
        like = binary(f"-{case}like")
        return lambda s, item: like(to_string(item), pattern(s))
    equal = binary(f"-{case}eq" if case else "-eq")

    def exact(s: Any, item: Any) -> bool:
        wanted = pattern(s)
        if isinstance(wanted, str) or isinstance(item, str):
            return to_bool(equal(to_string(item), to_string(wanted)))
        return to_bool(equal(item, wanted))
    return exact


def switch(node: A.SwitchStatementAst) -> Any:
    flags = tuple(f.lower() for f in node.flags)
    clauses = [(_clause_test(c, flags), compile_block(c.body)) for c in node.clauses]
    default = compile_block(node.default) if node.default else None
    value, label = compile_value(node.condition), _label(node)

    from_file = "file" in flags

    def run(s: Any, out: Any) -> None:
        subject = value(s)
        if from_file:
            items = _file_lines(to_string(subject), node.condition.extent)
        else:
            items = subject if isinstance(subject, list) else [subject]
        saved = s.vars.get("_")
        try:
            for item in items:
                s.vars["_"] = item
                try:
                    _switch_one(s, out, item, clauses, default)
                except ContinueSignal as signal:
                    if not _mine(signal, label):
                        raise
        except BreakSignal as signal:
            if not _mine(signal, label):
                raise
        finally:
            s.vars["_"] = saved
    return run


def _file_lines(path: str, extent: Any) -> list:
    """switch -file: the lines of a text file."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read().splitlines()
    except OSError:
        from msolsh.runtime.compiler_base import error
        raise error(f"Could not find file '{path}'.", "FileNotFound", "ObjectNotFound",
                    exception_type="System.IO.FileNotFoundException", target=path, extent=extent)


def _switch_one(s: Any, out: Any, item: Any, clauses: list, default: Any) -> None:
    matched = False
    for test, body in clauses:
        if test(s, item):
            matched = True
            body(s, out)
    if not matched and default is not None:
        default(s, out)


# ---------------------------------------------------------------- jumps

def _jump(node: Any, signal: type) -> Any:
    label = compile_expr(node.label) if node.label is not None else None

    def jump(s: Any, out: Any) -> None:
        raise signal(to_string(label(s)).lower() if label else None)
    return jump


def break_statement(node: A.BreakStatementAst) -> Any:
    return _jump(node, BreakSignal)


def continue_statement(node: A.ContinueStatementAst) -> Any:
    return _jump(node, ContinueSignal)


def return_statement(node: A.ReturnStatementAst) -> Any:
    if node.pipeline is None:
        def plain_return(s: Any, out: Any) -> None:
            raise ReturnSignal()
        return plain_return
    body = compile_statement(node.pipeline)

    def return_value(s: Any, out: Any) -> None:
        body(s, out)
        raise ReturnSignal()
    return return_value


def exit_statement(node: A.ExitStatementAst) -> Any:
    value = compile_value(node.pipeline) if node.pipeline is not None else None

    def leave(s: Any, out: Any) -> None:
        code = 0
        if value is not None:
            result = value(s)
            try:
                code = int(to_number(result)) if result is not None else 0
            except (PSRuntimeException, ValueError, TypeError):
                code = 1
        raise ExitSignal(code)
    return leave
