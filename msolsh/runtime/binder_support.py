"""The binder's small parts: an argument as the binder sees it, the binding error, type names
for messages, argument conversion and the validation attributes (ValidateSet, ranges, not-null).
"""
from __future__ import annotations

import datetime as _dt
import uuid
from typing import Any, Optional

from msolsh.language.ast import Extent
from msolsh.runtime.cmdlet import Parameter
from msolsh.runtime.common import action_preference, bad_action_message
from msolsh.runtime.compiler_base import convert, pstypes_mod, to_bool, to_string
from msolsh.runtime.errors import ErrorRecord, InvocationInfo, PSRuntimeException
from msolsh.runtime.values import PSHashtable, PSObject

SMA = "System.Management.Automation."


class Argument:
    """One command argument: `name` is None for a positional one. text: the -Name token."""

    __slots__ = ("name", "value", "has_value", "extent", "text")

    def __init__(self, name: Optional[str], value: Any, has_value: bool,
                 extent: Optional[Extent], text: Optional[str] = None):
        self.name, self.value, self.has_value, self.extent, self.text = name, value, has_value, extent, text

    def __repr__(self) -> str:
        return f"Argument({self.name!r}, {self.value!r})"


class BindingError(PSRuntimeException):
    def __init__(self, meta: Any, message: str, error_id: str, extent: Optional[Extent],
                 category: str = "InvalidArgument", exception: str = "ParameterBindingException",
                 target: Any = None):
        record = ErrorRecord(message, error_id, category, target=target,
                             exception_type=SMA + exception, fq_class=meta.fq_class,
                             invocation=InvocationInfo(command_name=meta.name, extent=extent))
        super().__init__(record)


class HostPrompt:
    """What the binder prompts through: the host, after the output so far has been shown."""

    def __init__(self, session: Any):
        self.session = session

    def write_line(self, text: str) -> None:
        self.session.flush_output()
        self.session.host.write_line(text)

    def prompt_line(self, prompt: str) -> Optional[str]:
        self.session.flush_output()
        return self.session.host.prompt_line(prompt)


def prompt_for(session: Any) -> Optional[HostPrompt]:
    """A prompt when the host can ask the user (interactive), else None (pwsh's error)."""
    return HostPrompt(session) if session.host.interactive else None


_PY_TYPES = {str: "string", int: "int", float: "double", bool: "bool", list: "object[]",
             PSHashtable: "hashtable", dict: "hashtable", PSObject: "psobject",
             uuid.UUID: "guid", _dt.datetime: "datetime", object: "object"}


def type_name(param: Parameter) -> str:
    kind = param.type
    if isinstance(kind, str):
        return kind
    return _PY_TYPES.get(kind, getattr(kind, "__name__", "object"))


# Parameter types that are the engine's own objects, not values the coercion module converts.
ENGINE_TYPES = {"errorrecord": (ErrorRecord, SMA + "ErrorRecord"),
                "system.management.automation.errorrecord": (ErrorRecord, SMA + "ErrorRecord")}


def type_display(param: Parameter) -> str:
    """The .NET name pwsh shows in 'Specify a parameter of type ...'."""
    name = type_name(param)
    if name.lower() == "switch":
        return "System.Management.Automation.SwitchParameter"
    if name.lower() in ENGINE_TYPES:
        return ENGINE_TYPES[name.lower()][1]
    info = pstypes_mod.resolve(name)
    return info.full_name if info is not None else name


def is_switch(param: Parameter) -> bool:
    return param.is_switch or type_name(param).lower() in ("switch", "system.management.automation.switchparameter")


def type_matches(param: Parameter, value: Any) -> bool:
    name = type_name(param).lower()
    if name in ("object", "system.object", "psobject"):
        return True
    if value is None:
        return False
    if name in ENGINE_TYPES:
        return isinstance(value, ENGINE_TYPES[name][0])
    try:
        return pstypes_mod.is_instance(value, type_name(param))
    except PSRuntimeException:
        return False


