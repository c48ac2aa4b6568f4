"""Assignment targets: `$x =`, `[int]$x =`, `$a.b =`, `$a[i] =`, `$a, $b =`, compound forms and
++/--. Each target compiles to a getter and a setter pair. Nothing here knows the pipeline.
"""
from __future__ import annotations

from typing import Any, Callable, Tuple

from msolsh.language import ast as A
from msolsh.runtime import compiler_members as M
from msolsh.runtime.compile_expressions import compile_expr, converter_for, _member_name
from msolsh.runtime.compiler_base import binary, error, locate
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.scope import MISSING, raise_read_only

Getter = Callable[[Any], Any]
Setter = Callable[[Any, Any], None]

# Constant or read-only automatic variables: assigning them fails in any scope.
READ_ONLY = {"true", "false", "?", "host", "home", "pid", "psversiontable", "shellid"}

COMPOUND = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%"}


def target(node: A.ExpressionAst) -> Tuple[Getter, Setter]:
    """The getter and setter of an assignable expression."""
    if isinstance(node, A.VariableExpressionAst):
        return _variable(node)
    if isinstance(node, A.ConvertExpressionAst) and isinstance(node.child, A.VariableExpressionAst):
        return _typed_variable(node)
    if isinstance(node, A.IndexExpressionAst):
        return _index(node)
    if isinstance(node, A.MemberExpressionAst) and not isinstance(node, A.InvokeMemberExpressionAst):
        return _member(node)
    if isinstance(node, A.ParenExpressionAst):
        inner = node.pipeline
        if isinstance(inner, A.PipelineAst) and len(inner.elements) == 1 \
                and isinstance(inner.elements[0], A.CommandExpressionAst):
            return target(inner.elements[0].expression)
    extent = node.extent

    def invalid(s: Any, value: Any = None, out: Any = None) -> Any:
        raise error("The assignment expression is not valid. The input to an assignment operator "
                    "must be an object that is able to accept assignments, such as a variable or "
                    "a property.", "InvalidLeftHandSide", "ParserError", extent=extent)
    return invalid, invalid


def _variable(node: A.VariableExpressionAst) -> Tuple[Getter, Setter]:
    name, scope = node.name.lower(), node.scope
    if name == "psitem":
        name = "_"
    get = compile_expr(node)
    if scope is None and name == "null":
        return get, lambda s, v: None
    if name in READ_ONLY and scope in (None, "global", "script", "local"):
        def read_only(s: Any, value: Any) -> None:
            raise_read_only(node.name)
        return get, read_only
    if scope == "env":
        return get, lambda s, v: s.session.env_set(name, v)
    if scope == "global":
        return get, lambda s, v: s.session.global_scope.assign(name, v)
    if scope == "script":
        return get, lambda s, v: s.script.assign(name, v)
    if scope == "private":
        def set_private(s: Any, value: Any) -> None:
            s.assign(name, value)
            s.make_private(name)
        return get, set_private

    def set_local(s: Any, value: Any) -> None:
        constraints = s.constraints
        if constraints is None or name not in constraints:
            s.vars[name] = value
        else:
            s.vars[name] = constraints[name](value)
    return get, set_local


def _typed_variable(node: A.ConvertExpressionAst) -> Tuple[Getter, Setter]:
    var = node.child
    name, scope = var.name.lower(), var.scope
    get = compile_expr(var)
    cast = _constraint(node.type.type_name, node.extent)

    def constrain(s: Any, value: Any) -> None:
        holder = s.session.global_scope if scope == "global" else s.script if scope == "script" else s
        holder.constrain(name, cast, value)
    return get, constrain


def _constraint(type_name: str, extent: A.Extent) -> Callable[[Any], Any]:
    """A variable's type constraint: a failed conversion is an ArgumentTransformationMetadata
    error, pointing at the assignment (as pwsh shows it)."""
    convert = converter_for(type_name, extent)

    def constrained(value: Any) -> Any:
        try:
            return convert(value)
        except PSRuntimeException as exc:
            raise error(exc.record.message, "RuntimeException", "MetadataError",
                        exception_type="System.Management.Automation.ArgumentTransformationMetadataException")
    return constrained


