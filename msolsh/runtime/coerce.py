"""PowerShell's value conversions (LanguagePrimitives): truthiness, string and number conversion,
and casts to the allow-listed types.

Interface (bound once by the compiler and the parameter binder):
  to_bool(v) -> bool              PowerShell truthiness
  to_string(v) -> str             "$v" / [string]$v (invariant culture, $OFS = ' ')
  to_number(v, type_name=None)    int | float | Decimal for arithmetic; type_name words the error
  parse_number(text)              a numeric string as pwsh reads it, or None
  convert(value, type_name)       a cast / typed variable / parameter binding; raises
                                  PSRuntimeException with pwsh's message, id and category
  convert_try(value, type_name) -> (ok, value)     for -as
  converter(type_name) -> Callable[[value], value]  the same, resolved once
  element_string(v)               Object.ToString(): collections show their type name
  format_double(f) / format_timespan(t)             .NET's default text of a double / TimeSpan
  INT_RANGES                      the integer types' ranges and their .NET overflow wording
Type names may be accelerators ('int') or .NET names ('System.Int32'), any case, and 'T[]'.
The code lives in primitives.py (truthiness, text, number parsing) and casts.py (casts); this
module re-exports it. Knows nothing of the compiler, scopes or the tenant.
"""
from __future__ import annotations

from msolsh.runtime.casts import (BAD_FORMAT, INT_RANGES, cast_fail, convert,  # noqa: F401
                                  convert_try, converter, to_number)
from msolsh.runtime.primitives import (element_string, format_double,  # noqa: F401
                                       format_timespan, parse_number, to_bool, to_string)
