"""Training scenarios replayed end to end, as a trainee would type them.

Each scenario in fixtures/scenarios/ is loaded into a real Session by msolsh.cli_tenant.load
(which attaches the tenant), exactly as `msolsh -Scenario <name>` does. For each one: (a) the
symptom is visible through the cmdlets a support engineer would use, and (b) the reference
solution from docs/scenarios.md, typed as shell commands, fixes it, as the same cmdlets then
show, leaving no error anywhere in the tenant.
"""
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from msolsh import cli_tenant
from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session
from msolsh.tenant.fixtures import load_fixture

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_DIR = ROOT / "fixtures" / "scenarios"
SCENARIOS = sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))
NOT_FOUND_ON_EXO = ("The operation couldn't be performed because object '{}' couldn't be found "
                    "on 'CO1PR06A002DC02.NAMPR06A002.prod.outlook.com'.")


class Trainee:
    """A shell on a scenario's tenant; type() returns what the console showed."""

    def __init__(self, scenario: str):
        self.host = MemoryHost()
        self.session = Session(host=self.host)
        cli_tenant.load(self.session, SimpleNamespace(tenant=None, scenario=scenario))
        self.tenant = self.session.tenant
        self.host.clear_transcript()

    def type(self, line: str) -> str:
        self.session.run(line)
        text = self.host.text
        self.host.clear_transcript()
        return text

    def lines(self, line: str) -> list:
        return [l.rstrip() for l in self.type(line).splitlines()]

    def sync_and_wait(self) -> None:
        """A delta cycle now, then long enough for forward sync to reach Exchange Online."""
        self.type("Start-ADSyncSyncCycle -PolicyType Delta | Out-Null")
        self.type("Start-Sleep -Seconds 300")


def exo_not_found(text: str, identity: str) -> bool:
    return NOT_FOUND_ON_EXO.format(identity) in text


def assert_tenant_healthy(t: Trainee) -> None:
    """After a fix nothing is left broken anywhere, as the trainee's own checks show."""
    assert t.type("Get-MsolUser -HasErrorsOnly -All") == ""
    assert t.type("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "False\n"
    assert cli_tenant.error_counts(t.tenant) == \
        {"sync_errors": 0, "export_errors": 0, "validation_errors": 0}


# ----- every scenario ---------------------------------------------------------------------------
def test_the_six_scenarios():
    assert SCENARIOS == ["duplicate-proxy-address", "duplicate-upn", "no-mailnickname",
                         "no-usage-location", "out-of-sync-scope", "proxy-address-in-use"]


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_scenario_tells_its_symptom_builds_on_contoso_and_starts_connected(name):
    text = (SCENARIO_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    header = text.split("\nschema:")[0]
    assert header.startswith("# Scenario S") and "What the trainee is told:" in header
    assert "\ninclude: ../contoso.yaml\n" in text
    tenant = load_fixture(f"scenarios/{name}.yaml")
    assert tenant.start_connected is True
    assert tenant.aad.initial_domain == "contoso.onmicrosoft.com"


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_scenario_has_a_trainer_section(name):
    docs = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    sections = [s for s in docs.split("\n## ") if f"`{name}`" in s.split("\n", 1)[0]]
    assert len(sections) == 1, f"docs/scenarios.md needs one section for {name}"
    for part in ("**Symptom**", "**What to look at**", "**The fix**"):
        assert part in sections[0]


def test_the_command_line_starts_a_scenario(tmp_path):
    # From another directory, so the scenario comes from the package, as for a trainee.
    proc = subprocess.run(
        [sys.executable, "-m", "msolsh", "-NoProfile", "-Scenario", "duplicate-upn", "-Command",
         "Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict "
         "-PropertyName UserPrincipalName | Select-Object -ExpandProperty DisplayName"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={**os.environ, "NO_COLOR": "1"})
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "Alex Baker\n", "")


def test_an_unknown_scenario_is_reported_without_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "msolsh", "-NoProfile", "-Scenario", "nope",
                           "-Command", "1"], capture_output=True, text=True, cwd=tmp_path,
                          timeout=60)
    assert proc.returncode == 1
    assert "cannot find fixture 'scenarios/nope.yaml'" in proc.stderr
    assert "Traceback" not in proc.stderr


# ----- S1: out of sync scope ----------------------------------------------------------------------
JLEE_STAGING = "CN=Jordan Lee,OU=Staging,OU=Contoso,DC=contoso,DC=com"