def _index(node: A.IndexExpressionAst) -> Tuple[Getter, Setter]:
    obj, index = compile_expr(node.target), compile_expr(node.index)
    extent = node.extent

    def get(s: Any) -> Any:
        try:
            return M.get_index(obj(s), index(s))
        except PSRuntimeException as exc:
            raise locate(exc, extent)

    def put(s: Any, value: Any) -> None:
        container = obj(s)
        if container is None:
            raise error("Cannot index into a null array.", "NullArray", "InvalidOperation",
                        extent=extent)
        M.set_index(container, index(s), value)   # a failure points at the whole assignment
    return get, put


def _member(node: A.MemberExpressionAst) -> Tuple[Getter, Setter]:
    obj, name = compile_expr(node.target), _member_name(node.member)
    extent = node.extent
    get = compile_expr(node)

    def put(s: Any, value: Any) -> None:
        member = name if isinstance(name, str) else name(s)
        M.set_member(s, obj(s), member, value)
    return get, put


# ---------------------------------------------------------------- statements

def compile_assignment(node: A.AssignmentStatementAst) -> Callable[[Any], Any]:
    """`f(scope) -> the value assigned` (a statement discards it, ( ) outputs it)."""
    from msolsh.runtime.compile_statements import compile_value
    right = compile_value(node.right)
    if isinstance(node.left, A.ArrayLiteralAst):
        return _multiple(node, right)
    left = node.left
    if node.operator != "=" and isinstance(left, A.VariableExpressionAst) and left.scope is None \
            and left.name.lower() not in READ_ONLY and left.name.lower() not in ("null", "psitem"):
        return _compound_variable(node, right)
    get, put = target(left)
    extent = node.extent
    if node.operator == "=":
        def assign(s: Any, out: Any = None) -> Any:
            value = right(s)
            try:
                put(s, value)
            except PSRuntimeException as exc:
                raise locate(exc, extent)
            return value
        return assign
    op = binary(COMPOUND[node.operator])

    def compound(s: Any, out: Any = None) -> Any:
        value = right(s)
        try:
            value = op(get(s), value)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
        except ZeroDivisionError:
            from msolsh.runtime.compile_expressions import divide_by_zero
            raise divide_by_zero(extent)
        try:
            put(s, value)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
        return value
    return compound


def _compound_variable(node: A.AssignmentStatementAst, right: Getter) -> Getter:
    """`$x += v` on a plain variable, the hot path of loops: read, combine, write in place.
    A string grows in place (the dict's reference is dropped first), so += stays linear."""
    name, extent = node.left.name.lower(), node.extent
    op = binary(COMPOUND[node.operator])
    adding = node.operator == "+="

    def compound(s: Any, out: Any = None) -> Any:
        value = right(s)
        variables = s.vars
        current = variables.get(name, MISSING)
        if current is MISSING:
            current = s.lookup(name)
        try:
            if adding and type(current) is str and type(value) is str and name in variables:
                variables[name] = None
                current += value
                result = current
            else:
                result = op(current, value)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
        except ZeroDivisionError:
            from msolsh.runtime.compile_expressions import divide_by_zero
            raise divide_by_zero(extent)
        constraints = s.constraints
        if constraints is None or name not in constraints:
            variables[name] = result
        else:
            try:
                variables[name] = constraints[name](result)
            except PSRuntimeException as exc:
                raise locate(exc, extent)
        return result
    return compound


def _multiple(node: A.AssignmentStatementAst, right: Getter) -> Getter:
    setters = [target(element)[1] for element in node.left.elements]
    last = len(setters) - 1

    def assign(s: Any, out: Any = None) -> Any:
        value = right(s)
        items = value if isinstance(value, list) else [value]
        for i, put in enumerate(setters):
            if i < last:
                put(s, items[i] if i < len(items) else None)
            else:
                rest = items[i:]
                put(s, None if not rest else rest[0] if len(rest) == 1 else list(rest))
        return value
    return assign


def increment(node: A.UnaryExpressionAst) -> Getter:
    """++$x, $x++, --$x, $x--: the value is the new one (prefix) or the old one (postfix)."""
    get, put = target(node.child)
    op = binary("+" if node.operator.endswith("++") else "-")
    postfix = node.operator.startswith("post")
    extent = node.extent

    def step(s: Any) -> Any:
        old = get(s)
        try:
            new = op(0 if old is None else old, 1)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
        put(s, new)
        return old if postfix else new
    return step
