"""The msolsh command line, shaped like pwsh's:

    msolsh [-NoProfile] [-NonInteractive] [-NoLogo] [-Tenant path.yaml] [-Scenario name]
           [-File] script.ps1 [args...] | -Command text | -Command - | -Version | -Help

Parameter names are case-insensitive and may be abbreviated (-nop, -c, -f). Exit codes follow
pwsh: `exit N` gives N; an unhandled terminating error or a parse error gives 1; -Command gives
1 when the last command failed. prompt_toolkit is imported only for an interactive terminal.
For -Command and -File the built-in tenant is read only when the script first needs it (its
objects or its clock): reading and syncing it is a large share of start-up time.
"""
from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import msolsh

USAGE = """\
Usage: msolsh [-NoProfile] [-NonInteractive] [-NoLogo] [-Tenant <path.yaml>] [-Scenario <name>]
              [[-File] <script.ps1> [<args>...]] [-Command <text> | -Command -]
              [-EncodedCommand <base64>] [-Version] [-Help]

  -File <path> [args]   Run a script; args reach $args and the script's param() block.
  -Command <text>       Run the text (the rest of the line); '-' reads it from standard input.
  -EncodedCommand <b64> Run base64-encoded UTF-16LE text, as pwsh does.
  -NoProfile            Do not run ~/.config/msolsh/profile.ps1 ($PROFILE).
  -NonInteractive       Never prompt (missing mandatory parameters are errors).
  -NoLogo               No banner in interactive mode.
  -Tenant <path.yaml>   Start from this tenant fixture.
  -Scenario <name>      Start this training scenario.
  -Version              Print the version and exit.
  -Help                 Print this help and exit.

Parameter names are case-insensitive and may be abbreviated (-nop, -noni, -c, -f).
"""

FLAGS = ["File", "Command", "EncodedCommand", "NoProfile", "NonInteractive", "NoLogo", "NoExit",
         "Tenant", "Scenario", "Version", "Help", "ExecutionPolicy", "InputFormat", "OutputFormat",
         "WindowStyle"]
TAKES_VALUE = {"File", "Command", "EncodedCommand", "Tenant", "Scenario", "ExecutionPolicy",
               "InputFormat", "OutputFormat", "WindowStyle"}
SHORT = {"c": "Command", "f": "File", "h": "Help", "?": "Help", "v": "Version", "e": "EncodedCommand",
         "ec": "EncodedCommand", "ep": "ExecutionPolicy"}


class UsageError(Exception):
    pass


@dataclass
class Options:
    file: Optional[str] = None
    args: List[str] = field(default_factory=list)
    command: Optional[str] = None
    no_profile: bool = False
    non_interactive: bool = False
    no_logo: bool = False
    no_exit: bool = False
    tenant: Optional[str] = None
    scenario: Optional[str] = None
    version: bool = False
    help: bool = False


def flag_name(token: str) -> Optional[str]:
    """'-nop' -> 'NoProfile'; None when the token is not a flag."""
    if token in ("/?", "-?"):
        return "Help"
    if not token.startswith("-") or len(token) < 2:
        return None
    key = token.lstrip("-").lower()
    if key in SHORT:
        return SHORT[key]
    matches = [f for f in FLAGS if f.lower().startswith(key)]
    exact = [f for f in matches if f.lower() == key]
    if exact:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UsageError(f"The parameter '{token}' is not recognized.")
    raise UsageError(f"The parameter '{token}' is ambiguous. Possible matches include: "
                     + ", ".join(f"-{m}" for m in matches) + ".")


def parse_args(argv: Sequence[str]) -> Options:
    options = Options()
    i = 0
    while i < len(argv):
        token = argv[i]
        name = flag_name(token)
        if name is None:            # the first bare argument is the script file
            options.file, options.args = token, list(argv[i + 1:])
            return options
        value = None
        if name in TAKES_VALUE:
            if i + 1 >= len(argv):
                raise UsageError(f"Missing an argument for parameter '{name}'.")
            value = argv[i + 1]
            i += 1
        i += 1
        if name == "File":
            options.file, options.args = value, list(argv[i:])
            return options
        if name == "Command":
            options.command = " ".join([value] + list(argv[i:])) if value != "-" else "-"
            return options
        if name == "EncodedCommand":
            import base64   # rarely used: not imported at every start
            options.command = base64.b64decode(value).decode("utf-16-le")
            return options
        _set_flag(options, name, value)
    return options


