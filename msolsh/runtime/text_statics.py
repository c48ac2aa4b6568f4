"""The text-handling static methods behind [regex], [convert], [io.path], [char] and
[text.encoding]: the functions statics.py lists in its method tables.

Interface (each takes the script's arguments as given, like the .NET method it stands for):
  regex_for(pattern, options) -> compiled pattern       regex_escape / regex_replace /
  regex_split / regex_match / regex_matches             [regex]::Escape, ::Replace, ...
  convert_to_int32 / convert_to_string / convert_to_boolean / from_base64 / to_base64
  char_test(str-predicate) -> [char]::IsDigit-like function
  path_parts / path_extension / path_combine            [System.IO.Path] (Windows separators)
  Encoding(codec, name)                                 [System.Text.Encoding]::UTF8 and friends
.NET exceptions are raised as ValueError/IndexError; statics.py wraps them. Knows nothing of
the compiler or the tenant.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from msolsh.runtime import coerce as _coerce
from msolsh.runtime import pstypes

_S = _coerce.to_string

def regex_for(pattern: Any, options: Any = None) -> "re.Pattern[str]":
    ignore = options is not None and "ignorecase" in _S(options).lower()
    return pstypes.compile_regex(_S(pattern), ignore)


_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}


def regex_escape(text: Any) -> str:
    """Regex.Escape: fewer characters than Python's re.escape."""
    return "".join(_ESCAPES.get(c) or ("\\" + c if c in "\\*+?|{[()^$.# " else c) for c in _S(text))


def regex_replace(text: Any, pattern: Any, repl: Any, options: Any = None) -> str:
    rx = regex_for(pattern, options)
    return rx.sub(pstypes.replacement(rx, _S(repl)), _S(text))


def regex_split(text: Any, pattern: Any, options: Any = None) -> list:
    from msolsh.runtime import operators
    return operators.regex_split(_S(text), regex_for(pattern, options), 0)


def regex_match(text: Any, pattern: Any, options: Any = None) -> pstypes.Match:
    return pstypes.Match(regex_for(pattern, options).search(_S(text)))


def regex_matches(text: Any, pattern: Any, options: Any = None) -> list:
    return [pstypes.Match(m) for m in regex_for(pattern, options).finditer(_S(text))]



def convert_to_int32(value: Any, base: Any = None) -> int:
    if base is None:
        return _coerce.convert(value, "System.Int32")
    base = _coerce.convert(base, "System.Int32")
    if base not in (2, 8, 10, 16):
        raise ValueError("Invalid Base.")
    text = _S(value).strip()
    n = int(text[2:] if base == 16 and text.lower().startswith("0x") else text, base)
    return n - 2**32 if base != 10 and 2**31 <= n < 2**32 else n


def convert_to_string(value: Any, base: Any = None) -> str:
    if base is None:
        return _S(value)
    n, base = _coerce.convert(value, "System.Int64"), _coerce.convert(base, "System.Int32")
    if n < 0:
        n += 2**32 if n >= -2**31 else 2**64
    return {2: format(n, "b"), 8: format(n, "o"), 10: str(n), 16: format(n, "x")}[base]


def convert_to_boolean(v: Any) -> bool:
    if not isinstance(v, str):
        return _coerce.to_bool(v)
    text = v.strip().lower()
    if text not in ("true", "false"):
        raise ValueError(f"String '{v}' was not recognized as a valid Boolean.")
    return text == "true"


def from_base64(text: Any) -> list:
    import base64
    import binascii
    try:
        return list(base64.b64decode(_S(text), validate=True))
    except (binascii.Error, ValueError):
        raise ValueError("The input is not a valid Base-64 string as it contains a non-base 64 "
                         "character, more than two padding characters, or an illegal character "
                         "among the padding characters.") from None


def to_base64(data: Any) -> str:
    import base64
    items = data if isinstance(data, list) else [data]
    return base64.b64encode(bytes(_coerce.convert(b, "System.Byte") for b in items)).decode()


def char_test(test: Callable[[str], bool]) -> Callable[..., bool]:
    def run(c: Any, index: Any = None) -> bool:
        s = _S(c)
        s = s[_coerce.convert(index, "System.Int32")] if index is not None else s
        return len(s) == 1 and test(s)
    return run


def path_parts(p: Any) -> tuple:
    text = _S(p)
    cut = max(text.rfind("\\"), text.rfind("/"))
    return text[:cut] if cut >= 0 else "", text[cut + 1:]


def path_extension(p: Any) -> str:
    name = path_parts(p)[1]
    return name[name.rfind("."):] if "." in name and not name.endswith(".") else ""


def path_combine(*parts: Any) -> str:
    out = ""
    for part in (_S(x) for x in parts):
        if not out or part.startswith(("\\", "/")) or (len(part) > 1 and part[1] == ":"):
            out = part
        elif part:
            out = out + ("" if out.endswith(("\\", "/")) else "\\") + part
    return out


class Encoding:
    """[System.Text.Encoding]::UTF8 / Unicode / ASCII: GetBytes/GetString via members.py."""
    __slots__ = ("codec", "name")

    def __init__(self, codec: str, name: str):
        self.codec, self.name = codec, name

    def get_bytes(self, text: Any) -> list:
        return list(_S(text).encode(self.codec, errors="replace"))

    def get_string(self, data: Any) -> str:
        items = data if isinstance(data, list) else [data]
        raw = bytes(_coerce.convert(b, "System.Byte") for b in items)
        return raw.decode(self.codec, errors="replace")