def convert_argument(binder: Any, param: Parameter, value: Any, extent: Optional[Extent]) -> Any:
    if param.enum:
        return convert_enum(binder, param, value, extent)
    if is_switch(param):
        return value if isinstance(value, bool) else to_bool(value)
    name = type_name(param)
    lower = name.lower()
    if lower in ("object", "system.object"):
        return value
    if lower == "actionpreference":
        found = action_preference(value)
        if found is None:
            raise binder.fail(f"Cannot bind parameter '{param.name}'. {bad_action_message(to_string(value))}",
                              "CannotConvertArgumentNoMessage", extent)
        return found
    if lower in ("string", "system.string") and isinstance(value, str):
        return value
    if lower in ENGINE_TYPES:
        return _engine_object(binder, param, value, extent)
    try:
        return convert(value, name)
    except PSRuntimeException as exc:
        inner = exc.record.message
        if binder.meta.transform_errors:
            raise binder.fail(f"Cannot process argument transformation on parameter "
                              f"'{param.name}'. {inner}", "ParameterArgumentTransformationError",
                              extent, "InvalidData", "ParameterBindingArgumentTransformationException")
        raise binder.fail(f"Cannot bind parameter '{param.name}'. {inner}",
                          "CannotConvertArgumentNoMessage", extent)


def _engine_object(binder: Any, param: Parameter, value: Any, extent: Optional[Extent]) -> Any:
    kind, full = ENGINE_TYPES[type_name(param).lower()]
    if isinstance(value, kind):
        return value
    shown = to_string(value)
    raise binder.fail(f'Cannot bind parameter \'{param.name}\'. Cannot convert the "{shown}" value of '
                      f'type "{pstypes_mod.type_name_of(value)}" to type "{full}".',
                      "CannotConvertArgumentNoMessage", extent)


def convert_enum(binder: Any, param: Parameter, value: Any, extent: Optional[Extent]) -> Any:
    """An enum argument as its declared name (a list of names for an enum[] parameter)."""
    if type_name(param).endswith("[]"):
        items = value if isinstance(value, list) else [value]
        return [_enum_name(binder, param, item, extent) for item in items]
    return _enum_name(binder, param, value, extent)


def _enum_name(binder: Any, param: Parameter, value: Any, extent: Optional[Extent]) -> str:
    names, kind = param.enum, type_name(param).rstrip("[]")
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        if value in param.enum_values:
            return names[param.enum_values.index(value)]
        shown = "null" if value is None else f'value "{to_string(value)}"'
        raise _enum_failure(binder, param, f'Cannot convert {shown} to type "{kind}" due to '
                            f'enumeration values that are not valid. Specify one of the following '
                            f'enumeration values and try again. The possible enumeration values '
                            f'are "{",".join(names)}".', extent)
    text = to_string(value)
    wanted = text.strip().lower()
    matches = [name for name in names if name.lower().startswith(wanted)]
    exact = [name for name in matches if name.lower() == wanted]
    if exact or len(matches) == 1:
        return (exact or matches)[0]
    if matches:
        reason = (f"The identifier name {text} cannot be processed because it is either too "
                  f"similar or identical to the following enumerator names: {', '.join(matches)}. "
                  f"Use a more specific identifier name.")
    else:
        reason = (f"Unable to match the identifier name {text} to a valid enumerator name. "
                  f"Specify one of the following enumerator names and try again:\n{', '.join(names)}")
    raise _enum_failure(binder, param, f'Cannot convert value "{text}" to type "{kind}". '
                        f'Error: "{reason}"', extent)


def _enum_failure(binder: Any, param: Parameter, inner: str, extent: Optional[Extent]) -> Exception:
    return binder.fail(f"Cannot bind parameter '{param.name}'. {inner}",
                       "CannotConvertArgumentNoMessage", extent)


def _mandatory(param: Parameter) -> bool:
    return any(spec.get("mandatory") for spec in param.sets.values())


def _validation(binder: Any, param: Parameter, text: str, extent: Optional[Extent],
                error_id: str = "ParameterArgumentValidationError") -> Exception:
    return binder.fail(text, error_id, extent, "InvalidData", "ParameterBindingValidationException")


