"""Properties, methods and indexes of values, through an allow-list per kind of value.

Interface:
  get_member(obj, name)               $x.Name (missing -> $null; arrays enumerate members;
                                      every scalar has Count/Length 1, $null 0)
  set_member(obj, name, value)        $x.Name = v
  invoke_method(obj, name, args)      $x.ToUpper(), $a.Where({...}) (arrays enumerate methods)
  get_index(obj, index)               $a[0], $a[-1], $a[1,2], $h['k'], $s[0]
  set_index(obj, index, value)        $a[0] = v, $h['k'] = v
  set_script_invoker(fn)              fn(scriptblock, dollar_under) -> list of outputs, used by
                                      .Where({}) and .ForEach({}); the compiler registers it
$x.PSObject is a PSObjectView (Properties, TypeNames, BaseObject); Match.Groups and
PSObject.Properties are Groups lists, indexable by name.
The code lives in properties.py, indexes.py, methods.py, string_methods.py and value_methods.py;
this module re-exports it as the one import for the compiler, the formatter and the cmdlets.
Member names are looked up in tables (case-insensitively), never with getattr on user text.
Engine objects (script blocks, error records) are the compiler's business, not this module's.
"""
from __future__ import annotations

from msolsh.runtime.failures import NetError
from msolsh.runtime.indexes import get_index, set_index
from msolsh.runtime.methods import invoke_method, set_script_invoker
from msolsh.runtime.properties import Groups, PSObjectView, get_member, set_member

__all__ = ["get_member", "set_member", "invoke_method", "get_index", "set_index",
           "set_script_invoker", "NetError", "PSObjectView", "Groups"]
