"null count: $($null.Count)"
"null length: $($null.Length)"
"null other: [$($null.Name)]"
$none = $null
"unset count: $($none.Count)"
