"""Tab completion: turns what suggest.py says the cursor wants into names.

Value completers. A Parameter declared with `complete=` is called as

    param.complete(session, prefix) -> Iterable[str]

with the runtime session (the product cmdlets reach the tenant through it) and the text typed so
far (no quotes; may be ''). It returns the matching values, ideally already sorted and in the
real product's spelling; it should answer from an index (sorted keys and bisect), never by
scanning, and may return many: only the first MAX_COMPLETIONS are read. Values with spaces or
PowerShell metacharacters are quoted here, so the callback returns them bare.

Other sources: ValidateSet values, $true/$false for booleans, enum members, -ErrorAction values,
file names for path parameters (name containing Path or File, or type 'path'), and sources.py
for commands, parameters, variables and members. Knows nothing of the tenant.
"""
from __future__ import annotations

import enum
import fnmatch
import itertools
import os
import re
from typing import Any, Dict, Iterable, Iterator, List, Optional

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from msolsh.repl import sources
from msolsh.repl.suggest import Suggestion, suggest

MAX_COMPLETIONS = 1000
# characters that end or change a bare word in command mode, anywhere or only at the start
_NEEDS_QUOTES = re.compile(r"[\s,;|&(){}'\"$`<>]|^[@#-]")
_VARIABLE_NAME = re.compile(r"\$(?:global:|script:|local:)?([A-Za-z_]\w*)")
_ACTION_PARAMETERS = ("erroraction", "warningaction", "informationaction")


class MsolshCompleter(Completer):
    """prompt_toolkit completer over a runtime session (any object; see sources.py)."""

    def __init__(self, session: Any):
        self.session = session
        self.spellings: Dict[str, str] = {}

    def learn(self, text: str) -> None:
        """Remember how the user spells the variables in an accepted input (the runtime keeps
        only lower-case names), so `$tenantN<Tab>` gives back `$tenantName`."""
        for name in _VARIABLE_NAME.findall(text):
            self.spellings.setdefault(name.lower(), name)

    def get_completions(self, document: Document,
                        complete_event: CompleteEvent) -> Iterator[Completion]:
        wanted = suggest(document.text, document.cursor_position, self._is_switch)
        start = wanted.start - document.cursor_position - (wanted.kind == "parameter")
        for text, meta in itertools.islice(self.candidates(wanted), MAX_COMPLETIONS):
            yield Completion(text, start, display_meta=meta)

    def candidates(self, wanted: Suggestion) -> Iterable[tuple]:
        """(replacement text, description) pairs for a suggestion."""
        try:
            finder = getattr(self, "_" + wanted.kind, None)
            return list(itertools.islice(finder(wanted), MAX_COMPLETIONS)) if finder else []
        except Exception:   # a broken completer must never break the line being typed
            return []

    # -- one method per kind ---------------------------------------------------------------
    def _command(self, wanted: Suggestion) -> Iterator[tuple]:
        pattern = _pattern(wanted.word)
        for name, kind in sources.command_names(self.session):
            if fnmatch.fnmatchcase(name.lower(), pattern):
                yield name, kind

    def _parameter(self, wanted: Suggestion) -> Iterator[tuple]:
        cls, fn = sources.resolve_command(self.session, wanted.command)
        if cls is not None:
            names = sources.completable_parameters(cls, wanted.used, max(wanted.position, 0))
        elif fn is not None:
            used = {u.lower() for u in wanted.used}
            names = [n for n in sources.function_parameter_names(fn) if n.lower() not in used]
        else:
            return
        prefix = wanted.word.lower()
        for name in names:
            if name.lower().startswith(prefix):
                yield "-" + name, _parameter_meta(cls, name)

    def _value(self, wanted: Suggestion) -> Iterator[tuple]:
        param = self._parameter_for(wanted)
        values: Iterable[str] = ()
        if param is not None:
            values = self._declared_values(param, wanted.word)
            if values == () and param.name == "Name":
                values = self._command_names_for(wanted)
        elif wanted.parameter.lower() in _ACTION_PARAMETERS:
            values = _matching(sources.ACTION_VALUES, wanted.word)
        if values == () and _wants_path(param, wanted):
            values = path_completions(wanted.word)
        for value in values:
            yield _quoted(str(value), wanted.quote), None

    def _variable(self, wanted: Suggestion) -> Iterator[tuple]:
        sigil, rest = wanted.word[0], wanted.word[1:]
        brace = rest.startswith("{")
        prefix = rest.lstrip("{").lower()
        if prefix.startswith("env:"):
            names = ["env:" + n for n in sources.environment_names(self.session)]
        else:
            names = sources.variable_names(self.session, self.spellings)
        for name in names:
            if name.lower().startswith(prefix):
                yield (sigil + "{" + name + "}" if brace else sigil + name), None

    def _member(self, wanted: Suggestion) -> Iterator[tuple]:
        value = sources.variable_value(self.session, wanted.variable)
        for member in wanted.members:
            value = sources.member_value(value, member)
        prefix = wanted.word.lower()
        for name in sources.member_names(value):
            if name.lower().startswith(prefix):
                yield name, None

    def _command_names_for(self, wanted: Suggestion) -> Iterable[str]:
        """Get-Help -Name and Get-Command -Name take command names (and Get-Help about_
        topics), as pwsh's completion special-cases them."""
        cls, _ = sources.resolve_command(self.session, wanted.command)
        kind = getattr(cls, "name", "").lower()
        if kind not in ("get-help", "get-command"):
            return ()
        pattern = _pattern(wanted.word)
        names = [n for n, _ in sources.command_names(self.session)]
        if kind == "get-help":
            names += sources.help_topic_names()
        return [n for n in names if fnmatch.fnmatchcase(n.lower(), pattern)]

    # -- helpers ----------------------------------------------------------------------------
    def _is_switch(self, command: str, parameter: str) -> bool:
        cls, _ = sources.resolve_command(self.session, command)
        param = sources.find_parameter(cls, parameter) if cls is not None else None
        if param is None:
            return parameter.lower() in ("verbose", "debug", "whatif", "confirm")
        return param.is_switch

    def _parameter_for(self, wanted: Suggestion) -> Any:
        cls, _ = sources.resolve_command(self.session, wanted.command)
        if cls is None:
            return None
        if wanted.parameter:
            return sources.find_parameter(cls, wanted.parameter)
        return sources.positional_parameter(cls, wanted.used, wanted.position)

    def _declared_values(self, param: Any, prefix: str) -> Iterable[str]:
        if param.completion_values:     # a ValidateSet or an enum's names
            return _matching(param.completion_values, prefix)
        if param.complete is not None:
            return itertools.islice(param.complete(self.session, prefix), MAX_COMPLETIONS)
        kind = param.type
        if kind in (bool, "bool", "boolean"):
            return _matching(("$true", "$false"), prefix)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return _matching([m.name for m in kind], prefix)
        return ()


