"""Request-ForwardSync, Wait-SyncCycle, Save-Tenant and Get-ObjectTrace."""
from __future__ import annotations

import pytest

from msolsh.tenant.fixtures import load_fixture


@pytest.fixture
def exo(shell):
    shell.host.width = 120
    return shell


def test_request_forward_sync_output_and_pipeline(exo):
    assert exo.run("Request-ForwardSync megan.bowen@contoso.com") == (
        "\nObjectType DisplayName ObjectId                             ForwardSyncDueUTC\n"
        "---------- ----------- --------                             -----------------\n"
        "User       Megan Bowen a1105802-a645-4f51-9e2c-52472b6257dd 1/5/2026 9:06:00 AM\n\n")
    assert exo.run("Get-MsolUser -UserPrincipalName megan.bowen@contoso.com | "
                   "Request-ForwardSync | ForEach-Object ObjectId") == \
        "a1105802-a645-4f51-9e2c-52472b6257dd\n"
    assert exo.run("(Request-ForwardSync 'Contoso Leadership').ObjectType") == "Group\n"


def test_request_forward_sync_not_found(exo):
    assert exo.run("Request-ForwardSync nobody") == (
        "Request-ForwardSync : Cannot find an Azure AD user, group or contact with identity "
        "'nobody'.\n"
        "At line:1 char:1\n+ Request-ForwardSync nobody\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (nobody:String) [Request-ForwardSync], "
        "RuntimeException\n"
        "    + FullyQualifiedErrorId : ObjectNotFound,Msolsh.Training.Commands."
        "RequestForwardSyncCommand\n\n")


def test_a_stuck_object_is_revalidated_on_request(exo):
    """S8: a proxy address held by a cloud contact blocks forward sync; the validation error
    stays while the cause is there and clears once it is fixed and re-requested."""
    contact = exo.tenant.exchange.add_cloud_recipient(
        "MailContact", "Partner Bob", email_addresses=["SMTP:bob@contoso.com"],
        external_email_address="SMTP:bob@partner.example")
    exo.run("Set-ADUser megan.bowen -Add @{proxyAddresses='smtp:bob@contoso.com'}; "
            "Start-ADSyncSyncCycle | Out-Null; Start-Sleep -Seconds 180")
    status = "(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).ValidationStatus"
    assert exo.run(status) == "Error\n"
    assert exo.run("Get-ObjectTrace megan.bowen | Select-Object -Last 1 | Format-List") == (
        "\nStage  : Exchange Online\nStatus : Error\n"
        "Detail : Validation error: The proxy address \"smtp:bob@contoso.com\" is already being "
        "used by the proxy addresses or\n         LegacyExchangeDN of \"Partner Bob\". Please "
        "choose another proxy address.\n\n")
    exo.run("Request-ForwardSync megan.bowen@contoso.com; Start-Sleep -Seconds 180")
    assert exo.run(status) == "Error\n"                 # the cause is still there
    exo.tenant.exchange.update(contact, email_addresses=["SMTP:bob@partner.example"])
    exo.run("Request-ForwardSync megan.bowen@contoso.com; Start-Sleep -Seconds 180")
    assert exo.run(status) == "Healthy\n"
    assert exo.run("(Get-Mailbox megan.bowen).EmailAddresses") == (
        "SMTP:megan.bowen@contoso.com\nsmtp:megan.bowen@contoso.mail.onmicrosoft.com\n"
        "smtp:bob@contoso.com\n")


def test_wait_sync_cycle(exo):
    assert exo.run("Wait-SyncCycle") == (
        "\nWaited                      : 00:27:00\n"
        "PolicyType                  : Delta\n"
        "CycleStartTimeUTC           : 1/5/2026 9:30:00 AM\n"
        "Result                      : Success\n"
        "NextSyncCycleStartTimeInUTC : 1/5/2026 10:00:00 AM\n"
        "ForwardSyncDueUTC           :\n"
        "CurrentTimeUTC              : 1/5/2026 9:30:00 AM\n\n")
    assert exo.run("Get-Date -Format 'HH:mm'") == "09:30\n"


def test_wait_sync_cycle_carries_an_ad_change_to_exchange_online(exo):
    exo.run("Set-ADUser megan.bowen -DisplayName 'Megan Bowen-Smith'")
    assert exo.run("\"$((Wait-SyncCycle).ForwardSyncDueUTC)\"") == "01/05/2026 09:33:00\n"
    assert exo.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).DisplayName") == \
        "Megan Bowen-Smith\n"
    assert exo.run("(Get-User megan.bowen).DisplayName") == "Megan Bowen\n"
    exo.run("Set-ADUser megan.bowen -DisplayName 'Megan B.'")
    exo.run("Wait-SyncCycle -IncludeForwardSync")
    assert exo.run("(Get-User megan.bowen).DisplayName") == "Megan B.\n"