def test_out_of_sync_scope_symptom():
    t = Trainee("out-of-sync-scope")
    assert "Get-MsolUser : User Not Found.  User: jlee@contoso.com." in \
        t.type("Get-MsolUser -UserPrincipalName jlee@contoso.com")
    assert t.type("Get-MsolUser -SearchString jlee") == ""
    assert exo_not_found(t.type("Get-User jlee"), "jlee")
    assert f"DistinguishedName : {JLEE_STAGING}" in t.lines("Get-ADUser jlee")
    scope = t.type("(Get-ADSyncConnector -Name contoso.com).Partitions.ConnectorPartitionScope"
                   ".ContainerExclusionList")
    assert "OU=Staging,OU=Contoso,DC=contoso,DC=com" in scope.splitlines()
    trace = t.lines("Get-ObjectTrace jlee@contoso.com")
    assert any(l.startswith("On-premises AD") and "Filtered" in l for l in trace)
    assert t.type(f'Get-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName '
                  f'"{JLEE_STAGING}"') == ""
    diagnosis = t.type(f'Invoke-ADSyncSingleObjectSync -DistinguishedName "{JLEE_STAGING}" '
                       '-NoHtmlReport')
    assert '"reason": "The object\'s OU is not selected for synchronization (OU filtering)."' \
        in diagnosis


def test_out_of_sync_scope_fix_moves_the_user_into_scope():
    t = Trainee("out-of-sync-scope")
    assert t.type(f'Move-ADObject -Identity "{JLEE_STAGING}" '
                  '-TargetPath "OU=Sales,OU=Users,OU=Contoso,DC=contoso,DC=com"') == ""
    assert t.lines("Start-ADSyncSyncCycle -PolicyType Delta") == \
        ["", "Result", "------", "Success", ""]
    user = t.lines("Get-MsolUser -UserPrincipalName jlee@contoso.com | "
                   "fl UserPrincipalName,ImmutableId,LastDirSyncTime")
    assert "UserPrincipalName : jlee@contoso.com" in user
    assert any(re.fullmatch(r"ImmutableId       : \S+==", l) for l in user)
    assert any(re.fullmatch(r"LastDirSyncTime   : 1/5/2026 \d+:\d\d:\d\d [AP]M", l) for l in user)
    t.type("Start-Sleep -Seconds 300")
    assert "RecipientTypeDetails : User" in t.lines("Get-User jlee | fl RecipientTypeDetails")
    assert_tenant_healthy(t)


# ----- S3: no UsageLocation ---------------------------------------------------------------------
def test_no_usage_location_symptom():
    t = Trainee("no-usage-location")
    assert exo_not_found(t.type("Get-Mailbox bianca.ruiz"), "bianca.ruiz")
    assert t.lines("Get-User bianca.ruiz | fl RecipientTypeDetails") == \
        ["", "RecipientTypeDetails : User", ""]
    status = t.lines("Get-MsolUser -UserPrincipalName bianca.ruiz@contoso.com | "
                     "fl ValidationStatus,UsageLocation,IsLicensed")
    assert status == ["", "ValidationStatus : Healthy", "UsageLocation    :",
                      "IsLicensed       : False", ""]
    failure = t.type("Set-MsolUserLicense -UserPrincipalName bianca.ruiz@contoso.com "
                     "-AddLicenses contoso:ENTERPRISEPACK")
    assert failure.splitlines()[0] == ("Set-MsolUserLicense : You must provide a required "
                                       "property: Parameter name: UsageLocation")
    assert "Microsoft.Online.Administration.Automation.RequiredPropertyNotSetException" in failure


def test_no_usage_location_fix_in_the_cloud_then_licence():
    t = Trainee("no-usage-location")
    assert t.type("Set-MsolUser -UserPrincipalName bianca.ruiz@contoso.com -UsageLocation US "
                  "; Set-MsolUserLicense -UserPrincipalName bianca.ruiz@contoso.com "
                  "-AddLicenses contoso:ENTERPRISEPACK") == ""
    assert "bianca.ruiz@contoso.com               Bianca Ruiz           True" in \
        t.lines("Get-MsolUser -UserPrincipalName bianca.ruiz@contoso.com")
    t.type("Start-Sleep -Seconds 300")
    assert t.lines("Get-Mailbox bianca.ruiz | fl RecipientTypeDetails,PrimarySmtpAddress") == \
        ["", "RecipientTypeDetails : UserMailbox",
         "PrimarySmtpAddress   : bianca.ruiz@contoso.com", ""]
    assert_tenant_healthy(t)


