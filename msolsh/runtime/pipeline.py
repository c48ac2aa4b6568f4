"""Pipelines: `a | b | c` compiled to a closure that resolves each command (alias -> function ->
cmdlet -> script file), binds its arguments, wires the processors together and streams objects
through begin / process / end, one object at a time.

Select-Object -First stops its upstream by raising StopUpstream; the pipeline then runs only
the end blocks from that command on. Nothing here knows the tenant.
"""
from __future__ import annotations

import os
from typing import Any, Callable, List, Optional

from msolsh.language import ast as A
from msolsh.runtime.binder_support import Argument
from msolsh.runtime.command_processor import CmdletProcessor, StopUpstream
from msolsh.runtime.compile_expressions import compile_expr
from msolsh.runtime.compiler_base import emit_value, to_string
from msolsh.runtime.errors import ErrorRecord, InvocationInfo, PSRuntimeException
from msolsh.runtime.pipeline_redirection import Redirected, compile_redirections
from msolsh.runtime.values import PSHashtable

__all__ = ["compile_pipeline", "StopUpstream", "run_elements"]


def compile_pipeline(node: A.PipelineAst) -> Callable[[Any, Any], None]:
    elements = [compile_element(e) for e in node.elements]

    def run(s: Any, out: Any) -> None:
        run_elements(s, elements, out)
    return run


def compile_element(node: A.CommandBaseAst) -> Any:
    if isinstance(node, A.CommandExpressionAst):
        return ExpressionElement(node)
    return CommandElement(node)


class ExpressionElement:
    """An expression at the head of a pipeline: its value, enumerated, is the input."""

    def __init__(self, node: A.CommandExpressionAst):
        expression = node.expression
        if isinstance(expression, A.BinaryExpressionAst) and expression.operator == "..":
            from msolsh.runtime.compile_loops import range_items
            self.value = range_items(expression)    # `1..1e9 | Select -First 1` stays lazy
        else:
            self.value = compile_expr(expression)
        self.redirections = compile_redirections(node.redirections)

    def create(self, s: Any, position: int, has_input: bool) -> Any:
        return ExpressionProcessor(s, self.value)


class ExpressionProcessor:
    def __init__(self, s: Any, value: Any):
        self.s, self.value = s, value
        self.emit: Any = None
        self.pipeline: Any = None
        self.index = 0

    def begin(self) -> None:
        pass

    def process_no_input(self) -> None:
        value = self.value(self.s)
        if type(value) is range:
            emit = self.emit
            for item in value:
                emit(item)
            return
        emit_value(value, _Emitter(self.emit))

    def process(self, obj: Any) -> None:
        self.process_no_input()

    def end(self) -> None:
        pass


class _Emitter:
    __slots__ = ("append",)

    def __init__(self, emit: Any):
        self.append = emit


class CommandElement:
    """One command: its name (or the expression after & / .) and its compiled arguments."""

    def __init__(self, node: A.CommandAst):
        self.node = node
        self.extent = node.extent
        head = node.elements[0]
        self.name_extent = head.extent
        self.dot = node.invocation_operator == "."
        self.static_name: Optional[str] = None
        if isinstance(head, A.StringConstantExpressionAst) and node.invocation_operator is None:
            self.static_name = head.value
        self.head = compile_expr(head)
        self.args = [_compile_argument(e) for e in node.elements[1:]]
        self.redirections = compile_redirections(node.redirections)

    def arguments(self, s: Any) -> List[Argument]:
        result: List[Argument] = []
        for kind, a, b, extent in self.args:
            if kind == "named":
                result.append(Argument(a, b(s) if b else None, b is not None, extent, f"-{a}"))
            elif kind == "splat":
                _splat(a(s), extent, result)
            else:
                result.append(Argument(None, a(s), True, extent))
        return result

    def create(self, s: Any, position: int, has_input: bool) -> Any:
        from msolsh.runtime.functions import FunctionInfo, ScriptProcessor, signature_of
        from msolsh.runtime.scriptblock import ScriptBlock
        session = s.session
        target = self.static_name if self.static_name is not None else self.head(s)
        name = target if isinstance(target, str) else getattr(target, "name", "")
        command = target if not isinstance(target, str) else session.resolve_command(target, s)
        if command is None:
            raise command_not_found(to_string(target), self.name_extent)
        args = self.arguments(s)
        if isinstance(command, FunctionInfo):
            return ScriptProcessor(session, s, command.block, command.name, command.signature,
                                   command.meta, args, position, self.extent, has_input,
                                   dot=self.dot, is_filter=command.is_filter)
        if isinstance(command, ScriptBlock):
            sig = signature_of(command)
            return ScriptProcessor(session, s, command, "", sig, sig.metadata("", ""), args,
                                   position, self.extent, has_input, dot=self.dot)
        if isinstance(command, ScriptFile):
            return command.processor(session, s, args, position, self.extent, has_input, self.dot)
        if isinstance(command, type):
            return CmdletProcessor(session, s, command, args, position, self.extent, has_input, name)
        raise command_not_found(to_string(target), self.name_extent)


