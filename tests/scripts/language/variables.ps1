# Assignment forms, scopes and automatic variables.
$a = 1; $a += 4; $a -= 1; $a *= 3; $a /= 2; $a %= 4; $a
$first, $rest = 1, 2, 3
"first=$first rest=$rest count=$($rest.Count)"
$x, $y, $z = 'only', 'two'
"x=$x y=$y z-is-null=$($null -eq $z)"
[int]$typed = '42'
$typed = '7'
$typed.GetType().FullName
$i = 5; $i++; $i--; ++$i; $i
$j = 1; ($j++); $j
$null = 'discarded'
[void]'also discarded'
$g = 'global'
function Show-Scope { $g = 'local'; "inside: $g" }
Show-Scope
"outside: $g"
function Set-Global { $global:g = 'changed' }
Set-Global
"after: $g"
function Read-Parent { "parent value: $g" }
Read-Parent
$script:counter = 10; $counter
$env:MSOLSH_TEST = 'sandboxed'; $env:MSOLSH_TEST; $env:msolsh_test
${name with spaces} = 'braced'; ${name with spaces}
$local:l = 'l'; $l
$h = @{}; $h.Key = 'v'; $h['Other'] = 2; $h.Key; $h.Other
$o = [pscustomobject]@{ Name = 'a' }; $o.Name = 'b'; $o.Name
$arr = 1, 2, 3; $arr[1] = 20; $arr -join ','
