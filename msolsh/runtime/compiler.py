"""The compiler: a ScriptBlockAst becomes Python closures, once (cached by the AST's id).

The work is split by kind of node:
  compile_expressions.py  expressions      -> f(scope) -> value
  compile_statements.py   statements       -> f(scope, out); statement-level error handling
  compile_assign.py       assignment targets, compound assignment, ++/--
  compile_loops.py        foreach/for/while/do, switch, break/continue/return/exit
  compile_try.py          try/catch/finally, throw, trap
  compiler_members.py     member access, .Where()/.ForEach(), the engine objects' members
  compiler_errors.py      .NET exception types for catch, $_ of an ErrorRecord, Python errors
  compiler_base.py        control-flow signals and the value modules (coerce, operators, ...)
Pipelines and commands are compiled by pipeline.py. Nothing here knows the tenant.

    compiled = compile_scriptblock(parse("1 + 1"))
    out = []; compiled.end(scope, out)      # out == [2]
"""
from __future__ import annotations

from msolsh.runtime.compile_expressions import compile_expr
from msolsh.runtime.compile_statements import compile_block, compile_statement, compile_value
from msolsh.runtime.scriptblock import CompiledBlock, ScriptBlock, compile_scriptblock

__all__ = ["compile_scriptblock", "compile_expr", "compile_statement", "compile_block",
           "compile_value", "CompiledBlock", "ScriptBlock"]
