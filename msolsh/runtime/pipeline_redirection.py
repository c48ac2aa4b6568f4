"""Redirections on a command: `> $null`, `2> $null`, `2>&1`, `*>&1`, `> file`, `>> file`.

A Redirected processor wraps a command's processor: it reroutes what the command outputs, and
while the command runs it installs a handler for the error stream on the session.
"""
from __future__ import annotations

from typing import Any, List, Tuple

from msolsh.language import ast as A
from msolsh.runtime.compile_expressions import compile_expr
from msolsh.runtime.compiler_base import to_string


def compile_redirections(nodes: Tuple[A.RedirectionAst, ...]) -> List[tuple]:
    """(stream, target) pairs: target is 'null', 'output' or ('file', path closure, append)."""
    result = []
    for node in nodes:
        if isinstance(node, A.MergingRedirectionAst):
            result.append((node.from_stream, "output"))
            continue
        location = node.location
        if isinstance(location, A.VariableExpressionAst) and location.name.lower() == "null":
            result.append((node.from_stream, "null"))
        else:
            result.append((node.from_stream, ("file", compile_expr(location), node.append)))
    return result


class Redirected:
    """A processor whose output and/or error stream go somewhere else."""

    def __init__(self, inner: Any, redirections: List[tuple], s: Any):
        self.inner, self.s = inner, s
        self.output: Any = None
        self.errors: Any = None
        for stream, target in redirections:
            if stream in ("output", "all"):
                self.output = target
            if stream in ("error", "all"):
                self.errors = target
        self._file_objects: List[Any] = []
        self._downstream: Any = None

    # the pipeline sets these; the inner processor needs them too
    @property
    def pipeline(self) -> Any:
        return self.inner.pipeline

    @pipeline.setter
    def pipeline(self, token: Any) -> None:
        self.inner.pipeline = token

    @property
    def index(self) -> int:
        return self.inner.index

    @index.setter
    def index(self, value: int) -> None:
        self.inner.index = value

    @property
    def emit(self) -> Any:
        return self.inner.emit

    @emit.setter
    def emit(self, downstream: Any) -> None:
        self._downstream = downstream
        if self.output == "null":
            self.inner.emit = lambda obj: None
        elif isinstance(self.output, tuple):
            self.inner.emit = self._file_objects.append
        else:
            self.inner.emit = downstream

    def _error_handler(self) -> Any:
        if self.errors == "null":
            return lambda record: None
        if self.errors == "output":
            return lambda record: self._downstream(record)
        if isinstance(self.errors, tuple):
            return self._file_objects.append
        return None

    def _call(self, method: Any, *args: Any) -> None:
        handler = self._error_handler()
        if handler is None:
            method(*args)
            return
        redirects = self.s.session.error_redirects
        redirects.append(handler)
        try:
            method(*args)
        finally:
            redirects.pop()

    def begin(self) -> None:
        self._call(self.inner.begin)

    def process(self, obj: Any) -> None:
        self._call(self.inner.process, obj)

    def process_no_input(self) -> None:
        self._call(self.inner.process_no_input)

    def end(self) -> None:
        self._call(self.inner.end)

    def finish(self) -> None:
        target = self.output if isinstance(self.output, tuple) else self.errors
        if not isinstance(target, tuple):
            return
        _, path, append = target
        self.s.session.write_redirect_file(to_string(path(self.s)), self._file_objects, append)
        self._file_objects = []
