"""Expression trees: precedence, unary operators, casts, members, indexes, literals."""
from decimal import Decimal

import pytest

from msolsh.language.dump import dump_expression

CASES = [
    # precedence ladder (all binary operators left-associative)
    ("1 + 2 * 3", "(BinaryExpression + 1 (BinaryExpression * 2 3))"),
    ("(1 + 2) * 3",
     "(BinaryExpression * (ParenExpression (Pipeline [(CommandExpression (BinaryExpression + 1 2) [])])) 3)"),
    ("1 - 2 - 3", "(BinaryExpression - (BinaryExpression - 1 2) 3)"),
    ("$a -and $b -or $c", "(BinaryExpression -or (BinaryExpression -and $a $b) $c)"),
    ("$a -or $b -and $c", "(BinaryExpression -and (BinaryExpression -or $a $b) $c)"),
    ("$a -band 1 -eq 1", "(BinaryExpression -band $a (BinaryExpression -eq 1 1))"),
    ("1 + 2 -eq 3", "(BinaryExpression -eq (BinaryExpression + 1 2) 3)"),
    ("2 * 3 -f 1", "(BinaryExpression * 2 (BinaryExpression -f 3 1))"),
    ("1..3 + 4", "(BinaryExpression + (BinaryExpression .. 1 3) 4)"),
    ("1,2 + 3", "(BinaryExpression + (ArrayLiteral [1 2]) 3)"),
    ("1, 2, 3", "(ArrayLiteral [1 2 3])"),
    ("1 +\n 2", "(BinaryExpression + 1 2)"),
    ("$x -replace 'a', 'b'", "(BinaryExpression -replace $x (ArrayLiteral [single\"a\" single\"b\"]))"),
    ('"{0}" -f 1, 2', '(BinaryExpression -f double"{0}" (ArrayLiteral [1 2]))'),
    # operators are lower-cased as written, c/i prefixes kept
    ("$a -CEQ $b", "(BinaryExpression -ceq $a $b)"),
    ("$a -ieq $b", "(BinaryExpression -ieq $a $b)"),
    ("$a -notlike 'x*'", "(BinaryExpression -notlike $a single\"x*\")"),
    ("$a -csplit ','", "(BinaryExpression -csplit $a single\",\")"),
    ("$a -is [int]", "(BinaryExpression -is $a (TypeExpression int))"),
    ("$a -as [string]", "(BinaryExpression -as $a (TypeExpression string))"),
    ("$a -shl 2", "(BinaryExpression -shl $a 2)"),
    ("$a -notin 1, 2", "(BinaryExpression -notin $a (ArrayLiteral [1 2]))"),
    # unary
    ("-1", "-1"),
    ("- 1", "(UnaryExpression - 1)"),
    ("-$x", "(UnaryExpression - $x)"),
    ("!$x", "(UnaryExpression ! $x)"),
    ("-not $a -eq $b", "(BinaryExpression -eq (UnaryExpression -not $a) $b)"),
    ("-bnot 5", "(UnaryExpression -bnot 5)"),
    (",1", "(UnaryExpression , 1)"),
    ('-split "a b"', '(UnaryExpression -split double"a b")'),
    ("-join $a", "(UnaryExpression -join $a)"),
    ("$x++", "(UnaryExpression post++ $x)"),
    ("$x--", "(UnaryExpression post-- $x)"),
    ("++$x", "(UnaryExpression ++ $x)"),
    ("--$x", "(UnaryExpression -- $x)"),
    # casts and types
    ("[int]$x", "(ConvertExpression [int] $x)"),
    ('[int] "5" + 1', '(BinaryExpression + (ConvertExpression [int] double"5") 1)'),
    ("[int[]]$x", "(ConvertExpression [int[]] $x)"),
    ("[int]-5", "(ConvertExpression [int] -5)"),
    ("[int]::MaxValue", "(MemberExpression (TypeExpression int) bare\"MaxValue\" True)"),
    ("[math]::Round(1.5, 0)", "(InvokeMemberExpression (TypeExpression math) bare\"Round\" True [1.5 0])"),
    ('[string]::Join(",", $a)',
     '(InvokeMemberExpression (TypeExpression string) bare"Join" True [double"," $a])'),
    ("[System.Collections.Generic.List[string]]::new()",
     "(InvokeMemberExpression (TypeExpression System.Collections.Generic.List[string]) bare\"new\" True [])"),
    ("[ordered]@{a = 1; b = 2}",
     "(ConvertExpression [ordered] (Hashtable [[bare\"a\" (Pipeline [(CommandExpression 1 [])])] "
     "[bare\"b\" (Pipeline [(CommandExpression 2 [])])]]))"),
    ('[pscustomobject]@{Name = "x"}',
     '(ConvertExpression [pscustomobject] (Hashtable [[bare"Name" (Pipeline [(CommandExpression double"x" [])])]]))'),
    # members and indexes
    ("$a.Name", "(MemberExpression $a bare\"Name\" False)"),
    ("$a.b.c", "(MemberExpression (MemberExpression $a bare\"b\" False) bare\"c\" False)"),
    ("$a.$prop", "(MemberExpression $a $prop False)"),
    ("$a.'quoted name'", "(MemberExpression $a single\"quoted name\" False)"),
    ('$a.("Na" + "me")',
     '(MemberExpression $a (ParenExpression (Pipeline [(CommandExpression (BinaryExpression + double"Na" double"me") [])])) False)'),
    ("$s.ToUpper()", "(InvokeMemberExpression $s bare\"ToUpper\" False [])"),
    ("$s.Substring(1, 2).Length",
     "(MemberExpression (InvokeMemberExpression $s bare\"Substring\" False [1 2]) bare\"Length\" False)"),
    ("$s.Split(\n',')", "(InvokeMemberExpression $s bare\"Split\" False [single\",\"])"),
    ("$a[0]", "(IndexExpression $a 0)"),
    ("$a[-1]", "(IndexExpression $a -1)"),
    ("$a[1..3]", "(IndexExpression $a (BinaryExpression .. 1 3))"),
    ("$a[0, 2]", "(IndexExpression $a (ArrayLiteral [0 2]))"),
    ("$h['key']", "(IndexExpression $h single\"key\")"),
    ("$a[0].Name", "(MemberExpression (IndexExpression $a 0) bare\"Name\" False)"),
    ("1..10", "(BinaryExpression .. 1 10)"),
    # bracketed
    ("@()", "(ArrayExpression (StatementBlock [] []))"),
    ("@(1; 2)",
     "(ArrayExpression (StatementBlock [(Pipeline [(CommandExpression 1 [])]) (Pipeline [(CommandExpression 2 [])])] []))"),
    ("@(Get-X)", "(ArrayExpression (StatementBlock [(Pipeline [(Command [bare\"Get-X\"] - [])])] []))"),
    ("$(1 + 2)",
     "(SubExpression (StatementBlock [(Pipeline [(CommandExpression (BinaryExpression + 1 2) [])])] []))"),
    ("$()", "(SubExpression (StatementBlock [] []))"),
    ("($x = 5)", "(ParenExpression (AssignmentStatement $x = (Pipeline [(CommandExpression 5 [])])))"),
    ("@{}", "(Hashtable [])"),
    ("@{ a = 1\n   'b' = 2; 3 = 'three'; $k = $v }",
     "(Hashtable [[bare\"a\" (Pipeline [(CommandExpression 1 [])])] [single\"b\" (Pipeline [(CommandExpression 2 [])])] "
     "[3 (Pipeline [(CommandExpression single\"three\" [])])] [$k (Pipeline [(CommandExpression $v [])])]])"),
    ("@{ n = Get-X | Y }",
     "(Hashtable [[bare\"n\" (Pipeline [(Command [bare\"Get-X\"] - []) (Command [bare\"Y\"] - [])])]])"),
    ("{ $_ }", "(ScriptBlockExpression (ScriptBlock - - - (NamedBlock end [(Pipeline [(CommandExpression $_ [])])] [] True)))"),
    ("{ param($a, $b) $a + $b }",
     "(ScriptBlockExpression (ScriptBlock (ParamBlock [] [(Parameter a [] -) (Parameter b [] -)]) - - "
     "(NamedBlock end [(Pipeline [(CommandExpression (BinaryExpression + $a $b) [])])] [] True)))"),
    # strings
    ('"plain"', 'double"plain"'),
    ("'single ''quoted'''", "single\"single 'quoted'\""),
    ('"tab`there `$x ""q"""', 'double"tab\there $x "q""'),
    ('"Hello $name!"', "(ExpandableStringExpression 'Hello $name!' ['Hello ' $name !] double)"),
    ('"$($x.Count) items"',
     "(ExpandableStringExpression '$($x.Count) items' [(SubExpression (StatementBlock "
     "[(Pipeline [(CommandExpression (MemberExpression $x bare\"Count\" False) [])])] [])) ' items'] double)"),
    ('"${my var} and $env:PATH and $global:x"',
     "(ExpandableStringExpression '${my var} and $env:PATH and $global:x' "
     "[$my var ' and ' $env:PATH ' and ' $global:x] double)"),
    ('"a $x.Name b"', "(ExpandableStringExpression 'a $x.Name b' ['a ' $x '.Name b'] double)"),
    ('"cost: $ 5"', 'double"cost: $ 5"'),
    ("@'\nliteral $x\n'@", 'here_single"literal $x"'),
    ("@'\n'@", 'here_single""'),
    ('@"\nHi $name\n"@', "(ExpandableStringExpression 'Hi $name' ['Hi ' $name] here_double)"),
    ('@"\nsay "hi"\n"@', 'here_double"say "hi""'),
    # variables
    ("$true", "$true"), ("$_", "$_"), ("$$", "$$"), ("$?", "$?"),
    ("${env:ProgramFiles}", "$env:ProgramFiles"), ("$script:count", "$script:count"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_expression_tree(text, expected):
    assert dump_expression(text) == expected


@pytest.mark.parametrize("text,value", [
    ("0x10", 16), ("0xFFFFFFFF", -1), ("1KB", 1024), ("2.5MB", 2.5 * 1024 ** 2), ("1e3", 1000.0),
    ("5l", 5), ("5d", Decimal("5")), ("1.5", 1.5), (".5", 0.5), ("1PB", 1 << 50),
    ("-0x10", -16), ("1.5e-2", 0.015), ("10GB", 10 * (1 << 30)),
])
def test_numbers(text, value):
    from msolsh.language.parser import parse
    expr = parse(text).end.statements[0].elements[0].expression
    assert expr.value == value and type(expr.value) is type(value)
