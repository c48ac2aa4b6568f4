"""The text operators: -match/-notmatch (with $Matches), -replace, -split and -join, and the
.NET regex behaviour they share.

Interface:
  regex(pattern, ci, flags=0) -> compiled pattern   pwsh's InvalidRegularExpression on bad input
  regex_split(text, compiled, limit) -> list        Regex.Split semantics
  match_op(ci, negate) / replace_op(ci) / split_op(ci) / join_op   the operator callables
An array on the left filters (-match) or maps (-replace, -split). Knows nothing of scopes or the
compiler; comparison.py builds the operators from these.
"""
from __future__ import annotations

import re
from typing import Any, Callable, List

from msolsh.runtime.coerce import convert, element_string, to_string
from msolsh.runtime.pstypes import RegexError, compile_regex, fail, matches_table, replacement

def regex(pattern: Any, ci: bool, flags: int = 0) -> "re.Pattern[str]":
    text = to_string(pattern)
    try:
        return compile_regex(text, ci, flags)
    except RegexError:
        fail(f"The regular expression pattern {text} is not valid.", "InvalidRegularExpression",
             "InvalidOperation")


def match_op(ci: bool, negate: bool) -> Callable[..., Any]:
    def op(a: Any, b: Any, set_matches: Callable[[Any], None] = None) -> Any:
        rx = regex(b, ci)
        if isinstance(a, list):
            return [x for x in a if (rx.search(to_string(x)) is not None) != negate]
        m = rx.search(to_string(a))
        if m is not None and set_matches is not None:
            set_matches(matches_table(m))
        return (m is not None) != negate
    return op



def replace_op(ci: bool) -> Callable[[Any, Any], Any]:
    def op(a: Any, b: Any) -> Any:
        parts = b if isinstance(b, list) and b else [b]
        if len(parts) > 2:
            fail(f"The -replace operator allows only two elements to follow it, not {len(parts)}.",
                 "BadReplaceArgument", "InvalidOperation")
        rx = regex(parts[0], ci)
        expand = replacement(rx, to_string(parts[1]) if len(parts) > 1 else "")
        if isinstance(a, list):
            return [rx.sub(expand, to_string(x)) for x in a]
        return rx.sub(expand, to_string(a))
    return op


def regex_split(text: str, rx: "re.Pattern[str]", limit: int) -> List[str]:
    """Regex.Split: captured groups are returned between the pieces."""
    out: List[str] = []
    pos = 0
    for m in rx.finditer(text):
        if limit > 0 and len(out) >= limit - 1:
            break
        out.append(text[pos:m.start()])
        out.extend(g for g in m.groups() if g is not None)
        pos = m.end()
    out.append(text[pos:])
    return out


_SPLIT_OPTIONS = ("simplematch", "regexmatch", "ignorecase", "cultureinvariant", "multiline",
                  "singleline", "ignorepatternwhitespace", "explicitcapture")


_SPLIT_FLAGS = {"multiline": re.MULTILINE, "singleline": re.DOTALL,
                "ignorepatternwhitespace": re.VERBOSE}


def split_op(ci: bool) -> Callable[[Any, Any], List[str]]:
    def op(a: Any, b: Any) -> List[str]:
        parts = b if isinstance(b, list) and b else [b]
        limit = convert(parts[1], "System.Int32") if len(parts) > 1 else 0
        given = [o.strip() for o in to_string(parts[2]).split(",")] if len(parts) > 2 else []
        options = [o.lower() for o in given]
        for option in given:
            if option.lower() not in _SPLIT_OPTIONS:
                fail(f'Cannot convert value "{option}" to type '
                     f'"System.Management.Automation.SplitOptions". Error: "Unable to match the '
                     f'identifier name {option} to a valid enumerator name. Specify one of the '
                     f'following enumerator names and try again: '
                     f'SimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, '
                     f'Multiline, Singleline, IgnoreCase, ExplicitCapture"',
                     "InvalidCastFromStringToInteger", "InvalidArgument")
        pattern = to_string(parts[0])
        if "simplematch" in options:
            pattern = re.escape(pattern)
        flags = sum(flag for name, flag in _SPLIT_FLAGS.items() if name in options)
        rx = regex(pattern, ci or "ignorecase" in options, flags)
        items = a if isinstance(a, list) else [a]
        return [piece for item in items for piece in regex_split(to_string(item), rx, limit)]
    return op


def join_op(a: Any, b: Any) -> str:
    items = a if isinstance(a, list) else [a]
    return to_string(b).join(element_string(x) for x in items)

