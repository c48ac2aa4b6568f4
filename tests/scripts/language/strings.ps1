# Literals and string expansion.
$name = 'World'; $n = 3
"Hello $name"
'Hello $name'
"Count: $($n * 2) items, ${name}!"
"Escapes: tab[`t] quote[`"] dollar[`$name] backtick[``]"
"Member in string: $name.Length vs $($name.Length)"
$list = 1, 2, 3
"List: $list"
$OFS = '-'; "List: $list"; Remove-Variable OFS
@"
Here $name
  indented
"@
@'
Literal $name
'@
'{0} has {1} letters' -f $name, $name.Length
0x1F; 1KB; 2MB; 1.5; 1e3
"a" + 1; 1 + "2"