def _pattern(word: str) -> str:
    """A command-name wildcard: `Get-Msol*` as typed, else a prefix match."""
    low = word.lower()
    return low if any(c in low for c in "*?[") else low + "*"


def _matching(values: Iterable[str], prefix: str) -> List[str]:
    low = prefix.lower()
    return [v for v in values if str(v).lower().startswith(low)]


def _quoted(value: str, quote: str) -> str:
    """The value as it must be typed: closed if the user opened a quote, single-quoted (with
    '' escapes) when it holds a space or a metacharacter."""
    if quote == '"':
        return '"' + value.replace("`", "``").replace('"', '`"').replace("$", "`$") + '"'
    if quote or (value[:1] != "$" and _NEEDS_QUOTES.search(value)):
        return "'" + value.replace("'", "''") + "'"
    return value


def _parameter_meta(cls: Optional[type], name: str) -> Optional[str]:
    param = cls.parameters.get(name) if cls is not None else None
    if param is None:
        return None
    kind = param.type
    label = getattr(kind, "__name__", None) or str(kind)
    return "[switch]" if param.is_switch else f"[{label}]"


def _wants_path(param: Any, wanted: Suggestion) -> bool:
    if param is not None:
        name = param.name.lower()
        return param.type == "path" or "path" in name or "file" in name
    word = wanted.word
    return (any(sep in word for sep in ("/", "\\")) or word.startswith(("~", "."))
            or "path" in wanted.parameter.lower() or "file" in wanted.parameter.lower())


def path_completions(word: str) -> List[str]:
    """File names starting with `word` (relative to the current directory; `~` expands);
    directories end with the separator so Tab can go on into them."""
    head, _, tail = word.replace("\\", "/").rpartition("/")
    directory = os.path.expanduser(head + "/" if head or word.startswith("/") else ".")
    try:
        entries = sorted(os.listdir(directory), key=str.lower)
    except OSError:
        return []
    prefix = (head + "/") if (head or word.startswith("/")) else ""
    low, show_hidden = tail.lower(), tail.startswith(".")
    found = []
    for entry in entries:
        if not entry.lower().startswith(low) or (entry.startswith(".") and not show_hidden):
            continue
        is_dir = os.path.isdir(os.path.join(directory, entry))
        found.append(prefix + entry + ("/" if is_dir else ""))
    return found
