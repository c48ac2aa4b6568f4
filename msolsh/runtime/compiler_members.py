"""Member access as the compiler sees it: the allow-listed members of runtime.members, plus
the members of the engine's own objects (script blocks, error records, $PSCmdlet) and the
.Where({})/.ForEach({}) intrinsics, which need a scope to run script blocks in.

Never getattr on a user-supplied name: every member here is listed by name.
"""
from __future__ import annotations

from typing import Any, Callable, List, Optional

from msolsh.language.ast import Extent
from msolsh.runtime.compiler_base import error, locate, members_mod, pstypes_mod, to_bool, to_string
from msolsh.runtime.errors import ErrorRecord, PSRuntimeException
from msolsh.runtime.values import PSHashtable, PSObject


def _null_method(extent: Optional[Extent]) -> PSRuntimeException:
    return error("You cannot call a method on a null-valued expression.", "InvokeMethodOnNull",
                 "InvalidOperation", extent=extent)


# ---------------------------------------------------------------- instance members

def get_member(s: Any, obj: Any, name: str) -> Any:
    if obj is None:
        return members_mod.get_member(None, name)   # $null.Count is 0, other members $null
    kind = type(obj)
    if kind is PSObject:
        entry = obj._props.get(name.lower())
        if entry is not None:
            return entry[1]
    elif kind is PSHashtable and name in obj:
        return obj[name]
    engine = _ENGINE_MEMBERS.get(kind)
    if engine is not None:
        return engine(s, obj, name)
    return members_mod.get_member(obj, name)


def set_member(s: Any, obj: Any, name: str, value: Any) -> None:
    if obj is None:
        raise error(f"The property '{name}' cannot be found on this object. Verify that the "
                    f"property exists and can be set.", "PropertyNotFound", "InvalidOperation")
    members_mod.set_member(obj, name, value)


def invoke_method(s: Any, obj: Any, name: str, args: List[Any], extent: Optional[Extent]) -> Any:
    if obj is None:
        raise _null_method(extent)
    lower = name.lower()
    if lower in ("where", "foreach") and args and _is_scriptblock(args[0]):
        return _where(s, obj, args) if lower == "where" else _foreach(s, obj, args)
    engine = _ENGINE_METHODS.get(type(obj))
    if engine is not None:
        handled, result = engine(s, obj, lower, args)
        if handled:
            return result
    return members_mod.invoke_method(obj, name, args)


def get_index(obj: Any, index: Any) -> Any:
    return members_mod.get_index(obj, index)


def set_index(obj: Any, index: Any, value: Any) -> None:
    members_mod.set_index(obj, index, value)


# ---------------------------------------------------------------- static members and types

def type_literal(type_name: str, extent: Extent) -> Callable[[Any], Any]:
    info = pstypes_mod.resolve(type_name)
    if info is None:
        def unknown(s: Any) -> Any:
            raise error(f"Unable to find type [{type_name}].", "TypeNotFound",
                        "InvalidOperation", target=type_name, target_type="TypeName",
                        extent=extent)
        return unknown
    return lambda s: info


def _type_full_name(type_name: Optional[str], target: Any, s: Any) -> str:
    if type_name is not None:
        return type_name
    value = target(s)
    return getattr(value, "full_name", None) or to_string(value)


def static_member(type_name: Optional[str], target: Any, name: Any, extent: Extent,
                  type_extent: Optional[Extent] = None) -> Any:
    if type_name is not None and pstypes_mod.resolve(type_name) is None:
        return type_literal(type_name, type_extent or extent)

    def read(s: Any) -> Any:
        member = name if isinstance(name, str) else name(s)
        try:
            return pstypes_mod.get_static(_type_full_name(type_name, target, s), member)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
    return read


def static_call(type_name: Optional[str], target: Any, name: Any, args: list, extent: Extent,
                type_extent: Optional[Extent] = None) -> Any:
    if type_name is not None and pstypes_mod.resolve(type_name) is None:
        return type_literal(type_name, type_extent or extent)

    def call(s: Any) -> Any:
        method = name if isinstance(name, str) else name(s)
        values = [a(s) for a in args]
        try:
            return pstypes_mod.invoke_static(_type_full_name(type_name, target, s), method, values)
        except PSRuntimeException as exc:
            raise locate(exc, extent)
    return call


# ---------------------------------------------------------------- intrinsics

def _is_scriptblock(value: Any) -> bool:
    from msolsh.runtime.scriptblock import ScriptBlock
    return isinstance(value, ScriptBlock)


def _items(obj: Any) -> list:
    return obj if isinstance(obj, list) else [obj]


def _where(s: Any, obj: Any, args: List[Any]) -> list:
    block = args[0]
    mode = to_string(args[1]).lower() if len(args) > 1 else "default"
    limit = int(args[2]) if len(args) > 2 else 0
    matched = [item for item in _items(obj) if to_bool(_unwrapped(block.invoke_with_item(s, item)))]
    if mode == "first":
        return matched[:limit or 1]
    if mode == "last":
        return matched[-(limit or 1):]
    return matched[:limit] if limit else matched


def _foreach(s: Any, obj: Any, args: List[Any]) -> list:
    block, out = args[0], []
    for item in _items(obj):
        out.extend(block.invoke_with_item(s, item, args[1:]))
    return out


def _unwrapped(out: list) -> Any:
    return None if not out else out[0] if len(out) == 1 else out


# ---------------------------------------------------------------- the engine's own objects

def _scriptblock_members(s: Any, block: Any, name: str) -> Any:
    lower = name.lower()
    if lower == "ast":
        return None
    if lower == "file":
        return block.file
    return None


def _scriptblock_methods(s: Any, block: Any, name: str, args: list) -> Any:
    if name in ("invoke", "invokereturnasis"):
        out = block.invoke(s.session, args, scope=s)
        return (True, out if name == "invoke" else _unwrapped(out))
    if name == "tostring":
        return True, block.text
    if name == "getnewclosure":
        return True, block
    return False, None


def _record_members(s: Any, record: ErrorRecord, name: str) -> Any:
    from msolsh.runtime.compiler_errors import record_member
    return record_member(record, name)


def _record_methods(s: Any, record: ErrorRecord, name: str, args: list) -> Any:
    if name == "tostring":
        return True, record.message
    if name == "gettype":
        return True, pstypes_mod.TypeInfo("System.Management.Automation.ErrorRecord")
    return False, None


def _psobject_methods(s: Any, obj: PSObject, name: str, args: list) -> Any:
    """The engine objects that are PSObjects but have their own ToString() (CategoryInfo)."""
    if name == "tostring" and not args:
        from msolsh.runtime.compiler_errors import category_text, is_category_info
        if is_category_info(obj):
            return True, category_text(obj)
    return False, None


def _engine_tables() -> None:
    from msolsh.runtime.scriptblock import ScriptBlock
    _ENGINE_METHODS[PSObject] = _psobject_methods
    _ENGINE_MEMBERS[ScriptBlock] = _scriptblock_members
    _ENGINE_METHODS[ScriptBlock] = _scriptblock_methods
    _ENGINE_MEMBERS[ErrorRecord] = _record_members
    _ENGINE_METHODS[ErrorRecord] = _record_methods


def register(kind: type, members: Any = None, methods: Any = None) -> None:
    """Let another engine object (e.g. the $PSCmdlet view) expose its members."""
    if members is not None:
        _ENGINE_MEMBERS[kind] = members
    if methods is not None:
        _ENGINE_METHODS[kind] = methods


_ENGINE_MEMBERS: dict = {}
_ENGINE_METHODS: dict = {}


_engine_tables()
