# Members of strings, numbers, arrays, hashtables, objects; member enumeration.
$s = '  Hello World  '
$s.Trim(); $s.Trim().ToUpper(); $s.Length
'a,b,c'.Split(',').Count; 'hello'.Replace('l', 'L'); 'hello'.Contains('ell')
'hello'.Substring(1, 3); 'hello'.StartsWith('he'); 'hello'.IndexOf('l')
(3.7).ToString(); (42).GetType().Name
$a = 1, 2, 3; $a.Count; $a.Length
$h = @{ a = 1 }; $h.Add('b', 2); $h.Keys.Count; $h.ContainsKey('b'); $h.Remove('a'); $h.Count
$users = @([pscustomobject]@{ UserPrincipalName = 'a@x' }, [pscustomobject]@{ UserPrincipalName = 'b@x' })
$users.UserPrincipalName
$users.UserPrincipalName.ToUpper()
$users[1].UserPrincipalName
