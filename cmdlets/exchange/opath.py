"""The OPATH -Filter subset Exchange Online cmdlets accept (cmdlets.md §3.1):

    "Property -eq 'value'"   -eq -ne -like -notlike (also -gt -lt -ge -le), joined with
    -and / -or / -not and parentheses; values quoted, bare, or $true / $false / $null;
    the whole filter may be wrapped in { }.

compile_filter(text, properties) returns a predicate over a record's property getter, or
raises OpathError with the real wording and the 0-based position Exchange reports. For
EmailAddresses/ExternalEmailAddress an exact value matches without the 'smtp:' prefix, but a
wildcard value must include it. Pure: knows no tenant, no runtime.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, List, Optional, Tuple

COMPARISONS = ("-eq", "-ne", "-like", "-notlike", "-gt", "-lt", "-ge", "-le")
ADDRESS_PROPERTIES = frozenset({"emailaddresses", "externalemailaddress"})
_TOKEN = re.compile(r"""\s*(?:
    (?P<op>-[A-Za-z]+)
  | (?P<paren>[(){}])
  | '(?P<sq>(?:[^']|'')*)'
  | "(?P<dq>(?:[^"]|"")*)"
  | (?P<var>\$[A-Za-z_]+)
  | (?P<word>[^\s()'"{}]+)
)""", re.VERBOSE)

Predicate = Callable[[Callable[[str], Any]], bool]


class OpathError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def syntax_error(text: str, position: int) -> OpathError:
    return OpathError("Invalid filter syntax. For a description of the filter parameter syntax "
                      f"see the command help.\n\"{text}\" at position {position}.")


def tokenize(text: str) -> List[Tuple[str, Any, int]]:
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise syntax_error(text, pos + 1)
        kind = match.lastgroup
        value = match.group(kind)
        start = match.start(kind)
        if kind == "sq":
            kind, value, start = "str", value.replace("''", "'"), start - 1
        elif kind == "dq":
            kind, value, start = "str", value.replace('""', '"'), start - 1
        tokens.append((kind, value, start))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str, properties: Iterable[str]):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.known = {p.lower(): p for p in properties}

    def peek(self) -> Optional[Tuple[str, Any, int]]:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def fail(self) -> OpathError:
        token = self.peek()
        return syntax_error(self.text, token[2] + 1 if token else len(self.text.rstrip()) + 1)

    def take(self, kind: str, value: Optional[str] = None) -> bool:
        token = self.peek()
        if token and token[0] == kind and (value is None or str(token[1]).lower() == value):
            self.i += 1
            return True
        return False

    def parse(self) -> Predicate:
        braced = self.take("paren", "{")
        predicate = self.disjunction()
        if braced and not self.take("paren", "}"):
            raise self.fail()
        if self.peek() is not None:
            raise self.fail()
        return predicate

    def disjunction(self) -> Predicate:
        parts = [self.conjunction()]
        while self.take("op", "-or"):
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else (lambda get: any(p(get) for p in parts))

    def conjunction(self) -> Predicate:
        parts = [self.negation()]
        while self.take("op", "-and"):
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else (lambda get: all(p(get) for p in parts))

    def negation(self) -> Predicate:
        if self.take("op", "-not"):
            inner = self.negation()
            return lambda get: not inner(get)
        if self.take("paren", "("):
            inner = self.disjunction()
            if not self.take("paren", ")"):
                raise self.fail()
            return inner
        return self.comparison()

    def comparison(self) -> Predicate:
        token = self.peek()
        if token is None or token[0] != "word":
            raise self.fail()
        self.i += 1
        name = self.known.get(token[1].lower())
        if name is None:
            raise OpathError(f"'{token[1]}' is not a recognized filterable property. For a list "
                             "of filterable properties see the command help.")
        op = self.peek()
        if op is None or op[0] != "op" or op[1].lower() not in COMPARISONS:
            raise self.fail()
        self.i += 1
        value = self.value()
        return _compare(name, op[1].lower(), value)

    def value(self) -> Any:
        token = self.peek()
        if token is None or token[0] not in ("str", "word", "var"):
            raise self.fail()
        self.i += 1
        if token[0] == "var":
            special = {"$true": True, "$false": False, "$null": None}
            if token[1].lower() not in special:
                raise syntax_error(self.text, token[2] + 1)
            return special[token[1].lower()]
        return token[1]


def compile_filter(text: str, properties: Iterable[str]) -> Predicate:
    return _Parser(str(text), properties).parse()


def _compare(name: str, op: str, wanted: Any) -> Predicate:
    address = name.lower() in ADDRESS_PROPERTIES
    negate = op in ("-ne", "-notlike")
    if op in ("-like", "-notlike"):
        pattern = _wildcard(wanted)
        test = lambda v: v is not None and pattern.match(_text(v)) is not None  # noqa: E731
    elif op in ("-eq", "-ne"):
        test = lambda v: _equal(v, wanted, address)  # noqa: E731
    else:
        test = lambda v: _ordered(v, wanted, op)  # noqa: E731

    def predicate(get: Callable[[str], Any]) -> bool:
        value = get(name)
        values = value if isinstance(value, list) else [value]
        if wanted is None and op in ("-eq", "-ne"):
            empty = all(v in (None, "") for v in values)
            return empty != negate
        hit = any(test(v) for v in values)
        return hit != negate
    return predicate


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    return str(value)


def _equal(value: Any, wanted: Any, address: bool) -> bool:
    if value is None or wanted is None:
        return value is None and wanted is None
    if isinstance(wanted, bool) or isinstance(value, bool):
        return _text(value).lower() == _text(wanted).lower()
    have, want = _text(value).lower(), str(wanted).lower()
    if address and ":" not in want and ":" in have:
        have = have.split(":", 1)[1]
    return have == want


def _ordered(value: Any, wanted: Any, op: str) -> bool:
    if value is None or wanted is None:
        return False
    try:
        left, right = float(value), float(wanted)
    except (TypeError, ValueError):
        left, right = _text(value).lower(), str(wanted).lower()
    return {"-gt": left > right, "-lt": left < right,
            "-ge": left >= right, "-le": left <= right}[op]


def _wildcard(pattern: Any) -> "re.Pattern[str]":
    parts = (".*" if ch == "*" else re.escape(ch) for ch in str(pattern))
    return re.compile("".join(parts) + r"\Z", re.IGNORECASE | re.DOTALL)
