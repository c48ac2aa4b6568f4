"""Binding one pipeline object, as pwsh's BindPipelineParameters does: across every parameter
set still valid after the command line (not only the default one), in four passes (by value
as is, by property name as is, by value converted, by property name converted); each
parameter bound narrows the valid sets to those it belongs to. The set left at the end is the
set this object runs in.

Only the binder (binder.py) uses this; nothing here runs commands or knows the tenant.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from msolsh.language.ast import Extent
from msolsh.runtime.binder_support import BindingError, type_matches, type_name
from msolsh.runtime.cmdlet import Parameter
from msolsh.runtime.values import PSObject

NOT_BOUND = ("The input object cannot be bound to any parameters for the command either because "
             "the command does not take pipeline input or the input and its properties do not "
             "match any of the parameters that take pipeline input.")
MISSING = ("The input object cannot be bound because it did not contain the information "
           "required to bind all mandatory parameters: ")
ANY_OBJECT = ("object", "system.object", "psobject")


class PipelinePlan:
    """Which unbound parameters can take pipeline input in the sets still valid, worked out
    once per command invocation."""

    def __init__(self, meta: Any, result: Any):
        self.sets: List[str] = list(result.pipeline_sets or [result.set_name])
        self.default = meta.default_set
        self.params = [p for p in meta.parameters.values()
                       if p.name not in result.bound and any(p.in_set(s) for s in self.sets)]
        self.by_value = [p for p in self.params if p.pipeline]
        self.by_property = [p for p in self.params if p.pipeline_by_property]
        self.any_object: Optional[str] = None     # e.g. -InputObject [object]: every object fits
        self.any_object_set = result.set_name
        if len(self.by_value) == 1 and not self.by_property and not validating(self.by_value[0]) \
                and type_name(self.by_value[0]).lower() in ANY_OBJECT:
            param = self.by_value[0]
            self.any_object = param.name
            self.any_object_set = self.choose([s for s in self.sets if param.in_set(s)] or self.sets)

    def choose(self, valid: List[str]) -> str:
        if len(valid) == 1 or self.default not in valid:
            return valid[0]
        return self.default


def bind_object(binder: Any, result: Any, obj: Any, extent: Optional[Extent]) -> Tuple[Dict[str, Any], str]:
    """(values bound from `obj`, the parameter set it runs in); raises pwsh's binding errors."""
    plan: PipelinePlan = result.plan
    state = _State(plan.sets)
    for param in plan.by_value:                       # 1: by value, the type already fits
        if state.usable(param) and type_matches(param, obj):
            state.take(param, binder.convert(param, obj, extent) if validating(param) else obj)
    if isinstance(obj, PSObject):                     # 2: by property name, the type fits
        for param in plan.by_property:
            name = _property_for(param, obj) if state.usable(param) else None
            if name is not None and type_matches(param, obj.get(name)):
                state.take(param, binder.convert(param, obj.get(name), extent))
    for param in plan.by_value:                       # 3: by value, converted
        if state.usable(param):
            try:
                state.take(param, binder.convert(param, obj, extent))
                break
            except BindingError:
                continue
    if isinstance(obj, PSObject):                     # 4: by property name, converted
        for param in plan.by_property:
            name = _property_for(param, obj) if state.usable(param) else None
            if name is not None:
                state.take(param, binder.convert(param, obj.get(name), extent))
    if not state.bound:
        raise binder.fail(NOT_BOUND, "InputObjectNotBound", extent, target=obj)
    set_name = _resolve_set(binder.meta, plan, state, result)
    missing = [p.name for p in binder.meta.parameters.values()
               if p.in_set(set_name) and p.mandatory_in(set_name)
               and p.name not in result.bound and p.name not in state.bound]
    if missing:
        raise binder.fail(MISSING + "".join(f" {name}" for name in missing),
                          "InputObjectMissingMandatory", extent, target=obj)
    return state.bound, set_name


class _State:
    __slots__ = ("valid", "bound")

    def __init__(self, sets: List[str]):
        self.valid = sets
        self.bound: Dict[str, Any] = {}

    def usable(self, param: Parameter) -> bool:
        return param.name not in self.bound and any(param.in_set(s) for s in self.valid)

    def take(self, param: Parameter, value: Any) -> None:
        self.bound[param.name] = value
        self.valid = [s for s in self.valid if param.in_set(s)]


def _resolve_set(meta: Any, plan: PipelinePlan, state: _State, result: Any) -> str:
    """One set from those still valid: the only one, the default, else the first with nothing
    mandatory missing."""
    valid = state.valid
    if len(valid) == 1:
        return valid[0]
    if plan.default in valid:
        return plan.default
    for set_name in valid:
        if not any(p.in_set(set_name) and p.mandatory_in(set_name) and p.name not in result.bound
                   and p.name not in state.bound for p in meta.parameters.values()):
            return set_name
    return valid[0]


def validating(param: Parameter) -> bool:
    return bool(param.validate_set or param.validate_range or param.not_null
                or param.not_null_or_empty or getattr(param, "enum", None))


def _property_for(param: Parameter, obj: PSObject) -> Optional[str]:
    for name in (param.name,) + param.aliases:
        if obj.has(name):
            return name
    return None
