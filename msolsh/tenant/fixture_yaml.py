"""YAML text to plain values that remember where they came from (file and line).

A fixture is composed with the C loader when available and turned into `LocatedMap` /
`LocatedList` (a dict / list that also records the file and line of every key or item), so the
validator can name `contoso.yaml:120` without keeping YAML nodes around. Also the `include`
deep merge. Only the safe loader's tags are accepted. Knows nothing of the tenant or the shell.
"""
from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # used only for its scalar constructors
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_MAX_DEPTH = 64


def Loc(file: str, line: int) -> tuple:
    """(file, line) of a value; line is 1-based as editors show it. A plain tuple: one is
    made per field of a large fixture, so it must be cheap."""
    return (file, line)


def format_loc(loc) -> str:
    return f"{loc[0]}:{loc[1]}"


class _Located:
    """Shared by LocatedMap/LocatedList: `locs` holds a line number per key or item (in
    `file`), or a whole Loc for a value merged in from another file."""
    __slots__ = ()

    @property
    def loc(self) -> tuple:
        return Loc(self.file, self.line)

    def _loc(self, where) -> tuple:
        if where is None:
            return (self.file, self.line)
        return where if where.__class__ is tuple else (self.file, where)


class LocatedMap(_Located, dict):
    """A mapping that knows the line of every key; `path` is where it sits in the fixture
    (`onPremises.users[3]`) once validated."""
    __slots__ = ("file", "line", "locs", "path")

    def __init__(self, loc: tuple, path: str = ""):
        dict.__init__(self)
        self.file, self.line, self.locs, self.path = loc[0], loc[1], {}, path

    def loc_of(self, key) -> tuple:
        return self._loc(self.locs.get(key))


class LocatedList(_Located, list):
    """A sequence that knows the line of every item."""
    __slots__ = ("file", "line", "locs")

    def __init__(self, loc: tuple):
        list.__init__(self)
        self.file, self.line, self.locs = loc[0], loc[1], []

    def loc_of(self, index: int) -> tuple:
        return self._loc(self.locs[index] if 0 <= index < len(self.locs) else None)


class YamlProblem(Exception):
    """Text that is not YAML (or uses tags the safe loader refuses); `loc` says where."""

    def __init__(self, loc: Loc, message: str):
        super().__init__(f"{format_loc(loc)}: {message}")
        self.loc, self.message = loc, message


def parse(text: str, filename: str):
    """YAML text -> located values (None for an empty document)."""
    reader = _EventReader(text, filename)
    try:
        return reader.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlProblem(Loc(filename, line), _yaml_message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Loc(filename, 1), str(exc).splitlines()[0]) from None
    finally:
        reader.close()


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "invalid YAML: " + ", ".join(parts)


# A plain scalar starting with none of these is a string under every YAML 1.1 implicit
# resolver (bool, int, float, null, timestamp, merge, value), so it skips the resolver.
_MAYBE_TYPED = frozenset("0123456789-+.~<=yYnNtTfFoO")
_E = yaml.events


class _EventReader:
    """Builds located values straight from the (C) parser's events: no node tree, and the
    resolver only for scalars that could be something other than a string."""

    def __init__(self, text, filename):
        self.loader = SafeLoader(text)
        self.file = filename
        self.anchors: dict = {}
        self.depth = 0

    def close(self):
        self.loader.dispose()

    def document(self):
        get = self.loader.get_event
        get()  # StreamStart
        event = get()
        if isinstance(event, _E.StreamEndEvent):
            return None
        value = self.value(get())
        get()  # DocumentEnd
        event = get()
        if not isinstance(event, _E.StreamEndEvent):
            raise YamlProblem(Loc(self.file, event.start_mark.line + 1),
                              "a fixture is a single YAML document (remove the '---')")
        return value

    def value(self, event):
        cls = event.__class__
        if cls is _E.ScalarEvent:
            value = self.scalar(event)
        elif cls is _E.MappingStartEvent:
            value = self.mapping(event)
        elif cls is _E.SequenceStartEvent:
            value = self.sequence(event)
        elif cls is _E.AliasEvent:
            if event.anchor not in self.anchors:
                raise YamlProblem(Loc(self.file, event.start_mark.line + 1),
                                  f"unknown alias '*{event.anchor}'")
            return self.anchors[event.anchor]
        else:
            raise YamlProblem(Loc(self.file, event.start_mark.line + 1),
                              f"unexpected YAML {cls.__name__}")
        if event.anchor is not None:
            self.anchors[event.anchor] = value
        return value

    def _check_tag(self, event, expected):
        if event.tag not in (None, "!", expected):
            raise YamlProblem(Loc(self.file, event.start_mark.line + 1),
                              f"unsupported YAML tag {event.tag}")

    def mapping(self, start):
        self._check_tag(start, _MAP_TAG)
        out, get = LocatedMap(Loc(self.file, start.start_mark.line + 1)), self.loader.get_event
        locs, self.depth = out.locs, self.depth + 1
        if self.depth > _MAX_DEPTH:
            raise YamlProblem(out.loc, "nesting too deep")
        while True:
            event = get()
            if event.__class__ is _E.MappingEndEvent:
                break
            line = event.start_mark.line + 1
            if event.__class__ is not _E.ScalarEvent:
                raise YamlProblem(Loc(self.file, line), "a mapping key must be a plain scalar")
            if event.value == "<<" and event.implicit[0]:
                raise YamlProblem(Loc(self.file, line),
                                  "YAML merge keys ('<<') are not supported; use include")
            key = self.scalar(event)
            if key in out:
                raise YamlProblem(Loc(self.file, line), f"duplicate key '{key}'")
            locs[key] = line
            out[key] = self.value(get())
        self.depth -= 1
        return out

    def sequence(self, start):
        self._check_tag(start, _SEQ_TAG)
        out, get = LocatedList(Loc(self.file, start.start_mark.line + 1)), self.loader.get_event
        locs, append, self.depth = out.locs, out.append, self.depth + 1
        while True:
            event = get()
            if event.__class__ is _E.SequenceEndEvent:
                break
            locs.append(event.start_mark.line + 1)
            append(self.value(event))
        self.depth -= 1
        return out

    def scalar(self, event):
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            if not event.implicit[0] or (value and value[0] not in _MAYBE_TYPED):
                return value  # quoted, or plain text no resolver would type
            tag = self.loader.resolve(yaml.ScalarNode, value, (True, False))
        if tag == _STR_TAG:
            return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        return _scalar(node, Loc(self.file, event.start_mark.line + 1))


