"""Statement and command trees: pipelines, commands, assignments, every keyword statement,
functions and param blocks; plus the extents nodes carry."""
import pytest

from msolsh.language import ast as A
from msolsh.language.dump import dump, dump_statement
from msolsh.language.parser import parse

P1 = "(Pipeline [(CommandExpression 1 [])])"
BLOCK1 = f"(StatementBlock [{P1}] [])"


def block(n):
    return f"(StatementBlock [(Pipeline [(CommandExpression {n} [])])] [])"


COMMANDS = [
    ("Get-X -Name foo.txt",
     '(Pipeline [(Command [bare"Get-X" (CommandParameter Name - False) bare"foo.txt"] - [])])'),
    ("Get-X -Path C:\\tmp\\a.txt",
     '(Pipeline [(Command [bare"Get-X" (CommandParameter Path - False) bare"C:\\tmp\\a.txt"] - [])])'),
    ("Write-Host -1", '(Pipeline [(Command [bare"Write-Host" -1] - [])])'),
    ("Get-X -Name:$true", '(Pipeline [(Command [bare"Get-X" (CommandParameter Name $true True)] - [])])'),
    ("Get-X -Name: val", '(Pipeline [(Command [bare"Get-X" (CommandParameter Name bare"val" True)] - [])])'),
    ("Get-X a,b , c", '(Pipeline [(Command [bare"Get-X" (ArrayLiteral [bare"a" bare"b" bare"c"])] - [])])'),
    ("Get-X 1,2", '(Pipeline [(Command [bare"Get-X" (ArrayLiteral [1 2])] - [])])'),
    ("Get-X $x.Name $y[0] (1 + 2) $s.ToUpper()",
     '(Pipeline [(Command [bare"Get-X" (MemberExpression $x bare"Name" False) (IndexExpression $y 0) '
     '(ParenExpression (Pipeline [(CommandExpression (BinaryExpression + 1 2) [])])) '
     '(InvokeMemberExpression $s bare"ToUpper" False [])] - [])])'),
    ("Get-X @params -Force", '(Pipeline [(Command [bare"Get-X" @params (CommandParameter Force - False)] - [])])'),
    ("Get-X | Where-Object { $_.A -eq 5 } | Select-Object -First 1",
     '(Pipeline [(Command [bare"Get-X"] - []) (Command [bare"Where-Object" (ScriptBlockExpression (ScriptBlock - - - '
     '(NamedBlock end [(Pipeline [(CommandExpression (BinaryExpression -eq (MemberExpression $_ bare"A" False) 5) [])])] [] True)))] - []) '
     '(Command [bare"Select-Object" (CommandParameter First - False) 1] - [])])'),
    ("Get-X |\n  Y", '(Pipeline [(Command [bare"Get-X"] - []) (Command [bare"Y"] - [])])'),
    ("foo `\n -Bar", '(Pipeline [(Command [bare"foo" (CommandParameter Bar - False)] - [])])'),
    ("& $sb 1 2", "(Pipeline [(Command [$sb 1 2] & [])])"),
    ("& 'C:\\Program Files\\x.exe' -a",
     '(Pipeline [(Command [single"C:\\Program Files\\x.exe" (CommandParameter a - False)] & [])])'),
    (". .\\x.ps1", '(Pipeline [(Command [bare".\\x.ps1"] . [])])'),
    (". { $x }", "(Pipeline [(Command [(ScriptBlockExpression (ScriptBlock - - - (NamedBlock end "
                 "[(Pipeline [(CommandExpression $x [])])] [] True)))] . [])])"),
    (".\\run.ps1 -Verbose", '(Pipeline [(Command [bare".\\run.ps1" (CommandParameter Verbose - False)] - [])])'),
    ("cmd 2>&1 > out.txt",
     '(Pipeline [(Command [bare"cmd"] - [(MergingRedirection error output) (FileRedirection output bare"out.txt" False)])])'),
    ("cmd >> log.txt 2> err.txt *>&1",
     '(Pipeline [(Command [bare"cmd"] - [(FileRedirection output bare"log.txt" True) '
     '(FileRedirection error bare"err.txt" False) (MergingRedirection all output)])])'),
    ("$x > $null", "(Pipeline [(CommandExpression $x [(FileRedirection output $null False)])])"),
    ("$x | cmd", '(Pipeline [(CommandExpression $x []) (Command [bare"cmd"] - [])])'),
    ('a "b$x" c$y', '(Pipeline [(Command [bare"a" (ExpandableStringExpression b$x [b $x] double) '
                   '(ExpandableStringExpression c$y [c $y] bare)] - [])])'),
    ("Write-Output 'it''s' \"x\"", '(Pipeline [(Command [bare"Write-Output" single"it\'s" double"x"] - [])])'),
    ("ls *.ps1", '(Pipeline [(Command [bare"ls" bare"*.ps1"] - [])])'),
    ("echo a#b # comment", '(Pipeline [(Command [bare"echo" bare"a#b"] - [])])'),
    ("echo a`tb", '(Pipeline [(Command [bare"echo" bare"a\tb"] - [])])'),
    ("echo [int]", '(Pipeline [(Command [bare"echo" bare"[int]"] - [])])'),
    ("% { $_ }", '(Pipeline [(Command [bare"%" (ScriptBlockExpression (ScriptBlock - - - (NamedBlock end '
                 '[(Pipeline [(CommandExpression $_ [])])] [] True)))] - [])])'),
    ("Get-X -a -b:$false -- -c", '(Pipeline [(Command [bare"Get-X" (CommandParameter a - False) '
                                 '(CommandParameter b $false True) bare"--" (CommandParameter c - False)] - [])])'),
    ("echo ,1", '(Pipeline [(Command [bare"echo" (UnaryExpression , 1)] - [])])'),
    ("1..3 | % { $_ }", '(Pipeline [(CommandExpression (BinaryExpression .. 1 3) []) (Command [bare"%" '
                        '(ScriptBlockExpression (ScriptBlock - - - (NamedBlock end [(Pipeline [(CommandExpression $_ [])])] [] True)))] - [])])'),
    ("7zip a", '(Pipeline [(Command [bare"7zip" bare"a"] - [])])'),
    ("else", '(Pipeline [(Command [bare"else"] - [])])'),
    ("foreach-object { 1 }", '(Pipeline [(Command [bare"foreach-object" (ScriptBlockExpression (ScriptBlock - - - '
                             '(NamedBlock end [(Pipeline [(CommandExpression 1 [])])] [] True)))] - [])])'),
]

