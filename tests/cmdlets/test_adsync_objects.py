"""ADSync: Get-ADSyncCSObject, Get-ADSyncMVObject, Sync-ADSyncCSObject, run history and
Invoke-ADSyncSingleObjectSync."""
import os

MEGAN = "CN=Megan Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com"
GET_MEGAN = f"Get-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName '{MEGAN}'"

CS_MEGAN = """
ObjectId             : 0be10213-a621-446b-8a27-9011046667d9
ConnectorId          : 9e66e067-073e-4640-8700-5d08341180bc
ConnectorName        : contoso.com
ConnectorType        : AD
PartitionId          : e959d0fb-3288-5c33-bfea-821103bfb3cb
DistinguishedName    : CN=Megan
                       Bowen,OU=Executive,OU=Users,OU=Contoso,DC=contoso,DC=com
AnchorValue          : QG95K068PU6cIkySJn9ldg==
ObjectType           : user
IsTransient          : False
IsPlaceHolder        : False
IsConnector          : True
HasSyncError         : False
HasExportError       : False
ExportError          :
SynchronizationError :
ConnectedMVObjectId  : 27615d9c-3048-48e5-b551-77e50eda3842

"""


def test_cs_object_shape(shell):
    assert shell.run(GET_MEGAN + " | Select-Object * -ExcludeProperty Lineage,Attributes") == \
        CS_MEGAN
    assert shell.run(f"({GET_MEGAN}).Lineage.SyncRuleName") == (
        "In from AD - User Join\nIn from AD - User AccountEnabled\n"
        "In from AD - User Common from Exchange\nIn from AD - User Common\n"
        "In from AD - User Exchange\n")
    assert shell.run(f"(({GET_MEGAN}).Attributes | ? Name -eq department).Values") == \
        "Executive\n"


def test_cs_object_other_parameter_sets(shell):
    assert shell.run("(Get-ADSyncCSObject -Identifier 0be10213-a621-446b-8a27-9011046667d9)"
                     ".DistinguishedName") == MEGAN + "\n"
    assert shell.run("(Get-ADSyncCSObject -ConnectorIdentifier "
                     "9e66e067-073e-4640-8700-5d08341180bc -StartIndex 100).Count") == "2\n"
    assert shell.run("(Get-ADSyncCSObject -ConnectorName 'contoso.onmicrosoft.com - AAD' "
                     "-MaxResultCount 3).Count") == "3\n"
    assert shell.run(GET_MEGAN + " -Transient") == ""
    assert shell.run("Get-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName "
                     "'CN=nobody,DC=contoso,DC=com'") == ""


def test_cs_object_unknown_connector(shell):
    assert shell.run(f"Get-ADSyncCSObject -ConnectorName nope -DistinguishedName '{MEGAN}'") \
        .startswith("Get-ADSyncCSObject : The specified connector 'nope' was not found.\n")


def test_follow_an_object_to_the_aad_connector_space(shell):
    script = (f"$mv = ({GET_MEGAN}).ConnectedMVObjectId; $l = (Get-ADSyncMVObject $mv).Lineage "
              "| ? ConnectorName -like '*AAD'; (Get-ADSyncCSObject -ConnectorName "
              "$l.ConnectorName -DistinguishedName $l.ConnectedCsObjectDN).Lineage.SyncRuleName")
    assert shell.run(script) == ("Out to AAD - User Join\nOut to AAD - User Identity\n"
                                 "Out to AAD - User ExchangeOnline\n")


def test_mv_object_attributes_name_their_rule(shell):
    out = shell.run(f"$mv = ({GET_MEGAN}).ConnectedMVObjectId; (Get-ADSyncMVObject $mv)"
                    ".Attributes | ? Name -in sourceAnchor,department | "
                    "Format-Table Name, SyncRuleName, ConnectorName -AutoSize")
    assert out == (
        "\nName         SyncRuleName             ConnectorName\n"
        "----         ------------             -------------\n"
        "department   In from AD - User Common contoso.com\n"
        "sourceAnchor In from AD - User Join   contoso.com\n\n")


