"""The parameter binder, for cmdlets and advanced functions alike, in pwsh's order: named
arguments, positional arguments, the parameter set, the mandatory check, then per pipeline
object by value and by property name (binder_pipeline.py), in any parameter set still valid.

It reads cmdlet.Parameter declarations (a script function's param() block is turned into the
same declarations by functions.py) and raises pwsh's ParameterBindingException records.
Nothing here runs commands or knows the tenant.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from msolsh.language.ast import Extent
from msolsh.runtime.binder_pipeline import PipelinePlan, bind_object
from msolsh.runtime.binder_support import (Argument, BindingError, check_null, convert_argument,
                                           is_switch, type_display, validate)
from msolsh.runtime.cmdlet import ALL_SETS, Parameter
from msolsh.runtime.common import COMMON_NAMES, common_parameters


class CommandMetadata:
    """What the binder needs to know of a command."""

    def __init__(self, name: str, parameters: Dict[str, Parameter], default_set: Optional[str],
                 supports_should_process: bool, advanced: bool, fq_class: str,
                 transform_errors: bool = False):
        self.name = name
        self.parameters = parameters
        self.default_set = default_set
        self.supports_should_process = supports_should_process
        self.advanced = advanced
        self.fq_class = fq_class
        self.transform_errors = transform_errors   # script functions: "argument transformation" wording
        common = common_parameters(supports_should_process) if advanced else []
        self.all_parameters: Dict[str, Parameter] = dict(parameters)
        for param in common:
            self.all_parameters.setdefault(param.name, param)
        self.lookup = self._names()
        self.sets = sorted({n for p in parameters.values() for n in p.sets if n != ALL_SETS})
        self.takes_pipeline = any(p.pipeline or p.pipeline_by_property for p in parameters.values())

    def _names(self) -> Dict[str, Parameter]:
        names: Dict[str, Parameter] = {}
        for param in self.all_parameters.values():
            names[param.name.lower()] = param
            for alias in param.aliases:
                names.setdefault(alias.lower(), param)
        return names

    def resolve(self, name: str) -> Tuple[Optional[Parameter], List[Parameter]]:
        """The parameter `-name` means: (exact or unique prefix, ambiguous candidates)."""
        key = name.lower()
        exact = self.lookup.get(key)
        if exact is not None:
            return exact, []
        found: List[Parameter] = []
        for alias, param in self.lookup.items():
            if alias.startswith(key) and param not in found:
                found.append(param)
        if len(found) > 1:
            own = [p for p in found if p.name.lower() not in COMMON_NAMES]
            if len(own) == 1:   # pwsh prefers a command's own parameter over a common one
                return own[0], []
            return None, found
        return (found[0] if found else None), []

    def positional(self, set_name: str, bound: Dict[str, Any]) -> List[Parameter]:
        params = [p for p in self.parameters.values()
                  if p.in_set(set_name) and p.position_in(set_name) is not None
                  and p.name not in bound]
        return sorted(params, key=lambda p: p.position_in(set_name))


class BindResult:
    def __init__(self) -> None:
        self.bound: Dict[str, Any] = {}
        self.common: Dict[str, Any] = {}
        self.extra: List[Any] = []          # $args of a simple function
        self.set_name: str = ALL_SETS
        self.candidates: List[str] = []
        self.pipeline_sets: List[str] = []   # the sets pipeline input may still bind in
        self.current_set: Optional[str] = None   # the set of the pipeline object in process
        self.plan: Any = None


class Binder:
    """Binds one command invocation. `prompt` (or None) asks the host for a missing value."""

    def __init__(self, meta: CommandMetadata, prompt: Any = None, position: int = 1):
        self.meta = meta
        self.prompt = prompt
        self.position = position

    def fail(self, message: str, error_id: str, extent: Optional[Extent], category: str = "InvalidArgument",
             exception: str = "ParameterBindingException", target: Any = None) -> BindingError:
        return BindingError(self.meta, message, error_id, extent, category, exception, target)

    # ---------------------------------------------------------------- command-line arguments
    def bind(self, args: List[Argument], has_input: bool, command_extent: Optional[Extent]) -> BindResult:
        result = BindResult()
        positional = self._bind_named(args, result)
        candidates = self._candidates(result, command_extent)
        candidates = self._bind_positional(positional, result, candidates)
        if has_input:
            candidates = self._taking_pipeline_input(candidates, result)
            result.candidates = candidates
            self._choose_pipeline_sets(candidates, result, command_extent)
            return result
        result.candidates = candidates
        result.set_name = self._choose_set(candidates, result, command_extent)
        self._check_mandatory(result, False, command_extent)
        return result

    def _bind_named(self, args: List[Argument], result: BindResult) -> List[Argument]:
        positional: List[Argument] = []
        i = 0
        while i < len(args):
            arg = args[i]
            i += 1
            if arg.name is None:
                positional.append(arg)
                continue
            param, ambiguous = self.meta.resolve(arg.name)
            if ambiguous:
                names = " ".join(f"-{p.name}" for p in ambiguous)
                raise self.fail(f"Parameter cannot be processed because the parameter name "
                                f"'{arg.name}' is ambiguous. Possible matches include: {names}.",
                                "AmbiguousParameter", arg.extent)
            if param is None:
                if not self.meta.advanced:
                    positional.append(Argument(None, arg.text or f"-{arg.name}", True, arg.extent))
                    if arg.has_value:
                        positional.append(Argument(None, arg.value, True, arg.extent))
                    continue
                raise self.fail(f"A parameter cannot be found that matches parameter name "
                                f"'{arg.name}'.", "NamedParameterNotFound", arg.extent)
            value, has_value, extent = arg.value, arg.has_value, arg.extent
            if not has_value:
                if is_switch(param):
                    value, has_value = True, True
                elif i < len(args) and args[i].name is None:
                    value, has_value, extent = args[i].value, True, args[i].extent or extent
                    i += 1
                else:
                    raise self.fail(f"Missing an argument for parameter '{param.name}'. Specify a "
                                    f"parameter of type '{type_display(param)}' and try again.",
                                    "MissingArgument", arg.extent)
            self._set(result, param, value, extent, arg.extent)
        return positional

    def _set(self, result: BindResult, param: Parameter, value: Any, extent: Optional[Extent],
             name_extent: Optional[Extent] = None) -> None:
        table = result.common if param.name.lower() in COMMON_NAMES and param.name not in self.meta.parameters \
            else result.bound
        if param.name in table:
            raise self.fail(f"Cannot bind parameter because parameter '{param.name}' is specified "
                            f"more than once. To provide multiple values to parameters that can "
                            f"accept multiple values, use the array syntax. For example, "
                            f'"-parameter value1,value2,value3".', "ParameterAlreadyBound",
                            name_extent or extent)
        table[param.name] = self.convert(param, value, extent)

    def convert(self, param: Parameter, value: Any, extent: Optional[Extent]) -> Any:
        if value is None:
            check_null(self, param, extent)    # pwsh checks $null before converting
        value = convert_argument(self, param, value, extent)
        validate(self, param, value, extent)
        return value

    # ---------------------------------------------------------------- parameter sets
    def _candidates(self, result: BindResult, extent: Optional[Extent]) -> List[str]:
        sets = self.meta.sets or [ALL_SETS]
        bound = [self.meta.parameters[n] for n in result.bound if n in self.meta.parameters]
        found = [s for s in sets if all(p.in_set(s) for p in bound)]
        if not found:
            raise self.fail("Parameter set cannot be resolved using the specified named parameters.",
                            "AmbiguousParameterSet", extent)
        return found

    def _bind_positional(self, args: List[Argument], result: BindResult, candidates: List[str]) -> List[str]:
        for index, arg in enumerate(args):
            choices = self._next_slots(candidates, result)
            remaining = self._remaining(candidates, result)
            if remaining is not None and (not choices or remaining in choices):
                self._set(result, remaining, [a.value for a in args[index:]], arg.extent)
                return [s for s in candidates if remaining.in_set(s)] or candidates
            if not choices:
                if not self.meta.advanced:
                    result.extra.append(arg.value)
                    continue
                raise self.fail(f"A positional parameter cannot be found that accepts argument "
                                f"'{_arg_text(arg.value)}'.", "PositionalParameterNotFound",
                                arg.extent)
            param = choices[0]
            self._set(result, param, arg.value, arg.extent)
            candidates = [s for s in candidates if param.in_set(s)] or candidates
        return candidates

    def _remaining(self, candidates: List[str], result: BindResult) -> Optional[Parameter]:
        """The unbound [Parameter(ValueFromRemainingArguments)] parameter, if any."""
        for param in self.meta.parameters.values():
            if (getattr(param, "value_from_remaining_arguments", False) or getattr(param, "remaining", False)) \
                    and param.name not in result.bound \
                    and any(param.in_set(s) for s in candidates):
                return param
        return None

    def _next_slots(self, candidates: List[str], result: BindResult) -> List[Parameter]:
        """The next unbound positional parameter of each candidate set: those at the lowest
        position, the default set's first."""
        slots: Dict[str, Tuple[int, int, Parameter]] = {}
        default = self.meta.default_set
        for set_name in candidates:
            params = self.meta.positional(set_name, result.bound)
            if params:
                param = params[0]
                rank = (param.position_in(set_name), 0 if param.in_set(default or "") else 1)
                if param.name not in slots or rank < slots[param.name][:2]:
                    slots[param.name] = (rank[0], rank[1], param)
        ordered = sorted(slots.values(), key=lambda entry: entry[:2])
        return [param for _, _, param in ordered]

    def _choose_set(self, candidates: List[str], result: BindResult, extent: Optional[Extent]) -> str:
        if len(candidates) == 1:
            return candidates[0]
        default = self.meta.default_set
        if default in candidates:
            return default
        complete = [s for s in candidates if not self._missing(s, result, False)]
        if len(complete) == 1:
            return complete[0]
        raise self.fail("Parameter set cannot be resolved using the specified named parameters.",
                        "AmbiguousParameterSet", extent)

    def _taking_pipeline_input(self, candidates: List[str], result: BindResult) -> List[str]:
        """pwsh's FilterParameterSetsTakingNoPipelineInput: with input coming, drop the sets in
        which no unbound parameter takes pipeline input (unless one does in every set)."""
        if len(candidates) < 2:
            return candidates
        unbound = [p for p in self.meta.parameters.values()
                   if (p.pipeline or p.pipeline_by_property) and p.name not in result.bound]
        if any(ALL_SETS in p.sets for p in unbound):
            return candidates
        return [s for s in candidates if any(p.in_set(s) for p in unbound)] or candidates

    def _choose_pipeline_sets(self, candidates: List[str], result: BindResult,
                              extent: Optional[Extent]) -> None:
        """The sets whose mandatory parameters are bound or may come from the pipeline; the
        set before any input is the default one if it is among them."""
        default = self.meta.default_set
        viable = [s for s in candidates if not self._missing(s, result, True)]
        if not viable:
            result.set_name = default if default in candidates else candidates[0]
            self._check_mandatory(result, True, extent)     # prompts, or pwsh's error
            viable = [result.set_name]
        result.pipeline_sets = viable
        result.set_name = default if default in viable else viable[0]

    def _missing(self, set_name: str, result: BindResult, has_input: bool) -> List[Parameter]:
        return [p for p in self.meta.parameters.values()
                if p.in_set(set_name) and p.mandatory_in(set_name) and p.name not in result.bound
                and not (has_input and (p.pipeline or p.pipeline_by_property))]

    def _check_mandatory(self, result: BindResult, has_input: bool, extent: Optional[Extent]) -> None:
        missing = self._missing(result.set_name, result, has_input)
        if not missing:
            return
        if self.prompt is not None and self._prompt_for(missing, result, extent):
            return
        names = " ".join(p.name for p in missing)
        raise self.fail(f"Cannot process command because of one or more missing mandatory "
                        f"parameters: {names}.", "MissingMandatoryParameter", extent)

    def _prompt_for(self, missing: List[Parameter], result: BindResult, extent: Optional[Extent]) -> bool:
        self.prompt.write_line(f"cmdlet {self.meta.name} at command pipeline position {self.position}")
        self.prompt.write_line("Supply values for the following parameters:")
        for param in missing:
            if type_display(param).endswith("[]"):
                values = []
                while True:
                    answer = self.prompt.prompt_line(f"{param.name}[{len(values)}]: ")
                    if not answer:
                        break
                    values.append(answer)
                if answer is None and not values:
                    return False
                self._set(result, param, values, extent)
                continue
            answer = self.prompt.prompt_line(f"{param.name}: ")
            if answer is None:
                return False
            self._set(result, param, answer, extent)
        return True

    # ---------------------------------------------------------------- pipeline input
    def bind_pipeline(self, result: BindResult, obj: Any, extent: Optional[Extent]) -> Dict[str, Any]:
        """Values for this pipeline object (result.current_set: the set it runs in); raises
        InputObjectNotBound when none fits."""
        plan = result.plan
        if plan is None:
            plan = result.plan = PipelinePlan(self.meta, result)
        if plan.any_object is not None:
            result.current_set = plan.any_object_set
            return {plan.any_object: obj}
        values, result.current_set = bind_object(self, result, obj, extent)
        return values


def _arg_text(value: Any) -> str:
    from msolsh.runtime.compiler_base import to_string
    return to_string(value)
