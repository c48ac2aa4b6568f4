"""Expressions to closures: every ExpressionAst becomes `f(scope) -> value`.

Dispatch on the node type happens once, here, at compile time; the closures only compute.
Value semantics (conversion, operators, members) come from the value modules through
compiler_base and compiler_members. Nothing here knows the pipeline internals or the tenant.
"""
from __future__ import annotations

from typing import Any, Callable, List

from msolsh.language import ast as A
from msolsh.runtime import compiler_members as M
from msolsh.runtime.compiler_base import (MATCH_OPS, binary, error, locate, to_bool,
                                          to_string, unary)
from msolsh.runtime.compiler_errors import CATEGORY_INFO, category_text
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.scope import MISSING
from msolsh.runtime.values import PSHashtable, PSObject

Expr = Callable[[Any], Any]

from msolsh.runtime.coerce import converter as _converter


def compile_expr(node: A.ExpressionAst) -> Expr:
    fn = _DISPATCH.get(type(node))
    if fn is None:
        raise TypeError(f"cannot compile {type(node).__name__}")
    return fn(node)


def converter_for(type_name: str, extent: A.Extent) -> Callable[[Any], Any]:
    """A cast resolved once; an unknown type fails when the cast runs, as in pwsh."""
    try:
        conv = _converter(type_name)
    except PSRuntimeException as exc:
        failure = locate(exc, extent)

        def unknown(value: Any) -> Any:
            raise failure
        return unknown

    def cast(value: Any) -> Any:
        try:
            return conv(value)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
    return cast


# ---------------------------------------------------------------- constants and variables

def _constant(node: A.ConstantExpressionAst) -> Expr:
    value = node.value
    return lambda s: value


def _variable(node: A.VariableExpressionAst) -> Expr:
    name, scope = node.name.lower(), node.scope
    if name == "psitem":
        name = "_"
    if scope is None or scope in ("local", "variable", "using", "private"):
        return _plain_variable(name, local_only=(scope == "local"))
    if scope == "env":
        return lambda s: s.session.env_get(name)
    if scope == "global":
        return lambda s: s.session.global_scope.vars.get(name)
    if scope == "script":
        return lambda s: s.script.lookup(name)
    if scope == "function":
        return lambda s: s.session.get_function(name, s)
    return _plain_variable(name, False)


def _plain_variable(name: str, local_only: bool) -> Expr:
    if name == "true":
        return lambda s: True
    if name == "false":
        return lambda s: False
    if name == "null":
        return lambda s: None
    if name == "?":
        return lambda s: s.session.success
    if local_only:
        return lambda s: s.vars.get(name)

    def read(s: Any) -> Any:
        value = s.vars.get(name, MISSING)
        if value is MISSING:
            return s.lookup(name)
        return value
    return read


# ---------------------------------------------------------------- strings

def _expandable(node: A.ExpandableStringExpressionAst) -> Expr:
    parts: List[Any] = []
    for part in node.parts:
        parts.append(part if isinstance(part, str) else compile_expr(part))
    if not parts:
        return lambda s: ""

    def expand(s: Any) -> str:
        pieces = []
        for part in parts:
            if type(part) is str:
                pieces.append(part)
            else:
                pieces.append(interpolate(s, part(s)))
        return "".join(pieces)
    return expand


def interpolate(s: Any, value: Any) -> str:
    """A value inside "...": arrays join with $OFS (a space unless set)."""
    if isinstance(value, list):
        ofs = s.lookup("ofs")
        separator = " " if ofs is None else to_string(ofs)
        return separator.join(to_string(v) for v in value)
    if type(value) is ErrorRecord:   # an ErrorRecord's ToString() is its message
        return value.message
    if type(value) is PSObject and value.type_names[0] == CATEGORY_INFO:
        return category_text(value)
    return to_string(value)


# ---------------------------------------------------------------- operators

