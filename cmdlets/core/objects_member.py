"""Get-Member: the properties and methods of objects, as MemberDefinition records grouped
under a `TypeName:` header.

PSObjects show their note properties; .NET values show a curated member list that matches
what the allow-listed members module (runtime/members.py) really supports, with Windows
PowerShell 5.1's definition texts. Nothing here knows the tenant.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Tuple

from msolsh.cmdlets.core.objects import UTILITY, as_list
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.formatting.cells import plain_text
from msolsh.runtime.formatting.props import dotnet_type_name, matches_wildcard, type_names_of
from msolsh.runtime.values import PSHashtable, PSObject

MEMBER_DEFINITION = "Microsoft.PowerShell.Commands.MemberDefinition"
MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty",
                "Properties", "PropertySet", "Method", "CodeMethod", "ScriptMethod", "Methods",
                "ParameterizedProperty", "MemberSet", "Event", "Dynamic", "All")

_OBJECT_METHODS = [
    ("Equals", "bool Equals(System.Object obj)"), ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"), ("ToString", "string ToString()")]

_STRING_METHODS = [
    ("Clone", "System.Object Clone(), System.Object ICloneable.Clone()"),
    ("CompareTo", "int CompareTo(System.Object value), int CompareTo(string strB)"),
    ("Contains", "bool Contains(string value)"),
    ("EndsWith", "bool EndsWith(string value), bool EndsWith(string value, System.StringComparison comparisonType)"),
    ("Equals", "bool Equals(System.Object obj), bool Equals(string value)"),
    ("GetHashCode", "int GetHashCode()"), ("GetType", "type GetType()"),
    ("IndexOf", "int IndexOf(char value), int IndexOf(char value, int startIndex), int IndexOf(string value)"),
    ("IndexOfAny", "int IndexOfAny(char[] anyOf), int IndexOfAny(char[] anyOf, int startIndex)"),
    ("Insert", "string Insert(int startIndex, string value)"),
    ("IsNormalized", "bool IsNormalized()"),
    ("LastIndexOf", "int LastIndexOf(char value), int LastIndexOf(string value)"),
    ("Normalize", "string Normalize()"),
    ("PadLeft", "string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)"),
    ("PadRight", "string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)"),
    ("Remove", "string Remove(int startIndex, int count), string Remove(int startIndex)"),
    ("Replace", "string Replace(char oldChar, char newChar), string Replace(string oldValue, string newValue)"),
    ("Split", "string[] Split(Params char[] separator), string[] Split(char[] separator, int count)"),
    ("StartsWith", "bool StartsWith(string value), bool StartsWith(string value, System.StringComparison comparisonType)"),
    ("Substring", "string Substring(int startIndex), string Substring(int startIndex, int length)"),
    ("ToCharArray", "char[] ToCharArray(), char[] ToCharArray(int startIndex, int length)"),
    ("ToLower", "string ToLower(), string ToLower(cultureinfo culture)"),
    ("ToLowerInvariant", "string ToLowerInvariant()"),
    ("ToString", "string ToString(), string ToString(System.IFormatProvider provider)"),
    ("ToUpper", "string ToUpper(), string ToUpper(cultureinfo culture)"),
    ("ToUpperInvariant", "string ToUpperInvariant()"),
    ("Trim", "string Trim(Params char[] trimChars), string Trim()"),
    ("TrimEnd", "string TrimEnd(Params char[] trimChars)"),
    ("TrimStart", "string TrimStart(Params char[] trimChars)"),
]

_INT_METHODS = [
    ("CompareTo", "int CompareTo(System.Object value), int CompareTo(int value)"),
    ("Equals", "bool Equals(System.Object obj), bool Equals(int obj)"),
    ("GetHashCode", "int GetHashCode()"), ("GetType", "type GetType()"),
    ("ToString", "string ToString(), string ToString(string format)")]

_TABLE_METHODS = [
    ("Add", "void Add(System.Object key, System.Object value)"), ("Clear", "void Clear()"),
    ("Clone", "System.Object Clone()"), ("Contains", "bool Contains(System.Object key)"),
    ("ContainsKey", "bool ContainsKey(System.Object key)"),
    ("ContainsValue", "bool ContainsValue(System.Object value)"),
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetEnumerator", "System.Collections.IDictionaryEnumerator GetEnumerator()"),
    ("GetHashCode", "int GetHashCode()"), ("GetType", "type GetType()"),
    ("Remove", "void Remove(System.Object key)"), ("ToString", "string ToString()")]

_DATETIME_METHODS = [(n, d) for n, d in [
    ("Add", "datetime Add(timespan value)"), ("AddDays", "datetime AddDays(double value)"),
    ("AddHours", "datetime AddHours(double value)"),
    ("AddMilliseconds", "datetime AddMilliseconds(double value)"),
    ("AddMinutes", "datetime AddMinutes(double value)"), ("AddMonths", "datetime AddMonths(int months)"),
    ("AddSeconds", "datetime AddSeconds(double value)"), ("AddTicks", "datetime AddTicks(long value)"),
    ("AddYears", "datetime AddYears(int value)"), ("Equals", "bool Equals(System.Object value)"),
    ("GetHashCode", "int GetHashCode()"), ("GetType", "type GetType()"),
    ("Subtract", "timespan Subtract(datetime value), datetime Subtract(timespan value)"),
    ("ToLocalTime", "datetime ToLocalTime()"), ("ToLongDateString", "string ToLongDateString()"),
    ("ToLongTimeString", "string ToLongTimeString()"),
    ("ToShortDateString", "string ToShortDateString()"),
    ("ToShortTimeString", "string ToShortTimeString()"),
    ("ToString", "string ToString(), string ToString(string format)"),
    ("ToUniversalTime", "datetime ToUniversalTime()")]]

_DATETIME_PROPERTIES = [
    ("Date", "datetime Date {get;}"), ("Day", "int Day {get;}"),
    ("DayOfWeek", "System.DayOfWeek DayOfWeek {get;}"), ("DayOfYear", "int DayOfYear {get;}"),
    ("Hour", "int Hour {get;}"), ("Kind", "System.DateTimeKind Kind {get;}"),
    ("Millisecond", "int Millisecond {get;}"), ("Minute", "int Minute {get;}"),
    ("Month", "int Month {get;}"), ("Second", "int Second {get;}"), ("Ticks", "long Ticks {get;}"),
    ("TimeOfDay", "timespan TimeOfDay {get;}"), ("Year", "int Year {get;}")]

# type name -> [(name, member type, definition)]
_CURATED: Dict[str, List[Tuple[str, str, str]]] = {
    "System.String": [(n, "Method", d) for n, d in _STRING_METHODS]
    + [("Chars", "ParameterizedProperty", "char Chars(int index) {get;}"),
       ("Length", "Property", "int Length {get;}")],
    "System.Int32": [(n, "Method", d) for n, d in _INT_METHODS],
    "System.Int64": [(n, "Method", d.replace("int value", "long value").replace("int obj", "long obj"))
                     for n, d in _INT_METHODS],
    "System.Double": [(n, "Method", d.replace("int value", "double value").replace("int obj", "double obj"))
                      for n, d in _INT_METHODS],
    "System.Boolean": [(n, "Method", d) for n, d in _OBJECT_METHODS],
    "System.Collections.Hashtable": [(n, "Method", d) for n, d in _TABLE_METHODS]
    + [("Item", "ParameterizedProperty", "System.Object Item(System.Object key) {get;set;}"),
       ("Count", "Property", "int Count {get;}"),
       ("Keys", "Property", "System.Collections.ICollection Keys {get;}"),
       ("Values", "Property", "System.Collections.ICollection Values {get;}")],
    "System.DateTime": [(n, "Method", d) for n, d in _DATETIME_METHODS]
    + [(n, "Property", d) for n, d in _DATETIME_PROPERTIES]
    + [("DateTime", "ScriptProperty", "System.Object DateTime {get=if ((& { Set-StrictMode -Version 1; "
        "$this.DisplayHint }) -ieq  \"Date\")...")],
}

_CURATED["System.Management.Automation.ErrorRecord"] = [
    (n, "Method", d) for n, d in _OBJECT_METHODS
    + [("GetObjectData", "void GetObjectData(System.Runtime.Serialization.SerializationInfo info, "
                         "System.Runtime.Serialization.StreamingContext context), void "
                         "ISerializable.GetObjectData(System.Runtime.Serialization.SerializationInfo "
                         "info, System.Runtime.Serialization.StreamingContext context)")]] + [
    ("CategoryInfo", "Property", "System.Management.Automation.ErrorCategoryInfo CategoryInfo {get;}"),
    ("ErrorDetails", "Property", "System.Management.Automation.ErrorDetails ErrorDetails {get;set;}"),
    ("Exception", "Property", "System.Exception Exception {get;}"),
    ("FullyQualifiedErrorId", "Property", "string FullyQualifiedErrorId {get;}"),
    ("InvocationInfo", "Property", "System.Management.Automation.InvocationInfo InvocationInfo {get;}"),
    ("PipelineIterationInfo", "Property", "System.Collections.ObjectModel.ReadOnlyCollection[int] "
                                          "PipelineIterationInfo {get;}"),
    ("ScriptStackTrace", "Property", "string ScriptStackTrace {get;}"),
    ("TargetObject", "Property", "System.Object TargetObject {get;}"),
    ("PSMessageDetails", "ScriptProperty", "System.Object PSMessageDetails {get=& { Set-StrictMode "
                                           "-Version 1; $this.Exception.InnerException.PSMessageDetails };}"),
]

_SHORT_TYPES = {
    "System.String": "string", "System.Int32": "int", "System.Int64": "long",
    "System.Double": "double", "System.Boolean": "bool", "System.Decimal": "decimal",
    "System.DateTime": "datetime", "System.Guid": "guid", "System.Char": "char",
    "System.TimeSpan": "timespan", "System.Version": "version",
    "System.Collections.Hashtable": "hashtable", "System.Object[]": "Object[]",
    "System.Management.Automation.ScriptBlock": "scriptblock",
}


def note_definition(name: str, value: Any) -> str:
    """`string Name=Ada` as pwsh defines a note property."""
    if value is None:
        return f"object {name}=null"
    type_name = dotnet_type_name(value)
    shown = _SHORT_TYPES.get(type_name, type_name)
    from msolsh.runtime.coerce import element_string
    return f"{shown} {name}={element_string(value) if isinstance(value, list) else plain_text(value)}"


def members_of(value: Any) -> List[Tuple[str, str, str]]:
    if isinstance(value, PSObject):
        members = [(n, "Method", d) for n, d in _OBJECT_METHODS]
        members += [(n, "NoteProperty", note_definition(n, v)) for n, v in value.properties()]
        return members
    return list(_CURATED.get(type_names_of(value)[0], [(n, "Method", d) for n, d in _OBJECT_METHODS]))


@cmdlet("Get-Member", module=UTILITY, aliases=("gm",))
class GetMember(Cmdlet):
    """Gets the properties and methods of objects.

    Pipe objects to Get-Member to see their type name and members: note properties of custom
    and simulated directory objects, and the methods msolsh supports on strings, numbers,
    hashtables and dates. Each distinct type is listed once."""
    examples = [
        Example("'hello' | Get-Member -MemberType Method", "Lists the methods of a string."),
        Example("[pscustomobject]@{Name='Ada'; Age=36} | Get-Member",
                "Lists a custom object's note properties."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the object to inspect.")
    Name = Parameter("string[]", position=0, help="Specifies member names (wildcards allowed).")
    MemberType = Parameter("string[]", aliases=("Type",), validate_set=MEMBER_TYPES,
                           help="Specifies the kinds of members to get.")
    View = Parameter("string[]", help="Accepted for compatibility.")
    Static = Switch(help="Accepted; msolsh lists no static members.")
    Force = Switch(help="Accepted for compatibility.")

    def begin(self) -> None:
        self._seen: set = set()
        self._any = False

    def process(self) -> Iterable[Any]:
        if not self.is_bound("InputObject"):
            return
        self._any = True
        value = self.InputObject
        type_name = _type_name(value)
        if type_name in self._seen:
            return
        self._seen.add(type_name)
        for name, kind, definition in sorted(members_of(value), key=lambda m: (m[1], m[0].lower())):
            if self._wanted(name, kind):
                yield PSObject([("TypeName", type_name), ("Name", name), ("MemberType", kind),
                                ("Definition", definition)], [MEMBER_DEFINITION, "System.Object"])

    def _wanted(self, name: str, kind: str) -> bool:
        if self.Name and not any(matches_wildcard(p, name) for p in as_list(self.Name)):
            return False
        kinds = {k.lower() for k in as_list(self.MemberType)}
        if not kinds or "all" in kinds:
            return True
        if kind.lower() in kinds:
            return True
        if "properties" in kinds and kind.endswith("Property"):
            return True
        return "methods" in kinds and kind.endswith("Method")

    def end(self) -> None:
        if not self._any:
            self.throw_terminating(self.error_record(
                "You must specify an object for the Get-Member cmdlet.", "NoObjectInGetMember",
                "CloseError", exception_type="System.InvalidOperationException"))


def _type_name(value: Any) -> str:
    if isinstance(value, PSHashtable):
        return dotnet_type_name(value)
    return type_names_of(value)[0]
