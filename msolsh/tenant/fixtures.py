"""Loading a tenant from a fixture (or a saved state) and saving a tenant's whole state.

load_fixture('contoso') / load_fixture(path) / load_fixture_text(text, filename) parse the YAML
with line numbers, resolve `include`s, validate everything against the schema (fixture_schema)
and the cross-references (fixture_checks), and only then build the Tenant (fixture_build). All
problems come back together as one FixtureError, never a traceback. save_tenant() writes the
snapshot atomically; loading it restores the same state. Knows nothing of the shell.
"""
from __future__ import annotations

import importlib.resources
import os

from .fixture_build import build_tenant
from .gc_pause import gc_paused
from .fixture_checks import FixtureChecker
from .fixture_schema import FIXTURE, MERGE_KEYS, SCHEMA_VERSION
from .fixture_state import (SaveError, dump_state, is_saved_state, restore_state,
                            write_atomically)
from .fixture_types import INVALID, Problems
from .fixture_yaml import LocatedMap, Loc, YamlProblem, deep_merge, parse

__all__ = ["FixtureError", "SaveError", "load_fixture", "load_fixture_text", "load_document",
           "save_tenant", "resolve_fixture_path"]
PACKAGE = "msolsh.fixtures"
MAX_INCLUDE_DEPTH = 16


class FixtureError(Exception):
    """A fixture that cannot be loaded; `problems` holds every `file:line: field: message`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def load_fixture(path_or_name):
    """A Tenant from a fixture file, a saved state, or a packaged fixture name ('contoso')."""
    path = resolve_fixture_path(str(path_or_name))
    return load_fixture_text(_read(path, str(path_or_name)), path)


def load_fixture_text(text: str, filename: str = "<fixture>"):
    """A Tenant from fixture text; `filename` names it in messages and anchors includes."""
    with gc_paused():  # ~40% faster at 100,000 users (see gc_pause.py)
        if is_saved_state(text):
            return restore_state(text, os.path.basename(filename), FixtureError)
        return build_tenant(load_document(text, filename), FixtureError)


def load_document(text: str, filename: str = "<fixture>") -> dict:
    """Parsed, merged and validated fixture data (what build_tenant takes); raises
    FixtureError listing every problem."""
    problems = Problems()
    raw = _load_with_includes(text, filename, problems, ())
    if raw is None:
        raise FixtureError(problems.lines())
    doc = FIXTURE.check(raw, raw.loc, "", problems)
    if doc is not INVALID:
        FixtureChecker(doc, problems).run()
    if problems:
        raise FixtureError(problems.lines())
    return doc


def save_tenant(tenant, path) -> None:
    """Write the tenant's whole state (every stage, run history, clock) as YAML, atomically:
    a failed write leaves the previous file untouched."""
    with gc_paused():
        snapshot = tenant.snapshot()
        write_atomically(os.fspath(path), lambda stream: dump_state(snapshot, stream))


# ----- include resolution ------------------------------------------------------------------------
def _load_with_includes(text, filename, problems, chain):
    name = os.path.basename(filename)
    try:
        raw = parse(text, name)
    except YamlProblem as exc:
        problems.add(exc.loc, "", exc.message)
        return None
    if raw is None:
        raw = LocatedMap(Loc(name, 1))
    if not isinstance(raw, dict):
        problems.add(raw.loc if hasattr(raw, "loc") else Loc(name, 1), "",
                     "a fixture must be a mapping (schema:, tenant:, onPremises: ...)")
        return None
    if not _check_version(raw, name, problems):
        return None
    includes = raw.get("include")
    if includes is None:
        return raw
    merged, unmatched = None, []
    for ref, loc in _include_refs(includes, raw):
        base = _load_include(ref, loc, filename, problems, chain + (_key(filename),))
        if base is not None:
            merged = base if merged is None else deep_merge(merged, base, MERGE_KEYS, (),
                                                            unmatched)
    own = LocatedMap(raw.loc)
    for key, value in raw.items():
        if key != "include":
            own[key], own.locs[key] = value, raw.loc_of(key)
    if merged is not None:
        own = deep_merge(merged, own, MERGE_KEYS, (), unmatched)
    for loc, path in unmatched:
        problems.add(loc, path, "remove: true matches no item of the included fixtures")
    return own


def _check_version(raw, name, problems) -> bool:
    version = raw.get("schema")
    if version is None:
        problems.add(raw.loc, "", "missing required key 'schema' (schema: 1)")
        return False
    if version != SCHEMA_VERSION:
        problems.add(raw.loc_of("schema"), "schema",
                     f"unsupported schema version {version!r} (this msolsh reads schema "
                     f"{SCHEMA_VERSION})")
        return False
    return True


def _include_refs(includes, raw):
    loc = raw.loc_of("include")
    if isinstance(includes, str):
        return [(includes, loc)]
    if isinstance(includes, list):
        return [(ref, includes.loc_of(i)) for i, ref in enumerate(includes)
                if isinstance(ref, str)]
    return []  # wrong type: the schema reports it


def _load_include(ref, loc, filename, problems, chain):
    try:
        path = resolve_fixture_path(ref, os.path.dirname(filename))
    except FixtureError:
        problems.add(loc, "include", f"cannot find '{ref}'")
        return None
    if _key(path) in chain:
        cycle = " -> ".join(os.path.basename(c) for c in chain + (_key(path),))
        problems.add(loc, "include", f"include cycle: {cycle}")
        return None
    if len(chain) >= MAX_INCLUDE_DEPTH:
        problems.add(loc, "include", "includes nested too deeply")
        return None
    try:
        text = _read(path, loc)
    except FixtureError as exc:
        problems.add(loc, "include", exc.problems[0].split(": ", 1)[-1])
        return None
    return _load_with_includes(text, path, problems, chain)


def _key(path) -> str:
    return os.path.normcase(os.path.abspath(path))


def resolve_fixture_path(ref: str, base_dir: str = "") -> str:
    """A file path for `ref`: as given (relative to base_dir), else a packaged fixture
    ('contoso' or 'contoso.yaml', also scenarios/...)."""
    candidates = [os.path.join(base_dir, ref)] if base_dir else []
    candidates.append(ref)
    packaged = importlib.resources.files(PACKAGE)
    for name in (ref, ref + ".yaml"):
        candidates.append(os.fspath(packaged.joinpath(name)))
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    raise FixtureError([f"{ref}: cannot find fixture '{ref}'"])


def _read(path, where) -> str:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FixtureError([f"{where}: cannot read '{path}': {reason}"]) from None
