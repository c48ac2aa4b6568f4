# Redirection of the output and error streams.
'to null' > $null
Write-Error 'hidden error' 2> $null
"error count: $($Error.Count)"
$merged = Write-Error 'merged' 2>&1
"merged is a $($merged.GetType().Name): $merged"
& { 'out'; Write-Error 'err' } *> $null
'end'
