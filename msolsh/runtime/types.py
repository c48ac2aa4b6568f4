"""The allow-list of .NET types a script may name, and their static members: one import for the
compiler, the coercions, the members and the cmdlets.

Interface:
  resolve(name) -> TypeInfo | None     '[int]', 'System.Int32', 'string[]', 'List[object]'...
  type_not_found(name)                 raises pwsh's "Unable to find type [Foo]." (TypeNotFound)
  type_name_of(value) -> str           'System.Int32', 'System.Object[]', a PSObject's first name
  is_instance(value, type_name) -> bool          -is / typed catch
  get_static(type_name, member)        [int]::MaxValue, [math]::PI, [datetime]::Now
  invoke_static(type_name, method, args)         [math]::Round(2.5), [string]::Join(',', $a)
  new_object(type_name, args)          New-Object / [T]::new(): ArrayList, List[object], hashtable,
                                       datetime, timespan, version, guid, regex
  set_clock(callable) / set_guid_source(callable)  make Now/Today/NewGuid reproducible
The names live in typenames.py (type literals, -is), statics.py (static members and hooks) and
text_statics.py (Encoding); this module re-exports them. Knows nothing of the compiler or the
tenant.
"""
from __future__ import annotations

from msolsh.runtime.pstypes import type_name_of
from msolsh.runtime.statics import (get_static, invoke_static, new_guid, new_object, set_clock,
                                    set_guid_source)
from msolsh.runtime.text_statics import Encoding
from msolsh.runtime.typenames import TypeInfo, is_instance, resolve, type_not_found

__all__ = ["TypeInfo", "resolve", "type_not_found", "type_name_of", "is_instance", "get_static",
           "invoke_static", "new_object", "set_clock", "set_guid_source", "new_guid", "Encoding"]
