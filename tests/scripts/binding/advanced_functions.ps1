# Advanced functions bind like cmdlets: common parameters, ShouldProcess, validation errors.
function Remove-Widget {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)][string]$Name)
    if ($PSCmdlet.ShouldProcess($Name, 'Remove')) { "removed $Name" }
}
Remove-Widget alpha
Remove-Widget beta -WhatIf
$WhatIfPreference = $true; Remove-Widget gamma; $WhatIfPreference = $false
function Get-Verbosity { [CmdletBinding()] param() Write-Verbose 'verbose from inside'; 'done' }
Get-Verbosity
Get-Verbosity -Verbose
function Set-Mode {
    [CmdletBinding()]
    param([ValidateSet('Delta', 'Initial')][string]$PolicyType, [int]$Count)
    "$PolicyType $Count"
}
Set-Mode -PolicyType Foo
Set-Mode -Count abc
Set-Mode -Bogus 1
Set-Mode -PolicyType Delta extra
Remove-Widget
function Get-Set {
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Position = 0)][string]$Name,
        [Parameter(ParameterSetName = 'ById', Mandatory)][int]$Id
    )
    $PSCmdlet.ParameterSetName
}
Get-Set x; Get-Set -Id 4; Get-Set
