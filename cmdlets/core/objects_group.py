"""Group-Object and Compare-Object: the cmdlets that match objects with each other by value.

Equality is Sort-Object's (objects_select.compare_values): case-insensitive unless
-CaseSensitive, the right value converted to the left's type. Nothing here knows the tenant.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple

from msolsh.cmdlets.core.objects import UTILITY, as_list
from msolsh.cmdlets.core.objects_select import (MISSING, _specs, _wildcard_specs, equal_values,
                                                key_values)
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.formatting.cells import plain_text
from msolsh.runtime.formatting.props import GROUP_KEYS, SELECT_KEYS
from msolsh.runtime.values import PSHashtable, PSObject

GROUP_INFO = "Microsoft.PowerShell.Commands.GroupInfo"
GROUP_INFO_NO_ELEMENT = "Microsoft.PowerShell.Commands.GroupInfoNoElement"


@cmdlet("Group-Object", module=UTILITY, aliases=("group",))
class GroupObject(Cmdlet):
    """Groups objects that contain the same value for specified properties.

    Each group is a GroupInfo with Count, Name (the values joined with ', ' for several keys)
    and Group (the objects); groups appear in the order their first member arrived. -NoElement
    leaves out Group; -AsHashTable returns one hashtable of value -> objects."""
    examples = [
        Example("'a', 'b', 'a' | Group-Object", "Counts each distinct string."),
        Example("@([pscustomobject]@{Dept='IT'; N=1}, [pscustomobject]@{Dept='HR'; N=2}, "
                "[pscustomobject]@{Dept='IT'; N=3}) | Group-Object Dept -NoElement",
                "Counts objects per department."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to group.")
    Property = Parameter("object[]", position=0, help="Specifies the properties to group by.")
    NoElement = Switch(help="Leaves the Group property out of the output.")
    AsHashTable = Switch(set="HashTable", aliases=("AHT",),
                         help="Returns a hashtable: each key is a group value, each value its objects.")
    AsString = Switch(set="HashTable", help="Makes the hashtable keys strings.")
    CaseSensitive = Switch(help="Groups upper and lower case apart.")
    Culture = Parameter("string", help="Accepted for compatibility.")

    def begin(self) -> None:
        self._specs = _specs(self, self.Property, GROUP_KEYS)
        self._groups: List[Tuple[List[Any], List[Any]]] = []   # (key values, members)
        self._index: Dict[Any, List[int]] = {}
        self._expanded: Optional[list] = None

    def process(self) -> None:
        if not self.is_bound("InputObject"):
            return
        item = self.InputObject
        if self._expanded is None:
            self._expanded = _wildcard_specs(self._specs, item if isinstance(item, PSObject) else None)
        keys = [None if k is MISSING else k for k in key_values(self, self._expanded, item)]
        bucket = self._index.setdefault(self._hash(keys), [])
        for i in bucket:
            if self._same(self._groups[i][0], keys):
                self._groups[i][1].append(item)
                return
        bucket.append(len(self._groups))
        self._groups.append((keys, [item]))

    def _hash(self, keys: List[Any]) -> Any:
        text = "\x00".join(plain_text(k) for k in keys)
        return text if self.CaseSensitive else text.lower()

    def _same(self, a: List[Any], b: List[Any]) -> bool:
        return all(equal_values(x, y, bool(self.CaseSensitive)) for x, y in zip(a, b))

    def end(self) -> Iterable[Any]:
        if self.AsHashTable:
            yield self._table()
            return
        for keys, members in self._groups:
            yield self._info(keys, members)

    def _info(self, keys: List[Any], members: List[Any]) -> PSObject:
        name = ", ".join(plain_text(k) for k in keys)
        if self.NoElement:
            return PSObject([("Count", len(members)), ("Name", name), ("Values", list(keys))],
                            [GROUP_INFO_NO_ELEMENT, "System.Object"])
        return PSObject([("Count", len(members)), ("Name", name), ("Group", list(members)),
                         ("Values", list(keys))], [GROUP_INFO, "System.Object"])

    def _table(self) -> PSHashtable:
        table = PSHashtable()
        for keys, members in self._groups:
            if self.AsString or len(keys) > 1:
                key = ", ".join(plain_text(k) for k in keys)
            else:
                key = keys[0]
            table[key] = list(members)
        return table


@cmdlet("Compare-Object", module=UTILITY, aliases=("compare", "diff"))
class CompareObject(Cmdlet):
    """Compares two sets of objects.

    Objects only in the -DifferenceObject set are marked `=>`, objects only in the
    -ReferenceObject set `<=`, and (with -IncludeEqual) objects in both `==`. With -Property only
    those properties are compared and shown; -PassThru outputs the original objects with a
    SideIndicator property added."""
    examples = [
        Example("Compare-Object -ReferenceObject 1, 2, 3 -DifferenceObject 2, 3, 4",
                "Shows 4 as only in the difference set and 1 as only in the reference set."),
        Example("Compare-Object 'a', 'b' 'b', 'c' -IncludeEqual", "Includes the shared value b."),
    ]
    ReferenceObject = Parameter("psobject[]", position=0, mandatory=True,
                                help="Specifies the objects used as the reference.")
    DifferenceObject = Parameter("psobject[]", position=1, mandatory=True, pipeline=True,
                                 help="Specifies the objects compared with the reference.")
    SyncWindow = Parameter("int", help="Accepted; msolsh compares the whole sets.")
    Property = Parameter("object[]", help="Specifies the properties to compare.")
    ExcludeDifferent = Switch(help="Shows only objects found in both sets.")
    IncludeEqual = Switch(help="Also shows objects found in both sets.")
    PassThru = Switch(help="Outputs the compared objects with a SideIndicator property.")
    CaseSensitive = Switch(help="Compares upper and lower case apart.")
    Culture = Parameter("string", help="Accepted for compatibility.")

    def begin(self) -> None:
        self._difference: List[Any] = []
        self._specs = _specs(self, self.Property, SELECT_KEYS)

    def process(self) -> None:
        self._difference.extend(as_list(self.DifferenceObject))

    def end(self) -> Iterable[Any]:
        reference = list(as_list(self.ReferenceObject))
        remaining = [(self._keys(r), r) for r in reference]
        for item in self._difference:
            keys = self._keys(item)
            match = next((i for i, (k, _) in enumerate(remaining) if self._equal(k, keys)), None)
            if match is None:
                if not self.ExcludeDifferent:
                    yield self._result(item, keys, "=>")
                continue
            del remaining[match]
            if self.IncludeEqual or self.ExcludeDifferent:
                yield self._result(item, keys, "==")
        if not self.ExcludeDifferent:
            for keys, item in remaining:
                yield self._result(item, keys, "<=")

    def _keys(self, item: Any) -> List[Any]:
        return [None if k is MISSING else k for k in key_values(self, self._specs, item)]

    def _equal(self, a: List[Any], b: List[Any]) -> bool:
        return all(equal_values(x, y, bool(self.CaseSensitive)) for x, y in zip(a, b))

    def _result(self, item: Any, keys: List[Any], side: str) -> Any:
        if self.PassThru:
            if isinstance(item, PSObject):
                copy = PSObject(item.properties(), item.type_names)
                copy.set("SideIndicator", side)
                return copy
            return item
        if self._specs:
            pairs = [(spec.name, key) for spec, key in zip(self._specs, keys)]
        else:
            pairs = [("InputObject", item)]
        return PSObject(pairs + [("SideIndicator", side)])