def _set_flag(options: Options, name: str, value: Optional[str]) -> None:
    attribute = {"NoProfile": "no_profile", "NonInteractive": "non_interactive",
                 "NoLogo": "no_logo", "NoExit": "no_exit", "Version": "version", "Help": "help"}
    if name in attribute:
        setattr(options, attribute[name], True)
    elif name == "Tenant":
        options.tenant = value
    elif name == "Scenario":
        options.scenario = value


def make_session(options: Options, interactive: bool, repl: bool = False):
    from msolsh.runtime.host import StreamHost
    from msolsh.runtime.session import Session
    host = StreamHost(interactive=interactive and not options.non_interactive)
    session = Session(host=host)
    if repl or options.tenant or options.scenario:
        _tenant_hook(session, options)    # the toolbar needs it; a named fixture's errors show first
    else:                                 # the built-in tenant: read only if the script uses it
        session.defer_tenant(lambda: _tenant_hook(session, options))
    if not options.no_profile:
        _run_profile(session)
    return session


def _tenant_hook(session, options: Options) -> None:
    try:
        hook = importlib.import_module("msolsh.cli_tenant")
    except ImportError:
        return
    loader = getattr(hook, "load", None)
    if loader is not None:
        loader(session, options)


def _run_profile(session) -> None:
    path = session.global_scope.vars.get("profile")
    if isinstance(path, str) and os.path.isfile(path):
        with open(path, encoding="utf-8-sig") as handle:
            session.run(handle.read(), file=path)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        options = parse_args(argv)
    except UsageError as exc:
        sys.stderr.write(f"{exc}\n\n{USAGE}")
        return 64
    if options.help:
        sys.stdout.write(USAGE)
        return 0
    if options.version:
        sys.stdout.write(f"msolsh {msolsh.__version__} (Windows PowerShell 5.1 language)\n")
        return 0
    if options.file is not None:
        return run_file(options)
    if options.command is not None:
        return run_command(options)
    return interactive(options)


def run_file(options: Options) -> int:
    path = options.file or ""
    if not os.path.isfile(path):
        sys.stderr.write(f"The argument '{path}' to the -File parameter does not exist. Provide "
                         f"the path to an existing '.ps1' file as an argument to the -File "
                         f"parameter.\n")
        return 64
    session = make_session(options, interactive=sys.stdin.isatty())
    result = session.execute_script_file(path, options.args)
    if result.exit_code is not None:
        return result.exit_code
    return 1 if result.terminated or result.interrupted else 0


def run_command(options: Options) -> int:
    text = options.command or ""
    from_stdin = text == "-"
    if from_stdin:
        text = sys.stdin.read()
    session = make_session(options, interactive=not from_stdin and sys.stdin.isatty())
    result = session.run(text)
    if result.exit_code is not None:
        return result.exit_code
    return 0 if result.success else 1


def interactive(options: Options) -> int:
    is_tty = sys.stdin.isatty()
    session = make_session(options, interactive=is_tty, repl=is_tty)
    if is_tty:
        try:
            repl = importlib.import_module("msolsh.repl.session")
        except ImportError:
            repl = None
        run_repl = getattr(repl, "run_repl", None)
        if run_repl is not None:
            code = run_repl(session, options)
            return code if isinstance(code, int) else 0
    return line_reader(session, options, is_tty)


def line_reader(session, options: Options, is_tty: bool) -> int:
    """A plain prompt loop: `PS> `, and `>> ` while the input is an incomplete statement."""
    from msolsh.language.errors import ParseException
    from msolsh.language.parser import parse
    out = sys.stdout
    if is_tty and not options.no_logo:
        out.write(f"msolsh {msolsh.__version__} - a simulated Office 365 hybrid tenant shell\n\n")
    buffer: List[str] = []
    while True:
        if is_tty:
            out.write(">> " if buffer else "PS> ")
            out.flush()
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            buffer = []
            out.write("\n")
            continue
        if not line:
            break
        buffer.append(line.rstrip("\n"))
        text = "\n".join(buffer)
        try:
            parse(text)
        except ParseException as exc:
            if exc.incomplete:
                continue
        buffer = []
        if not text.strip():
            continue
        session.history.append(text)
        result = session.run(text)
        if result.exit_code is not None:
            return result.exit_code
    return 0
