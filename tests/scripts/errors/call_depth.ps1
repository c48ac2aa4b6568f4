# Unbounded recursion ends with pwsh's call-depth error, not a crash.
function Deep($n) { Deep ($n + 1) }
Deep 0
'after'
