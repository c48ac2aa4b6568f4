# Automatic variables.
'x' -match '(?<letter>x)' | Out-Null; $Matches.letter
$PSVersionTable.PSVersion.Major; $PSVersionTable.PSEdition
$true -and $false; $null -eq $null
function Get-Nothing {}
Get-Nothing; $?
Get-Missing; $?
$Error.Count
$Error[0].FullyQualifiedErrorId
$Error[0].CategoryInfo.Category
$Error[0].Exception.Message.Substring(0, 24)
$ErrorActionPreference
$VerbosePreference; $ConfirmPreference; $WhatIfPreference
$PSItemTest = 1..2 | ForEach-Object { $PSItem * 3 }; $PSItemTest -join ','
