# Comments, continuation, statement separators, the two parsing modes, splatting.
<# a block
   comment #>
'one'; 'two'   # trailing comment
$total = 1 + `
    2
$total
1, 2, 3 |
    ForEach-Object { $_ * 2 }
Write-Output foo.txt
Write-Output 1 + 2
(Write-Output 1) + 2
$params = @{ InputObject = 'splatted' }
Write-Output @params
$list = @('a', 'b')
Write-Output @list
