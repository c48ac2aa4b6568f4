"""Script functions, filters and script blocks as commands: their parameter declarations
(param() turned into cmdlet.Parameter objects, so the one binder serves both), and the command
processor that runs their begin/process/end blocks in a new scope.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from msolsh.language import ast as A
from msolsh.runtime.binder import Binder, BindResult, CommandMetadata
from msolsh.runtime.binder_support import Argument, BindingError, prompt_for
from msolsh.runtime.cmdlet import ALL_SETS, Parameter, Switch
from msolsh.runtime.command_processor import CommandProcessor
from msolsh.runtime.common import CommonSettings
from msolsh.runtime.compiler_base import ExitSignal, ReturnSignal
from msolsh.runtime.compiler_errors import call_depth_overflow
from msolsh.runtime.scope import MISSING
from msolsh.runtime.scriptblock import ScriptBlock
from msolsh.runtime.values import PSHashtable, PSObject


class Signature:
    """A script block's parameters: declarations, default-value closures and converters."""

    def __init__(self, params: Tuple[A.ParameterAst, ...], block_attrs: Tuple[A.AttributeAst, ...]):
        from msolsh.runtime.compile_expressions import compile_expr, converter_for
        self.uses: frozenset = frozenset()
        self.parameters: Dict[str, Parameter] = {}
        self.defaults: Dict[str, Any] = {}
        self.converters: Dict[str, Any] = {}
        binding = _attribute(block_attrs, "cmdletbinding")
        self.advanced = binding is not None or any(
            _attribute(p.attributes, "parameter") is not None for p in params)
        options = _named(binding) if binding is not None else {}
        self.supports_should_process = bool(options.get("supportsshouldprocess"))
        self.default_set = options.get("defaultparametersetname")
        self.confirm_impact = str(options.get("confirmimpact") or "Medium")
        explicit = any(_named(a).get("position") is not None for p in params for a in p.attributes
                       if isinstance(a, A.AttributeAst) and a.type_name.lower() == "parameter")
        positional = options.get("positionalbinding", True) is not False
        for index, node in enumerate(params):
            param, type_name = _declare(node, None if explicit or not positional else index,
                                        self.advanced)
            self.parameters[param.name] = param
            if node.default is not None:
                self.defaults[param.name] = compile_expr(node.default)
            if type_name and type_name.lower() not in ("switch", "object", "system.object"):
                self.converters[param.name] = converter_for(type_name, node.extent)

    def metadata(self, name: str, fq_class: str) -> CommandMetadata:
        return CommandMetadata(name, self.parameters, self.default_set, self.supports_should_process,
                               self.advanced, fq_class, transform_errors=True)


def _attribute(attrs: Tuple[Any, ...], name: str) -> Optional[A.AttributeAst]:
    for attr in attrs:
        if isinstance(attr, A.AttributeAst) and attr.type_name.lower() == name:
            return attr
    return None


def _constant(node: Any) -> Any:
    """Attribute arguments are constants in practice: numbers, strings, $true/$false, arrays."""
    if isinstance(node, A.ConstantExpressionAst):
        return node.value
    if isinstance(node, A.VariableExpressionAst):
        return {"true": True, "false": False, "null": None}.get(node.name.lower())
    if isinstance(node, A.ArrayLiteralAst):
        return [_constant(e) for e in node.elements]
    if isinstance(node, A.UnaryExpressionAst) and node.operator == "-":
        value = _constant(node.child)
        return -value if isinstance(value, (int, float)) else None
    if isinstance(node, A.ExpandableStringExpressionAst):
        return node.value
    return None


def _named(attr: A.AttributeAst) -> Dict[str, Any]:
    return {arg.name.lower(): (True if arg.value is None else _constant(arg.value))
            for arg in attr.named_args}


def _declare(node: A.ParameterAst, index: Optional[int], advanced: bool) -> Tuple[Parameter, Optional[str]]:
    type_name: Optional[str] = None
    sets: Dict[str, Dict[str, Any]] = {}
    flags: Dict[str, Any] = {}
    extra: Dict[str, Any] = {}      # attributes the binder reads beyond cmdlet.Parameter's own
    for attr in node.attributes:
        if isinstance(attr, A.TypeConstraintAst):
            type_name = attr.type_name
            continue
        kind = attr.type_name.lower()
        values = [_constant(a) for a in attr.positional_args]
        if kind == "parameter":
            named = _named(attr)
            set_name = named.get("parametersetname") or ALL_SETS
            sets[set_name] = dict(mandatory=bool(named.get("mandatory")), position=named.get("position"))
            flags["pipeline"] = flags.get("pipeline") or bool(named.get("valuefrompipeline"))
            flags["pipeline_by_property"] = flags.get("pipeline_by_property") or \
                bool(named.get("valuefrompipelinebypropertyname"))
            flags["help"] = named.get("helpmessage") or ""
            if named.get("valuefromremainingarguments"):
                extra["value_from_remaining_arguments"] = True
        elif kind == "alias":
            flags["aliases"] = tuple(str(v) for v in _flatten(values))
        elif kind == "validateset":
            flags["validate_set"] = tuple(str(v) for v in _flatten(values))
        elif kind == "validaterange" and len(values) == 2:
            flags["validate_range"] = (values[0], values[1])
        elif kind == "validatenotnull":
            flags["not_null"] = True
        elif kind == "validatenotnullorempty":
            flags["not_null_or_empty"] = True
        elif kind in ("allownull", "allowemptystring", "allowemptycollection"):
            extra[{"allownull": "allow_null", "allowemptystring": "allow_empty_string",
                   "allowemptycollection": "allow_empty_collection"}[kind]] = True
    if not sets:
        sets[ALL_SETS] = dict(mandatory=False, position=None)
    if index is not None:
        for spec in sets.values():
            if spec.get("position") is None:
                spec["position"] = index
    is_switch = (type_name or "").lower() in ("switch", "system.management.automation.switchparameter")
    make = Switch if is_switch else (lambda **kw: Parameter(type_name or "object", **kw))
    names = tuple(sets)
    first = sets[names[0]]
    param = make(set=names, sets=sets, mandatory=first["mandatory"], position=first["position"], **flags)
    param.name = node.name
    for attribute, value in extra.items():
        setattr(param, attribute, value)
    return param, type_name


