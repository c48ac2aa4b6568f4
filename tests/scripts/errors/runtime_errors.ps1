# Runtime errors are error records with pwsh's messages and the failing expression's extent.
Get-Foo
$nothing = $null
$nothing.ToUpper()
$zero = 0
$result = 10 / $zero
[int]'abc'
$arr = 1, 2
$arr[5] = 1
$arr[5]
'still running'
