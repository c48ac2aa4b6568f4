"""The ExchangeOnlineManagement module: Connect-ExchangeOnline and the Exchange Online cmdlets.

Importing this package registers them all. Each module is imported on its own so that one
that fails to import does not hide the others.
"""
import importlib

for _name in ("connect", "mailboxes", "recipients"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ImportError:
        pass