def test_wait_sync_cycle_warns_when_the_scheduler_is_off(exo):
    exo.run("Set-ADSyncScheduler -SyncCycleEnabled $false")
    text = exo.run("(Wait-SyncCycle).Result")
    assert text == ("WARNING: No sync cycle ran: the scheduler is disabled or suspended, or a "
                    "cycle is still in progress (see Get-ADSyncScheduler).\nSkipped\n")


def test_save_tenant_round_trips(exo, tmp_path):
    exo.run("Set-ADUser megan.bowen -DisplayName 'Saved'; Start-ADSyncSyncCycle | Out-Null")
    path = tmp_path / "saved.yaml"
    assert exo.run(f"Save-Tenant -Path '{path}'") == ""
    restored = load_fixture(str(path))
    assert restored.snapshot() == exo.tenant.snapshot()
    assert restored.aad.by_upn("megan.bowen@contoso.com").display_name == "Saved"


def test_save_tenant_errors_and_whatif(exo, tmp_path):
    missing = tmp_path / "no" / "such" / "dir.yaml"
    assert exo.run(f"Save-Tenant '{missing}'").startswith(
        f"Save-Tenant : Could not find a part of the path '{missing}'.\n")
    assert "SaveTenantFailed,Msolsh.Training.Commands.SaveTenantCommand" in \
        exo.run(f"Save-Tenant '{missing}'")
    target = tmp_path / "w.yaml"
    assert exo.run(f"Save-Tenant '{target}' -WhatIf") == \
        f'What if: Performing the operation "Save Tenant" on target "{target}".\n'
    assert not target.exists()


def test_get_object_trace(exo):
    assert exo.run("Get-ObjectTrace megan.bowen") == (
        "\nStage                    Status   Detail\n"
        "-----                    ------   ------\n"
        "On-premises AD           OK       Present.\n"
        "AD connector space       OK       Joined to the metaverse.\n"
        "Metaverse                OK       Present.\n"
        "Azure AD connector space OK       Exported.\n"
        "Azure AD                 OK       Present.\n"
        "Exchange Online          OK       Present.\n\n")
    assert exo.run("Get-ObjectTrace nobody") == (
        "Get-ObjectTrace : Cannot find an object with identity 'nobody' in any stage.\n"
        "At line:1 char:1\n+ Get-ObjectTrace nobody\n+ ~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (nobody:String) [Get-ObjectTrace], "
        "RuntimeException\n"
        "    + FullyQualifiedErrorId : ObjectNotFound,Msolsh.Training.Commands."
        "GetObjectTraceCommand\n\n")


def test_msolsh_tenant_resumes_a_saved_state(exo, tmp_path):
    from msolsh import cli_tenant
    from msolsh.cli import parse_args
    from msolsh.runtime.host import MemoryHost
    from msolsh.runtime.session import Session
    path = tmp_path / "resume.yaml"
    exo.run(f"Wait-SyncCycle | Out-Null; Save-Tenant '{path}'")
    session = Session(host=MemoryHost())
    cli_tenant.load(session, parse_args(["-NoProfile", "-Tenant", str(path)]))
    assert session.tenant.snapshot() == exo.tenant.snapshot()
    session.run("Get-Date -Format 'yyyy-MM-dd HH:mm'")
    assert session.host.text == "2026-01-05 09:30\n"


def test_a_record_without_an_identity_is_named_by_its_type(exo):
    # Found by tests/test_cmdlet_fuzz.py: both said identity 'None'.
    out = exo.run("Get-Module MSOnline | Request-ForwardSync")
    assert out.startswith("Request-ForwardSync : Cannot find an Azure AD user, group or contact "
                          "with identity 'System.Management.Automation.PSModuleInfo'.\n")
    out = exo.run("Get-Module MSOnline | Get-ObjectTrace")
    assert out.startswith("Get-ObjectTrace : Cannot find an object with identity "
                          "'System.Management.Automation.PSModuleInfo' in any stage.\n")


def test_save_tenant_refuses_a_nul_in_the_path(exo, tmp_path, monkeypatch):
    # Found by tests/test_cmdlet_fuzz.py: Python's 'embedded null byte' escaped as a bug record.
    monkeypatch.chdir(tmp_path)
    assert exo.run('Save-Tenant "bad`0name"') == (
        "Save-Tenant : Illegal characters in path.\n"
        "At line:1 char:1\n+ Save-Tenant \"bad`0name\"\n+ ~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : InvalidArgument: (bad\x00name:String) [Save-Tenant], "
        "ArgumentException\n"
        "    + FullyQualifiedErrorId : SaveTenantFailed,Msolsh.Training.Commands.SaveTenantCommand"
        "\n\n")
    assert list(tmp_path.iterdir()) == []
