# Script blocks: & runs in a child scope, . in the current one; Invoke, Where, ForEach.
$sb = { param($p) "got $p" }
& $sb 1
$sb.Invoke(2)
$v = 'outer'
& { $v = 'child' }; $v
. { $v = 'dotted' }; $v
$adder = { $args[0] + $args[1] }
& $adder 2 3
(1..6).Where({ $_ % 2 -eq 0 }) -join ','
(1..3).ForEach({ $_ * 10 }) -join ','
$sb.GetType().FullName
"text: $({ 1 + 1 })"
1..3 | ForEach-Object { $total += $_ }; "total $total"