ASSIGNMENTS = [
    ("$a, $b = 1, 2", "(AssignmentStatement (ArrayLiteral [$a $b]) = (Pipeline [(CommandExpression (ArrayLiteral [1 2]) [])]))"),
    ('[int]$x = "5"', '(AssignmentStatement (ConvertExpression [int] $x) = (Pipeline [(CommandExpression double"5" [])]))'),
    ("$h.a.b = 1", '(AssignmentStatement (MemberExpression (MemberExpression $h bare"a" False) bare"b" False) = ' + P1 + ")"),
    ("$a[0] += 2", "(AssignmentStatement (IndexExpression $a 0) += (Pipeline [(CommandExpression 2 [])]))"),
    ("$x = $y = 3", "(AssignmentStatement $x = (AssignmentStatement $y = (Pipeline [(CommandExpression 3 [])])))"),
    ("$x = Get-X | Y", '(AssignmentStatement $x = (Pipeline [(Command [bare"Get-X"] - []) (Command [bare"Y"] - [])]))'),
    ("$x = if ($a) { 1 } else { 2 }",
     f"(AssignmentStatement $x = (IfStatement [[(Pipeline [(CommandExpression $a [])]) {block(1)}]] {block(2)}))"),
    ("$x =\n 1", f"(AssignmentStatement $x = {P1})"),
    ("$global:x -= 1", f"(AssignmentStatement $global:x -= {P1})"),
    ("$x *= 1", f"(AssignmentStatement $x *= {P1})"),
    ("$x /= 1", f"(AssignmentStatement $x /= {P1})"),
    ("$x %= 1", f"(AssignmentStatement $x %= {P1})"),
]

