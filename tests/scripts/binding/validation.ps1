# Validation attributes and mandatory-value checks in advanced functions.
function Set-Count { param([ValidateRange(1, 10)][int]$Count) "count $Count" }
Set-Count 5
Set-Count 11
function Set-Name { param([ValidateNotNullOrEmpty()][string]$Name) "name $Name" }
Set-Name ''
function Need-Value { param([Parameter(Mandatory)][string]$Value) "value $Value" }
Need-Value -Value $null
Need-Value -Value ''
function Allow-Empty { param([Parameter(Mandatory)][AllowEmptyString()][string]$Value) "value [$Value]" }
Allow-Empty -Value ''
function Take-Rest { param([string]$First, [Parameter(ValueFromRemainingArguments)]$Rest) "$First + $($Rest -join '|')" }
Take-Rest a b c
