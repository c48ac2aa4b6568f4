# Operators: arithmetic, comparison (filtering arrays), matching, replace/split/join/format, logic, bitwise.
7 / 2; 7 % 3; -5; 2 * 'ab'.Length
'abc' -eq 'ABC'; 'abc' -ceq 'ABC'; 1 -ne 2
5 -gt 3; 5 -ge 5; 3 -lt 2; 3 -le 3
(1, 2, 3, 4 -gt 2) -join ','
'file.txt' -like '*.txt'; 'file.txt' -notlike '*.doc'
'user42' -match '(\d+)'; $Matches[1]
'abc' -notmatch 'x'
1, 2, 3 -contains 2; 4 -in 1, 2, 3; 1, 2 -notcontains 5; 3 -notin 1, 2
'2026-01-05' -replace '(\d+)-(\d+)-(\d+)', '$3/$2/$1'
('a,b,,c' -split ',').Count
-split ' x  y '
(1, 2, 3) -join '+'
'{0:N2} and {1}' -f 3.14159, 'x'
$true -and $false; $true -or $false; $true -xor $true; -not $true; !$false
6 -band 3; 6 -bor 3; 6 -bxor 3; 1 -shl 4; 256 -shr 2; -bnot 0
$null -eq $null; @() -eq $null
'5' + 5; 5 + '5'; '3' * 3