def _compile_argument(node: Any) -> tuple:
    if isinstance(node, A.CommandParameterAst):
        value = compile_expr(node.argument) if node.argument is not None else None
        return ("named", node.parameter_name, value, node.extent)
    if isinstance(node, A.VariableExpressionAst) and node.splatted:
        plain = A.VariableExpressionAst(node.extent, node.name, node.scope, False)
        return ("splat", compile_expr(plain), None, node.extent)
    return ("positional", compile_expr(node), None, node.extent)


def _splat(value: Any, extent: Any, result: List[Argument]) -> None:
    if isinstance(value, PSHashtable):
        for key, item in value.items():
            result.append(Argument(to_string(key), item, True, extent, f"-{key}"))
    elif isinstance(value, list):
        result.extend(Argument(None, item, True, extent) for item in value)
    elif value is not None:
        result.append(Argument(None, value, True, extent))


def command_not_found(name: str, extent: Any) -> PSRuntimeException:
    record = ErrorRecord(
        f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or "
        f"operable program. Check the spelling of the name, or if a path was included, verify "
        f"that the path is correct and try again.", "CommandNotFoundException", "ObjectNotFound",
        target=name, target_type="String", activity="",
        exception_type="System.Management.Automation.CommandNotFoundException",
        invocation=InvocationInfo(command_name=name, extent=extent))
    return PSRuntimeException(record)


class ScriptFile:
    """A .ps1 file used as a command (`./fix.ps1 -Name x`)."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        self.name = os.path.basename(path)

    def processor(self, session: Any, s: Any, args: list, position: int, extent: Any,
                  has_input: bool, dot: bool) -> Any:
        from msolsh.runtime.functions import ScriptProcessor, signature_of
        block = session.load_script(self.path)
        sig = signature_of(block)
        return ScriptProcessor(session, s, block, self.name, sig, sig.metadata(self.name, self.name),
                               args, position, extent, has_input, dot=dot, script_path=self.path)


# ---------------------------------------------------------------- running

def run_elements(s: Any, elements: List[Any], out: Any) -> None:
    session = s.session
    serial = session.error_serial
    procs = []
    for index, element in enumerate(elements):
        proc = element.create(s, index + 1, index > 0)
        if element.redirections:
            proc = Redirected(proc, element.redirections, s)
        procs.append(proc)
    token = object()
    last = len(procs) - 1
    for index, proc in enumerate(procs):
        proc.pipeline, proc.index = token, index
        proc.emit = procs[index + 1].process if index < last else out.append
    ended = [False] * len(procs)
    try:
        for proc in procs:
            proc.begin()
        procs[0].process_no_input()
        for index, proc in enumerate(procs):
            ended[index] = True
            proc.end()
    except StopUpstream as stop:
        if stop.owner is not token:
            raise
        for index in range(stop.index, len(procs)):
            if not ended[index]:
                ended[index] = True
                procs[index].end()
    finally:
        for proc in procs:
            finish = getattr(proc, "finish", None)
            if finish is not None:
                finish()
    session.success = session.error_serial == serial
