"""Executing the PowerShell language. Knows nothing of Azure, Exchange or the tenant."""