def test_mv_object_not_found(shell):
    assert shell.run("Get-ADSyncMVObject -Identifier 00000000-0000-0000-0000-000000000001") == (
        "Get-ADSyncMVObject : Metaverse object with identifier "
        "'00000000-0000-0000-0000-000000000001' was not found.\n"
        "At line:1 char:1\n"
        "+ Get-ADSyncMVObject -Identifier 00000000-0000-0000-0000-000000000001\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (00000000-0000-0000-0000-000000000001:"
        "String) [Get-ADSyncMVObject], ArgumentException\n"
        "    + FullyQualifiedErrorId : ArgumentException,Microsoft.IdentityManagement.PowerShell."
        "Cmdlet.GetADSyncMVObject\n\n")


def test_sync_preview_then_commit(shell):
    shell.run("Set-ADUser megan.bowen -Department Finance; "
              "Invoke-ADSyncRunProfile contoso.com 'Delta Import' | Out-Null")
    preview = f"Sync-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName '{MEGAN}'"
    assert shell.run(f"({preview}).AttributeChanges | Format-Table -AutoSize") == (
        "\nName       OldValue  NewValue\n----       --------  --------\n"
        "department Executive Finance\n\n")
    assert shell.run(f"({preview}).OutboundAction") == "Update\n"
    mv = f"(Get-ADSyncMVObject ({GET_MEGAN}).ConnectedMVObjectId).Attributes"
    assert shell.run(f"({mv} | ? Name -eq department).Values") == "Executive\n"
    assert shell.run(f"({preview} -Commit).Committed") == "True\n"
    assert shell.run(f"({mv} | ? Name -eq department).Values") == "Finance\n"


def test_sync_preview_errors(shell):
    assert shell.run("Sync-ADSyncCSObject -ConnectorName contoso.com -DistinguishedName "
                     "'CN=x,DC=contoso,DC=com'").startswith(
        "Sync-ADSyncCSObject : The connector space object 'CN=x,DC=contoso,DC=com' was not "
        "found.\n")


def test_run_history_newest_first(shell):
    assert shell.run("Get-ADSyncRunProfileResult -NumberRequested 1 | "
                     "Select-Object * -ExcludeProperty RunHistoryId,RunProfileId") == (
        "\nConnectorId       : 9e66e067-073e-4640-8700-5d08341180bc\n"
        "ConnectorName     : contoso.com\nRunProfileName    : Export\nRunNumber         : 3\n"
        "Username          : NT SERVICE\\ADSync\nIsRunComplete     : True\n"
        "Result            : success\nCurrentStepNumber : 1\nTotalSteps        : 1\n"
        "StartDate         : 1/5/2026 9:00:10 AM\nEndDate           : 1/5/2026 9:00:12 AM\n"
        "RunStepResults    :\n\n")


def test_run_history_bad_guid(shell):
    assert shell.run("Get-ADSyncRunProfileResult -RunHistoryId nope").startswith(
        "Get-ADSyncRunProfileResult : Cannot process argument transformation on parameter "
        "'RunHistoryId'.") or "RunHistoryId" in shell.run(
        "Get-ADSyncRunProfileResult -RunHistoryId nope")


def test_workflow_export_error_lands_in_run_history_and_cs_object(shell):
    shell.tenant.aad.features["DuplicateProxyAddressResiliency"] = False
    shell.run('Set-ADUser alex.wilber -Add @{proxyAddresses="smtp:megan.bowen@contoso.com"}; '
              "Start-ADSyncSyncCycle")
    assert shell.run("(Get-ADSyncRunProfileResult -NumberRequested 2)[1].Result") == \
        "completed-export-errors\n"
    errors = "(Get-ADSyncRunProfileResult -NumberRequested 2 -RunStepDetails)[1]" \
             ".RunStepResults.SyncErrors"
    assert shell.run(f"{errors} | Format-List ErrorType, AlgorithmStep, RetryCount") == (
        "\nErrorType     : AttributeValueMustBeUnique\nAlgorithmStep : Export\n"
        "RetryCount    : 0\n\n")
    assert shell.run(f"({errors}).CdError.ErrorLiteral") == (
        "Unable to update this object because the following attributes associated with this "
        "object have values that may already be associated with another object in your local "
        "directory services: [ProxyAddresses smtp:megan.bowen@contoso.com;]. Correct or remove "
        "the duplicate values in your local directory.\n")
    step = "Get-ADSyncRunStepResult -First"
    shell.run("Start-Sleep 60; Start-ADSyncSyncCycle")  # retried every export
    assert shell.run(f"(Get-ADSyncRunProfileResult -NumberRequested 2 -RunStepDetails)[1]"
                     ".RunStepResults.SyncErrors.RetryCount") == "1\n"
    assert shell.run(f"({step}).StepResult") == "success\n"