def check_null(binder: Any, param: Parameter, extent: Optional[Extent]) -> None:
    if _mandatory(param) and not is_switch(param) and not getattr(param, "allow_null", False):
        raise _validation(binder, param, f"Cannot bind argument to parameter '{param.name}' because "
                          f"it is null.", extent, "ParameterArgumentValidationErrorNullNotAllowed")


def validate(binder: Any, param: Parameter, value: Any, extent: Optional[Extent]) -> None:
    name = param.name
    if _mandatory(param) and not is_switch(param):
        if value is None and not getattr(param, "allow_null", False):
            raise _validation(binder, param, f"Cannot bind argument to parameter '{name}' because "
                              f"it is null.", extent, "ParameterArgumentValidationErrorNullNotAllowed")
        if value == "" and isinstance(value, str) and not getattr(param, "allow_empty_string", False):
            raise _validation(binder, param, f"Cannot bind argument to parameter '{name}' because "
                              f"it is an empty string.", extent,
                              "ParameterArgumentValidationErrorEmptyStringNotAllowed")
        if isinstance(value, list) and not value and not getattr(param, "allow_empty_collection", False):
            raise _validation(binder, param, f"Cannot bind argument to parameter '{name}' because "
                              f"it is an empty array.", extent,
                              "ParameterArgumentValidationErrorEmptyArrayNotAllowed")
        if isinstance(value, list):
            # pwsh checks each element of a mandatory collection too (Remove-Item '').
            for item in value:
                validate_element(binder, param, item, extent)
    prefix = f"Cannot validate argument on parameter '{name}'. "
    if param.not_null and value is None:
        raise _validation(binder, param, prefix + "The argument is null. Provide a valid value for "
                          "the argument, and then try running the command again.", extent)
    if param.not_null_or_empty and (value is None or value == "" or value == []):
        raise _validation(binder, param, prefix + "The argument is null or empty. Provide an "
                          "argument that is not null or empty, and then try the command again.", extent)
    items = value if isinstance(value, list) else [value]
    if param.validate_set:
        allowed = {str(v).lower() for v in param.validate_set}
        for item in items:
            if to_string(item).lower() not in allowed:
                raise _validation(binder, param, prefix + f'The argument "{to_string(item)}" does not '
                                  f'belong to the set "{",".join(param.validate_set)}" specified by '
                                  f'the ValidateSet attribute. Supply an argument that is in the '
                                  f'set and then try the command again.', extent)
    if param.validate_range:
        low, high = param.validate_range
        for item in items:
            _check_range(binder, param, prefix, item, low, high, extent)


def _check_range(binder: Any, param: Parameter, prefix: str, item: Any, low: Any, high: Any,
                 extent: Optional[Extent]) -> None:
    try:
        too_low = low is not None and item < low
        too_high = high is not None and item > high
    except TypeError:
        return
    if too_low:
        raise _validation(binder, param, prefix + f"The {to_string(item)} argument is less than the "
                          f"minimum allowed range of {low}. Supply an argument that is greater "
                          f"than or equal to {low} and then try the command again.", extent)
    if too_high:
        raise _validation(binder, param, prefix + f"The {to_string(item)} argument is greater than "
                          f"the maximum allowed range of {high}. Supply an argument that is less "
                          f"than or equal to {high} and then try the command again.", extent)


def validate_element(binder: Any, param: Parameter, item: Any, extent: Optional[Extent]) -> None:
    name = param.name
    if item is None and not getattr(param, "allow_null", False):
        raise _validation(binder, param, f"Cannot bind argument to parameter '{name}' because it "
                          f"is null.", extent, "ParameterArgumentValidationErrorNullNotAllowed")
    if item == "" and isinstance(item, str) and not getattr(param, "allow_empty_string", False):
        raise _validation(binder, param, f"Cannot bind argument to parameter '{name}' because it "
                          f"is an empty string.", extent,
                          "ParameterArgumentValidationErrorEmptyStringNotAllowed")
