"""The ActiveDirectory module: on-premises users, groups, objects, OUs, the domain and forest.

Importing this package registers every cmdlet. Each module is imported on its own so that one
that fails to import does not hide the others.
"""
import importlib

for _name in ("users", "accounts", "groups", "objects", "moves", "ous", "domain"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ImportError:
        pass
