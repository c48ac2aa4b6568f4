# Functions, filters, parameters, pipelines into functions.
function Add-Two($a, $b = 2) { $a + $b }
Add-Two 1; Add-Two 1 5; Add-Two -b 10 -a 1
function Get-Area { param([int]$Width = 2, [int]$Height = $Width * 2) $Width * $Height }
Get-Area; Get-Area -Width 3; Get-Area 3 4
function Test-Switch { param([switch]$Force) "force=$Force" }
Test-Switch; Test-Switch -Force; Test-Switch -Force:$false
function Show-Args { "count=$($args.Count) first=$($args[0])" }
Show-Args a b c
function Get-Doubled { process { $_ * 2 } }
1..3 | Get-Doubled
filter Add-One { $_ + 1 }
1..3 | Add-One
function Measure-Input { "input count: $(@($input).Count)" }
1..4 | Measure-Input
function Use-Blocks { begin { 'begin' } process { "process $_" } end { 'end' } }
'a', 'b' | Use-Blocks
Use-Blocks
function Get-Early { foreach ($i in 1..5) { if ($i -eq 3) { return 'returned' }; $i } }
Get-Early
function Invoke-Advanced {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)][string]$Name,
        [ValidateSet('Delta', 'Initial')][string]$PolicyType = 'Delta',
        [Alias('n')][int]$Number = 1
    )
    process { "$Name/$PolicyType/$Number" }
}
'x', 'y' | Invoke-Advanced -PolicyType Initial
Invoke-Advanced -Name z -n 4
function Get-ByProperty {
    param([Parameter(ValueFromPipelineByPropertyName)][string]$UserPrincipalName)
    process { "upn: $UserPrincipalName" }
}
[pscustomobject]@{ UserPrincipalName = 'a@contoso.com' } | Get-ByProperty
function Show-Bound { [CmdletBinding()] param($A, $B) $PSBoundParameters.Keys -join ',' }
Show-Bound -B 1 -A 2
function Show-Invocation { $MyInvocation.MyCommand.Name }
Show-Invocation
function Recurse($n) { if ($n -le 0) { return 0 }; $n + (Recurse ($n - 1)) }
Recurse 10
