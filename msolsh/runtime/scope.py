"""Variable scopes: PowerShell's dynamic scoping as a chain of dicts.

A Scope is made per script, script block and function call; reading a variable walks the
chain of callers (dynamic, as pwsh does), writing creates it in the current scope. Names are
stored lower-cased. Type constraints ([int]$x), read-only and private variables are kept
beside the values so that the common case is one dict lookup. Nothing here knows the
compiler, the pipeline or the tenant.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Set

from msolsh.runtime.errors import ErrorRecord, PSRuntimeException

MISSING = object()


class Scope:
    """One level of variables. `script` is the nearest script scope ($script:)."""

    __slots__ = ("vars", "parent", "session", "script", "constraints", "readonly", "private",
                 "functions", "invocation")

    def __init__(self, parent: Optional["Scope"], session: Any, is_script: bool = False):
        self.vars: Dict[str, Any] = {}
        self.parent = parent
        self.session = session
        self.script = self if (is_script or parent is None) else parent.script
        self.constraints: Optional[Dict[str, Callable[[Any], Any]]] = None
        self.readonly: Optional[Set[str]] = None
        self.private: Optional[Set[str]] = None
        self.functions: Optional[Dict[str, Any]] = None   # functions defined in this scope
        self.invocation: Any = None   # (name, extent) of the function/script call that made it

    def child(self, is_script: bool = False) -> "Scope":
        return Scope(self, self.session, is_script)

    # -- reading -------------------------------------------------------------------------
    def lookup(self, name: str, default: Any = None) -> Any:
        """The value of `name` (lower-case) as seen from this scope."""
        value = self.vars.get(name, MISSING)
        if value is not MISSING:
            return value
        scope = self.parent
        while scope is not None:
            value = scope.vars.get(name, MISSING)
            if value is not MISSING and not (scope.private and name in scope.private):
                return value
            scope = scope.parent
        return default

    def find(self, name: str) -> Optional["Scope"]:
        """The scope that holds `name`, or None."""
        scope: Optional[Scope] = self
        while scope is not None:
            if name in scope.vars and (scope is self or not (scope.private and name in scope.private)):
                return scope
            scope = scope.parent
        return None

    def has(self, name: str) -> bool:
        return self.find(name) is not None

    # -- writing -------------------------------------------------------------------------
    def assign(self, name: str, value: Any) -> None:
        """`$name = value`: set in this scope, honouring a constraint declared here.
        A read-only variable's constraint is a converter that always fails, so that the
        common path checks one dict."""
        constraints = self.constraints
        if constraints is not None and name in constraints:
            value = constraints[name](value)
        self.vars[name] = value

    def constrain(self, name: str, convert: Callable[[Any], Any], value: Any) -> None:
        """`[int]$x = value`: declare the constraint here, then assign through it."""
        if self.readonly and name in self.readonly:
            raise_read_only(name)
        converted = convert(value)
        if self.constraints is None:
            self.constraints = {}
        self.constraints[name] = convert
        self.vars[name] = converted

    def make_read_only(self, name: str) -> None:
        if self.readonly is None:
            self.readonly = set()
        self.readonly.add(name)
        if self.constraints is None:
            self.constraints = {}

        def refuse(value: Any) -> Any:
            raise_read_only(name)
        self.constraints[name] = refuse

    def make_private(self, name: str) -> None:
        if self.private is None:
            self.private = set()
        self.private.add(name)

    def define_function(self, name: str, info: Any) -> None:
        if self.functions is None:
            self.functions = {}
        self.functions[name.lower()] = info

    def function(self, name: str) -> Any:
        """The function `name` as seen from here (inner scopes first), or None."""
        key = name.lower()
        scope: Optional[Scope] = self
        while scope is not None:
            if scope.functions and key in scope.functions:
                return scope.functions[key]
            scope = scope.parent
        return None

    def remove(self, name: str) -> bool:
        scope = self.find(name)
        if scope is None:
            return False
        if scope.readonly and name in scope.readonly:
            raise_read_only(name)
        del scope.vars[name]
        if scope.constraints:
            scope.constraints.pop(name, None)
        return True


def raise_read_only(name: str) -> None:
    record = ErrorRecord(
        f"Cannot overwrite variable {name} because it is read-only or constant.",
        "VariableNotWritable", "WriteError", target=name,
        exception_type="System.Management.Automation.SessionStateUnauthorizedAccessException")
    raise PSRuntimeException(record)
