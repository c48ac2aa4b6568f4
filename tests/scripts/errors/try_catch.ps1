# try/catch/finally, typed catch, throw, rethrow.
try { $zero = 0; 1 / $zero } catch { "caught: $($_.Exception.Message)" }
try { throw 'custom' } catch { "id=$($_.FullyQualifiedErrorId) cat=$($_.CategoryInfo.Category) msg=$_" } finally { 'finally runs' }
try { Get-Nothing } catch [System.Management.Automation.CommandNotFoundException] { 'command not found' } catch { 'general' }
try { $z = 0; 5 / $z } catch [System.DivideByZeroException] { 'divide by zero' }
try { $null.Call() } catch [System.Management.Automation.RuntimeException] { 'runtime exception' }
try { [int]'x' } catch [System.Exception] { 'any exception' }
try { try { throw 'inner' } catch { throw } } catch { "rethrown: $_" }
try { try { throw 'inner' } finally { 'inner finally' } } catch { "outer caught: $_" }
function Fail-Inside { Get-Nope; 'function continued' }
try { Fail-Inside } catch { 'caught from a function' }
try { 'no error' } catch { 'not reached' }
try { throw [pscustomobject]@{ Code = 5 } } catch { "target code: $($_.TargetObject.Code)" }
$e = $null
try { throw 'saved' } catch { $e = $_ }
$e.Exception.Message
$e.ToString()
