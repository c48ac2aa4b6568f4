"""The ActiveDirectory -Filter language (`Department -eq 'Sales' -and Name -like 'a*'`, `*`,
script-block filters with variables) compiled to a predicate over tenant ADObjects.

Both filter languages (this one and -LDAPFilter, ldapfilter.py) parse to the node classes below,
which evaluate against attributes.filter_values(). Knows nothing of cmdlets or error records:
a bad filter raises FilterError with the module's message.
"""
from __future__ import annotations

import re
from typing import Any, Callable, List, Optional, Tuple

from . import attributes

OPERATORS = ("eq", "ne", "le", "ge", "lt", "gt", "like", "notlike", "approx", "band", "bor",
             "recursivematch")


class FilterError(Exception):
    """ADFilterParsingException (the -Filter syntax) or the server's 8254 (-LDAPFilter)."""

    def __init__(self, message: str, ldap: bool = False):
        super().__init__(message)
        self.message = message
        self.ldap = ldap


# ---- nodes ------------------------------------------------------------------------------------
class MatchAll:
    def test(self, obj: Any, directory: Any) -> bool:
        return True


class And:
    def __init__(self, parts: List[Any]):
        self.parts = parts

    def test(self, obj: Any, directory: Any) -> bool:
        return all(p.test(obj, directory) for p in self.parts)


class Or(And):
    def test(self, obj: Any, directory: Any) -> bool:
        return any(p.test(obj, directory) for p in self.parts)


class Not:
    def __init__(self, part: Any):
        self.part = part

    def test(self, obj: Any, directory: Any) -> bool:
        return not self.part.test(obj, directory)


class Compare:
    """attribute <op> value; a multi-valued attribute matches when any value does (LDAP)."""

    def __init__(self, attribute: str, op: str, value: Any):
        self.attribute, self.op, self.value = attribute, op, value
        self._pattern = _wildcard(value) if op in ("like", "notlike") else None

    def test(self, obj: Any, directory: Any) -> bool:
        values = attributes.filter_values(obj, self.attribute, directory)
        if self.op in ("ne", "notlike"):
            return not self._any(values, "eq" if self.op == "ne" else "like", obj, directory)
        return self._any(values, self.op, obj, directory)

    def _any(self, values: List[Any], op: str, obj: Any, directory: Any) -> bool:
        if self.value is None:
            return bool(values) if op == "like" else not values
        if op == "recursivematch":
            return _in_chain(obj, self.attribute, str(self.value), directory)
        return any(_match(v, op, self.value, self._pattern) for v in values)


def _wildcard(value: Any) -> Optional[re.Pattern]:
    if value is None:
        return None
    parts = [re.escape(p) for p in str(value).split("*")]
    return re.compile("^" + ".*".join(parts) + "$", re.IGNORECASE | re.DOTALL)


