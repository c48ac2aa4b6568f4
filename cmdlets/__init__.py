"""Product and core cmdlets, installed as msolsh.cmdlets."""
