"""Saved states: a tenant snapshot as YAML (kind: saved-state), written atomically.

The snapshot is plain data from Tenant.snapshot(); the two values YAML's safe tags cannot carry
exactly (tuple, timedelta) get the local tags !tuple and !timedelta, and only those are added to
the safe loader. Writing goes to a temporary file in the same directory, is fsynced and then
renamed over the target, so a failure leaves the previous file as it was. Knows nothing of the
shell.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from datetime import timedelta

import yaml

SAVED_STATE_KIND = "saved-state"
HEADER = ("# msolsh saved state: every stage, the run history and the clock of one tenant.\n"
          "# Written by msolsh; load it like a fixture. Hand edits are at your own risk.\n")
_SAVED = re.compile(r"^kind:[ \t]*['\"]?saved-state['\"]?[ \t]*(#.*)?$", re.M)
_TOP_KEYS = ("schema", "kind", "state")


class SaveError(Exception):
    """The state could not be written (the previous file, if any, is untouched)."""


class StateDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):
        return True  # a shared datetime is written twice, not as &id001 / *id001


class StateLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


StateDumper.add_representer(tuple, lambda d, v: d.represent_sequence("!tuple", v))
StateDumper.add_representer(
    timedelta, lambda d, v: d.represent_scalar("!timedelta", repr(v.total_seconds())))
StateLoader.add_constructor("!tuple", lambda l, n: tuple(l.construct_sequence(n, deep=True)))
StateLoader.add_constructor(
    "!timedelta", lambda l, n: timedelta(seconds=float(l.construct_scalar(n))))


def is_saved_state(text: str) -> bool:
    """A saved state says so at the top level; checked on the text so that a large state is
    read by the C loader directly, without the fixture validator's per-node work."""
    return _SAVED.search(text) is not None


def dump_state(snapshot: dict, stream) -> None:
    from .fixture_schema import SCHEMA_VERSION
    stream.write(HEADER)
    doc = {"schema": SCHEMA_VERSION, "kind": SAVED_STATE_KIND, "state": snapshot}
    yaml.dump(doc, stream, Dumper=StateDumper, sort_keys=False, allow_unicode=True,
              default_flow_style=False, width=4096)


def load_state(text: str, name: str, error_type):
    """The snapshot dict of a saved state, or error_type(problems)."""
    from .fixture_schema import SCHEMA_VERSION
    try:
        doc = yaml.load(text, Loader=StateLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise error_type([f"{name}:{mark.line + 1 if mark else 1}: invalid YAML: "
                          f"{exc.problem or exc.context}"]) from None
    except yaml.YAMLError as exc:
        raise error_type([f"{name}:1: invalid YAML: {exc}"]) from None
    problems = []
    if not isinstance(doc, dict):
        raise error_type([f"{name}:1: a saved state must be a mapping"])
    for key in doc:
        if key not in _TOP_KEYS:
            problems.append(f"{name}:1: {key}: unknown key in a saved state")
    if doc.get("schema") != SCHEMA_VERSION:
        problems.append(f"{name}:1: schema: unsupported schema version {doc.get('schema')!r} "
                        f"(this msolsh reads schema {SCHEMA_VERSION})")
    if not isinstance(doc.get("state"), dict):
        problems.append(f"{name}:1: state: expected a mapping, got "
                        f"{type(doc.get('state')).__name__}")
    if problems:
        raise error_type(problems)
    return doc["state"]


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
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, yaml.YAMLError):
            raise SaveError(f"Cannot save the tenant state: {_describe(exc)}") from None
        raise
    _fsync_directory(directory)


def _describe(exc: yaml.YAMLError) -> str:
    if len(exc.args) == 2 and isinstance(exc.args[0], str):  # RepresenterError(text, value)
        return f"{exc.args[0]} of type {type(exc.args[1]).__name__}"
    return str(exc)


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
