"""The simulated hybrid tenant (AD -> Azure AD Connect -> Azure AD -> Exchange Online).

A plain domain model: it imports nothing of the shell. Start from msolsh.tenant.tenant.Tenant.
"""
from .tenant import Tenant

__all__ = ["Tenant"]
