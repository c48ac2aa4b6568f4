"""The object-pipeline cmdlets that filter and transform: Where-Object, ForEach-Object,
Tee-Object and New-Object, plus the helpers the other objects_* modules share.

Script blocks run through the cmdlet's invoke_script (the engine), properties are read through
the formatting module's allow-listed accessor; nothing here knows the tenant.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional

from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.formatting.props import get_property, has_property, is_scriptblock
from msolsh.runtime.values import PSHashtable, PSObject

CORE = "Microsoft.PowerShell.Core"
UTILITY = "Microsoft.PowerShell.Utility"


# --- shared helpers ------------------------------------------------------------------------

def invoker(cmd: Cmdlet) -> Callable[[Any, Any], List[Any]]:
    """(script block, $_) -> output, for property specs evaluated by the cmdlet."""
    return lambda block, item: cmd.invoke_script(block, dollar_under=item)


def as_list(value: Any) -> List[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def stop_upstream() -> None:
    """Tell the engine no more input is wanted (Select-Object -First). Without an engine signal,
    the cmdlet just ignores the rest of its input."""
    try:
        from msolsh.runtime import command_processor
    except ImportError:
        return
    signal = getattr(command_processor, "StopUpstream", None)
    if isinstance(signal, type) and issubclass(signal, BaseException):
        raise signal()


def set_variable(cmd: Cmdlet, name: str, value: Any) -> None:
    """Set a variable in the caller's scope through whatever the engine offers."""
    for owner in (cmd._processor, cmd.session):
        setter = getattr(owner, "set_variable", None)
        if callable(setter):
            setter(name, value)
            return
    scope = getattr(cmd._processor, "scope", None) or getattr(cmd.session, "scope", None)
    if scope is not None:
        scope.assign(name.lower(), value)


def rethrow_as(cmd: Cmdlet, exc: PSRuntimeException) -> None:
    """A property-spec error raised while binding, attributed to this cmdlet (terminating)."""
    record = exc.record
    cmd.throw_terminating(cmd.error_record(record.message, record.error_id, record.category,
                                           exception_type=record.exception_type))


# --- Where-Object --------------------------------------------------------------------------

_WHERE_OPERATORS = [
    ("EQ", "-eq"), ("CEQ", "-ceq"), ("NE", "-ne"), ("CNE", "-cne"), ("GT", "-gt"),
    ("CGT", "-cgt"), ("LT", "-lt"), ("CLT", "-clt"), ("GE", "-ge"), ("CGE", "-cge"),
    ("LE", "-le"), ("CLE", "-cle"), ("Like", "-like"), ("CLike", "-clike"),
    ("NotLike", "-notlike"), ("CNotLike", "-cnotlike"), ("Match", "-match"),
    ("CMatch", "-cmatch"), ("NotMatch", "-notmatch"), ("CNotMatch", "-cnotmatch"),
    ("Contains", "-contains"), ("CContains", "-ccontains"), ("NotContains", "-notcontains"),
    ("CNotContains", "-cnotcontains"), ("In", "-in"), ("CIn", "-cin"), ("NotIn", "-notin"),
    ("CNotIn", "-cnotin"), ("Is", "-is"), ("IsNot", "-isnot"), ("Not", None),
]
_SET_NAMES = {"EQ": "EqualSet", "Not": "Not"}


def _set_name(switch: str) -> str:
    return _SET_NAMES.get(switch, switch + "Set")


_OPERATOR_SETS = [_set_name(s) for s, _ in _WHERE_OPERATORS]


def _where_declarations(cls: type) -> type:
    for switch, _ in _WHERE_OPERATORS:
        param = Switch(set=_set_name(switch), sets={} if switch == "EQ" else
                       {_set_name(switch): dict(mandatory=True)},
                       help=f"Selects objects whose property passes the -{switch.lower()} test."
                       if switch != "Not" else "Selects objects whose property is false or absent.")
        param.name = switch
        setattr(cls, switch, param)
    return cls