def test_no_usage_location_fix_on_premises_then_licence():
    t = Trainee("no-usage-location")
    t.type("Set-ADUser bianca.ruiz -Replace @{msExchUsageLocation='US'}")
    t.type("Start-ADSyncSyncCycle -PolicyType Delta | Out-Null")
    assert "UsageLocation : US" in t.lines(
        "Get-MsolUser -UserPrincipalName bianca.ruiz@contoso.com | fl UsageLocation")
    assert t.type("Set-MsolUserLicense -UserPrincipalName bianca.ruiz@contoso.com "
                  "-AddLicenses contoso:ENTERPRISEPACK") == ""
    t.type("Start-Sleep -Seconds 300")
    assert "RecipientTypeDetails : UserMailbox" in \
        t.lines("Get-Mailbox bianca.ruiz | fl RecipientTypeDetails")
    assert_tenant_healthy(t)


# ----- S5: no mailNickname ----------------------------------------------------------------------
def test_no_mailnickname_symptom():
    t = Trainee("no-mailnickname")
    assert exo_not_found(t.type("Get-Mailbox travel@contoso.com"), "travel@contoso.com")
    # Exchange Online only has a plain user: none of the Exchange attributes arrived.
    assert t.lines("Get-User traveldesk@contoso.com | fl RecipientTypeDetails") == \
        ["", "RecipientTypeDetails : User", ""]
    msol = t.lines("Get-MsolUser -UserPrincipalName traveldesk@contoso.com | "
                   "fl ValidationStatus,MSExchRecipientTypeDetails")
    assert msol == ["", "ValidationStatus           : Healthy",
                    "MSExchRecipientTypeDetails :", ""]
    onprem = t.lines("Get-ADUser traveldesk -Properties mailNickname,targetAddress,"
                     "msExchRemoteRecipientType | fl SamAccountName,mailNickname,targetAddress,"
                     "msExchRemoteRecipientType")
    assert "msExchRemoteRecipientType : 97" in onprem
    assert "targetAddress             : SMTP:traveldesk@contoso.mail.onmicrosoft.com" in onprem
    assert not any(l.startswith("mailNickname") and l.split(":", 1)[1].strip() for l in onprem)
    remote = t.lines("Get-RemoteMailbox traveldesk")
    assert "Travel Desk RemoteSharedMailbox  ProvisionMailbox, SharedMailbox" in remote


def test_no_mailnickname_fix_sets_the_alias_on_premises():
    t = Trainee("no-mailnickname")
    assert t.type("Set-ADUser traveldesk -Replace @{mailNickname='traveldesk'}") == ""
    t.sync_and_wait()
    assert t.lines("Get-Mailbox travel@contoso.com | "
                   "fl RecipientTypeDetails,Alias,PrimarySmtpAddress,IsDirSynced") == \
        ["", "RecipientTypeDetails : SharedMailbox", "Alias                : traveldesk",
         "PrimarySmtpAddress   : travel@contoso.com", "IsDirSynced          : True", ""]
    assert "MSExchRecipientTypeDetails : 34359738368" in t.lines(
        "Get-MsolUser -UserPrincipalName traveldesk@contoso.com | fl MSExchRecipientTypeDetails")
    assert_tenant_healthy(t)


# ----- S8: proxy address used by another recipient -----------------------------------------------
BOB_ERROR = ('The proxy address "SMTP:bob@contoso.com" is already being used by the proxy '
             'addresses or LegacyExchangeDN of "Sales Enquiries". Please choose another proxy '
             'address.')


