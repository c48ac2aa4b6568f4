'this never runs because the script does not parse'
if ($true) {
    'open'