STATEMENTS = [
    ("if ($x) { 1 } elseif ($y) { 2 } else { 3 }",
     f"(IfStatement [[(Pipeline [(CommandExpression $x [])]) {block(1)}] [(Pipeline [(CommandExpression $y [])]) {block(2)}]] {block(3)})"),
    ("if ($x)\n{\n  1\n}\nelse\n{\n  2\n}",
     f"(IfStatement [[(Pipeline [(CommandExpression $x [])]) {block(1)}]] {block(2)})"),
    ("if ($x) { 1 }\n\n$y", f"(IfStatement [[(Pipeline [(CommandExpression $x [])]) {block(1)}]] -)"),
    ("while ($i -lt 3) { $i++ }",
     "(WhileStatement - (Pipeline [(CommandExpression (BinaryExpression -lt $i 3) [])]) (StatementBlock [(Pipeline [(CommandExpression (UnaryExpression post++ $i) [])])] []))"),
    ("do { $i++ } while ($i -lt 5)",
     "(DoWhileStatement - (Pipeline [(CommandExpression (BinaryExpression -lt $i 5) [])]) (StatementBlock [(Pipeline [(CommandExpression (UnaryExpression post++ $i) [])])] []))"),
    ("do { $i++ }\nuntil ($i -ge 5)",
     "(DoUntilStatement - (Pipeline [(CommandExpression (BinaryExpression -ge $i 5) [])]) (StatementBlock [(Pipeline [(CommandExpression (UnaryExpression post++ $i) [])])] []))"),
    ("for ($i = 0; $i -lt 3; $i++) { $i }",
     "(ForStatement - (AssignmentStatement $i = (Pipeline [(CommandExpression 0 [])])) (Pipeline [(CommandExpression (BinaryExpression -lt $i 3) [])]) "
     "(Pipeline [(CommandExpression (UnaryExpression post++ $i) [])]) (StatementBlock [(Pipeline [(CommandExpression $i [])])] []))"),
    ("for (;;) { break }", "(ForStatement - - - - (StatementBlock [(BreakStatement -)] []))"),
    (":outer foreach ($i in 1..3) { foreach ($j in 1..2) { continue outer } }",
     "(ForEachStatement outer $i (Pipeline [(CommandExpression (BinaryExpression .. 1 3) [])]) (StatementBlock [(ForEachStatement - $j "
     "(Pipeline [(CommandExpression (BinaryExpression .. 1 2) [])]) (StatementBlock [(ContinueStatement bare\"outer\")] []))] []))"),
    (":loop while (1) { break loop }",
     "(WhileStatement loop (Pipeline [(CommandExpression 1 [])]) (StatementBlock [(BreakStatement bare\"loop\")] []))"),
    ("foreach ($u in Get-X | Y) { $u }",
     '(ForEachStatement - $u (Pipeline [(Command [bare"Get-X"] - []) (Command [bare"Y"] - [])]) (StatementBlock [(Pipeline [(CommandExpression $u [])])] []))'),
    ('switch -regex -casesensitive ($x) { "^a" { 1 } {$_ -gt 5} { 2 } default { 3 } }',
     f'(SwitchStatement - [regex casesensitive] (Pipeline [(CommandExpression $x [])]) [(SwitchClause double"^a" {block(1)}) '
     f'(SwitchClause (ScriptBlockExpression (ScriptBlock - - - (NamedBlock end [(Pipeline [(CommandExpression (BinaryExpression -gt $_ 5) [])])] [] True))) {block(2)})] {block(3)})'),
    ("switch ($x) { a { 1 }; 2 { 2 }\n $y { break } }",
     f'(SwitchStatement - [] (Pipeline [(CommandExpression $x [])]) [(SwitchClause bare"a" {block(1)}) (SwitchClause 2 {block(2)}) '
     f'(SwitchClause $y (StatementBlock [(BreakStatement -)] []))] -)'),
    ('switch -w -e ($x) { "a*" { 1 } }',
     f'(SwitchStatement - [wildcard exact] (Pipeline [(CommandExpression $x [])]) [(SwitchClause double"a*" {block(1)})] -)'),
    ("switch -file log.txt { x { 1 } }",
     f'(SwitchStatement - [file] (Pipeline [(CommandExpression bare"log.txt" [])]) [(SwitchClause bare"x" {block(1)})] -)'),
    ('try { throw "x" } catch [System.Exception], [Foo] { $_ } catch { 2 } finally { 3 }',
     '(TryStatement (StatementBlock [(ThrowStatement (Pipeline [(CommandExpression double"x" [])]))] []) '
     f'[(CatchClause [[System.Exception] [Foo]] (StatementBlock [(Pipeline [(CommandExpression $_ [])])] [])) (CatchClause [] {block(2)})] {block(3)})'),
    ("try { 1 }\nfinally { 2 }", f"(TryStatement {block(1)} [] {block(2)})"),
    ("return", "(ReturnStatement -)"),
    ("return $x + 1", "(ReturnStatement (Pipeline [(CommandExpression (BinaryExpression + $x 1) [])]))"),
    ("exit 3", "(ExitStatement (Pipeline [(CommandExpression 3 [])]))"),
    ("throw", "(ThrowStatement -)"),
    ('throw "bad"', '(ThrowStatement (Pipeline [(CommandExpression double"bad" [])]))'),
    ("break", "(BreakStatement -)"),
    ("continue outer", '(ContinueStatement bare"outer")'),
    ('function Get-Foo { "hi" }',
     '(FunctionDefinition Get-Foo False [] (ScriptBlock - - - (NamedBlock end [(Pipeline [(CommandExpression double"hi" [])])] [] True)))'),
    ("function Add($a, $b = 2) { $a + $b }",
     "(FunctionDefinition Add False [(Parameter a [] -) (Parameter b [] 2)] (ScriptBlock - - - "
     "(NamedBlock end [(Pipeline [(CommandExpression (BinaryExpression + $a $b) [])])] [] True)))"),
    ("filter Double { $_ * 2 }",
     "(FunctionDefinition Double True [] (ScriptBlock - - - (NamedBlock end [(Pipeline [(CommandExpression (BinaryExpression * $_ 2) [])])] [] True)))"),
    ("function global:F\n{\n}", "(FunctionDefinition global:F False [] (ScriptBlock - - - (NamedBlock end [] [] True)))"),
    ('function F { [CmdletBinding(SupportsShouldProcess)] param([Parameter(Mandatory, ValueFromPipeline, Position=0)][string]$Name, '
     '[ValidateSet("a", "b")][string]$Kind = "a", [Alias("f")][switch]$Force) begin { 1 } process { $Name } end { 2 } }',
     '(FunctionDefinition F False [] (ScriptBlock (ParamBlock [(Attribute CmdletBinding [] [(NamedAttributeArgument SupportsShouldProcess -)])] '
     '[(Parameter Name [(Attribute Parameter [] [(NamedAttributeArgument Mandatory -) (NamedAttributeArgument ValueFromPipeline -) '
     '(NamedAttributeArgument Position 0)]) [string]] -) (Parameter Kind [(Attribute ValidateSet [double"a" double"b"] []) [string]] double"a") '
     '(Parameter Force [(Attribute Alias [double"f"] []) [switch]] -)]) (NamedBlock begin [(Pipeline [(CommandExpression 1 [])])] [] False) '
     '(NamedBlock process [(Pipeline [(CommandExpression $Name [])])] [] False) (NamedBlock end [(Pipeline [(CommandExpression 2 [])])] [] False)))'),
]


