# An uncaught throw stops the script; statement errors do not.
'before'
throw 'Something failed'
'never printed'
