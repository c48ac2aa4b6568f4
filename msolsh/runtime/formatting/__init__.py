"""Formatting: default views per type name, and the table/list/wide layouts Out-Default uses.

The engine calls `out_default(objects, session) -> str` for top-level output; Format-* cmdlets
emit `FormattedOutput` records that Out-Default and Out-String render at their own width.
"""
from msolsh.runtime.formatting.out_default import (FormattedOutput, Options, line_width,
                                                   out_default, out_string, render_objects)
from msolsh.runtime.formatting.views import Column, View, find_view, register_view

__all__ = ["out_default", "out_string", "render_objects", "FormattedOutput", "Options", "line_width",
           "Column", "View", "register_view", "find_view"]