@pytest.mark.parametrize("text,expected", COMMANDS + ASSIGNMENTS + STATEMENTS)
def test_statement_tree(text, expected):
    assert dump_statement(text) == expected


def test_statements_follow_a_block_without_separator():
    statements = parse("if (1) {} 2").end.statements
    assert [type(s).__name__ for s in statements] == ["IfStatementAst", "PipelineAst"]


def test_separators_newline_and_semicolon():
    statements = parse("1; 2\n3\r\n4").end.statements
    assert [dump(s) for s in statements] == [f"(Pipeline [(CommandExpression {n} [])])" for n in "1234"]


def test_traps_are_kept_apart():
    end = parse('trap [System.Exception] { "t" }; 1').end
    assert dump(end) == (f"(NamedBlock end [{P1}] [(TrapStatement [System.Exception] "
                         '(StatementBlock [(Pipeline [(CommandExpression double"t" [])])] []))] True)')


def test_script_param_block_with_attribute():
    script = parse("[CmdletBinding()]\nparam([int]$a = 1)\n$a")
    assert dump(script.param_block) == "(ParamBlock [(Attribute CmdletBinding [] [])] [(Parameter a [[int]] 1)])"
    assert dump(script.end.statements) == "[(Pipeline [(CommandExpression $a [])])]"


def test_script_named_blocks():
    script = parse("param($a)\nprocess { $_ }")
    assert dump(script) == ("(ScriptBlock (ParamBlock [] [(Parameter a [] -)]) - "
                            "(NamedBlock process [(Pipeline [(CommandExpression $_ [])])] [] False) -)")


def test_cast_statement_is_not_a_param_block():
    assert dump(parse("[int]$x = 1; $x").end.statements[0]) == (
        f"(AssignmentStatement (ConvertExpression [int] $x) = {P1})")


# ---------------------------------------------------------------- extents

def _extent(node):
    e = node.extent
    return (e.start_line, e.start_col, e.end_line, e.end_col, e.text)


def test_extents_of_a_pipeline():
    text = "Get-X -Name a |\n  Where-Object { $_ }"
    pipeline = parse(text).end.statements[0]
    assert _extent(pipeline) == (1, 1, 2, 22, text)
    command = pipeline.elements[0]
    assert _extent(command) == (1, 1, 1, 14, "Get-X -Name a")
    assert _extent(command.elements[1]) == (1, 7, 1, 12, "-Name")
    assert _extent(pipeline.elements[1].elements[1]) == (2, 16, 2, 22, "{ $_ }")
    assert pipeline.extent.line_text(2) == "  Where-Object { $_ }"