@cmdlet("Where-Object", module=CORE, aliases=("?", "where"), default_set="EqualSet")
@_where_declarations
class WhereObject(Cmdlet):
    """Selects objects from a collection based on their property values.

    Where-Object passes on the input objects for which the script block returns true
    (`Where-Object { $_.IsLicensed }`), or, in the simplified syntax, whose named property
    compares true with a value (`Where-Object City -eq 'Seattle'`). Comparisons are
    case-insensitive unless the operator has the c prefix (-ceq, -clike, ...)."""
    examples = [
        Example("1..10 | Where-Object { $_ % 2 -eq 0 }", "Gets the even numbers from 1 to 10."),
        Example("@([pscustomobject]@{Name='a'; Size=5}, [pscustomobject]@{Name='b'; Size=50}) | "
                "Where-Object Size -gt 10", "Simplified syntax: objects whose Size is above 10."),
        Example("'alpha', 'beta', 'gamma' | ? { $_ -like '*a' }", "Uses the ? alias."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to filter.")
    FilterScript = Parameter("scriptblock", set="ScriptBlockSet", position=0, mandatory=True,
                             help="Specifies the script block that decides whether an object passes.")
    Property = Parameter("object", set=tuple(_OPERATOR_SETS), position=0, mandatory=True,
                         help="Specifies the name of the property to test.")
    Value = Parameter("object", set=tuple(_OPERATOR_SETS), position=1,
                      help="Specifies the value to compare the property with.")

    def begin(self) -> None:
        self._test = self._make_test()

    def _make_test(self) -> Callable[[Any], bool]:
        from msolsh.runtime.coerce import to_bool
        block = self.FilterScript
        if block is None and is_scriptblock(self.Property):
            block = self.Property           # `Where-Object { ... }` bound to the default set
        if block is not None:
            return lambda item: to_bool(self.invoke_script(block, dollar_under=item))
        name = self.Property if isinstance(self.Property, str) else _text(self.Property)
        op = self._operator()
        if op is None:
            negate = self.Not
            return lambda item: to_bool(get_property(item, name)) != negate
        compare = _operator_function(op)
        value = self.Value
        return lambda item: to_bool(compare(get_property(item, name), value))

    def _operator(self) -> Optional[str]:
        for switch, op in _WHERE_OPERATORS:
            if op and getattr(self, switch, False):
                return op
        if self.is_bound("Value"):
            return "-eq"
        return None

    def process(self) -> Optional[Iterable[Any]]:
        item = self.InputObject
        return (item,) if self._test(item) else None    # no generator: this runs per object


def _text(value: Any) -> str:
    from msolsh.runtime.coerce import to_string
    return to_string(value)


def _type_name(value: Any) -> str:
    from msolsh.runtime.pstypes import type_name_of
    return type_name_of(value)


def _operator_function(op: str) -> Callable[[Any, Any], Any]:
    from msolsh.runtime.operators import MATCH_OPS, binary
    fn = binary(op)
    if op in MATCH_OPS:
        return lambda a, b: fn(a, b, lambda matches: None)
    return fn


# --- ForEach-Object ------------------------------------------------------------------------

@cmdlet("ForEach-Object", module=CORE, aliases=("%", "foreach"), default_set="ScriptBlockSet")
class ForEachObject(Cmdlet):
    """Performs an operation against each item in a collection of input objects.

    The -Process script block runs once per input object with $_ set to it; -Begin runs before
    the first object and -End after the last. Positional script blocks are read as pwsh reads
    them: one is -Process, two are -Begin and -Process, three are -Begin, -Process and -End.
    With -MemberName, ForEach-Object gets a property or calls a method of each object."""
    examples = [
        Example("1..3 | ForEach-Object { $_ * 2 }", "Doubles each number."),
        Example("1..3 | % -Begin { $t = 0 } -Process { $t += $_ } -End { $t }",
                "Sums the numbers with begin, process and end blocks."),
        Example("'a', 'b' | ForEach-Object -MemberName ToUpper", "Calls ToUpper() on each string."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the input objects.")
    Begin = Parameter("scriptblock", set="ScriptBlockSet",
                      help="Specifies a script block that runs before the first input object.")
    Process = Parameter("object[]", set="ScriptBlockSet", position=0, mandatory=True,
                        help="Specifies the script block run for each input object.")
    End = Parameter("scriptblock", set="ScriptBlockSet",
                    help="Specifies a script block that runs after the last input object.")
    RemainingScripts = Parameter("object[]", set="ScriptBlockSet", position=1,
                                 help="Takes the script blocks after the first positional one.")
    MemberName = Parameter("string", set="PropertyAndMethodSet", position=0, mandatory=True,
                           help="Specifies the property to get or the method to call.")
    ArgumentList = Parameter("object[]", set="PropertyAndMethodSet", position=1,
                             aliases=("Args",), help="Specifies the arguments of a method call.")
    RemainingScripts.remaining = True  # type: ignore[attr-defined]  (ValueFromRemainingArguments)
    ArgumentList.remaining = True      # type: ignore[attr-defined]

    def begin(self) -> Iterable[Any]:
        self._member, self._arguments = self.MemberName, as_list(self.ArgumentList)
        blocks = as_list(self.Process) + as_list(self.RemainingScripts)
        if self._member is None and blocks and isinstance(blocks[0], str):
            # `% Name` / `% Split ','` bound to the default set: pwsh binds -MemberName here
            self._member, self._arguments, blocks = blocks[0], blocks[1:], []
        for block in blocks:
            if not is_scriptblock(block):
                self.throw_terminating(self.error_record(
                    f'Cannot bind parameter \'RemainingScripts\'. Cannot convert the "{_text(block)}" '
                    f'value of type "{_type_name(block)}" to type '
                    f'"System.Management.Automation.ScriptBlock".', "CannotConvertArgument",
                    "InvalidArgument", exception_type="System.Management.Automation.ParameterBindingException"))
        begin, self._blocks, end = self.Begin, blocks, self.End
        if not self.is_bound("Begin") and len(blocks) > 1:
            begin, self._blocks = blocks[0], blocks[1:]
        if not self.is_bound("End") and len(self._blocks) > 1 and len(blocks) > 2:
            self._blocks, end = self._blocks[:-1], self._blocks[-1]
        self._end = end
        if begin is not None:
            yield from self.invoke_script(begin, dollar_under=None)

    def process(self) -> Iterable[Any]:
        item = self.InputObject
        if self._member is not None:
            yield from self._member_value(item)
            return
        for block in self._blocks:
            if block is not None:
                yield from self.invoke_script(block, dollar_under=item)

    def _member_value(self, item: Any) -> Iterable[Any]:
        name = self._member
        if not self._arguments:
            if isinstance(item, PSHashtable) and name in item:
                yield item[name]        # ForEach-Object reads keys as $h.Name does
                return
            if _has_member_property(item, name):
                value = get_property(item, name)
                yield from (value if isinstance(value, list) else [value])
                return
            if isinstance(item, PSObject) and not _is_object_method(name):
                return          # a missing note property reads as $null, which shows nothing
        from msolsh.runtime.members import invoke_method
        try:
            result = invoke_method(item, name, self._arguments)
        except PSRuntimeException as exc:
            if "does not contain a method" not in exc.record.message:
                raise
            self.write_error(self.error_record(
                f'Input name "{name}" cannot be resolved to a method.', "MethodNotFound",
                "InvalidArgument", target=item,
                exception_type="System.Management.Automation.PSArgumentException"))
            return
        if result is not None:
            yield result

    def end(self) -> Iterable[Any]:
        if self._end is not None:
            yield from self.invoke_script(self._end, dollar_under=None)


def _is_object_method(name: str) -> bool:
    return name.lower() in ("tostring", "gettype", "equals", "gethashcode")


def _has_member_property(item: Any, name: str) -> bool:
    if has_property(item, name):
        return True
    return get_property(item, name) is not None


# --- Tee-Object ----------------------------------------------------------------------------

@cmdlet("Tee-Object", module=UTILITY, aliases=("tee",), default_set="File")
class TeeObject(Cmdlet):
    """Saves command output in a file or variable and also sends it down the pipeline.

    The objects pass through unchanged; at the end of the pipeline the file receives the text
    the console would show for them, or the variable receives the objects."""
    examples = [
        Example("1..3 | Tee-Object -Variable numbers | Measure-Object", "Counts the numbers "
                "and keeps them in $numbers."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to save.")
    FilePath = Parameter("string", set="File", position=0, mandatory=True, aliases=("Path",),
                         help="Specifies the file to write.")
    LiteralPath = Parameter("string", set="LiteralFile", mandatory=True, aliases=("PSPath",),
                            help="Specifies the file to write, used exactly as typed.")
    Append = Switch(set=("File", "LiteralFile"), help="Adds to the file instead of replacing it.")
    Variable = Parameter("string", set="Variable", mandatory=True,
                         help="Specifies the variable that receives the objects.")

    def begin(self) -> None:
        self._items: List[Any] = []

    def process(self) -> Iterable[Any]:
        if self.is_bound("InputObject"):
            self._items.append(self.InputObject)
            yield self.InputObject

    def end(self) -> None:
        if self.parameter_set == "Variable":
            items = self._items
            set_variable(self, self.Variable, items[0] if len(items) == 1 else list(items))
            return
        from msolsh.cmdlets.core import files
        from msolsh.runtime.formatting import out_string
        path = files.resolve(self.session, self.FilePath or self.LiteralPath)
        text = out_string(self._items, self.session)
        files.write_file(self, path, text, None, bool(self.Append), "FileOpenFailure")


# --- New-Object ----------------------------------------------------------------------------

_NEW_OBJECT_TYPES: Dict[str, Callable[[], Any]] = {
    "psobject": lambda: PSObject(), "system.management.automation.psobject": lambda: PSObject(),
    "pscustomobject": lambda: PSObject(),
    "system.management.automation.pscustomobject": lambda: PSObject(),
    "system.object": lambda: PSObject(),
    "hashtable": PSHashtable, "system.collections.hashtable": PSHashtable,
}
_LIST_TYPES = {
    "system.collections.arraylist": "System.Collections.ArrayList",
    "collections.arraylist": "System.Collections.ArrayList",
    "system.collections.generic.list[object]": "System.Collections.Generic.List`1[[System.Object]]",
    "system.collections.generic.list[system.object]":
        "System.Collections.Generic.List`1[[System.Object]]",
}


@cmdlet("New-Object", module=UTILITY, default_set="Net")
class NewObject(Cmdlet):
    """Creates an instance of a .NET type.

    msolsh knows PSObject/PSCustomObject (with -Property setting note properties),
    System.Collections.ArrayList, System.Collections.Generic.List[object] and hashtable; other
    type names give pwsh's "Cannot find type" error."""
    examples = [
        Example("New-Object PSObject -Property @{Name='Ada'; Role='Admin'}",
                "Creates a custom object with two properties."),
        Example("$list = New-Object System.Collections.ArrayList; $null = $list.Add('x'); $list.Count",
                "Creates a growable list."),
    ]
    TypeName = Parameter("string", set="Net", position=0, mandatory=True,
                         help="Specifies the full name of the type to create.")
    ArgumentList = Parameter("object[]", set="Net", position=1, aliases=("Args",),
                             help="Specifies the constructor arguments.")
    ComObject = Parameter("string", set="Com", position=0, mandatory=True,
                          help="Specifies a COM object's ProgID (not available in msolsh).")
    Property = Parameter("hashtable", help="Sets property values on the new object.")

    def end(self) -> Iterable[Any]:
        if self.parameter_set == "Com":
            self._not_found(self.ComObject, com=True)
        name = (self.TypeName or "").strip()
        key = name.lower().strip("[]")
        if key in _LIST_TYPES:
            from msolsh.runtime.pstypes import PSList
            yield PSList([], _LIST_TYPES[key])
            return
        make = _NEW_OBJECT_TYPES.get(key)
        if make is None:
            self._not_found(name)
        obj = make()
        if self.Property is not None:
            self._set_properties(obj)
        yield obj

    def _set_properties(self, obj: Any) -> None:
        for key, value in self.Property.items():
            if isinstance(obj, PSObject):
                obj.set(str(key), value)
            elif isinstance(obj, PSHashtable):
                obj[key] = value

    def _not_found(self, name: str, com: bool = False) -> None:
        if com:
            message = ("Retrieving the COM class factory for component with CLSID {00000000-0000-"
                       "0000-0000-000000000000} failed due to the following error: 80040154 Class "
                       "not registered (Exception from HRESULT: 0x80040154 (REGDB_E_CLASSNOTREG)).")
            self.throw_terminating(self.error_record(
                message, "NoCOMClassIdentified", "ResourceUnavailable", target=name,
                exception_type="System.Runtime.InteropServices.COMException"))
        self.throw_terminating(self.error_record(
            f"Cannot find type [{name}]: verify that the assembly containing this type is loaded.",
            "TypeNotFound", "InvalidType", exception_type="System.Management.Automation.PSArgumentException"))
