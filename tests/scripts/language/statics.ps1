# Static members, casts and type tests.
[math]::Round(2.567, 2)
[math]::Max(3, 9)
[string]::IsNullOrEmpty('')
[string]::Join('-', @('a', 'b'))
[int]::MaxValue
[int]'12' + 1
[string]42 + 1
5 -is [int]
'5' -as [int]
[bool]'false'
[datetime]'2026-01-05' -is [datetime]
[NoSuchType]::Foo