def test_extents_of_expressions():
    statement = parse("$x = $a.Name + 10").end.statements[0]
    assert _extent(statement) == (1, 1, 1, 18, "$x = $a.Name + 10")
    binary = statement.right.elements[0].expression
    assert _extent(binary) == (1, 6, 1, 18, "$a.Name + 10")
    assert _extent(binary.left) == (1, 6, 1, 13, "$a.Name")
    assert _extent(binary.left.member) == (1, 9, 1, 13, "Name")
    assert _extent(binary.right) == (1, 16, 1, 18, "10")


def test_extents_inside_strings_point_at_the_source():
    expr = parse('"a $($x + 1) b"').end.statements[0].elements[0].expression
    sub = expr.parts[1]
    assert _extent(sub) == (1, 4, 1, 13, "$($x + 1)")
    inner = sub.statements.statements[0].elements[0].expression
    assert _extent(inner) == (1, 6, 1, 12, "$x + 1")


def test_labelled_loop_extent_starts_at_label():
    loop = parse(":outer while (1) { }").end.statements[0]
    assert _extent(loop)[:2] == (1, 1)


def test_every_extent_shares_the_source_and_file():
    text = "function f { param($a) $a | % { $_ + 1 } }\nf 1"
    script = parse(text, file="x.ps1")
    for node in A.walk(script):
        assert node.extent.source == text
        assert node.extent.file == "x.ps1"


def test_empty_script():
    script = parse("")
    assert dump(script) == "(ScriptBlock - - - (NamedBlock end [] [] True))"
    assert parse("  # only a comment\n<# and a block #>\n").end.statements == ()


@pytest.mark.parametrize("text,expected", [
    ("Write-Output $a/H", '(Pipeline [(Command [bare"Write-Output" (ExpandableStringExpression $a/H [$a /H] bare)] - [])])'),
    ("Copy-Item $dir\\f.txt", '(Pipeline [(Command [bare"Copy-Item" (ExpandableStringExpression $dir\\f.txt [$dir \\f.txt] bare)] - [])])'),
    ("Write-Output 2+2", '(Pipeline [(Command [bare"Write-Output" bare"2+2"] - [])])'),
    ("Write-Output !1", '(Pipeline [(Command [bare"Write-Output" bare"!1"] - [])])'),
    ("Write-Output +10 -5 +x 0xa", '(Pipeline [(Command [bare"Write-Output" 10 -5 bare"+x" 10] - [])])'),
    ("echo a ` b", '(Pipeline [(Command [bare"echo" bare"a" bare"b"] - [])])'),
    ("echo a` b", '(Pipeline [(Command [bare"echo" bare"a b"] - [])])'),
    ("echo $a,$b", "(Pipeline [(Command [bare\"echo\" (ArrayLiteral [$a $b])] - [])])"),
    ("$x = [Parser]::Parse($a).\n    EndBlock",
     "(AssignmentStatement $x = (Pipeline [(CommandExpression (MemberExpression (InvokeMemberExpression "
     "(TypeExpression Parser) bare\"Parse\" True [$a]) bare\"EndBlock\" False) [])]))"),
])
def test_argument_mode_words(text, expected):
    assert dump_statement(text) == expected


def test_a_two_thousand_line_script_parses():
    chunk = (
        "function Get-Thing {\n"
        "    [CmdletBinding()]\n"
        "    param([Parameter(Mandatory)][string]$Name, [int]$Count = 5)\n"
        "    $users = Get-MsolUser -All | Where-Object { $_.UserPrincipalName -like \"*@contoso.com\" }\n"
        "    foreach ($u in $users) {\n"
        "        if ($u.IsLicensed -and $u.Licenses.Count -gt 0) { Write-Host \"Licensed: $($u.DisplayName)\" }\n"
        "        elseif ($null -eq $u.ImmutableId) { $h = @{ Name = $u.DisplayName; Id = $u.ObjectId }; [pscustomobject]$h }\n"
        "        else { $total += 1; $list[$i] = $u.UserPrincipalName.ToLower() -replace '@.*$', '' }\n"
        "    }\n"
        "    switch -wildcard ($Name) { \"a*\" { 'A' } default { 'other' } }\n"
        "    try { Set-MsolUser -UserPrincipalName $Name -UsageLocation US -ErrorAction Stop }\n"
        "    catch { Write-Warning $_.Exception.Message }\n"
        "    return $total * 2 + [math]::Round(1.5, 0)\n"
        "}\n")
    script = parse(chunk * 143)
    assert len(script.end.statements) == 143
    assert script.extent.end_line == 2003
