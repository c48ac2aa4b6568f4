"""The prompt and the banner: what the user sees before typing.

The prompt is `PS <tenant>> ` unless the user defined `function prompt` (in a profile or at the
prompt), as in pwsh; when the last command failed, the prompt's trailing '>' is drawn red, as
PSReadLine draws its PromptText. Reads the session by duck typing; knows nothing of the tenant
beyond the status provider's 'tenant' name.
"""
from __future__ import annotations

from typing import Any, List, Tuple

from msolsh.repl.runner import call_function
from msolsh.repl.toolbar import read_status

FALLBACK_PROMPT = "PS> "   # what pwsh shows when the prompt function fails or prints nothing

BANNER = """\
msolsh - a simulated Office 365 hybrid tenant: on-premises AD -> Azure AD Connect ->
Azure AD -> Exchange Online. Make a change, sync it, and find where it gets stuck.

  Connect-MsolService        connect to the tenant's Azure AD (as the real module needs)
  Get-Help about_msolsh      how the simulation works and where to begin
  Start-ADSyncSyncCycle      run a delta sync cycle now

Tab completes names, parameters and values (users, groups, connectors); F1 shows help for the
command under the cursor; F2 shows or hides the status bar; Ctrl+D or exit leaves.

"""


def banner(session: Any) -> str:
    """`session.banner` when the CLI set one (a string or a callable giving one), else ours."""
    custom = getattr(session, "banner", None)
    try:
        text = custom() if callable(custom) else custom
    except Exception:   # a broken banner must not stop the shell from starting
        text = None
    if not isinstance(text, str) or not text:
        return BANNER
    return text if text.endswith("\n\n") else text.rstrip("\n") + "\n\n"


def tenant_name(session: Any) -> str:
    name = read_status(session).get("tenant")
    return str(name) if isinstance(name, str) and name else ""


def prompt_text(session: Any) -> str:
    """The user's `prompt` function's output, else `PS <tenant>> `."""
    functions = getattr(session, "functions", None)
    if isinstance(functions, dict) and ("prompt" in functions or "Prompt" in functions):
        text = call_function(session, "prompt")
        return text if text else FALLBACK_PROMPT
    name = tenant_name(session)
    return f"PS {name}> " if name else FALLBACK_PROMPT


def prompt_fragments(text: str, failed: bool) -> List[Tuple[str, str]]:
    """The prompt as styled fragments; after a failure the trailing '>'s are red."""
    if not failed:
        return [("", text)]
    body = text.rstrip()
    end = len(body)
    start = end
    while start > 0 and body[start - 1] == ">":
        start -= 1
    if start == end:   # no '>' to colour: the whole prompt goes red
        return [("class:prompt.error", text)]
    return [("", text[:start]), ("class:prompt.error", text[start:])]
