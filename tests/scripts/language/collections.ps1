# Arrays, hashtables, ordered hashtables, custom objects, ranges, indexing.
$a = @(1, 2, 3, 4, 5)
$a.Count; $a[0]; $a[-1]; $a[1..2] -join ','; $a[0, 4] -join ','
@().Count; @(7).Count; (,7).Count
$r = 10..7; $r -join ' '
$h = @{ Name = 'x'; Size = 3 }
$h.Count; $h['name']; $h.Keys.Count; $h.ContainsKey('SIZE')
$o = [ordered]@{ z = 1; a = 2; m = 3 }
$o.Keys -join ','
$p = [pscustomobject]@{ First = 'Ada'; Last = 'Lovelace' }
$p.First + ' ' + $p.Last
$people = @([pscustomobject]@{ N = 'a'; Age = 3 }, [pscustomobject]@{ N = 'b'; Age = 5 })
$people.N -join ','
($people | Where-Object { $_.Age -gt 4 }).N
$nested = @(1, @(2, 3), 4); $nested.Count
$empty = $null; @($empty).Count
$matrix = @{ a = @{ b = 'deep' } }; $matrix.a.b
