"""Where completion names come from: the session's tables and the cmdlet declarations.

Reads the runtime session by duck typing, so that the REPL does not depend on the engine's
internals: `session.functions` and `session.aliases` (mappings name -> definition / target),
variables through `session.variables`, `session.scope` or `session.global_scope` (a runtime
Scope, or any mapping), and msolsh.runtime.cmdlet.REGISTRY (or `session.registry`) for
cmdlets. Everything missing reads as empty. Knows nothing of prompt_toolkit or the tenant.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Dict, Iterable, List, Optional, Tuple

from msolsh.runtime.cmdlet import ALL_SETS, REGISTRY, CmdletRegistry, Parameter
from msolsh.runtime.values import PSHashtable, PSObject

# Windows PowerShell 5.1's common parameters, in Get-Command's order.
COMMON_PARAMETERS = ("Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction",
                     "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable",
                     "OutBuffer", "PipelineVariable")
SHOULD_PROCESS_PARAMETERS = ("WhatIf", "Confirm")
ACTION_VALUES = ("Continue", "Ignore", "Inquire", "SilentlyContinue", "Stop", "Suspend")

# Used when runtime/members.py offers no name list: the members pwsh users reach for most.
STRING_MEMBERS = ("Length", "Contains(", "EndsWith(", "IndexOf(", "Replace(", "Split(",
                  "StartsWith(", "Substring(", "ToLower(", "ToString(", "ToUpper(", "Trim(")
ARRAY_MEMBERS = ("Count", "Length", "Contains(", "ForEach(", "IndexOf(", "Where(")
HASHTABLE_MEMBERS = ("Count", "Keys", "Values", "Add(", "ContainsKey(", "Remove(")
DATETIME_MEMBERS = ("Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Minute", "Month", "Second",
                    "Ticks", "TimeOfDay", "Year", "AddDays(", "AddHours(", "AddMinutes(",
                    "ToString(", "ToUniversalTime(")
TIMESPAN_MEMBERS = ("Days", "Hours", "Milliseconds", "Minutes", "Seconds", "Ticks", "TotalDays",
                    "TotalHours", "TotalMilliseconds", "TotalMinutes", "TotalSeconds")

# The scopes keep names lower-cased; these are pwsh's spellings of its automatic variables.
AUTOMATIC_SPELLINGS = {name.lower(): name for name in (
    "ConfirmPreference", "DebugPreference", "Error", "ErrorActionPreference", "ErrorView",
    "FormatEnumerationLimit", "HOME", "Host", "InformationPreference", "LASTEXITCODE",
    "MaximumHistoryCount", "NestedPromptLevel", "PID", "PROFILE", "ProgressPreference",
    "PSCommandPath", "PSCulture", "PSScriptRoot", "PSUICulture", "PSVersionTable", "PWD",
    "ShellId", "VerbosePreference", "WarningPreference", "WhatIfPreference", "Matches", "OFS",
    "true", "false", "null", "args", "input", "PSItem")}


def registry(session: Any) -> CmdletRegistry:
    """The session's own registry when it has one (tests), else the global REGISTRY."""
    found = getattr(session, "registry", None)
    return found if isinstance(found, CmdletRegistry) else REGISTRY


def _table(session: Any, name: str) -> Mapping:
    table = getattr(session, name, None)
    return table if isinstance(table, Mapping) else {}


# -- commands -------------------------------------------------------------------------------
def command_names(session: Any) -> List[Tuple[str, str]]:
    """(name, kind) for every alias, function and cmdlet, kind being 'Alias', 'Function' or
    'Cmdlet'; a name defined twice keeps the kind that wins resolution (alias first)."""
    found: Dict[str, Tuple[str, str]] = {}
    cmdlets = registry(session)
    for cls in cmdlets.all():
        found[cls.name.lower()] = (cls.name, "Cmdlet")
    for key, fn in _table(session, "functions").items():
        name = getattr(fn, "name", None) or key
        found[str(name).lower()] = (str(name), "Function")
    for alias in cmdlets.aliases:
        found[alias] = (alias, "Alias")
    for key in _table(session, "aliases"):
        found[str(key).lower()] = (str(key), "Alias")
    return sorted(found.values(), key=lambda pair: pair[0].lower())


