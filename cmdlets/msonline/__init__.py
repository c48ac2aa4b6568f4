"""The MSOnline module (Azure AD v1): Connect-MsolService and the Msol* cmdlets.

Importing this package registers them all. Each module is imported on its own so that one
that fails to import does not hide the others.
"""
import importlib

for _name in ("connect", "users", "users_admin", "licenses", "groups", "company"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ImportError:
        pass