def test_proxy_address_in_use_symptom():
    t = Trainee("proxy-address-in-use")
    assert "bob@contoso.com                       Bob Franco            True" in \
        t.lines("Get-MsolUser -HasErrorsOnly")
    assert t.lines("Get-MsolUser -UserPrincipalName bob@contoso.com | "
                   "Select-Object Errors, ValidationStatus") == [
        "", "Errors                                            ValidationStatus",
        "------                                            ----------------",
        "{Microsoft.Online.Administration.ValidationError} Error", ""]
    assert t.lines("Get-MsolUser -UserPrincipalName bob@contoso.com | "
                   "fl ValidationStatus,UsageLocation,*error*") == [
        "", "ValidationStatus          : Error", "UsageLocation             : US",
        "DirSyncProvisioningErrors : {}",
        "Errors                    : {Microsoft.Online.Administration.ValidationError}",
        "IndirectLicenseErrors     : {}", ""]
    assert t.type("(Get-MsolUser -UserPrincipalName bob@contoso.com).Errors.ErrorDetail"
                  ".ObjectErrors.ErrorRecord.ErrorDescription") == BOB_ERROR + "\n"
    assert exo_not_found(t.type("Get-Mailbox bob"), "bob")
    holder = t.lines('Get-Recipient | Where-Object {$_.EmailAddresses -match "bob@contoso.com"} '
                     '| fl Name,RecipientTypeDetails,IsDirSynced')
    assert holder == ["", "Name                 : Sales Enquiries",
                      "RecipientTypeDetails : SharedMailbox", "IsDirSynced          : False", ""]


def test_proxy_address_in_use_fix_frees_the_address_then_reprovisions():
    t = Trainee("proxy-address-in-use")
    assert t.type("Set-Mailbox 'Sales Enquiries' -EmailAddresses "
                  "@{Remove='smtp:bob@contoso.com'}") == ""
    assert t.type("Get-MsolUser -UserPrincipalName bob@contoso.com | "
                  "Redo-MsolProvisionUser") == ""
    t.type("Start-Sleep -Seconds 180")
    assert t.lines("Get-MsolUser -UserPrincipalName bob@contoso.com | "
                   "fl ValidationStatus") == ["", "ValidationStatus : Healthy", ""]
    assert t.type("Get-MsolUser -HasErrorsOnly") == ""
    assert t.lines("Get-Mailbox bob | fl RecipientTypeDetails,PrimarySmtpAddress") == \
        ["", "RecipientTypeDetails : UserMailbox", "PrimarySmtpAddress   : bob@contoso.com", ""]
    assert_tenant_healthy(t)


def test_proxy_address_in_use_retry_without_the_fix_keeps_the_error():
    t = Trainee("proxy-address-in-use")
    t.type("Request-ForwardSync -Identity bob@contoso.com | Out-Null; Start-Sleep -Seconds 180")
    assert t.type("(Get-MsolUser -UserPrincipalName bob@contoso.com).Errors.ErrorDetail"
                  ".ObjectErrors.ErrorRecord.ErrorDescription") == BOB_ERROR + "\n"
    assert exo_not_found(t.type("Get-Mailbox bob"), "bob")