def _scalar(node, loc):
    build = _CONSTRUCTOR.yaml_constructors.get(node.tag)
    if build is None or node.tag.endswith((":binary", ":set", ":omap", ":pairs", ":merge")):
        raise YamlProblem(loc, f"unsupported YAML tag {node.tag}")
    try:
        return build(_CONSTRUCTOR, node)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise YamlProblem(loc, f"invalid {node.tag.rsplit(':', 1)[-1]} value") from exc


def deep_merge(base, override, list_keys: dict, path: tuple = (), unmatched=None):
    """`override` on top of `base`: maps merge key by key; a list whose path is in list_keys
    merges item by item on that key (an item with `remove: true` drops the base item; one that
    matches nothing is appended to `unmatched` as (loc, path)) unless it is empty, which
    clears; any other list or scalar replaces. Locations travel with the values they belong to."""
    if isinstance(base, LocatedMap) and isinstance(override, LocatedMap):
        out = LocatedMap(override.loc)
        for key, value in base.items():
            out[key], out.locs[key] = value, base.loc_of(key)
        for key, value in override.items():
            if key in out:
                value = deep_merge(out[key], value, list_keys, path + (key,), unmatched)
            out[key], out.locs[key] = value, override.loc_of(key)
        return out
    key = list_keys.get(path)
    if key and isinstance(base, LocatedList) and isinstance(override, LocatedList) \
            and override:  # an empty list clears: there is no other way to say "none"
        return _merge_list(base, override, key, list_keys, path, unmatched)
    return override


def _merge_list(base, override, key, list_keys, path, unmatched):
    out = LocatedList(override.loc)
    index = {}
    for i, item in enumerate(base):
        ident = _ident(item, key)
        if ident is not None:
            index[ident] = len(out)
        out.append(item)
        out.locs.append(base.loc_of(i))
    removed = set()
    for i, item in enumerate(override):
        ident = _ident(item, key)
        if ident is not None and ident in index:
            at = index[ident]
            if isinstance(item, dict) and item.get("remove") is True:
                removed.add(at)
                continue
            out[at] = deep_merge(out[at], item, list_keys, path, unmatched)
            out.locs[at] = override.loc_of(i)
        elif isinstance(item, dict) and item.get("remove") is True:
            if unmatched is not None:
                unmatched.append((override.loc_of(i), ".".join(path) + f"[{i}]"))
        else:
            if ident is not None:
                index[ident] = len(out)
            out.append(item)
            out.locs.append(override.loc_of(i))
    if removed:
        kept = [i for i in range(len(out)) if i not in removed]
        trimmed = LocatedList(out.loc)
        trimmed.extend(out[i] for i in kept)
        trimmed.locs.extend(out.locs[i] for i in kept)
        return trimmed
    return out


def _ident(item, key):
    """The merge identity of a list item: one field, several fields (a tuple), or the item."""
    if not isinstance(item, dict):
        return _fold(item)
    if isinstance(key, tuple):
        parts = tuple(_fold(item.get(k)) for k in key)
        return None if all(p is None for p in parts) else parts
    return _fold(item.get(key))


def _fold(value):
    if isinstance(value, (dict, list)):
        return None
    return value.lower() if isinstance(value, str) else value