def _binary(node: A.BinaryExpressionAst) -> Expr:
    op = node.operator
    left, right = compile_expr(node.left), compile_expr(node.right)
    extent = node.extent
    if op == "-and":
        return lambda s: to_bool(left(s)) and to_bool(right(s))
    if op == "-or":
        return lambda s: to_bool(left(s)) or to_bool(right(s))
    try:
        fn = binary(op)
    except PSRuntimeException as exc:
        failure = locate(exc, extent)

        def unsupported(s: Any) -> Any:
            raise failure
        return unsupported
    if op in MATCH_OPS:
        def match(s: Any) -> Any:
            try:
                return fn(left(s), right(s), lambda m: s.vars.__setitem__("matches", m))
            except PSRuntimeException as exc:
                raise locate(exc, extent)
        return match

    return _apply_binary(fn, node, left, right, extent)


def _apply_binary(fn: Any, node: A.BinaryExpressionAst, left: Expr, right: Expr,
                  extent: A.Extent) -> Expr:
    """The operator's closure; `$var op constant` (loop bodies) reads the variable inline."""
    if isinstance(node.right, A.ConstantExpressionAst) and _plain_name(node.left) is not None:
        name, constant = _plain_name(node.left), node.right.value

        def var_const(s: Any) -> Any:
            value = s.vars.get(name, MISSING)
            if value is MISSING:
                value = s.lookup(name)
            try:
                return fn(value, constant)
            except PSRuntimeException as exc:
                raise locate(exc, extent)
            except ZeroDivisionError:
                raise divide_by_zero(extent)
        return var_const

    def apply(s: Any) -> Any:
        try:
            return fn(left(s), right(s))
        except PSRuntimeException as exc:
            raise locate(exc, extent)
        except ZeroDivisionError:
            raise divide_by_zero(extent)
    return apply


def _plain_name(node: A.ExpressionAst) -> Any:
    """The lower-case name of an unscoped ordinary variable, else None."""
    if isinstance(node, A.VariableExpressionAst) and node.scope is None and not node.splatted:
        name = node.name.lower()
        if name not in ("true", "false", "null", "?"):
            return "_" if name == "psitem" else name
    return None


def divide_by_zero(extent: A.Extent) -> PSRuntimeException:
    exc = error("Attempted to divide by zero.", extent=extent)
    exc.record.inner_type = "System.DivideByZeroException"  # type: ignore[attr-defined]
    return exc


def _unary(node: A.UnaryExpressionAst) -> Expr:
    op = node.operator
    if op in ("++", "--", "post++", "post--"):
        from msolsh.runtime.compile_assign import increment
        return increment(node)
    child = compile_expr(node.child)
    if op == ",":
        return lambda s: [child(s)]
    if op in ("-not", "!"):
        return lambda s: not to_bool(child(s))
    fn = unary(op)
    extent = node.extent

    def apply(s: Any) -> Any:
        try:
            return fn(child(s))
        except PSRuntimeException as exc:
            raise locate(exc, extent)
    return apply


def _convert(node: A.ConvertExpressionAst) -> Expr:
    type_name = node.type.type_name.strip().lower()
    child_node = node.child
    if type_name == "ordered" and isinstance(child_node, A.HashtableAst):
        return _hashtable(child_node, ordered=True)
    if type_name in ("pscustomobject", "system.management.automation.pscustomobject") \
            and isinstance(child_node, A.HashtableAst):
        table = _hashtable(child_node, ordered=True)
        return lambda s: PSObject([(to_string(k), v) for k, v in table(s).items()])
    child = compile_expr(child_node)
    if type_name in ("void", "system.void"):
        return lambda s: (child(s), None)[1]
    cast = converter_for(node.type.type_name, node.extent)
    return lambda s: cast(child(s))


def _type(node: A.TypeExpressionAst) -> Expr:
    return M.type_literal(node.type_name, node.extent)


# ---------------------------------------------------------------- members and indexes

def _member_name(node: A.ExpressionAst) -> Any:
    if isinstance(node, A.StringConstantExpressionAst):
        return node.value
    inner = compile_expr(node)
    return lambda s: to_string(inner(s))


def _member(node: A.MemberExpressionAst) -> Expr:
    name = _member_name(node.member)
    extent = node.extent
    if node.static:
        type_name = node.target.type_name if isinstance(node.target, A.TypeExpressionAst) else None
        target = compile_expr(node.target)
        return M.static_member(type_name, target, name, extent, node.target.extent)
    target = compile_expr(node.target)
    get = M.get_member
    if isinstance(name, str):
        def member(s: Any) -> Any:
            try:
                return get(s, target(s), name)
            except PSRuntimeException as exc:
                raise locate(exc, extent)
        return member
    return lambda s: get(s, target(s), name(s))