def test_single_object_sync_steps_and_report(shell, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = shell.run(f"Invoke-ADSyncSingleObjectSync -DistinguishedName '{MEGAN}' | "
                    "ConvertFrom-Json | Select-Object -ExpandProperty provisioningSteps | "
                    "Format-Table name, status")
    assert out == (
        "\nname                                    status\n"
        "----                                    ------\n"
        "Source domain in scope                  success\n"
        "Target connector in scope               success\n"
        "Organizational unit in scope            success\n"
        "Object readable                         success\n"
        "Object type in scope                    success\n"
        "Group filtering scope                   success\n"
        "Import from Active Directory            success\n"
        "Import from Azure AD                    success\n"
        "Synchronize from the AD connector space success\n"
        "Export to Azure AD                      success\n\n")
    report = tmp_path / "ADSyncSingleObjectSyncResult-20260105-090300.htm"
    assert report.exists() and "Troubleshooting &amp; Recommendation" in report.read_text()
    assert [p for p in os.listdir(tmp_path) if p.startswith(".msolsh-")] == []


def test_single_object_sync_commits_the_change_and_staging_skips_export(shell, tmp_path,
                                                                       monkeypatch):
    monkeypatch.chdir(tmp_path)
    shell.run("Set-ADUser megan.bowen -Department Finance")
    status = (f"(Invoke-ADSyncSingleObjectSync '{MEGAN}' -NoHtmlReport -StagingMode | "
              "ConvertFrom-Json).provisioningSteps[-1].status")
    assert shell.run(status) == "skipped\n"
    upn = "(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).Department"
    assert shell.run(upn) == "Executive\n"
    shell.run(f"Invoke-ADSyncSingleObjectSync '{MEGAN}' -NoHtmlReport | Out-Null")
    assert shell.run(upn) == "Finance\n"
    assert os.listdir(tmp_path) == []


def test_single_object_sync_out_of_scope_and_missing(shell, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reason = ("(Invoke-ADSyncSingleObjectSync 'CN=Domain Admins,CN=Users,DC=contoso,DC=com' "
              "-NoHtmlReport | ConvertFrom-Json).provisioningStatusInfo.errorInformation.reason")
    assert shell.run(reason) == \
        "The object is out of scope of every inbound synchronization rule.\n"
    assert shell.run("Invoke-ADSyncSingleObjectSync 'CN=nobody,DC=contoso,DC=com'") == (
        "Invoke-ADSyncSingleObjectSync : The object 'CN=nobody,DC=contoso,DC=com' was not "
        "found in Active Directory.\n"
        "At line:1 char:1\n"
        "+ Invoke-ADSyncSingleObjectSync 'CN=nobody,DC=contoso,DC=com'\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (CN=nobody,DC=contoso,DC=com:String) "
        "[Invoke-ADSyncSingleObjectSync], ArgumentException\n"
        "    + FullyQualifiedErrorId : ArgumentException,Microsoft.IdentityManagement.PowerShell."
        "Cmdlet.InvokeADSyncSingleObjectSync\n\n")


def test_run_history_filters(shell):
    aad = "b891884f-051e-4a83-95af-2544101c9083"
    assert shell.run(f"(Get-ADSyncRunProfileResult -ConnectorId {aad}).RunProfileName") == (
        "Export\nFull Synchronization\nFull Import\n")
    assert shell.run(f"(Get-ADSyncRunProfileResult -ConnectorId {aad} -RunNumber 2)"
                     ".RunProfileName") == "Full Synchronization\n"
    run = "$r = Get-ADSyncRunProfileResult -NumberRequested 1; "
    assert shell.run(run + "(Get-ADSyncRunProfileResult -RunHistoryId $r.RunHistoryId)"
                     ".RunNumber") == "3\n"
    assert shell.run(run + "(Get-ADSyncRunProfileResult -RunProfileId $r.RunProfileId)"
                     ".ConnectorName") == "contoso.com\n"
    assert shell.run(run + "(Get-ADSyncRunStepResult -RunHistoryId $r.RunHistoryId "
                     "-StepNumber 1).ExportUpdate") == "73\n"
    assert shell.run("(Get-ADSyncRunProfileResult -NumberRequested 1 -RunStepDetails "
                     "-StepNumber 2).RunStepResults.Count") == "0\n"
