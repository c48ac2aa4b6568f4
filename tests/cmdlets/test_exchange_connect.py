"""Connect-ExchangeOnline: the cmdlets exist only once connected, -Prefix, the V3 error form,
and the recipient completer."""
from __future__ import annotations

from msolsh.cmdlets.exchange.connect import complete_recipients
from msolsh.runtime.cmdlet import REGISTRY

BANNER = (
    "-" * 88 + "\n"
    "This V3 EXO PowerShell module contains new REST API backed Exchange Online cmdlets which "
    "doesn't require WinRM for Client-Server communication.\n\n"
    "For more information check https://aka.ms/exov3-module\n" + "-" * 88 + "\n")


def not_recognized(name: str, line: str, column: int = 1) -> str:
    return (
        f"{name} : The term '{name}' is not recognized as the name of a cmdlet, function, script "
        "file, or operable program. Check the spelling of the name, or if a path was included, "
        "verify that the path is correct and try again.\n"
        f"At line:1 char:{column}\n+ {line}\n+ {' ' * (column - 1)}{'~' * len(name)}\n"
        f"    + CategoryInfo          : ObjectNotFound: ({name}:String) [], "
        "CommandNotFoundException\n"
        "    + FullyQualifiedErrorId : CommandNotFoundException\n\n")


def test_exchange_cmdlets_do_not_exist_before_connecting(shell_disconnected):
    assert shell_disconnected.run("Get-Mailbox -ResultSize 1") == \
        not_recognized("Get-Mailbox", "Get-Mailbox -ResultSize 1")


def test_connect_shows_the_banner_unless_told_not_to(shell_disconnected):
    assert shell_disconnected.run("Connect-ExchangeOnline") == BANNER
    assert shell_disconnected.run("Connect-ExchangeOnline -ShowBanner:$false") == ""
    assert shell_disconnected.run("(Get-Mailbox alex.wilber).Name") == "Alex Wilber\n"


def test_prefix_renames_the_cmdlets_for_this_session_only(shell_disconnected, shell):
    text = shell_disconnected.run("Connect-ExchangeOnline -Prefix Cloud -ShowBanner:$false; "
                                  "(Get-CloudMailbox alex.wilber).Alias")
    assert text == "alex.wilber\n"
    assert shell_disconnected.run("Get-Mailbox alex.wilber") == \
        not_recognized("Get-Mailbox", "Get-Mailbox alex.wilber")
    error = shell_disconnected.run("Get-CloudRecipient nobody")
    assert "    + CategoryInfo          : NotSpecified: (:) [Get-Recipient], " \
           "ManagementObjectNotFoundException\n" in error
    assert REGISTRY.get("Get-CloudMailbox") is None          # never in the global registry
    assert shell.run("Get-CloudMailbox") == not_recognized("Get-CloudMailbox", "Get-CloudMailbox")
    assert shell_disconnected.run("(Get-Command -Module ExchangeOnlineManagement -Name "
                                  "Get-Cloud*).Count") == "7\n"


def test_disconnect(shell):
    assert shell.run("Disconnect-ExchangeOnline -Confirm:$false; Get-User") == \
        not_recognized("Get-User", "Disconnect-ExchangeOnline -Confirm:$false; Get-User", 44)


def test_errors_can_be_caught_with_their_v3_ids(shell):
    text = shell.run("try { Get-Mailbox nobody -ErrorAction Stop } catch { "
                     "$_.FullyQualifiedErrorId; $_.Exception.Message; "
                     "$_.CategoryInfo.Reason }")
    lines = text.splitlines()
    assert lines[0].startswith("[Server=AM6PR06MB5795,RequestId=")
    assert lines[0].endswith("],Write-ErrorMessage")
    assert lines[1] == ("||The operation couldn't be performed because object 'nobody' couldn't "
                        "be found on 'CO1PR06A002DC02.NAMPR06A002.prod.outlook.com'.")


def test_request_ids_are_deterministic(shell, shell_disconnected):
    first = shell.run("Get-Mailbox nobody")
    again = shell.run("Get-Mailbox nobody")
    assert first != again            # each error has its own request id...
    other = shell_disconnected
    other.run("Connect-MsolService; Connect-ExchangeOnline")
    assert other.run("Get-Mailbox nobody") == first   # ...and a replay gives the same ones


def test_recipient_completer_answers_from_names(shell):
    assert complete_recipients(shell.session, "alex") == \
        ["Alex Wilber", "alex.wilber", "alex.wilber@contoso.com"]
    assert complete_recipients(shell.session, "zz") == []


def test_prefix_is_checked_as_the_module_checks_it(shell_disconnected):
    # Found by tests/test_cmdlet_fuzz.py: a NUL in -Prefix escaped as a Python ValueError.
    shell = shell_disconnected
    special = "Use of any special characters in the Prefix string is not supported."
    for prefix in ('"a`0b"', "'o365_'", "'a b'"):
        out = shell.run(f"Connect-ExchangeOnline -Prefix {prefix} -ShowBanner:$false")
        assert out.startswith(f"Connect-ExchangeOnline : {special}\n")
        assert out.endswith(f"    + FullyQualifiedErrorId : {special}\n\n")
    out = shell.run("Connect-ExchangeOnline -Prefix exo -ShowBanner:$false; Get-Mailbox")
    assert out.startswith("Connect-ExchangeOnline : Prefix 'EXO' is a reserved Prefix, please use "
                          "a different prefix.\n")
    assert "Get-Mailbox : The term 'Get-Mailbox' is not recognized" in out
    assert shell.run("Connect-ExchangeOnline -Prefix Cloud2 -ShowBanner:$false; "
                     "(Get-Cloud2Mailbox accountspayable).Alias") == "accountspayable\n"
