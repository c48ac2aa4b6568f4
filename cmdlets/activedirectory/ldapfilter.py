"""-LDAPFilter: RFC 4515 filters as AD evaluates them, e.g.
`(&(objectClass=user)(department=Sales))`,
`(!userAccountControl:1.2.840.113556.1.4.803:=2)`, `(memberOf:1.2.840.113556.1.4.1941:=<DN>)`.

Parses to the node classes of adfilter.py; a malformed filter raises FilterError with the
server's message. Knows nothing of cmdlets.
"""
from __future__ import annotations

import re
from typing import Any, List, Tuple

from .adfilter import And, Compare, FilterError, Not, Or

BAD_FILTER = "The search filter cannot be recognized"
RULES = {"1.2.840.113556.1.4.803": "band", "1.2.840.113556.1.4.804": "bor",
         "1.2.840.113556.1.4.1941": "recursivematch"}
_ITEM = re.compile(r"^([A-Za-z][\w-]*)(?::([\d.]+))?:?(=|>=|<=|~=)(.*)$", re.DOTALL)


def parse_ldap(text: str) -> Any:
    text = str(text).strip()
    if not text.startswith("("):
        text = f"({text})"  # the module accepts a bare item such as objectClass=user
    node, end = _filter(text, 0)
    if text[end:].strip():
        raise FilterError(BAD_FILTER, ldap=True)
    return node


def _filter(text: str, pos: int) -> Tuple[Any, int]:
    if pos >= len(text) or text[pos] != "(":
        raise FilterError(BAD_FILTER, ldap=True)
    pos += 1
    kind = text[pos:pos + 1]
    if kind in ("&", "|"):
        parts, pos = _list(text, pos + 1)
        if not parts:
            raise FilterError(BAD_FILTER, ldap=True)
        return (And(parts) if kind == "&" else Or(parts)), _close(text, pos)
    if kind == "!":
        if text[pos + 1:pos + 2] != "(":  # AD also takes (!attr=value) without inner parens
            end = _item_end(text, pos + 1)
            return Not(_item(text[pos + 1:end])), end + 1
        part, pos = _filter(text, pos + 1)
        return Not(part), _close(text, pos)
    end = _item_end(text, pos)
    return _item(text[pos:end]), end + 1


def _list(text: str, pos: int) -> Tuple[List[Any], int]:
    parts = []
    while pos < len(text) and text[pos] == "(":
        part, pos = _filter(text, pos)
        parts.append(part)
    return parts, pos


def _close(text: str, pos: int) -> int:
    if pos >= len(text) or text[pos] != ")":
        raise FilterError(BAD_FILTER, ldap=True)
    return pos + 1


def _item_end(text: str, pos: int) -> int:
    end = text.find(")", pos)
    if end < 0:
        raise FilterError(BAD_FILTER, ldap=True)
    return end


def _item(item: str) -> Any:
    m = _ITEM.match(item)
    if m is None:
        raise FilterError(BAD_FILTER, ldap=True)
    attribute, rule, op, value = m.groups()
    value = _unescape(value)
    if rule:
        if rule not in RULES or op != "=":
            raise FilterError(BAD_FILTER, ldap=True)
        return Compare(attribute, RULES[rule], value)
    if op == "=" and value == "*":
        return Compare(attribute, "like", None)   # presence
    if op == "=" and "*" in value:
        return Compare(attribute, "like", value)
    return Compare(attribute, {"=": "eq", ">=": "ge", "<=": "le", "~=": "approx"}[op], value)


def _unescape(value: str) -> str:
    # \2a is a literal '*', kept as an escaped marker that never acts as a wildcard
    return re.sub(r"\\([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), value)
