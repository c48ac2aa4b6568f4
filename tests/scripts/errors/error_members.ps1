# The members of $_ in a catch block: CategoryInfo's text, InvocationInfo, the exception type.
try { Get-Foo } catch {
    "[$($_.CategoryInfo)]"
    $_.CategoryInfo.ToString()
    $_.CategoryInfo.Category
    $_.InvocationInfo.Line
    $_.InvocationInfo.ScriptLineNumber
    $_.Exception.GetType().FullName
}
try {
    1 / 0
} catch {
    "$($_.CategoryInfo)"
    $_.InvocationInfo.ScriptLineNumber
    $_.Exception.GetType().FullName
}
try { throw 'boom' } catch { "$($_.CategoryInfo) | $($_.Exception.GetType().Name)" }
try { Get-Foo } catch { $_.CategoryInfo }
