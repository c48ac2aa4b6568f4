"""Script blocks: the runtime value of `{ ... }`, and the compiled form of a ScriptBlockAst.

A ScriptBlockAst is compiled once (cached by its id) into closures for its begin, process and
end blocks plus its parameter declarations. Invoking with `&` makes a child scope, with `.` it
runs in the caller's scope; binding is the command processor's job (functions.py).
Nothing here knows the tenant.
"""
from __future__ import annotations

import weakref
from typing import Any, Dict, List, Optional, Sequence, Tuple

from msolsh.language import ast as A
from msolsh.runtime.compiler_base import ReturnSignal
from msolsh.runtime.scope import MISSING

# id(ast) -> (weak reference to the ast, its compiled form); an entry goes when its ast does.
_CACHE: Dict[int, Tuple[Any, "CompiledBlock"]] = {}


class CompiledBlock:
    """The closures of one script block; `signature` holds its parameters (functions.py)."""

    __slots__ = ("begin", "process", "end", "signature", "simple")

    def __init__(self, node: A.ScriptBlockAst):
        from msolsh.runtime.compile_statements import compile_block
        self.begin = compile_block(node.begin) if node.begin else None
        self.process = compile_block(node.process) if node.process else None
        self.end = compile_block(node.end) if node.end else None
        self.signature: Any = None   # filled lazily by functions.signature_of
        # no param() and only an end block: can run without a command processor
        self.simple = node.param_block is None and not node.begin and not node.process


def compile_scriptblock(node: A.ScriptBlockAst) -> CompiledBlock:
    key = id(node)
    entry = _CACHE.get(key)
    if entry is not None and entry[0]() is node:
        return entry[1]
    compiled = CompiledBlock(node)
    _CACHE[key] = (weakref.ref(node), compiled)
    weakref.finalize(node, _CACHE.pop, key, None)
    return compiled


class ScriptBlock:
    """The value of `{ ... }`. `text` is the source between the braces (its ToString())."""

    __slots__ = ("ast", "file", "_compiled")

    def __init__(self, node: A.ScriptBlockAst, file: Optional[str] = None):
        self.ast = node
        self.file = file if file is not None else node.extent.file
        self._compiled: Optional[CompiledBlock] = None

    @property
    def compiled(self) -> CompiledBlock:
        if self._compiled is None:
            self._compiled = compile_scriptblock(self.ast)
        return self._compiled

    @property
    def text(self) -> str:
        text = self.ast.extent.text
        if text.startswith("{") and text.endswith("}"):
            return text[1:-1]
        return text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"ScriptBlock({{{self.text}}})"

    # ---------------------------------------------------------------- invoking
    def invoke(self, session: Any, args: Sequence[Any] = (), scope: Any = None, dot: bool = False,
               dollar_under: Any = MISSING, input: Any = None) -> List[Any]:
        """`& $sb args` (or `. $sb` with dot=True): returns everything it output."""
        from msolsh.runtime.functions import ScriptProcessor
        caller = scope if scope is not None else session.global_scope
        out: List[Any] = []
        processor = ScriptProcessor.for_block(session, caller, self, list(args), dot=dot)
        processor.emit = out.append
        processor.run_alone(dollar_under, input)
        return out

    def invoke_with_item(self, s: Any, item: Any, args: Sequence[Any] = ()) -> List[Any]:
        """Run in scope `s` with $_ = item (Where-Object, ForEach-Object, .Where(), switch)."""
        compiled = self.compiled
        if not compiled.simple or compiled.end is None:
            return self.invoke(s.session, args, scope=s, dot=True, dollar_under=item)
        out: List[Any] = []
        variables = s.vars
        saved = variables.get("_", MISSING)
        saved_args = MISSING
        if args:
            saved_args = variables.get("args", MISSING)
            variables["args"] = list(args)
        variables["_"] = item
        session = s.session
        session.depth += 1
        try:
            if session.depth > session.max_depth:
                from msolsh.runtime.compiler_errors import call_depth_overflow
                raise call_depth_overflow()
            compiled.end(s, out)
        except ReturnSignal:
            pass
        finally:
            session.depth -= 1
            if saved is MISSING:
                variables.pop("_", None)
            else:
                variables["_"] = saved
            if args:
                _restore(variables, "args", saved_args)
        return out


def _restore(variables: dict, name: str, saved: Any) -> None:
    if saved is MISSING:
        variables.pop(name, None)
    else:
        variables[name] = saved
