"""Every product record's default view, in one place (as PowerShell keeps them in its
*.format.ps1xml files). Core views live in msolsh/runtime/formatting/views.py.

Each product has its own section; edit only inside yours.
"""
from msolsh.runtime.formatting.views import Column, register_view  # noqa: F401

# ==== ActiveDirectory ====
# ==== end ActiveDirectory ====

# ==== ExchangeOnPremises ====
# ==== end ExchangeOnPremises ====

# ==== ADSync ====
# ==== end ADSync ====

# ==== MSOnline ====
# ==== end MSOnline ====

# ==== ExchangeOnline ====
# ==== end ExchangeOnline ====

# ==== Training ====
# ==== end Training ====
