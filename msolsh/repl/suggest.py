"""What the cursor wants: a pure function from (text, cursor) to a Suggestion.

    suggest("Get-MsolUser -Us", 16)  ->  Suggestion(kind='parameter', word='Us',
                                                    command='Get-MsolUser', ...)

Kinds: 'command' (a cmdlet, function or alias name), 'parameter' (a parameter name of
`command`, `used` lists those already typed), 'value' (the argument of `parameter`, or when
`parameter` is '' the positional argument number `position`), 'variable' (after `$`), 'member'
(after `$var.a.`: `variable`, `members` ('a',) and the word), and 'none'. For 'parameter',
`position` counts the positional arguments already typed (they bind parameters too).
`word` is the text to replace, starting at offset `start`; `quote` is the quote the user opened
before a value: then `word` is what follows the quote and `start` is the quote's offset (it is
replaced too).

The only outside knowledge is the optional `is_switch(command, parameter) -> bool`, which
decides whether `-Name` takes the next word as its value. Knows nothing of prompt_toolkit, the
session, the registry or the tenant (pgcli's sqlcompletion is the model).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from msolsh.repl.scan import ScanState, Word, scan

IsSwitch = Callable[[str, str], bool]

KEYWORDS = frozenset({
    "begin", "break", "catch", "class", "continue", "data", "do", "dynamicparam", "else",
    "elseif", "end", "exit", "filter", "finally", "for", "foreach", "function", "if", "in",
    "param", "process", "return", "switch", "throw", "trap", "try", "until", "while",
})
_NUMBER = re.compile(r"^-?\d")
_VARIABLE = re.compile(r"^[$@](\{?)((?:[A-Za-z]+:)?[\w?]*)((?:\.\w+)*?)(\.?)(\w*)$")


@dataclass(frozen=True)
class Suggestion:
    kind: str
    word: str = ""
    start: int = 0
    command: str = ""
    parameter: str = ""
    position: int = -1
    used: Tuple[str, ...] = ()
    variable: str = ""
    members: Tuple[str, ...] = ()
    quote: str = ""


NONE = Suggestion("none")


def suggest(text: str, cursor: Optional[int] = None,
            is_switch: Optional[IsSwitch] = None) -> Suggestion:
    """What may be completed at `cursor` (default: the end of `text`)."""
    before = text if cursor is None else text[:cursor]
    state = scan(before)
    if state.in_comment:
        return NONE
    word, start = _current_word(before, state)
    words = state.frame.words
    if state.quote in ('"', "@\"") or not state.quote:
        var = _variable(word, start, state.quote)
        if var is not None:
            return var
    if state.quote and not words:
        return NONE
    return _in_command(words, word, start, state.quote, is_switch or _never_switch)


def _never_switch(command: str, parameter: str) -> bool:
    return False


def _current_word(before: str, state: ScanState) -> Tuple[str, int]:
    if state.quote == '"' and "$" in before[state.quote_start:]:
        at = before.rfind("$")
        if _VARIABLE.match(before[at:]):
            return before[at:], at
    if state.word_start is None:
        return "", len(before)
    start = state.word_start if state.comma_at is None else state.comma_at
    return before[start:], start


def _variable(word: str, start: int, quote: str) -> Optional[Suggestion]:
    if word.startswith("${") and "}" not in word:
        return Suggestion("variable", word, start, quote=quote)
    match = _VARIABLE.match(word)
    if not match:
        return None
    brace, name, chain, dot, last = match.groups()
    if not dot:
        return Suggestion("variable", word, start, quote=quote)
    if brace:
        return NONE
    members = tuple(m for m in chain.split(".") if m)
    return Suggestion("member", last, start + len(word) - len(last), variable=name,
                      members=members, quote=quote)


def _in_command(words: List[Word], word: str, start: int, quote: str,
                is_switch: IsSwitch) -> Suggestion:
    words = _without_call_operator(words)
    if quote in ("'", '"') and word.startswith(quote):
        word = word[1:]
    if not words:
        if quote or not word or word[0] in "$[0123456789-@'\"(":
            return NONE
        return Suggestion("command", word, start)
    command = words[0].text
    if _is_expression(command):
        return NONE
    used = tuple(_parameter_name(w.text) for w in words[1:] if _is_parameter(w.text))
    position = _positional_count(command, words[1:], is_switch)
    if not quote and (word == "-" or _is_parameter(word)):
        return _parameter_word(command, word, start, used, position)
    if _is_parameter(words[-1].text) and ":" not in words[-1].text:
        name = _parameter_name(words[-1].text)
        if not is_switch(command, name):
            return Suggestion("value", word, start, command=command, parameter=name,
                              used=used, quote=quote)
    return Suggestion("value", word, start, command=command, position=position, used=used,
                      quote=quote)


def _parameter_word(command: str, word: str, start: int, used: Tuple[str, ...],
                    position: int) -> Suggestion:
    name, colon, value = word[1:].partition(":")
    if colon:
        return Suggestion("value", value, start + len(name) + 2, command=command,
                          parameter=name, used=used)
    return Suggestion("parameter", name, start + 1, command=command, used=used,
                      position=position)


def _without_call_operator(words: List[Word]) -> List[Word]:
    if words and words[0].text in ("&", "."):
        return words[1:]
    return words


def _is_expression(command: str) -> bool:
    return (command[0] in "$@([{'\"0123456789-" or command.lower() in KEYWORDS
            or command.endswith("…"))


def _is_parameter(text: str) -> bool:
    return text.startswith("-") and not _NUMBER.match(text) and text not in ("-", "--")


def _parameter_name(text: str) -> str:
    return text[1:].partition(":")[0]


def _positional_count(command: str, args: List[Word], is_switch: IsSwitch) -> int:
    count, expect_value = 0, False
    for arg in args:
        if expect_value:
            expect_value = False
        elif _is_parameter(arg.text):
            name, colon, _ = arg.text[1:].partition(":")
            expect_value = not colon and not is_switch(command, name)
        else:
            count += 1
    return count
