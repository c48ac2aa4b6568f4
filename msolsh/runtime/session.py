"""A shell session: the global scope, commands (aliases, functions, cmdlets), the host, the
clock and the opaque tenant, plus `run` / `invoke` / `execute_script_file`.

Top-level output is buffered and rendered through Out-Default; anything else that reaches the
host (errors, warnings, Write-Host, prompts) flushes that buffer first, so text appears in the
order a console would show it. The tenant is opaque here: the runtime never imports it.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from msolsh.language.errors import ParseException
from msolsh.runtime.cmdlet import REGISTRY
from msolsh.runtime.compiler_base import (BreakSignal, ContinueSignal, ControlFlow, ExitSignal, ReturnSignal,
                                          mark_script_terminating, to_string)
from msolsh.runtime.compiler_errors import from_python
from msolsh.runtime.errors import ErrorRecord, InvocationInfo, PSRuntimeException
from msolsh.runtime.common import NotInteractiveError
from msolsh.runtime.host import Host, PromptUnavailable, StreamHost
from msolsh.runtime.scope import Scope
from msolsh.runtime.session_state import (STANDARD_ALIASES, SimulatedClock, initial_variables,
                                          load_cmdlets, sandbox_env)

MAX_ERRORS = 256


@dataclass
class RunResult:
    """success: $? after the last statement; exit_code: set by `exit N`; terminated: an
    unhandled terminating error or a parse error stopped the run; interrupted: Ctrl+C."""
    success: bool = True
    exit_code: Optional[int] = None
    terminated: bool = False
    interrupted: bool = False


class Session:
    def __init__(self, host: Optional[Host] = None, tenant: Any = None, clock: Any = None,
                 load_all_cmdlets: bool = True):
        self.host = host or StreamHost()
        self._tenant_loader: Any = None
        self.tenant = tenant
        # Per-module state owned by cmdlet modules (connections...); the runtime never reads it.
        self.extensions: Dict[str, Any] = {}
        self.clock = clock or SimulatedClock()
        self.registry = REGISTRY
        self.load_errors = load_cmdlets() if load_all_cmdlets else []
        self.aliases: Dict[str, str] = {k.lower(): v for k, v in STANDARD_ALIASES.items()}
        self.aliases.update(REGISTRY.aliases)
        self.global_scope = Scope(None, self, is_script=True)
        self.env: Dict[str, tuple] = sandbox_env()
        self.try_depth = 0
        self.depth = 0
        self.max_depth = 1000
        self.success = True
        self.error_serial = 0
        self.current_errors: List[ErrorRecord] = []
        self.error_redirects: List[Any] = []
        self.error_captures: List[list] = []   # -ErrorVariable lists of running functions
        self.history: List[Any] = []
        self._top_out: Optional[list] = None
        self._scripts: Dict[str, Any] = {}
        initial_variables(self)
        self._wire_clock()
        if sys.getrecursionlimit() < 60000:
            sys.setrecursionlimit(60000)

    # ---------------------------------------------------------------- the tenant, maybe deferred
    @property
    def tenant(self) -> Any:
        """The opaque tenant; one given to defer_tenant is loaded when first needed."""
        if self._tenant_loader is not None:
            self._load_tenant()
        return self._tenant

    @tenant.setter
    def tenant(self, value: Any) -> None:
        self._tenant = value

    @property
    def clock(self) -> Any:
        if self._tenant_loader is not None:     # the tenant brings its own simulated clock
            self._load_tenant()
        return self._clock

    @clock.setter
    def clock(self, value: Any) -> None:
        self._clock = value

    def defer_tenant(self, loader: Any) -> None:
        """Load the tenant (loader() attaches it) on first use of .tenant or .clock, so that a
        script that never touches it does not pay for reading the fixture."""
        self._tenant_loader = loader

    def _load_tenant(self) -> None:
        loader, self._tenant_loader = self._tenant_loader, None
        loader()

    def _wire_clock(self) -> None:
        try:
            from msolsh.runtime import types as pstypes
            pstypes.set_clock(lambda: self.clock.now())
        except (ImportError, AttributeError):
            pass

    # ---------------------------------------------------------------- running text
    def run(self, text: str, file: Optional[str] = None) -> RunResult:
        """Parse, compile and run in the global scope; output and errors go to the host."""
        from msolsh.runtime.scriptblock import ScriptBlock
        block = self._parse(text, file)
        if block is None:
            return RunResult(False, None, terminated=True)
        out: list = []
        previous, self._top_out = self._top_out, out
        try:
            return self._guarded(lambda: self._run_block(block, self.global_scope, out))
        finally:
            self.flush_output()
            self._top_out = previous

    def invoke(self, text: str, scope: Optional[Scope] = None, raise_errors: bool = False) -> List[Any]:
        """Run text and return what it output (errors still go to the host, unless raised)."""
        block = self._parse(text, None, raise_errors)
        if block is None:
            return []
        out: list = []
        if raise_errors:
            self._run_block(block, scope or self.global_scope, out)
        else:
            self._guarded(lambda: self._run_block(block, scope or self.global_scope, out))
        return out

    def invoke_in_scope(self, text: str, scope: Optional[Scope] = None) -> List[Any]:
        """Invoke-Expression: run text in the caller's scope; errors propagate as in pwsh."""
        return self.invoke(text, scope, raise_errors=True)

    def execute_script_file(self, path: str, args: Sequence[str] = ()) -> RunResult:
        """`msolsh script.ps1 args`: the script runs in its own script scope."""
        from msolsh.runtime.binder_support import Argument
        from msolsh.runtime.pipeline import ScriptFile
        out: list = []
        previous, self._top_out = self._top_out, out
        try:
            try:
                self.load_script(os.path.abspath(path))
            except PSRuntimeException:
                return RunResult(False, None, terminated=True)
            arguments = [_cli_argument(a) for a in args]

            def start() -> None:
                proc = ScriptFile(path).processor(self, self.global_scope, arguments, 1, None,
                                                  False, False)
                proc.catch_exit = False
                proc.emit = out.append
                proc.begin()
                proc.process_no_input()
                proc.end()
            return self._guarded(start)
        finally:
            self.flush_output()
            self._top_out = previous

    def _parse(self, text: str, file: Optional[str], raise_errors: bool = False) -> Any:
        from msolsh.language.parser import parse
        from msolsh.runtime.error_view import parse_error_record, render_parse_error
        from msolsh.runtime.scriptblock import ScriptBlock
        try:
            return ScriptBlock(parse(text, file), file)
        except ParseException as exc:
            if raise_errors:
                raise PSRuntimeException(parse_error_record(exc))
            self.flush_output()
            self.log_error(parse_error_record(exc))
            self.host.write_error_text(render_parse_error(exc))
            self.success = False
            return None
        except (RecursionError, MemoryError, ValueError, TypeError, IndexError, KeyError,
                AttributeError, AssertionError) as exc:  # a parser bug: still no traceback
            if raise_errors:
                raise from_python(exc)
            self.report_error(from_python(exc).record)
            return None

    def load_script(self, path: str) -> Any:
        """A script file's ScriptBlock (parsed once per path); parse errors are shown."""
        from msolsh.language.parser import parse
        from msolsh.runtime.error_view import parse_error_record, render_parse_error
        from msolsh.runtime.scriptblock import ScriptBlock
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
        cached = self._scripts.get(path)
        if cached is not None and cached[0] == text:
            return cached[1]
        try:
            block = ScriptBlock(parse(text, path), path)
        except ParseException as exc:
            self.flush_output()
            self.host.write_error_text(render_parse_error(exc))
            self.success = False
            raise mark_script_terminating(PSRuntimeException(parse_error_record(exc)))
        self._scripts[path] = (text, block)
        return block

    def _run_block(self, block: Any, scope: Scope, out: list) -> None:
        compiled = block.compiled
        for part in (compiled.begin, compiled.process, compiled.end):
            if part is not None:
                part(scope, out)

    def _guarded(self, action: Any) -> RunResult:
        """Run `action`, turning whatever ends it into a RunResult. The engine's dynamic state
        is put back as it was, so a run nested inside a running command leaves its caller intact."""
        result = RunResult()
        if sys.getrecursionlimit() < 60000:   # deep script recursion must reach CallDepthOverflow
            sys.setrecursionlimit(60000)
        saved = (self.try_depth, self.depth, len(self.current_errors), len(self.error_redirects),
                 len(self.error_captures))
        self.try_depth = 0      # a nested run reports its own errors, whatever its caller is in
        try:
            action()
        except ExitSignal as signal:
            result.exit_code = signal.code
            self.global_scope.vars["lastexitcode"] = signal.code
        except (ReturnSignal, BreakSignal, ContinueSignal):
            pass
        except PSRuntimeException as exc:
            self.report_error(exc.record)
            result.terminated = True
        except KeyboardInterrupt:
            result.interrupted = True
            self.success = False
        except RecursionError:
            self.report_error(from_python(RecursionError()).record)
            result.terminated = True
        except Exception as exc:  # never a traceback for the user
            self.report_error(from_python(exc).record)
            result.terminated = True
        finally:
            self.try_depth, self.depth = saved[0], saved[1]
            del self.current_errors[saved[2]:]
            del self.error_redirects[saved[3]:]
            del self.error_captures[saved[4]:]
        result.success = self.success and not result.terminated and not result.interrupted
        return result

    # ---------------------------------------------------------------- errors
    def statement_failed(self, exc: PSRuntimeException, scope: Optional[Scope] = None) -> None:
        """A statement stopped with an error: unwind if a try/trap waits or it ends the script
        ($ErrorActionPreference = 'Stop' makes every error end the script)."""
        if self.try_depth or getattr(exc, "script_terminating", False):
            raise exc
        preference = to_string(scope.lookup("erroractionpreference")).lower() if scope else ""
        if preference == "stop":
            raise mark_script_terminating(exc)
        if preference in ("silentlycontinue", "ignore"):   # as pwsh: the preference (not
            self.error_serial += 1                          # -ErrorAction) hides these too
            self.success = False
            self.capture_error(exc.record)
            if preference == "silentlycontinue":
                self.log_error(exc.record)
            return
        self.report_error(exc.record)

    def report_error(self, record: ErrorRecord) -> None:
        self.capture_error(record)
        self.log_error(record)
        self.error_serial += 1
        self.success = False
        self.display_error(record)

    def capture_error(self, record: ErrorRecord) -> None:
        for captured in self.error_captures:
            if not captured or captured[-1] is not record:
                captured.append(record)

    def log_error(self, record: ErrorRecord) -> None:
        errors = self.global_scope.vars.get("error")
        if not isinstance(errors, list):
            return
        if errors and errors[0] is record:
            return
        errors.insert(0, record)
        del errors[MAX_ERRORS:]

    def non_terminating_error(self, record: ErrorRecord, action: str) -> None:
        """Write-Error and friends: -ErrorAction / $ErrorActionPreference decide."""
        action = to_string(action).lower()
        self.error_serial += 1
        self.success = False
        self.capture_error(record)
        if action == "stop":
            raise mark_script_terminating(PSRuntimeException(record))
        if action == "ignore":
            return
        self.log_error(record)
        if action == "silentlycontinue":
            return
        if action == "inquire" and not self._inquire(record):
            return
        self.display_error(record)

    def _inquire(self, record: ErrorRecord) -> bool:
        choices = [("&Yes", "Continue with only the next step of the operation."),
                   ("Yes to &All", "Continue with all the steps of the operation."),
                   ("&Halt Command", "Stop this command."),
                   ("&Suspend", "Pause the current pipeline and return to the command prompt.")]
        choice = self.prompt_choice("Confirm", f"{record.message}\nContinue with this operation?",
                                    choices, 0)
        if choice == 2:
            stop = ErrorRecord("The running command stopped because the user selected the Stop option.",
                               "ActionPreferenceStop", "OperationStopped",
                               exception_type="System.Management.Automation.ActionPreferenceStopException",
                               invocation=record.invocation)
            raise mark_script_terminating(PSRuntimeException(stop))
        return False

    def display_error(self, record: ErrorRecord) -> None:
        if self.error_redirects:
            self.error_redirects[-1](record)
            return
        from msolsh.runtime.error_view import render_record
        self.flush_output()
        self.host.write_error_text(render_record(record))

    # ---------------------------------------------------------------- host text
    def flush_output(self) -> None:
        out = self._top_out
        if not out:
            return
        objects = list(out)
        out.clear()
        self.host.write(self.render_output(objects))

    def render_output(self, objects: List[Any]) -> str:
        try:
            from msolsh.runtime.formatting import out_default
        except ImportError:
            out_default = None
        if out_default is not None:
            try:
                return out_default(objects, self)
            except (KeyboardInterrupt, ControlFlow):
                raise
            except Exception:  # a formatting bug must not lose the output
                pass
        return "".join(to_string(o) + "\n" for o in objects if o is not None)

    def show(self, kind: str, message: str) -> None:
        self.flush_output()
        {"warning": self.host.write_warning, "verbose": self.host.write_verbose,
         "debug": self.host.write_debug}[kind](message)

    def write_host(self, text: str, foreground: Optional[str] = None,
                   background: Optional[str] = None, newline: bool = True) -> None:
        self.flush_output()
        self.host.write_host(text, foreground, background, newline)

    def prompt_choice(self, caption: str, message: str, choices: Any, default: int) -> int:
        self.flush_output()
        try:
            return self.host.prompt_choice(caption, message, choices, default)
        except PromptUnavailable:
            raise NotInteractiveError() from None

    def write_redirect_file(self, path: str, objects: List[Any], append: bool) -> None:
        """`> file` / `>> file`: what the console would show, written as Out-File does."""
        if not path:
            raise PSRuntimeException(ErrorRecord(
                "Cannot bind argument to parameter 'FilePath' because it is an empty string.",
                "ParameterArgumentValidationErrorEmptyStringNotAllowed", "InvalidData",
                exception_type="System.Management.Automation.ParameterBindingValidationException",
                fq_class="Microsoft.PowerShell.Commands.OutFileCommand",
                invocation=InvocationInfo(command_name="Out-File")))
        text = self.render_output(list(objects))
        try:
            with open(path, "a" if append else "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            raise PSRuntimeException(ErrorRecord(
                f"Could not find a part of the path '{os.path.abspath(path)}'.", "FileOpenFailure",
                "OpenError", target=path, exception_type="System.IO.DirectoryNotFoundException",
                fq_class="Microsoft.PowerShell.Commands.OutFileCommand",
                invocation=InvocationInfo(command_name="Out-File")))

    # ---------------------------------------------------------------- commands
    def define_function(self, info: Any, scope: Scope) -> None:
        scope.define_function(info.name, info)

    def get_function(self, name: str, scope: Optional[Scope] = None) -> Any:
        return (scope or self.global_scope).function(name)

    @property
    def functions(self) -> Dict[str, Any]:
        """Every function of the global scope, by lower-case name (Get-Command reads this)."""
        return self.functions_from(self.global_scope)

    def functions_from(self, scope: Optional[Scope] = None) -> Dict[str, Any]:
        """Every function visible from `scope` (global by default), by lower-case name."""
        found: Dict[str, Any] = {}
        current = scope or self.global_scope
        while current is not None:
            for key, info in (current.functions or {}).items():
                found.setdefault(key, info)
            current = current.parent
        return found

    def resolve_command(self, name: str, scope: Optional[Scope] = None) -> Any:
        """alias -> function -> cmdlet -> script file, as pwsh resolves a command name."""
        from msolsh.runtime.pipeline import ScriptFile
        scope = scope or self.global_scope
        for _ in range(10):
            target = self.aliases.get(name.lower())
            if target is None:
                break
            name = target
        if "\\" in name and not name.lower().endswith(".ps1"):
            name = name.rsplit("\\", 1)[1]    # Module\Command
        function = scope.function(name)
        if function is not None:
            return function
        cmdlet = self.registry.get(name)
        if cmdlet is not None:
            return cmdlet
        if "/" in name or "\\" in name:     # as pwsh: a script needs a path (./fix.ps1)
            path = name.replace("\\", "/")
            if os.path.isfile(path):
                return ScriptFile(path)
        return None

    # ---------------------------------------------------------------- $env:
    def env_get(self, name: str) -> Any:
        entry = self.env.get(name.lower())
        return entry[1] if entry else None

    def env_set(self, name: str, value: Any) -> None:
        if value is None or value == "":
            self.env.pop(name.lower(), None)
        else:
            self.env[name.lower()] = (name, to_string(value))


def _cli_argument(text: str) -> Any:
    from msolsh.runtime.binder_support import Argument
    if text.startswith("-") and len(text) > 1 and not text[1].isdigit():
        name, colon, value = text[1:].partition(":")
        return Argument(name, value if colon else None, bool(colon), None, text)
    return Argument(None, text, True, None)