# ----- S14: duplicate proxy address between two on-premises users ---------------------------------
def test_duplicate_proxy_address_symptom():
    t = Trainee("duplicate-proxy-address")
    assert t.type("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "True\n"
    assert t.lines("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict "
                   "-PropertyName ProxyAddresses | ft DisplayName,UserPrincipalName") == \
        ["", "DisplayName UserPrincipalName", "----------- -----------------",
         "Bob Smith   bsmith@contoso.com", ""]
    # The arguments are case-sensitive, as in the real module.
    assert t.type("Get-MsolDirSyncProvisioningError -ErrorCategory propertyconflict") == ""
    assert t.lines("(Get-MsolUser -UserPrincipalName bsmith@contoso.com)"
                   ".DirSyncProvisioningErrors | fl ErrorCategory,PropertyName,PropertyValue") == \
        ["", "ErrorCategory : PropertyConflict", "PropertyName  : ProxyAddresses",
         "PropertyValue : smtp:bob@contoso.com", ""]
    holders = t.lines("Get-ADUser -Filter \"proxyAddresses -eq 'smtp:bob@contoso.com'\" | "
                      "Select-Object -ExpandProperty SamAccountName")
    assert sorted(holders) == ["bsmith", "btaylor"]
    assert "smtp:bob@contoso.com" not in t.lines("(Get-Mailbox bsmith).EmailAddresses")
    assert "smtp:bob@contoso.com" in t.lines("(Get-Mailbox btaylor).EmailAddresses")


def test_duplicate_proxy_address_fix_removes_it_from_the_wrong_user():
    t = Trainee("duplicate-proxy-address")
    assert t.type("Set-ADUser bsmith -Remove @{proxyAddresses='smtp:bob@contoso.com'}") == ""
    t.sync_and_wait()
    assert t.type("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "False\n"
    assert t.type("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict") == ""
    assert t.lines("(Get-Mailbox bsmith).EmailAddresses") == \
        ["SMTP:bsmith@contoso.com", "smtp:bsmith@contoso.mail.onmicrosoft.com"]
    assert "smtp:bob@contoso.com" in t.lines("(Get-Mailbox btaylor).EmailAddresses")
    assert_tenant_healthy(t)


def test_duplicate_proxy_address_other_fix_gives_the_address_to_the_new_user():
    # Deciding the other way: once Bob Taylor lets go, the quarantined value is re-added.
    t = Trainee("duplicate-proxy-address")
    t.type("Set-ADUser btaylor -Remove @{proxyAddresses='smtp:bob@contoso.com'}")
    t.sync_and_wait()
    assert t.type("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "False\n"
    assert "smtp:bob@contoso.com" in t.lines(
        "(Get-MsolUser -UserPrincipalName bsmith@contoso.com).ProxyAddresses")
    assert "smtp:bob@contoso.com" not in t.lines("(Get-Mailbox btaylor).EmailAddresses")


def test_duplicate_proxy_address_other_fix_reaches_exchange_online():
    t = Trainee("duplicate-proxy-address")
    t.type("Set-ADUser btaylor -Remove @{proxyAddresses='smtp:bob@contoso.com'}")
    t.sync_and_wait()
    assert t.type("Get-MsolUser -HasErrorsOnly") == ""
    assert "smtp:bob@contoso.com" in t.lines("(Get-Mailbox bsmith).EmailAddresses")
    assert_tenant_healthy(t)


# ----- S15: duplicate UPN -----------------------------------------------------------------------
QUARANTINED = re.compile(r"alex\d{4}@contoso\.onmicrosoft\.com")


def test_duplicate_upn_symptom():
    t = Trainee("duplicate-upn")
    found = t.lines("Get-MsolUser -SearchString alex")
    assert "alex@contoso.com                      Alex Johnson          False" in found
    assert any(re.fullmatch(QUARANTINED.pattern + r" +Alex Baker +False", l) for l in found)
    conflict = t.lines("Get-MsolDirSyncProvisioningError -ErrorCategory PropertyConflict "
                       "-PropertyName UserPrincipalName | fl DisplayName,UserPrincipalName")
    assert "DisplayName       : Alex Baker" in conflict
    assert any(re.fullmatch(r"UserPrincipalName : " + QUARANTINED.pattern, l) for l in conflict)
    cloud = t.lines("Get-MsolUser -UserPrincipalName alex@contoso.com | "
                    "fl DisplayName,ImmutableId,LastDirSyncTime")
    assert cloud == ["", "DisplayName     : Alex Johnson",
                     "ImmutableId     : q0aXyq4gXkuy3Kq5vYBfZw==", "LastDirSyncTime :", ""]
    error = t.lines("(Get-MsolUser -SearchString 'Alex Baker').DirSyncProvisioningErrors | "
                    "fl PropertyName,PropertyValue")
    assert error == ["", "PropertyName  : UserPrincipalName",
                     "PropertyValue : alex@contoso.com", ""]


def test_duplicate_upn_quarantine_is_the_same_on_every_run():
    # Trainers quote the quarantined UPN in the debrief: it must not change between runs.
    command = "(Get-MsolUser -SearchString 'Alex Baker').UserPrincipalName"
    first, second = Trainee("duplicate-upn").type(command), Trainee("duplicate-upn").type(command)
    assert QUARANTINED.fullmatch(first.strip()) and first == second


def test_duplicate_upn_fix_gives_the_on_premises_user_another_upn():
    t = Trainee("duplicate-upn")
    taken = t.type("Set-ADUser alex -UserPrincipalName megan.bowen@contoso.com")
    assert taken.splitlines()[0] == ("Set-ADUser : The operation failed because UPN value "
                                     "provided for addition/modification is not unique "
                                     "forest-wide")
    assert t.type("Set-ADUser alex -UserPrincipalName alex.baker@contoso.com") == ""
    t.sync_and_wait()
    assert t.lines("Get-MsolUser -SearchString 'Alex Baker' | "
                   "fl UserPrincipalName,DirSyncProvisioningErrors") == \
        ["", "UserPrincipalName         : alex.baker@contoso.com",
         "DirSyncProvisioningErrors : {}", ""]
    assert t.type("Get-MsolHasObjectsWithDirSyncProvisioningErrors") == "False\n"
    assert "Alex Johnson" in t.type("Get-MsolUser -UserPrincipalName alex@contoso.com")
    assert_tenant_healthy(t)
