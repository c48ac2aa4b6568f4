# trap: continue goes on silently, no keyword reports and goes on, break stops.
function Use-Continue {
    trap { "trapped: $_"; continue }
    'one'
    throw 'first'
    'two'
}
Use-Continue
function Use-Report {
    trap { 'reporting' }
    throw 'reported'
    'after report'
}
Use-Report
function Use-Typed {
    trap [System.DivideByZeroException] { 'divide trap'; continue }
    $z = 0
    1 / $z
    'after divide'
}
Use-Typed
trap { "top-level trap: $_"; break }
'before break'
throw 'fatal'
'not reached'
