"""Saved states: a tenant snapshot as YAML (kind: saved-state), written atomically.

The snapshot (Tenant.snapshot(): plain dicts, lists, strings, numbers, datetimes) is written
one stage per line in YAML flow style that is also strict JSON, so a 100,000-user state saves
and loads with the json module's C code instead of PyYAML's per-node Python; any YAML reader
still reads it. Values JSON has no type for are one-key mappings: {"$datetime": iso text},
{"$timedelta": [days, seconds, microseconds]}. A hand-edited file that is no longer one stage
per line is read with the safe YAML loader instead. Writing goes to a temporary file in the
same directory, is fsynced and renamed over the target, so a failure leaves the previous file
as it was. Knows nothing of the shell.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from datetime import datetime, timedelta

import yaml

SAVED_STATE_KIND = "saved-state"
HEADER = ("# msolsh saved state: every stage, the run history and the clock of one tenant.\n"
          "# Written by msolsh; load it like a fixture. Each stage is one line of YAML flow\n"
          "# style (also JSON); hand edits are at your own risk.\n")
_SAVED = re.compile(r"^kind:[ \t]*['\"]?saved-state['\"]?[ \t]*(#.*)?$", re.M)
_STAGE_LINE = re.compile(r"  ([A-Za-z_][A-Za-z0-9_]*): (.*)\Z", re.S)
_TOP_KEYS = ("schema", "kind", "state")
_STATE_KEY = "\nstate:\n"
_StateLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SaveError(Exception):
    """The state could not be written (the previous file, if any, is untouched)."""


def is_saved_state(text: str) -> bool:
    """A saved state says so at the top level; checked on the text so that a large state
    skips the fixture validator entirely."""
    return _SAVED.search(text) is not None


# ----- encoding ----------------------------------------------------------------------------------
def _encode_value(value):
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, timedelta):
        return {"$timedelta": [value.days, value.seconds, value.microseconds]}
    raise SaveError(f"Cannot save the tenant state: cannot represent an object of type "
                    f"{type(value).__name__}")


_ENCODER = json.JSONEncoder(default=_encode_value, ensure_ascii=True, check_circular=False)


def _decode_object(obj: dict):
    if len(obj) == 1:
        if "$datetime" in obj:
            return datetime.fromisoformat(obj["$datetime"])
        if "$timedelta" in obj:
            days, seconds, micro = obj["$timedelta"]
            return timedelta(days=days, seconds=seconds, microseconds=micro)
    return obj


def dump_state(snapshot: dict, stream) -> None:
    from .fixture_schema import SCHEMA_VERSION
    stream.write(f"{HEADER}schema: {SCHEMA_VERSION}\nkind: {SAVED_STATE_KIND}\nstate:\n")
    for key, value in snapshot.items():
        if not isinstance(key, str) or not _STAGE_LINE.match(f"  {key}: x"):
            raise SaveError(f"Cannot save the tenant state: stage name {key!r} is not a plain "
                            "name")
        stream.write(f"  {key}: {_ENCODER.encode(value)}\n")


# ----- decoding ----------------------------------------------------------------------------------
def load_state(text: str, name: str, error_type):
    """The snapshot dict of a saved state, or error_type(problems)."""
    at = text.find(_STATE_KEY)
    try:
        doc = _fast(text, at) if at >= 0 else None
    except (ValueError, TypeError, KeyError, yaml.YAMLError):
        doc = None  # not one stage per line any more: read it as any YAML
    if doc is None:
        doc = _slow(text, name, error_type)
    _check_top(doc, name, error_type)
    return doc["state"]


def _fast(text: str, at: int):
    """One json.loads per stage line; slices one line at a time so that a large state is not
    copied whole."""
    doc = yaml.load(text[:at], Loader=_StateLoader)
    if not isinstance(doc, dict) or "state" in doc:
        return None
    state, pos, size = {}, at + len(_STATE_KEY), len(text)
    while pos < size:
        end = text.find("\n", pos)
        end = size if end < 0 else end
        line, pos = text[pos:end], end + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _STAGE_LINE.match(line)
        if match is None:
            return None
        state[match.group(1)] = json.loads(match.group(2), object_hook=_decode_object)
    doc["state"] = state
    return doc


def _slow(text: str, name: str, error_type):
    try:
        doc = yaml.load(text, Loader=_StateLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise error_type([f"{name}:{mark.line + 1 if mark else 1}: invalid YAML: "
                          f"{exc.problem or exc.context}"]) from None
    except yaml.YAMLError as exc:
        raise error_type([f"{name}:1: invalid YAML: {exc}"]) from None
    if isinstance(doc, dict) and isinstance(doc.get("state"), dict):
        doc["state"] = _decode_tree(doc["state"])
    return doc


def _decode_tree(value):
    if isinstance(value, dict):
        return _decode_object({k: _decode_tree(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_decode_tree(v) for v in value]
    return value


def _check_top(doc, name: str, error_type) -> None:
    from .fixture_schema import SCHEMA_VERSION
    if not isinstance(doc, dict):
        raise error_type([f"{name}:1: a saved state must be a mapping"])
    problems = [f"{name}:1: {key}: unknown key in a saved state" for key in doc
                if key not in _TOP_KEYS]
    if doc.get("schema") != SCHEMA_VERSION:
        problems.append(f"{name}:1: schema: unsupported schema version {doc.get('schema')!r} "
                        f"(this msolsh reads schema {SCHEMA_VERSION})")
    if not isinstance(doc.get("state"), dict):
        kind = type(doc.get("state")).__name__
        problems.append(f"{name}:1: state: expected a mapping, got {kind}")
    if problems:
        raise error_type(problems)


def restore_state(text: str, name: str, error_type):
    """A Tenant restored from saved-state text."""
    from .tenant import Tenant
    snapshot = load_state(text, name, error_type)
    try:
        return Tenant.restore(snapshot)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise error_type([f"{name}:1: state: not a valid msolsh saved state ({detail})"]) \
            from None


# ----- atomic write ------------------------------------------------------------------------------
def write_atomically(path: str, write) -> None:
    """Call write(stream) into a temp file beside `path`, fsync it, then rename it over path."""
    path = os.path.abspath(path)
    directory = os.path.dirname(path)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp",
                               dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(directory: str) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
