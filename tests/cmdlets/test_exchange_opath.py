"""The OPATH -Filter subset, as a pure function over property getters."""
from __future__ import annotations

import pytest

from msolsh.cmdlets.exchange.opath import OpathError, compile_filter

PROPS = ["Name", "Alias", "EmailAddresses", "IsDirSynced", "ArchiveGuid", "Count"]
RECORD = {"Name": "Alex Wilber", "Alias": "alex.wilber", "IsDirSynced": True,
          "EmailAddresses": ["SMTP:alex@contoso.com", "smtp:alex@contoso.mail.onmicrosoft.com"],
          "ArchiveGuid": None, "Count": 12}


def matches(text: str) -> bool:
    return compile_filter(text, PROPS)(RECORD.get)


@pytest.mark.parametrize("text,expected", [
    ("Name -eq 'Alex Wilber'", True),
    ("name -EQ 'alex wilber'", True),
    ("Name -ne 'Alex Wilber'", False),
    ("Alias -like 'alex*'", True),
    ("Alias -notlike 'alex*'", False),
    ("EmailAddresses -eq 'alex@contoso.com'", True),
    ("EmailAddresses -eq 'smtp:alex@contoso.com'", True),
    ("EmailAddresses -like 'alex@*'", False),
    ("EmailAddresses -like 'smtp:alex@*'", True),
    ("IsDirSynced -eq $true", True),
    ("IsDirSynced -eq $false", False),
    ("ArchiveGuid -eq $null", True),
    ("ArchiveGuid -ne $null", False),
    ("Count -gt 9", True),
    ("Count -le 9", False),
    ("Name -eq \"Alex Wilber\" -and Alias -eq alex.wilber", True),
    ("Name -eq 'x' -or Alias -eq 'alex.wilber'", True),
    ("-not (Name -eq 'x')", True),
    ("-not Name -eq 'Alex Wilber'", False),
    ("{Alias -eq 'alex.wilber'}", True),
    ("(Name -eq 'x' -or Name -eq 'y') -and Alias -like '*'", False),
    ("Name -eq 'O''Brien'", False),
])
def test_filter_semantics(text, expected):
    assert matches(text) is expected


@pytest.mark.parametrize("text,position", [
    ("Name -eq", 9), ("Name 'x'", 6), ("(Name -eq 'x'", 14), ("Name -eq 'x' Alias", 14),
    ("Name -eq $maybe", 10), ("{Name -eq 'x'", 14),
])
def test_syntax_errors_name_the_position(text, position):
    with pytest.raises(OpathError) as caught:
        compile_filter(text, PROPS)
    assert caught.value.message == (
        "Invalid filter syntax. For a description of the filter parameter syntax see the "
        f"command help.\n\"{text}\" at position {position}.")


def test_unknown_property():
    with pytest.raises(OpathError) as caught:
        compile_filter("Colour -eq 'red'", PROPS)
    assert caught.value.message == ("'Colour' is not a recognized filterable property. For a "
                                    "list of filterable properties see the command help.")
