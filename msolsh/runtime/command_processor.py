"""Running one command of a pipeline: the side channels every command has (errors, warnings,
verbose, ShouldProcess, -ErrorVariable/-OutVariable) and the processor for cmdlet classes.

The pipeline (pipeline.py) creates one processor per command, wires `emit` to the next one and
calls begin / process(obj) / process_no_input / end. Script functions have their processor in
functions.py, built on CommandProcessor. Nothing here knows the tenant.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from msolsh.language.ast import NO_EXTENT, Extent
from msolsh.runtime.binder import Binder, BindResult, CommandMetadata
from msolsh.runtime.binder_support import BindingError, prompt_for
from msolsh.runtime.cmdlet import Cmdlet
from msolsh.runtime.common import CommonSettings, NotInteractiveError
from msolsh.runtime.compiler_base import ControlFlow, mark_script_terminating, to_bool, to_string
from msolsh.runtime.errors import ErrorRecord, InvocationInfo, PSRuntimeException
from msolsh.runtime.scriptblock import ScriptBlock

IMPACT = {"none": 0, "low": 1, "medium": 2, "high": 3}
CONFIRM_CHOICES = [
    ("&Yes", "Continue with only the next step of the operation."),
    ("Yes to &All", "Continue with all the steps of the operation."),
    ("&No", "Skip this operation and proceed with the next operation."),
    ("No to A&ll", "Skip this operation and all subsequent operations."),
    ("&Suspend", 'Pause the current pipeline and return to the command prompt. Type "exit" to '
                 'resume the pipeline.'),
]


class StopUpstream(ControlFlow):
    """Raised by a command that needs no more input (Select-Object -First): the pipeline stops
    the commands before it and runs the end blocks of it and those after it."""

    def __init__(self) -> None:
        super().__init__()
        self.owner: Any = None
        self.index = 0


class CommandProcessor:
    """What every command processor shares: identity, emit, common parameters, side channels."""

    def __init__(self, session: Any, scope: Any, name: str, extent: Optional[Extent], position: int):
        self.session = session
        self.scope = scope              # the caller's scope; preferences are read from here
        self.name = name
        self.extent = extent
        self.position = position
        self.emit: Any = None
        self.common = CommonSettings()
        self.pipeline: Any = None
        self.index = 0
        self.fq_class: Optional[str] = None
        self.yes_to_all = self.no_to_all = False
        self._error_list: Optional[list] = None
        self._warning_list: Optional[list] = None

    # ---------------------------------------------------------------- preferences
    def preference(self, name: str) -> Any:
        return self.pref_scope().lookup(name)

    def pref_scope(self) -> Any:
        return self.scope

    def error_action(self) -> str:
        return self.common.error_action or to_string(self.preference("erroractionpreference") or "Continue")

    def caller_invocation(self) -> InvocationInfo:
        """The function or script this command runs in (its name and call-site extent), as pwsh
        attributes Write-Error's records. At the prompt, Windows PowerShell 5.1 names the whole
        input line instead and shows no position: that is what comes back then (an empty
        extent, which the error view draws as nothing)."""
        scope = self.scope
        while scope is not None:
            if scope.invocation is not None:
                name, extent = scope.invocation
                return InvocationInfo(command_name=name or None, extent=extent,
                                      script_name=extent.file if extent is not None else None)
            scope = scope.parent
        line = self.extent.line_text().strip() if self.extent is not None else None
        return InvocationInfo(command_name=line or None, extent=NO_EXTENT)

    def attribute_to_caller(self, record: ErrorRecord) -> ErrorRecord:
        """Write-Error's layout: the record names the caller (caller_invocation) and, inside a
        function or script, its FullyQualifiedErrorId ends with the caller's name; CategoryInfo
        still names this command."""
        info = self.caller_invocation()
        record.invocation = info
        if record.activity is None:
            record.activity = self.name
        if info.extent is not NO_EXTENT and record.fq_class is None:
            record.fq_class = info.command_name
        return record

    def set_variable(self, name: str, value: Any) -> None:
        """Set a variable in the scope the command was called from (-OutVariable, Tee-Object)."""
        self.scope.assign(name.lower(), value)

    # ---------------------------------------------------------------- variables of the common parameters
    def start_variables(self) -> None:
        from msolsh.runtime.pstypes import PSList
        common = self.common
        self._error_list = self._capture(common.error_variable, PSList)
        self._warning_list = self._capture(common.warning_variable, PSList)
        if common.out_variable:
            captured = self._capture(common.out_variable, PSList)
            downstream = self.emit

            def emit_and_keep(obj: Any) -> None:
                captured.append(obj)
                downstream(obj)
            self.emit = emit_and_keep

    def _capture(self, name: Optional[str], make: Any) -> Optional[list]:
        if not name:
            return None
        append = name.startswith("+")
        key = name.lstrip("+").lower()
        existing = self.scope.lookup(key) if append else None
        if isinstance(existing, list):
            return existing
        target = make([existing] if existing is not None else [])
        self.scope.assign(key, target)
        return target

    # ---------------------------------------------------------------- side channels
    def complete(self, record: ErrorRecord) -> ErrorRecord:
        info = record.invocation
        if info.command_name is None:
            info.command_name = self.name
        if info.extent is None:
            info.extent = self.extent
        return record

    def write_error(self, cmdlet: Any, record: ErrorRecord) -> None:
        record = self.complete(record)
        if self._error_list is not None:
            self._error_list.append(record)
        self.session.non_terminating_error(record, self.error_action())

    def throw_terminating(self, cmdlet: Any, record: ErrorRecord) -> None:
        raise PSRuntimeException(self.complete(record))

    def write_warning(self, cmdlet: Any, message: str) -> None:
        action = self.common.warning_action or to_string(self.preference("warningpreference") or "Continue")
        action = action.lower()
        if self._warning_list is not None:
            self._warning_list.append(message)
        if action in ("silentlycontinue", "ignore"):
            return
        self.session.show("warning", message)
        if action == "stop":
            record = ErrorRecord(
                f'The running command stopped because the preference variable "WarningPreference" '
                f'or common parameter is set to Stop: {message}', "ActionPreferenceStop",
                "OperationStopped",
                exception_type="System.Management.Automation.ActionPreferenceStopException",
                invocation=InvocationInfo(command_name=self.name, extent=self.extent))
            raise mark_script_terminating(PSRuntimeException(record))

    def _stream_on(self, switch: Optional[bool], variable: str) -> bool:
        if switch is not None:
            return bool(switch)
        return to_string(self.preference(variable) or "").lower() in ("continue", "inquire", "stop")

    def write_verbose(self, cmdlet: Any, message: str) -> None:
        if self._stream_on(self.common.verbose, "verbosepreference"):
            self.session.show("verbose", message)

    def write_debug(self, cmdlet: Any, message: str) -> None:
        if self._stream_on(self.common.debug, "debugpreference"):
            self.session.show("debug", message)

    def write_host(self, cmdlet: Any, text: str, foreground: Optional[str] = None,
                   background: Optional[str] = None, newline: bool = True) -> None:
        self.session.write_host(text, foreground, background, newline)

    # ---------------------------------------------------------------- ShouldProcess
    def should_process(self, cmdlet: Any, target: str, action: str) -> bool:
        what_if = self.common.what_if
        if what_if is None:
            what_if = to_bool(self.preference("whatifpreference"))
        if what_if:
            self.session.write_host(f'What if: Performing the operation "{action}" on target "{target}".')
            return False
        if self.no_to_all:
            return False
        if self.yes_to_all or not self._must_confirm(cmdlet):
            return True
        message = (f"Are you sure you want to perform this action?\n"
                   f'Performing the operation "{action}" on target "{target}".')
        choice = self.session.prompt_choice("Confirm", message, CONFIRM_CHOICES, 0)
        self.yes_to_all = choice == 1
        self.no_to_all = choice == 3
        return choice in (0, 1)

    def _must_confirm(self, cmdlet: Any) -> bool:
        if self.common.confirm is not None:
            return bool(self.common.confirm)
        preference = to_string(self.preference("confirmpreference") or "High").lower()
        if preference == "none":
            return False
        impact = getattr(cmdlet, "confirm_impact", "Medium") if cmdlet is not None else "Medium"
        return IMPACT.get(impact.lower(), 2) >= IMPACT.get(preference, 3)

    def should_continue(self, cmdlet: Any, query: str, caption: str) -> bool:
        choices = [CONFIRM_CHOICES[0], CONFIRM_CHOICES[2], CONFIRM_CHOICES[4]]
        return self.session.prompt_choice(caption, query, choices, 0) == 0

    # ---------------------------------------------------------------- helpers for cmdlets
    def invoke_script(self, cmdlet: Any, script: Any, args: Any, dollar_under: Any, input: Any) -> List[Any]:
        if type(script) is not ScriptBlock:
            raise PSRuntimeException(self.error_record(
                cmdlet, f"Cannot convert the \"{to_string(script)}\" value of type "
                        f"\"{type(script).__name__}\" to type \"System.Management.Automation.ScriptBlock\".",
                "ScriptBlockArgumentNoInput", "InvalidArgument"))
        if input is None:
            return script.invoke_with_item(self.scope, dollar_under, args)
        return script.invoke(self.session, list(args or ()), scope=self.scope, dot=True,
                             dollar_under=dollar_under, input=input)

    def error_record(self, cmdlet: Any, message: str, error_id: str, category: str = "NotSpecified",
                     target: Any = None, exception_type: Optional[str] = None,
                     fq_class: Optional[str] = None, **extra: Any) -> ErrorRecord:
        fields: Dict[str, Any] = dict(extra)
        if exception_type:
            fields["exception_type"] = exception_type
        return ErrorRecord(message, error_id, category, target=target,
                           fq_class=fq_class or self.fq_class,
                           invocation=InvocationInfo(command_name=self.name, extent=self.extent),
                           **fields)

    def drain(self, method: Any) -> None:
        """Call a begin/process/end method and send what it returns or yields downstream,
        one object at a time."""
        emit = self.emit
        try:
            result = method()
            if result is None:
                return
            for item in result:
                emit(item)
        except StopUpstream as stop:
            if stop.owner is None:
                stop.owner, stop.index = self.pipeline, self.index
            raise
        except PSRuntimeException as exc:   # raised by the command's own code: name it
            info = exc.record.invocation
            if info.command_name is None and info.extent is None:
                self.complete(exc.record)
                if isinstance(exc, NotInteractiveError) and exc.record.fq_class is None:
                    exc.record.fq_class = self.fq_class
            raise


def default_fq_class(cls: Any) -> str:
    own = getattr(cls, "fq_class", None)
    if isinstance(own, str) and own:
        return own
    return f"Microsoft.PowerShell.Commands.{cls.verb}{cls.noun.replace('-', '')}Command"


def cmdlet_metadata(cls: Any) -> CommandMetadata:
    meta = cls.__dict__.get("_msolsh_meta")
    if meta is None:
        meta = CommandMetadata(cls.name, cls.parameters, cls.default_set,
                               cls.supports_should_process, True, default_fq_class(cls))
        cls._msolsh_meta = meta
    return meta


class CmdletProcessor(CommandProcessor):
    """Runs a cmdlet class: binds, sets the parameters as attributes, drives begin/process/end."""

    def __init__(self, session: Any, scope: Any, cls: Any, args: list, position: int,
                 extent: Optional[Extent], has_input: bool, invocation_name: Optional[str] = None):
        super().__init__(session, scope, cls.name, extent, position)
        self.cls = cls
        self.meta = cmdlet_metadata(cls)
        self.fq_class = self.meta.fq_class
        prompt = prompt_for(session)
        self.binder = Binder(self.meta, prompt, position)
        self.result: BindResult = self.binder.bind(args, has_input, extent)
        self.common = CommonSettings(self.result.common)
        self.cmdlet = self._instantiate()

    def _instantiate(self) -> Cmdlet:
        cmdlet = self.cls()
        cmdlet.session = self.session
        cmdlet._processor = self
        cmdlet.parameter_set = self.result.set_name
        cmdlet.bound = dict(self.result.bound)
        self._defaults = {name: False if param.is_switch else param.default
                          for name, param in self.cls.parameters.items()}
        for name, default in self._defaults.items():
            setattr(cmdlet, name, self.result.bound.get(name, default))
        return cmdlet

    def begin(self) -> None:
        self.start_variables()
        self.drain(self.cmdlet.begin)

    def process(self, obj: Any) -> None:
        plan = self.result.plan
        if plan is not None and plan.any_object is not None:
            self._process_one(plan.any_object, obj)
            return
        try:
            values = self.binder.bind_pipeline(self.result, obj, self.extent)
        except BindingError as exc:
            self.write_error(None, exc.record)
            return
        cmdlet = self.cmdlet
        cmdlet.parameter_set = self.result.current_set
        bound = cmdlet.bound
        for name, value in values.items():
            setattr(cmdlet, name, value)
            bound[name] = value
        try:
            self.drain(cmdlet.process)
        finally:
            defaults = self._defaults
            for name in values:
                setattr(cmdlet, name, defaults[name])
                del bound[name]

    def _process_one(self, name: str, obj: Any) -> None:
        """The common case: one -InputObject-like parameter takes every object as it is."""
        cmdlet = self.cmdlet
        cmdlet.parameter_set = self.result.plan.any_object_set
        setattr(cmdlet, name, obj)
        cmdlet.bound[name] = obj
        try:
            self.drain(cmdlet.process)
        finally:
            setattr(cmdlet, name, self._defaults[name])
            del cmdlet.bound[name]

    def process_no_input(self) -> None:
        self.drain(self.cmdlet.process)

    def end(self) -> None:
        self.drain(self.cmdlet.end)


class PSCmdletView:
    """$PSCmdlet inside an advanced function: ShouldProcess, WriteError, ... of its processor."""

    __slots__ = ("processor",)

    def __init__(self, processor: CommandProcessor):
        self.processor = processor

    def member(self, s: Any, name: str) -> Any:
        lower = name.lower()
        if lower == "parametersetname":
            result = self.processor.result
            return result.current_set or result.set_name
        if lower == "myinvocation":
            return self.processor.own.vars.get("myinvocation") or self.processor._invocation()
        if lower == "commandruntime":
            return self.processor.name
        return None

    def method(self, s: Any, name: str, args: list) -> Any:
        spec = _PSCMDLET_METHODS.get(name)
        if spec is None:
            return False, None
        proper, fewest, most = spec
        if not fewest <= len(args) <= most:
            raise PSRuntimeException(ErrorRecord(
                f'Cannot find an overload for "{proper}" and the argument count: "{len(args)}".',
                "MethodCountCouldNotFindBest", "NotSpecified",
                exception_type="System.Management.Automation.MethodException"))
        if proper in ("WriteError", "ThrowTerminatingError") and not isinstance(args[0], ErrorRecord):
            raise _not_an_error_record(proper, args[0])
        try:
            return True, self._call(name, args)
        except NotInteractiveError as exc:    # a .NET method call: pwsh wraps what it threw
            raise PSRuntimeException(ErrorRecord(
                f'Exception calling "{proper}" with "{len(args)}" argument(s): "{exc.record.message}"',
                "PSInvalidOperationException", "NotSpecified",
                exception_type="System.Management.Automation.MethodInvocationException")) from None

    def _call(self, name: str, args: list) -> Any:
        p = self.processor
        text = [to_string(a) for a in args]
        if name == "shouldprocess":
            return p.should_process(self, text[0], text[1] if len(args) > 1 else p.name)
        if name == "shouldcontinue":
            return p.should_continue(None, text[0], text[1])
        if name == "writeerror":
            return p.write_error(None, args[0])
        if name == "throwterminatingerror":
            return p.throw_terminating(None, args[0])
        if name == "writeobject":           # WriteObject(list, $true) enumerates the list
            items = args[0] if len(args) > 1 and to_bool(args[1]) and isinstance(args[0], list) else [args[0]]
            for item in items:
                p.emit(item)
            return None
        channel = {"writeverbose": p.write_verbose, "writewarning": p.write_warning,
                   "writedebug": p.write_debug}[name]
        return channel(None, text[0])

    @property
    def confirm_impact(self) -> str:
        return self.processor.signature.confirm_impact


# $PSCmdlet's methods: lower-case name -> (.NET name, fewest and most arguments)
_PSCMDLET_METHODS = {
    "shouldprocess": ("ShouldProcess", 1, 3), "shouldcontinue": ("ShouldContinue", 2, 2),
    "writeerror": ("WriteError", 1, 1), "throwterminatingerror": ("ThrowTerminatingError", 1, 1),
    "writeverbose": ("WriteVerbose", 1, 1), "writewarning": ("WriteWarning", 1, 1),
    "writedebug": ("WriteDebug", 1, 1), "writeobject": ("WriteObject", 1, 2),
}


def _not_an_error_record(method: str, value: Any) -> PSRuntimeException:
    from msolsh.runtime.types import type_name_of
    shown = to_string(value)
    return PSRuntimeException(ErrorRecord(
        f'Cannot convert argument "errorRecord", with value: "{shown}", for "{method}" to type '
        f'"System.Management.Automation.ErrorRecord": "Cannot convert the "{shown}" value of type '
        f'"{type_name_of(value)}" to type "System.Management.Automation.ErrorRecord"."',
        "MethodArgumentConversionInvalidCastArgument", "NotSpecified",
        exception_type="System.Management.Automation.MethodException"))


def _register_view() -> None:
    from msolsh.runtime import compiler_members
    compiler_members.register(PSCmdletView, lambda s, obj, name: obj.member(s, name),
                              lambda s, obj, name, args: obj.method(s, name, args))


_register_view()