def _invoke_member(node: A.InvokeMemberExpressionAst) -> Expr:
    name = _member_name(node.member)
    args = [compile_expr(a) for a in node.arguments]
    extent = node.extent
    if node.static:
        type_name = node.target.type_name if isinstance(node.target, A.TypeExpressionAst) else None
        return M.static_call(type_name, compile_expr(node.target), name, args, extent,
                             node.target.extent)
    target = compile_expr(node.target)
    invoke = M.invoke_method

    def call(s: Any) -> Any:
        obj = target(s)
        method = name if isinstance(name, str) else name(s)
        values = [a(s) for a in args]
        try:
            return invoke(s, obj, method, values, extent)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
    return call


def _index(node: A.IndexExpressionAst) -> Expr:
    target, index = compile_expr(node.target), compile_expr(node.index)
    extent = node.extent
    get = M.get_index

    def item(s: Any) -> Any:
        try:
            return get(target(s), index(s))
        except PSRuntimeException as exc:
            raise locate(exc, extent)
    return item


# ---------------------------------------------------------------- collections

def _array_literal(node: A.ArrayLiteralAst) -> Expr:
    elements = [compile_expr(e) for e in node.elements]
    return lambda s: [e(s) for e in elements]


def _array_expression(node: A.ArrayExpressionAst) -> Expr:
    from msolsh.runtime.compile_statements import compile_block
    body = compile_block(node.statements)

    def collect(s: Any) -> list:
        out: list = []
        body(s, out)
        return out
    return collect


def _sub_expression(node: A.SubExpressionAst) -> Expr:
    from msolsh.runtime.compile_statements import compile_block
    body = compile_block(node.statements)

    def collect(s: Any) -> Any:
        out: list = []
        body(s, out)
        return unwrap(out)
    return collect


def _paren(node: A.ParenExpressionAst) -> Expr:
    from msolsh.runtime.compile_statements import compile_value
    return compile_value(node.pipeline)


def unwrap(out: list) -> Any:
    """Captured output as a value: nothing is $null, one object is itself, more an array."""
    if not out:
        return None
    if len(out) == 1:
        return out[0]
    return out


def _hashtable(node: A.HashtableAst, ordered: bool = False) -> Expr:
    from msolsh.runtime.compile_statements import compile_value
    pairs = [(compile_expr(k), compile_value(v)) for k, v in node.pairs]
    extent = node.extent

    def build(s: Any) -> PSHashtable:
        table = PSHashtable(ordered=ordered)
        for key, value in pairs:
            k = key(s)
            if not table.add(k, value(s)):
                raise error(f"Duplicate keys '{to_string(k)}' are not allowed in hash literals.",
                            "DuplicateKeyInHashLiteral", "ParserError", extent=extent)
        return table
    return build


def _script_block(node: A.ScriptBlockExpressionAst) -> Expr:
    from msolsh.runtime.scriptblock import ScriptBlock
    block_ast = node.script_block
    return lambda s: ScriptBlock(block_ast)


_DISPATCH = {
    A.ConstantExpressionAst: _constant,
    A.StringConstantExpressionAst: _constant,
    A.VariableExpressionAst: _variable,
    A.ExpandableStringExpressionAst: _expandable,
    A.BinaryExpressionAst: _binary,
    A.UnaryExpressionAst: _unary,
    A.ConvertExpressionAst: _convert,
    A.TypeExpressionAst: _type,
    A.MemberExpressionAst: _member,
    A.InvokeMemberExpressionAst: _invoke_member,
    A.IndexExpressionAst: _index,
    A.ArrayLiteralAst: _array_literal,
    A.ArrayExpressionAst: _array_expression,
    A.SubExpressionAst: _sub_expression,
    A.ParenExpressionAst: _paren,
    A.HashtableAst: _hashtable,
    A.ScriptBlockExpressionAst: _script_block,
}
