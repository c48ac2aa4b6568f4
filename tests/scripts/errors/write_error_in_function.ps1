# A non-terminating error from a cmdlet inside a function.
function Test-Thing { Write-Error "Thing failed"; 'after error' }
Test-Thing
