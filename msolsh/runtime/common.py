"""The common parameters every cmdlet and advanced function takes (-ErrorAction, -Verbose,
-WhatIf, ...), declared once as cmdlet.Parameter objects, and the ActionPreference values.

The binder adds these to a command's own parameters; the command processor reads them back.
Nothing here knows the compiler or the tenant.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from msolsh.runtime.cmdlet import Parameter, Switch
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException

ACTION_PREFERENCES = ["SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend"]
ACTION_TYPE = "System.Management.Automation.ActionPreference"


def _declare() -> List[Parameter]:
    params = [
        Switch(aliases=("vb",)), Switch(aliases=("db",)),
        Parameter("ActionPreference", aliases=("ea",)),
        Parameter("ActionPreference", aliases=("wa",)),
        Parameter("ActionPreference", aliases=("infa",)),
        Parameter("string", aliases=("ev",)), Parameter("string", aliases=("wv",)),
        Parameter("string", aliases=("iv",)), Parameter("string", aliases=("ov",)),
        Parameter("int", aliases=("ob",)), Parameter("string", aliases=("pv",)),
    ]
    names = ["Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction",
             "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable",
             "OutBuffer", "PipelineVariable"]
    for param, name in zip(params, names):
        param.name = name
    return params


def _declare_should_process() -> List[Parameter]:
    what_if, confirm = Switch(aliases=("wi",)), Switch(aliases=("cf",))
    what_if.name, confirm.name = "WhatIf", "Confirm"
    return [what_if, confirm]


COMMON: List[Parameter] = _declare()
SHOULD_PROCESS: List[Parameter] = _declare_should_process()
COMMON_NAMES = {p.name.lower() for p in COMMON + SHOULD_PROCESS}


def common_parameters(supports_should_process: bool) -> List[Parameter]:
    return COMMON + SHOULD_PROCESS if supports_should_process else COMMON


def action_preference(value: Any) -> Optional[str]:
    """The canonical ActionPreference name for a value, or None if it is not one."""
    text = str(value).strip().lower() if value is not None else ""
    if isinstance(value, int) and not isinstance(value, bool):
        # the enum's numeric values: SilentlyContinue=0, Stop=1, Continue=2, Inquire=3, Ignore=4
        order = ["SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend"]
        return order[value] if 0 <= value < len(order) else None
    for name in ACTION_PREFERENCES:
        if name.lower() == text:
            return name
    return None


def bad_action_message(value: Any) -> str:
    return (f'Cannot convert value "{value}" to type "{ACTION_TYPE}". Error: "Unable to match '
            f'the identifier name {value} to a valid enumerator name. Specify one of the '
            f'following enumerator names and try again:\n{", ".join(ACTION_PREFERENCES)}"')


NON_INTERACTIVE = ("Windows PowerShell is in NonInteractive mode. Read and Prompt functionality "
                   "is not available.")


class NotInteractiveError(PSRuntimeException):
    """The host could not prompt (ShouldProcess, ShouldContinue, -ErrorAction Inquire): the
    PSInvalidOperationException pwsh's console host throws; the command that asked is filled
    in by its processor."""

    def __init__(self) -> None:
        super().__init__(ErrorRecord(
            NON_INTERACTIVE, "InvalidOperation", "InvalidOperation",
            exception_type="System.Management.Automation.PSInvalidOperationException"))


class CommonSettings:
    """The common parameters one invocation was given (None: not given)."""

    error_action = warning_action = information_action = None
    error_variable = warning_variable = out_variable = information_variable = None
    verbose = debug = what_if = confirm = pipeline_variable = out_buffer = None

    def __init__(self, values: Optional[Dict[str, Any]] = None):
        if values:
            for name, value in values.items():
                setattr(self, _SLOTS[name.lower()], value)


_SLOTS = {"erroraction": "error_action", "warningaction": "warning_action",
          "informationaction": "information_action", "errorvariable": "error_variable",
          "warningvariable": "warning_variable", "outvariable": "out_variable",
          "verbose": "verbose", "debug": "debug", "whatif": "what_if", "confirm": "confirm",
          "informationvariable": "information_variable", "pipelinevariable": "pipeline_variable",
          "outbuffer": "out_buffer"}
