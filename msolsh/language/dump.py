"""A compact one-line text form of a syntax tree, for tests and debugging (not hot paths).

`dump(parse("1 + $x"))` -> `(ScriptBlock - - - (NamedBlock end [(Pipeline [(CommandExpression
(BinaryExpression + 1 $x) [])])] [] True))`. Leaves are short: `$x`, `$env:Path`, `@splat`,
`bare"foo"`, `single"text"`, numbers as Python repr; `-` is None. Knows only the AST.
"""
from __future__ import annotations

from typing import Any

from msolsh.language import ast as A


def dump(node: Any) -> str:
    if isinstance(node, A.VariableExpressionAst):
        prefix = "@" if node.splatted else "$"
        return f"{prefix}{node.scope + ':' if node.scope else ''}{node.name}"
    if isinstance(node, A.StringConstantExpressionAst):
        return f'{node.kind}"{node.value}"'
    if type(node) is A.ConstantExpressionAst:
        return repr(node.value)
    if isinstance(node, A.TypeConstraintAst):
        return f"[{node.type_name}]"
    if isinstance(node, A.Ast):
        name = type(node).__name__[:-3]
        fields = [dump(getattr(node, f)) for f in node.__dataclass_fields__ if f != "extent"]
        return "(" + " ".join([name] + fields) + ")"
    if isinstance(node, tuple):
        return "[" + " ".join(dump(item) for item in node) + "]"
    if node is None:
        return "-"
    if isinstance(node, str):
        return node if node and " " not in node else repr(node)
    return repr(node)


def dump_statement(text: str) -> str:
    """The dump of the first statement of `text`'s end block, the usual thing a test wants."""
    from msolsh.language.parser import parse
    return dump(parse(text).end.statements[0])


def dump_expression(text: str) -> str:
    """The dump of `text` parsed as a lone expression statement."""
    from msolsh.language.parser import parse
    statement = parse(text).end.statements[0]
    return dump(statement.elements[0].expression)
