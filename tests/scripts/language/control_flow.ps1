# if/elseif/else, loops, labelled break/continue, switch.
$v = 5
if ($v -lt 3) { 'small' } elseif ($v -lt 10) { 'medium' } else { 'large' }
if ($null) { 'no' } else { 'null is false' }
foreach ($i in 1..3) { "item $i" }
for ($i = 0; $i -lt 6; $i += 2) { "for $i" }
$k = 0; while ($true) { $k++; if ($k -eq 2) { continue }; if ($k -gt 3) { break }; "while $k" }
$d = 0; do { "do $d"; $d++ } while ($d -lt 2)
$u = 0; do { $u++ } until ($u -ge 3); "until $u"
:outer foreach ($a in 1..3) {
    foreach ($b in 1..3) {
        if ($b -eq 2) { continue outer }
        if ($a -eq 3) { break outer }
        "pair $a$b"
    }
}
foreach ($item in $null) { 'never runs' }
switch (3) { 1 { 'one' } 3 { 'three' } default { 'other' } }
switch ('b') { 'a' { 'A' } default { 'default' } }
switch (1, 2, 3) { 2 { 'two'; break } default { "d$_" } }
switch (1, 2, 3) { { $_ -ge 2 } { "ge2:$_"; continue } 3 { 'not reached' } }
switch -wildcard ('report.csv', 'notes.txt') { '*.csv' { "csv $_" } '*.txt' { "txt $_" } }
switch -regex ('user42') { '^user(\d+)$' { "id $($Matches[1])" } }
switch -casesensitive ('ABC') { 'abc' { 'lower' } 'ABC' { 'upper' } }
switch -exact ('a*') { 'a*' { 'exact star' } }
