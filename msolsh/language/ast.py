"""The PowerShell syntax tree: small frozen node classes, each with its source extent.

Names follow System.Management.Automation.Language so that pwsh's own documentation reads
onto this code. This module is the contract between the parser (which builds these nodes)
and the compiler (which turns them into closures); it knows nothing of either.

Conventions:
- Operators are stored lower-case and normalised: '-eq', '-ceq', '-ieq' stays '-ieq'
  (the compiler treats '-i' forms like the plain ones), '+', '..', '-f', '-join', ...
- Optional children are None; lists are tuples so that nodes stay hashable and immutable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Tuple, Union


@dataclass(frozen=True)
class Extent:
    """Where a node came from. Lines and columns are 1-based; end is exclusive."""
    file: Optional[str]
    start_line: int
    start_col: int
    end_line: int
    end_col: int
    text: str
    # The whole source text, shared by every extent of one parse, so an error can show its line.
    source: str = field(default="", repr=False, compare=False)

    def line_text(self, line: Optional[int] = None) -> str:
        """The full source line `line` (default: the start line) without its newline."""
        lines = self.source.splitlines() or [""]
        index = (line or self.start_line) - 1
        return lines[index] if 0 <= index < len(lines) else ""


NO_EXTENT = Extent(None, 1, 1, 1, 1, "")


@dataclass(frozen=True)
class Ast:
    extent: Extent


# ---------------------------------------------------------------- script blocks and params

@dataclass(frozen=True)
class TypeConstraintAst(Ast):
    """[int] before a parameter or in a cast. type_name as written: 'int', 'string[]', 'ordered'."""
    type_name: str


@dataclass(frozen=True)
class NamedAttributeArgumentAst(Ast):
    """Mandatory=$true, or bare Mandatory (value None means $true)."""
    name: str
    value: Optional["ExpressionAst"]


@dataclass(frozen=True)
class AttributeAst(Ast):
    """[Parameter(Mandatory, Position=0)], [ValidateSet('a','b')], [CmdletBinding()], [Alias('x')]."""
    type_name: str
    positional_args: Tuple["ExpressionAst", ...]
    named_args: Tuple[NamedAttributeArgumentAst, ...]


@dataclass(frozen=True)
class ParameterAst(Ast):
    """One parameter: `[Parameter(Mandatory)][string]$Name = 'x'`. name has no '$'."""
    name: str
    attributes: Tuple[Union[AttributeAst, TypeConstraintAst], ...]
    default: Optional["ExpressionAst"]


@dataclass(frozen=True)
class ParamBlockAst(Ast):
    attributes: Tuple[AttributeAst, ...]  # e.g. [CmdletBinding(SupportsShouldProcess)]
    parameters: Tuple[ParameterAst, ...]


@dataclass(frozen=True)
class NamedBlockAst(Ast):
    """begin / process / end. A script block without named blocks has one unnamed 'end' block."""
    kind: str  # 'begin' | 'process' | 'end'
    statements: Tuple["StatementAst", ...]
    traps: Tuple["TrapStatementAst", ...]
    unnamed: bool


@dataclass(frozen=True)
class ScriptBlockAst(Ast):
    """A whole script, a { } literal, or a function body."""
    param_block: Optional[ParamBlockAst]
    begin: Optional[NamedBlockAst]
    process: Optional[NamedBlockAst]
    end: Optional[NamedBlockAst]


# ---------------------------------------------------------------- statements

@dataclass(frozen=True)
class StatementAst(Ast):
    pass


@dataclass(frozen=True)
class StatementBlockAst(Ast):
    """The { } body of if/while/foreach/try...; traps declared inside are kept apart."""
    statements: Tuple[StatementAst, ...]
    traps: Tuple["TrapStatementAst", ...]


@dataclass(frozen=True)
class PipelineBaseAst(StatementAst):
    pass


@dataclass(frozen=True)
class PipelineAst(PipelineBaseAst):
    """a | b | c. A lone expression statement is a PipelineAst of one CommandExpressionAst."""
    elements: Tuple["CommandBaseAst", ...]


@dataclass(frozen=True)
class AssignmentStatementAst(PipelineBaseAst):
    """left may be a variable, member, index, typed variable ([int]$x) or an ArrayLiteralAst of
    those (multiple assignment). operator: '=', '+=', '-=', '*=', '/=', '%='."""
    left: "ExpressionAst"
    operator: str
    right: StatementAst


@dataclass(frozen=True)
class IfStatementAst(StatementAst):
    clauses: Tuple[Tuple[PipelineBaseAst, StatementBlockAst], ...]
    else_clause: Optional[StatementBlockAst]


@dataclass(frozen=True)
class SwitchClauseAst(Ast):
    """One `pattern { body }`. condition is a constant/expression or a ScriptBlockExpressionAst."""
    condition: "ExpressionAst"
    body: StatementBlockAst


@dataclass(frozen=True)
class SwitchStatementAst(StatementAst):
    label: Optional[str]
    flags: Tuple[str, ...]  # lower-case: 'regex', 'wildcard', 'exact', 'casesensitive', 'file'
    condition: PipelineBaseAst
    clauses: Tuple[SwitchClauseAst, ...]
    default: Optional[StatementBlockAst]


@dataclass(frozen=True)
class ForEachStatementAst(StatementAst):
    label: Optional[str]
    variable: "VariableExpressionAst"
    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True)
class ForStatementAst(StatementAst):
    label: Optional[str]
    initializer: Optional[PipelineBaseAst]
    condition: Optional[PipelineBaseAst]
    iterator: Optional[PipelineBaseAst]
    body: StatementBlockAst


@dataclass(frozen=True)
class WhileStatementAst(StatementAst):
    label: Optional[str]
    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True)
class DoWhileStatementAst(StatementAst):
    label: Optional[str]
    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True)
class DoUntilStatementAst(StatementAst):
    label: Optional[str]
    condition: PipelineBaseAst
    body: StatementBlockAst


@dataclass(frozen=True)
class BreakStatementAst(StatementAst):
    label: Optional["ExpressionAst"]  # `break outer` -> StringConstantExpressionAst('outer')


@dataclass(frozen=True)
class ContinueStatementAst(StatementAst):
    label: Optional["ExpressionAst"]


@dataclass(frozen=True)
class ReturnStatementAst(StatementAst):
    pipeline: Optional[PipelineBaseAst]


@dataclass(frozen=True)
class ExitStatementAst(StatementAst):
    pipeline: Optional[PipelineBaseAst]


@dataclass(frozen=True)
class ThrowStatementAst(StatementAst):
    pipeline: Optional[PipelineBaseAst]


@dataclass(frozen=True)
class CatchClauseAst(Ast):
    catch_types: Tuple[TypeConstraintAst, ...]  # empty: catches everything
    body: StatementBlockAst


@dataclass(frozen=True)
class TryStatementAst(StatementAst):
    body: StatementBlockAst
    catch_clauses: Tuple[CatchClauseAst, ...]
    finally_clause: Optional[StatementBlockAst]


@dataclass(frozen=True)
class TrapStatementAst(StatementAst):
    trap_type: Optional[TypeConstraintAst]
    body: StatementBlockAst


@dataclass(frozen=True)
class FunctionDefinitionAst(StatementAst):
    """function Name { ... } / filter Name { ... } / function Name($a, $b) { ... }.
    parameters holds the parenthesised form; body.param_block the param() form."""
    name: str
    is_filter: bool
    parameters: Tuple[ParameterAst, ...]
    body: ScriptBlockAst


# ---------------------------------------------------------------- commands

@dataclass(frozen=True)
class CommandBaseAst(StatementAst):
    pass


@dataclass(frozen=True)
class RedirectionAst(Ast):
    pass


@dataclass(frozen=True)
class FileRedirectionAst(RedirectionAst):
    """> file, >> file, 2> file. from_stream: 'output', 'error', 'warning', 'verbose', 'debug',
    'information', 'all'."""
    from_stream: str
    location: "ExpressionAst"
    append: bool


@dataclass(frozen=True)
class MergingRedirectionAst(RedirectionAst):
    """2>&1 and friends."""
    from_stream: str
    to_stream: str


@dataclass(frozen=True)
class CommandParameterAst(Ast):
    """-Name, -Name:value (argument set, colon True). A following separate argument is NOT folded
    in here: the binder decides whether -Name takes the next element."""
    parameter_name: str
    argument: Optional["ExpressionAst"]
    colon: bool


@dataclass(frozen=True)
class CommandAst(CommandBaseAst):
    """A command invocation. elements[0] is the command name (a bare word as
    StringConstantExpressionAst, or any expression after & / .). Other elements are
    CommandParameterAst or expressions (bare words become StringConstantExpressionAst with
    kind 'bare'; @name splats are VariableExpressionAst with splatted=True)."""
    elements: Tuple[Union[CommandParameterAst, "ExpressionAst"], ...]
    invocation_operator: Optional[str]  # None, '&' or '.'
    redirections: Tuple[RedirectionAst, ...]


@dataclass(frozen=True)
class CommandExpressionAst(CommandBaseAst):
    expression: "ExpressionAst"
    redirections: Tuple[RedirectionAst, ...]


# ---------------------------------------------------------------- expressions

@dataclass(frozen=True)
class ExpressionAst(Ast):
    pass


@dataclass(frozen=True)
class BinaryExpressionAst(ExpressionAst):
    """operator: '+', '-', '*', '/', '%', '..', '-f', '-and', '-or', '-xor', '-band', '-bor',
    '-bxor', '-shl', '-shr', '-eq', '-ceq', '-ieq', '-like', '-replace', '-split', '-join',
    '-is', '-isnot', '-as', '-contains', '-in', ... (all lower-case)."""
    operator: str
    left: ExpressionAst
    right: ExpressionAst


@dataclass(frozen=True)
class UnaryExpressionAst(ExpressionAst):
    """operator: '-not', '!', '-bnot', '-' (negate), '+', ',' (unary comma), '-split', '-join',
    '++' / '--' (prefix), 'post++' / 'post--' (postfix)."""
    operator: str
    child: ExpressionAst


@dataclass(frozen=True)
class ConvertExpressionAst(ExpressionAst):
    """[int]$x, [ordered]@{...}, [pscustomobject]@{...}."""
    type: TypeConstraintAst
    child: ExpressionAst


@dataclass(frozen=True)
class ConstantExpressionAst(ExpressionAst):
    """A number already converted to int/float/Decimal (multipliers and hex applied)."""
    value: Any


@dataclass(frozen=True)
class StringConstantExpressionAst(ConstantExpressionAst):
    """value is the final text (escapes processed for double-quoted kinds with no variables).
    kind: 'bare' | 'single' | 'double' | 'here_single' | 'here_double'."""
    kind: str = "bare"


@dataclass(frozen=True)
class ExpandableStringExpressionAst(ExpressionAst):
    """"Hello $name, $($x.Count) items". parts mixes literal str pieces (escapes already
    processed) and expressions (VariableExpressionAst, SubExpressionAst, ...)."""
    value: str
    parts: Tuple[Union[str, ExpressionAst], ...]
    kind: str  # 'double' | 'here_double' | 'bare' (a bare word holding $var in command mode)


@dataclass(frozen=True)
class VariableExpressionAst(ExpressionAst):
    """$name / ${name} / @name. scope: None or lower-case 'global', 'script', 'local',
    'private', 'env', 'using', 'variable'. name has neither '$' nor the scope prefix."""
    name: str
    scope: Optional[str] = None
    splatted: bool = False


@dataclass(frozen=True)
class TypeExpressionAst(ExpressionAst):
    """[math] used as a value, e.g. the target of [math]::Round."""
    type_name: str


@dataclass(frozen=True)
class MemberExpressionAst(ExpressionAst):
    """$x.Name, $x.$prop, [int]::MaxValue (static=True). member is usually a
    StringConstantExpressionAst; it may be any expression ($x.$name, $x.($a+$b))."""
    target: ExpressionAst
    member: ExpressionAst
    static: bool


@dataclass(frozen=True)
class InvokeMemberExpressionAst(MemberExpressionAst):
    """$s.ToUpper(), [math]::Round(1.5, 0)."""
    arguments: Tuple[ExpressionAst, ...] = ()


@dataclass(frozen=True)
class IndexExpressionAst(ExpressionAst):
    """$a[0], $a[-1], $a[1..3], $h['key'], $a[0,2]."""
    target: ExpressionAst
    index: ExpressionAst


@dataclass(frozen=True)
class ArrayLiteralAst(ExpressionAst):
    """1, 2, 3 (the comma operator)."""
    elements: Tuple[ExpressionAst, ...]


@dataclass(frozen=True)
class ArrayExpressionAst(ExpressionAst):
    """@( statements )."""
    statements: StatementBlockAst


@dataclass(frozen=True)
class ParenExpressionAst(ExpressionAst):
    """( pipeline ) - also holds an assignment: ($x = 5)."""
    pipeline: PipelineBaseAst


@dataclass(frozen=True)
class SubExpressionAst(ExpressionAst):
    """$( statements )."""
    statements: StatementBlockAst


@dataclass(frozen=True)
class HashtableAst(ExpressionAst):
    """@{ key = value; ... }. Keys are expressions (bare keys are StringConstantExpressionAst)."""
    pairs: Tuple[Tuple[ExpressionAst, StatementAst], ...]


@dataclass(frozen=True)
class ScriptBlockExpressionAst(ExpressionAst):
    script_block: ScriptBlockAst


def walk(node: Any):
    """Yield node and every Ast below it, depth first (for tools and tests, not hot paths)."""
    if isinstance(node, Ast):
        yield node
        for name in node.__dataclass_fields__:
            if name != "extent":
                yield from walk(getattr(node, name))
    elif isinstance(node, tuple):
        for item in node:
            yield from walk(item)
