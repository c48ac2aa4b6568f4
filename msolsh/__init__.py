"""msolsh: a PowerShell-style shell simulating an Office 365 hybrid tenant."""

__version__ = "0.1.0"