def _norm(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    text = str(value).strip("{}") if _is_guidish(value) else str(value)
    try:
        return int(text)
    except ValueError:
        return text.lower()


def _is_guidish(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 38 and value.startswith("{")


def _match(have: Any, op: str, want: Any, pattern: Optional[re.Pattern]) -> bool:
    if op == "like":
        return bool(pattern.match(str(have) if not isinstance(have, bool) else str(have)))
    a, b = _norm(have), _norm(want)
    if op in ("eq", "approx"):
        return a == b
    if op in ("band", "bor"):
        if not (isinstance(a, int) and isinstance(b, int)):
            return False
        return (a & b) == b if op == "band" else (a & b) != 0
    if type(a) is not type(b):
        a, b = str(a), str(b)
    return {"lt": a < b, "le": a <= b, "gt": a > b, "ge": a >= b}[op]


def _in_chain(obj: Any, attribute: str, dn: str, directory: Any) -> bool:
    """LDAP_MATCHING_RULE_IN_CHAIN: memberOf (or member) followed transitively."""
    target = directory.find(dn)
    if target is None:
        return False
    if attribute.lower() == "memberof":
        seen, todo = set(), list(directory.member_of(obj))
        while todo:
            group = todo.pop()
            if group.guid == target.guid:
                return True
            if group.guid not in seen:
                seen.add(group.guid)
                todo.extend(directory.member_of(group))
        return False
    return _in_chain(target, "memberof", obj.dn, directory)


# ---- the -Filter language -----------------------------------------------------------------------
_TOKEN = re.compile(r"""\s*(?:
    (?P<paren>[()])
  | (?P<op>-[A-Za-z]+)(?=[\s('"$]|$)
  | '(?P<sq>(?:[^']|'')*)'
  | "(?P<dq>(?:[^"]|"")*)"
  | (?P<var>\$\{[^}]+\}|\$[A-Za-z_][\w:]*(?:\.[A-Za-z_]\w*)*)
  | (?P<word>[^\s()'"]+)
)""", re.VERBOSE)


def _tokens(text: str) -> List[Tuple[str, Any, int]]:
    """(kind, value, 0-based start) for each token; kinds: paren op str var word."""
    out, pos = [], 0
    while text[pos:].strip():
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _syntax(text, pos)
        kind = m.lastgroup
        start = m.start(kind) - (1 if kind in ("sq", "dq") else 0)   # at the opening quote
        value = m.group(kind)
        if kind == "sq":
            kind, value = "str", value.replace("''", "'")
        elif kind == "dq":
            kind, value = "str", value.replace('""', '"')
        elif kind == "op":
            value = value[1:].lower()
        out.append((kind, value, start))
        pos = m.end()
    return out


def _syntax(text: str, pos: int) -> FilterError:
    return FilterError(f"Error parsing query: '{text}' Error Message: 'syntax error' at "
                       f"position: '{pos + 1}'.")


class _Parser:
    def __init__(self, text: str, lookup: Callable[[str], Any]):
        self.text, self.lookup = text, lookup
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self) -> Optional[Tuple[str, Any, int]]:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Tuple[str, Any, int]:
        token = self.peek()
        if token is None:
            raise _syntax(self.text, len(self.text))
        self.i += 1
        return token

    def parse(self) -> Any:
        node = self.or_expr()
        if self.peek() is not None:
            raise _syntax(self.text, self.peek()[2])
        return node

    def or_expr(self) -> Any:
        parts = [self.and_expr()]
        while self._at_op("or"):
            self.i += 1
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Or(parts)

    def and_expr(self) -> Any:
        parts = [self.unary()]
        while self._at_op("and"):
            self.i += 1
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else And(parts)

    def _at_op(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "op" and token[1] == name

    def unary(self) -> Any:
        kind, value, pos = self.take()
        if kind == "op" and value == "not":
            return Not(self.unary())
        if kind == "paren" and value == "(":
            node = self.or_expr()
            closing = self.take()
            if closing[:2] != ("paren", ")"):
                raise _syntax(self.text, closing[2])
            return node
        if kind != "word":
            raise _syntax(self.text, pos)
        return self.comparison(value)

    def comparison(self, attribute: str) -> Any:
        kind, op, pos = self.take()
        if kind != "op" or op not in OPERATORS:
            raise _syntax(self.text, pos)
        return Compare(attribute, op, self.operand())

    def operand(self) -> Any:
        kind, value, pos = self.take()
        if kind == "str":
            return value
        if kind == "var":
            if value.lower() in ("$true", "$false", "$null"):
                return _bare(value)
            return self.lookup(value)
        if kind == "word":
            return _bare(value)
        raise _syntax(self.text, pos)


def _bare(word: str) -> Any:
    low = word.lower()
    if low in ("true", "$true"):
        return True
    if low in ("false", "$false"):
        return False
    if low in ("$null", "null"):
        return None
    try:
        return int(word)
    except ValueError:
        return word


def parse_filter(filter_value: Any, lookup: Callable[[str], Any]) -> Any:
    """A -Filter argument (string or script block) as a node; `lookup('$name.Prop')` gives a
    variable's value for script-block filters (double-quoted ones arrive already expanded)."""
    text = str(getattr(filter_value, "text", filter_value)).strip()
    if text == "*":
        return MatchAll()
    if not text:
        raise _syntax(text, 0)
    return _Parser(text, lookup).parse()
