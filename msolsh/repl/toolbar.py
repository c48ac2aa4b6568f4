"""The bottom toolbar: the tenant's state at a glance (F2 shows or hides it).

The status provider contract. The REPL does not import the tenant; it calls
`session.status()` (a method of the runtime session, or a callable the CLI assigns to
`session.status`) on each redraw of the toolbar, so it must be cheap (counts the tenant keeps,
not scans). It returns a mapping; every key is optional:

    tenant             str        the tenant's name, e.g. 'contoso.onmicrosoft.com'
    time               datetime | str    the simulated clock
    next_sync          timedelta | float seconds | str | None    until the next scheduled
                                  sync cycle (None: the scheduler is disabled)
    staging            bool       Azure AD Connect staging mode
    sync_errors        int        connector-space objects with synchronization errors
    export_errors      int        objects whose last export failed
    validation_errors  int        Azure AD objects with validation (provisioning) errors
    scenario           str        the running scenario's name, when there is one
    objectives         (met, total)        in a scenario

With no provider, the tenant's `initial_domain` and the runtime's `session.clock.now()` are
shown when present; a provider that raises gives what is known without it.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, List, Mapping, Optional, Tuple

Fragments = List[Tuple[str, str]]
SEPARATOR = ("class:bottom-toolbar", "  |  ")


def read_status(session: Any) -> Mapping[str, Any]:
    """The provider's mapping; without one, what the session itself can tell."""
    provider = getattr(session, "status", None)
    if not callable(provider):
        return _session_status(session)
    try:
        status = provider()
    except Exception:   # the toolbar must never take the prompt down
        return {}
    return status if isinstance(status, Mapping) else {}


def _session_status(session: Any) -> Mapping[str, Any]:
    status = {}
    domain = getattr(getattr(session, "tenant", None), "initial_domain", None)
    if isinstance(domain, str):
        status["tenant"] = domain
    now = getattr(getattr(session, "clock", None), "now", None)
    try:
        when = now() if callable(now) else now
    except Exception:
        when = None
    if isinstance(when, datetime):
        status["time"] = when
    return status


def toolbar(session: Any) -> Fragments:
    """The toolbar's text as prompt_toolkit fragments."""
    status = read_status(session)
    parts: List[Fragments] = []
    for build in (_tenant, _time, _next_sync, _staging, _errors, _objectives):
        piece = build(status)
        if piece:
            parts.append(piece)
    parts.append([("class:bottom-toolbar", "F2 hides")])
    out: Fragments = [("class:bottom-toolbar", " ")]
    for index, piece in enumerate(parts):
        if index:
            out.append(SEPARATOR)
        out += piece
    return out


def _plain(text: str) -> Fragments:
    return [("class:bottom-toolbar", text)]


def _tenant(status: Mapping[str, Any]) -> Optional[Fragments]:
    tenant = status.get("tenant")
    return _plain(str(tenant)) if tenant else None


def _time(status: Mapping[str, Any]) -> Optional[Fragments]:
    when = status.get("time")
    if isinstance(when, datetime):
        when = when.strftime("%Y-%m-%d %H:%M:%S")
    return _plain(str(when)) if when else None


def _next_sync(status: Mapping[str, Any]) -> Optional[Fragments]:
    if "next_sync" not in status:
        return None
    left = status["next_sync"]
    if left is None:
        return _plain("sync scheduler disabled")
    return _plain(f"next sync in {format_duration(left)}")


def format_duration(left: Any) -> str:
    """'29m 05s', '1h 02m', '0s': the scheduler's countdown, to the second."""
    if isinstance(left, str):
        return left
    seconds = int(left.total_seconds() if isinstance(left, timedelta) else left)
    seconds = max(seconds, 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"


def _staging(status: Mapping[str, Any]) -> Optional[Fragments]:
    if "staging" not in status:
        return None
    if status["staging"]:
        return [("class:bottom-toolbar.alert", "STAGING MODE")]
    return _plain("staging off")


def _errors(status: Mapping[str, Any]) -> Optional[Fragments]:
    counts = [(label, status.get(key)) for label, key in
              (("sync", "sync_errors"), ("export", "export_errors"),
               ("validation", "validation_errors"))]
    counts = [(label, n) for label, n in counts if n is not None]
    if not counts:
        return None
    out = _plain("errors: ")
    for index, (label, count) in enumerate(counts):
        style = "class:bottom-toolbar.alert" if count else "class:bottom-toolbar"
        out.append(("class:bottom-toolbar", ", " if index else ""))
        out.append((style, f"{label} {count}"))
    return out


def _objectives(status: Mapping[str, Any]) -> Optional[Fragments]:
    objectives = status.get("objectives")
    if not objectives:
        return None
    met, total = objectives
    name = status.get("scenario")
    label = f"{name}: " if name else ""
    return _plain(f"{label}objectives {met}/{total}")


def toolbar_text(session: Any) -> str:
    """The toolbar as plain text (tests, and terminals without colour)."""
    return "".join(text for _, text in toolbar(session))