def resolve_command(session: Any, name: str) -> Tuple[Optional[Any], Any]:
    """(declaration, function) for `name`, following aliases as pwsh does. The declaration
    is the cmdlet class, or a function's binder metadata (same `parameters` shape)."""
    for _ in range(8):   # alias chains are short; a loop guards against a cycle
        target = _alias_target(session, name)
        if target is None:
            break
        name = target
    functions = _table(session, "functions")
    fn = functions.get(name.lower(), functions.get(name))
    if fn is not None:
        meta = getattr(fn, "meta", None)   # a function's param() as the binder sees it
        return (meta if isinstance(getattr(meta, "parameters", None), Mapping) else None), fn
    return registry(session).get(name), None


def _alias_target(session: Any, name: str) -> Optional[str]:
    aliases = _table(session, "aliases")
    target = aliases.get(name.lower(), aliases.get(name))
    if target is None:
        target = registry(session).aliases.get(name.lower())
    if target is None:
        return None
    return str(getattr(target, "definition", None) or getattr(target, "name", None) or target)


def function_parameter_names(fn: Any) -> List[str]:
    """The parameter names of a user function, read from its FunctionDefinitionAst."""
    ast = fn
    for attr in ("ast", "definition"):
        ast = getattr(ast, attr, None) or ast
    names = [p.name for p in getattr(ast, "parameters", ()) or ()]
    body = getattr(ast, "body", None) or getattr(fn, "body", None)
    block = getattr(body, "param_block", None)
    names += [p.name for p in getattr(block, "parameters", ()) or ()]
    return [n.lstrip("$") for n in names]


def help_topic_names() -> List[str]:
    """The about_ topics Get-Help knows (the runtime's help module lists them)."""
    try:
        from msolsh.runtime.help import about_topic_names
        return list(about_topic_names())
    except Exception:   # no help module, or no topics shipped: nothing to offer
        return []


# -- cmdlet parameters ----------------------------------------------------------------------
def find_parameter(cls: type, typed: str) -> Optional[Parameter]:
    """The declared parameter `typed` names: exact name or alias, else a unique prefix."""
    low = typed.lower()
    params = list(cls.parameters.values())
    for param in params:
        if param.name.lower() == low or low in (a.lower() for a in param.aliases):
            return param
    matches = [p for p in params if p.name.lower().startswith(low)]
    return matches[0] if len(matches) == 1 else None


def parameter_sets(cls: type) -> List[str]:
    names: List[str] = []
    for param in cls.parameters.values():
        names += [s for s in param.sets if s != ALL_SETS and s not in names]
    return names or [ALL_SETS]


def possible_sets(cls: type, used: Iterable[str]) -> List[str]:
    """The parameter sets still possible once the parameters in `used` are bound."""
    sets = parameter_sets(cls)
    for typed in used:
        param = find_parameter(cls, typed)
        if param is not None:
            sets = [s for s in sets if param.in_set(s)] or sets
    return sets


def completable_parameters(cls: type, used: Iterable[str], positional: int = 0) -> List[str]:
    """Parameter names for `cls` in the sets still possible, minus those already used (by name,
    or by the first `positional` positional arguments), then the common parameters (and
    -WhatIf/-Confirm when the cmdlet supports ShouldProcess)."""
    used = list(used)
    for _ in range(positional):
        param = positional_parameter(cls, used, 0)
        if param is not None:
            used.append(param.name)
    taken = {p.name for p in (find_parameter(cls, u) for u in used) if p is not None}
    taken |= {u.lower() for u in used}
    sets = possible_sets(cls, used)
    names = [p.name for p in cls.parameters.values()
             if not p.dont_show and p.name not in taken and any(p.in_set(s) for s in sets)]
    if not getattr(cls, "advanced", True):
        return names   # a simple function has no common parameters
    common = COMMON_PARAMETERS + (SHOULD_PROCESS_PARAMETERS if cls.supports_should_process else ())
    return names + [c for c in common if c.lower() not in taken]


