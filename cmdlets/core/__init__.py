"""The core cmdlets (Microsoft.PowerShell.Core/Utility/Management look-alikes).

Importing this package registers them all. Each module is imported on its own so that one
module that fails to import (another engineer's work in progress) does not hide the others.
"""
import importlib

for _name in ("objects", "objects_select", "objects_group", "objects_measure", "objects_member",
              "format",
              "utility", "streams", "session_tools", "variables", "commands", "transcripts",
              "files", "paths", "items", "dotnet_views", "csvdata", "jsondata", "data"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ImportError:
        pass