def _flatten(values: List[Any]) -> List[Any]:
    flat: List[Any] = []
    for value in values:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def signature_of(block: ScriptBlock, extra: Tuple[A.ParameterAst, ...] = ()) -> Signature:
    compiled = block.compiled
    if compiled.signature is None:
        param_block = block.ast.param_block
        params = extra or (param_block.parameters if param_block else ())
        attrs = param_block.attributes if param_block else ()
        compiled.signature = Signature(params, attrs)
        compiled.signature.uses = _variables_used(block.ast)
    return compiled.signature


def _variables_used(node: A.ScriptBlockAst) -> frozenset:
    """The variable names a body reads, so that costly automatic variables ($MyInvocation,
    $PSBoundParameters) are only built for functions that use them."""
    return frozenset(n.name.lower() for n in A.walk(node) if isinstance(n, A.VariableExpressionAst))


class FunctionInfo:
    """A function or filter in the session: `function Name { ... }`."""

    command_type = "Function"

    def __init__(self, name: str, block: ScriptBlock, is_filter: bool,
                 parameters: Tuple[A.ParameterAst, ...] = ()):
        self.name = name
        self.block = block
        self.is_filter = is_filter
        self.signature = signature_of(block, parameters)
        self.meta = self.signature.metadata(name, name)
        if is_filter:
            self.command_type = "Filter"

    @classmethod
    def from_ast(cls, node: A.FunctionDefinitionAst) -> "FunctionInfo":
        return cls(node.name, ScriptBlock(node.body), node.is_filter, node.parameters)

    module = ""

    @property
    def definition(self) -> str:
        return self.block.text

    @property
    def parameters(self) -> Dict[str, Parameter]:
        """The declared parameters, as cmdlet.Parameter objects (Get-Command -Syntax, help)."""
        return self.signature.parameters

    @property
    def default_set(self) -> Optional[str]:
        return self.signature.default_set

    @property
    def supports_should_process(self) -> bool:
        return self.signature.supports_should_process

    def __str__(self) -> str:
        return self.name


