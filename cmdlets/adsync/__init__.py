"""The ADSync module (the Azure AD Connect server): the scheduler, run profiles, run history,
connector-space and metaverse objects, deletion threshold and the single-object diagnosis.

Importing this package registers them all. Each module is imported on its own so that one
that fails to import does not hide the others.
"""
import importlib

for _name in ("cycle", "scheduler", "connectors", "objects", "history", "diagnose"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ImportError:
        pass
