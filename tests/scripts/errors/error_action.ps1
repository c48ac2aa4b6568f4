# Non-terminating errors, -ErrorAction, $ErrorActionPreference, -ErrorVariable.
Write-Error 'plain error'
'continues'
Write-Error 'silenced' -ErrorAction SilentlyContinue
"last: $($Error[0].Exception.Message)"
Write-Error 'ignored' -ErrorAction Ignore
"still: $($Error[0].Exception.Message)"
try { Write-Error 'stopped' -ErrorAction Stop } catch { "caught $($_.Exception.Message)" }
Write-Error 'captured' -ErrorAction SilentlyContinue -ErrorVariable ev
"ev: $($ev.Count) $($ev[0])"
Write-Error 'more' -ErrorAction SilentlyContinue -ErrorVariable +ev
"ev now: $($ev.Count)"
$ErrorActionPreference = 'Stop'
try { Write-Error 'preference stop' } catch { "caught by preference: $_" }
$ErrorActionPreference = 'Continue'
Write-Warning 'a warning'
Write-Warning 'hidden' -WarningAction SilentlyContinue
Write-Verbose 'not shown'
Write-Verbose 'shown' -Verbose