class ScriptProcessor(CommandProcessor):
    """Runs a function, filter, script block or script file as a command."""

    def __init__(self, session: Any, caller: Any, block: ScriptBlock, name: str,
                 signature: Signature, meta: CommandMetadata, args: List[Argument], position: int,
                 extent: Any, has_input: bool, dot: bool = False, is_filter: bool = False,
                 script_path: Optional[str] = None):
        super().__init__(session, caller, name, extent, position)
        self.block, self.signature, self.meta = block, signature, meta
        self.fq_class = name
        self.compiled = block.compiled
        self.is_filter = is_filter
        self.dot = dot
        self.script_path = script_path
        prompt = prompt_for(session)
        self.binder = Binder(meta, prompt, position)
        self.result: BindResult = self.binder.bind(args, has_input, extent)
        self.common = CommonSettings(self.result.common)
        self.own: Any = caller if dot else caller.child(is_script=script_path is not None)
        if not dot:
            self.own.invocation = (name, extent)
        self.input: List[Any] = []
        self._set_parameters()

    @classmethod
    def for_block(cls, session: Any, caller: Any, block: ScriptBlock, values: List[Any],
                  dot: bool = False) -> "ScriptProcessor":
        signature = signature_of(block)
        meta = signature.metadata("", "")
        args = [Argument(None, v, True, None) for v in values]
        return cls(session, caller, block, "", signature, meta, args, 1, block.ast.extent,
                   False, dot=dot)

    def pref_scope(self) -> Any:
        return self.own

    # ---------------------------------------------------------------- parameters into the scope
    def _set_parameters(self) -> None:
        scope, result, sig = self.own, self.result, self.signature
        for name, param in sig.parameters.items():
            key = name.lower()
            if name in result.bound:
                value = result.bound[name]
            elif name in sig.defaults:
                value = sig.defaults[name](scope)
            else:
                value = False if param.is_switch else None
            convert = sig.converters.get(name)
            if convert is not None:
                scope.constrain(key, convert, value)
            else:
                scope.vars[key] = value
        variables = scope.vars
        variables["args"] = list(result.extra)
        uses = sig.uses
        if "psboundparameters" in uses:
            variables["psboundparameters"] = PSHashtable(result.bound.items())
        if "myinvocation" in uses or self.script_path:
            variables["myinvocation"] = self._invocation()
        if self.script_path:
            import os
            variables["pscommandpath"] = self.script_path
            variables["psscriptroot"] = os.path.dirname(self.script_path)
        if self.meta.advanced:
            from msolsh.runtime.command_processor import PSCmdletView
            variables["pscmdlet"] = PSCmdletView(self)
            self._preferences(variables)

    def _preferences(self, variables: dict) -> None:
        common = self.common
        if common.error_action:
            variables["erroractionpreference"] = common.error_action
        if common.warning_action:
            variables["warningpreference"] = common.warning_action
        if common.verbose is not None:
            variables["verbosepreference"] = "Continue" if common.verbose else "SilentlyContinue"
        if common.debug is not None:
            variables["debugpreference"] = "Continue" if common.debug else "SilentlyContinue"
        if common.what_if is not None:
            variables["whatifpreference"] = bool(common.what_if)
        if common.confirm is not None:
            variables["confirmpreference"] = "Low" if common.confirm else "None"

    def _invocation(self) -> PSObject:
        extent = self.extent
        line = extent.line_text() if extent is not None else ""
        command = PSObject([("Name", self.name or ""), ("CommandType", "Script" if self.script_path else "Function"),
                            ("Definition", self.block.text)], ["System.Management.Automation.CommandInfo", "System.Object"])
        return PSObject([
            ("MyCommand", command), ("BoundParameters", PSHashtable(self.result.bound.items())),
            ("UnboundArguments", list(self.result.extra)),
            ("ScriptName", (extent.file if extent is not None else None) or ""),
            ("Line", line), ("InvocationName", self.name),
            ("PSScriptRoot", self.own.vars.get("psscriptroot") or ""),
            ("PSCommandPath", self.script_path or ""),
            ("ScriptLineNumber", extent.start_line if extent is not None else 0),
            ("OffsetInLine", extent.start_col if extent is not None else 0),
            ("PipelinePosition", self.position),
        ], ["System.Management.Automation.InvocationInfo", "System.Object"])

    # ---------------------------------------------------------------- running the blocks
    catch_exit = True     # `exit` in a script called from a script ends only that script
    exited = False

    def _run(self, block: Any) -> None:
        if block is None or self.exited:
            return
        session = self.session
        session.depth += 1
        captures = self._error_list is not None
        if captures:     # -ErrorVariable: every error written while the function runs
            session.error_captures.append(self._error_list)
        try:
            if session.depth > session.max_depth:
                raise call_depth_overflow(self.extent)
            block(self.own, self._sink)
        except ReturnSignal:
            pass
        except ExitSignal as signal:
            if not (self.script_path and self.catch_exit):
                raise
            session.global_scope.vars["lastexitcode"] = signal.code
            self.exited = True
        finally:
            session.depth -= 1
            if captures:
                session.error_captures.pop()

    def begin(self) -> None:
        self.start_variables()
        self._sink = _Sink(self.emit)
        self._run(self.compiled.begin)

    def process(self, obj: Any) -> None:
        if self.meta.advanced and self.meta.takes_pipeline:
            try:
                values = self.binder.bind_pipeline(self.result, obj, self.extent)
            except BindingError as exc:
                self.write_error(None, exc.record)
                return
            for name, value in values.items():
                convert = self.signature.converters.get(name)
                self.own.assign(name.lower(), convert(value) if convert else value)
        process = self.compiled.end if self.is_filter else self.compiled.process
        if process is None:
            self.input.append(obj)
            return
        variables = self.own.vars
        variables["_"] = obj
        variables["input"] = [obj]
        self._run(process)

    def process_no_input(self) -> None:
        process = self.compiled.end if self.is_filter else self.compiled.process
        if process is not None:
            self.own.vars["_"] = None
            self.own.vars["input"] = []
            self._run(process)

    def end(self) -> None:
        if self.is_filter:
            return
        self.own.vars["input"] = self.input
        self._run(self.compiled.end)

    def run_alone(self, dollar_under: Any = MISSING, input: Any = None) -> None:
        """Begin, one process step (with $_ if given, or each of `input`), end."""
        self.begin()
        if dollar_under is not MISSING:
            self.own.vars["_"] = dollar_under
        if input is not None:
            for item in (input if isinstance(input, list) else [input]):
                self.process(item)
        elif self.compiled.process is not None or self.is_filter:
            if dollar_under is MISSING:
                self.process_no_input()
            else:
                self.process(dollar_under)
        self.end()


class _Sink:
    """An `out` for statements that sends each object to the next command."""

    __slots__ = ("append",)

    def __init__(self, emit: Any):
        self.append = emit