def positional_parameter(cls: type, used: Iterable[str], position: int) -> Optional[Parameter]:
    """The parameter that positional argument number `position` binds to, as pwsh numbers
    them: named parameters already used are skipped."""
    used = list(used)
    sets = possible_sets(cls, used)
    taken = {p.name for p in (find_parameter(cls, u) for u in used) if p is not None}
    ranked = []
    for param in cls.parameters.values():
        if param.name in taken or param.is_switch:
            continue
        spots = [param.position_in(s) for s in sets if param.in_set(s)]
        spots = [p for p in spots if p is not None]
        if spots:
            ranked.append((min(spots), param))
    ranked.sort(key=lambda pair: pair[0])
    return ranked[position][1] if position < len(ranked) else None


# -- variables and members ------------------------------------------------------------------
def _scope(session: Any) -> Any:
    for attr in ("variables", "scope", "global_scope", "current_scope"):
        scope = getattr(session, attr, None)
        if scope is not None and not callable(scope):
            return scope
    return None


def variable_names(session: Any, spellings: Optional[Mapping[str, str]] = None) -> List[str]:
    """Every variable name visible at the prompt (the session's scope chain), spelled as the
    user typed it (`spellings`: lower-case -> as typed) or as pwsh spells its own."""
    scope = _scope(session)
    names: Dict[str, str] = {}
    spell = dict(AUTOMATIC_SPELLINGS, **(spellings or {}))
    while scope is not None:
        table = scope if isinstance(scope, Mapping) else getattr(scope, "vars", {})
        for name in table:
            low = str(name).lower()
            names.setdefault(low, spell.get(low, str(name)))
        scope = getattr(scope, "parent", None)
    return sorted(names.values(), key=str.lower)


def environment_names(session: Any) -> List[str]:
    """$env: names: the runtime keeps them as lower-case name -> (Name, value)."""
    env = _table(session, "env")
    names = [entry[0] if isinstance(entry, tuple) else key for key, entry in env.items()]
    return sorted(names, key=str.lower)


def variable_value(session: Any, name: str) -> Any:
    scope = _scope(session)
    if scope is None:
        return None
    if isinstance(scope, Mapping):
        return scope.get(name, scope.get(name.lower()))
    lookup = getattr(scope, "lookup", None)
    return lookup(name.lower()) if lookup else None


def member_value(value: Any, member: str) -> Any:
    """Property `member` of a value, for walking `$a.b.c` (no Python attribute access)."""
    if isinstance(value, PSObject):
        return value.get(member)
    if isinstance(value, PSHashtable):
        return value[member]
    return None


def member_names(value: Any) -> List[str]:
    """Members to offer after `.`: properties of a PSObject, keys of a hashtable, and the
    allow-listed members of strings and arrays (methods end with '(')."""
    if isinstance(value, PSObject):
        return value.property_names()
    if isinstance(value, PSHashtable):
        return [str(k) for k in value.keys()] + list(HASHTABLE_MEMBERS)
    listed = _runtime_members(value)
    if listed is not None:
        return listed
    if isinstance(value, str):
        return list(STRING_MEMBERS)
    if isinstance(value, (list, tuple)):
        # member enumeration: $users.DisplayName reads each element's property
        first = member_names(value[0]) if value and not isinstance(value[0], (list, tuple)) else []
        return list(ARRAY_MEMBERS) + [m for m in first if not m.endswith("(")]
    if isinstance(value, datetime):
        return list(DATETIME_MEMBERS)
    if isinstance(value, timedelta):
        return list(TIMESPAN_MEMBERS)
    return []


def _runtime_members(value: Any) -> Optional[List[str]]:
    """runtime/members.py's allow-list, when it offers `member_names(value)`."""
    try:
        from msolsh.runtime import members  # type: ignore[attr-defined]
    except ImportError:
        return None
    names = getattr(members, "member_names", None)
    if names is None:
        return None
    try:
        return list(names(value))
    except Exception:   # an engine bug must not break typing at the prompt
        return None
