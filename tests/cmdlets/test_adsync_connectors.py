"""ADSync: connectors, statistics, global settings, rules and the export deletion threshold."""

AAD = "contoso.onmicrosoft.com - AAD"


def test_get_connector_lists_both(shell):
    assert shell.run("Get-ADSyncConnector | Select-Object Name, Identifier, Type") == (
        "\nName                          Identifier                           Type\n"
        "----                          ----------                           ----\n"
        "contoso.com                   9e66e067-073e-4640-8700-5d08341180bc AD\n"
        "contoso.onmicrosoft.com - AAD b891884f-051e-4a83-95af-2544101c9083 Extensible2\n\n")


def test_get_connector_by_identifier_and_unknown_name(shell):
    assert shell.run("(Get-ADSyncConnector -Identifier b891884f-051e-4a83-95af-2544101c9083)"
                     ".Subtype") == "Windows Azure Active Directory (Microsoft)\n"
    assert shell.run("Get-ADSyncConnector -Name nope") == (
        "Get-ADSyncConnector : The specified connector 'nope' was not found.\n"
        "At line:1 char:1\n+ Get-ADSyncConnector -Name nope\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (nope:String) [Get-ADSyncConnector], "
        "ArgumentException\n"
        "    + FullyQualifiedErrorId : ArgumentException,Microsoft.IdentityManagement.PowerShell."
        "Cmdlet.GetADSyncConnector\n\n")


def test_connector_partitions_show_ou_filtering(shell):
    assert shell.run("(Get-ADSyncConnector contoso.com).Partitions.ConnectorPartitionScope"
                     ".ContainerExclusionList") == (
        "OU=Disabled Users,OU=Contoso,DC=contoso,DC=com\nOU=Domain Controllers,DC=contoso,"
        "DC=com\n")


def test_statistics_show_pending_deletes(shell):
    stats = f"Get-ADSyncConnectorStatistics -ConnectorName '{AAD}'"
    assert shell.run(stats) == (
        "\nExportAdds      : 0\nExportUpdates   : 0\nExportDeletes   : 0\nImportAdds      : 0\n"
        "ImportUpdates   : 0\nImportDeletes   : 0\nImportNoChange  : 103\n"
        "TotalConnectors : 94\n\n")
    shell.run("Remove-ADUser megan.bowen -Confirm:$false; "
              "Invoke-ADSyncRunProfile contoso.com 'Delta Import' | Out-Null; "
              "Invoke-ADSyncRunProfile contoso.com 'Delta Synchronization' | Out-Null")
    assert shell.run(f"({stats}).ExportDeletes") == "1\n"


def test_statistics_unknown_connector(shell):
    assert shell.run("Get-ADSyncConnectorStatistics nope").startswith(
        "Get-ADSyncConnectorStatistics : The specified connector 'nope' was not found.\n")


def test_global_settings_parameters(shell):
    assert shell.run("(Get-ADSyncGlobalSettings).Parameters | "
                     "Where-Object Name -like '*Deletion*'") == (
        "\nName                                                   Value\n"
        "----                                                   -----\n"
        "Microsoft.OptionalFeature.ExportDeletionThreshold      True\n"
        "Microsoft.OptionalFeature.ExportDeletionThresholdValue 500\n\n")


def test_get_rule_provisioning_rules(shell):
    assert shell.run("Get-ADSyncRule | Where-Object { $_.Name -like 'In from AD*' -and "
                     "$_.LinkType -eq 'Provision' } | "
                     "Format-Table Name, Direction, LinkType, Precedence, Disabled") == (
        "\nName                            Direction LinkType  Precedence Disabled\n"
        "----                            --------- --------  ---------- --------\n"
        "In from AD - User Join          Inbound   Provision        100 False\n"
        "In from AD - InetOrgPerson Join Inbound   Provision        101 False\n"
        "In from AD - Group Join         Inbound   Provision        112 False\n"
        "In from AD - Contact Join       Inbound   Provision        115 False\n\n")


def test_get_rule_by_name_wildcard_and_missing(shell):
    assert shell.run("(Get-ADSyncRule -Name 'Out to AAD - User Join').Precedence") == "123\n"
    assert shell.run("(Get-ADSyncRule -Name 'Out to AAD - Group*').Count") == "8\n"
    assert shell.run("Get-ADSyncRule -Name nope").startswith(
        "Get-ADSyncRule : Synchronization rule 'nope' was not found.\n")


def test_deletion_threshold_get_enable_disable(shell):
    table = ("\nDeletionPrevention ThresholdPercentage ThresholdCount\n"
             "------------------ ------------------- --------------\n")
    assert shell.run("Get-ADSyncExportDeletionThreshold") == \
        table + "                 1                   0            500\n\n"
    shell.run("Enable-ADSyncExportDeletionThreshold -DeletionThreshold 1000")
    assert shell.run("Get-ADSyncExportDeletionThreshold") == \
        table + "                 1                   0           1000\n\n"
    assert shell.run("Disable-ADSyncExportDeletionThreshold -WhatIf") == (
        'What if: Performing the operation "Disable" on target "ExportDeletionThreshold".\n')
    shell.run("Disable-ADSyncExportDeletionThreshold -AADUserName admin@contoso.onmicrosoft.com")
    assert shell.run("(Get-ADSyncExportDeletionThreshold).DeletionPrevention") == "0\n"


def test_enable_threshold_needs_a_number(shell):
    out = shell.run("Enable-ADSyncExportDeletionThreshold -DeletionThreshold lots")
    assert out.startswith("Enable-ADSyncExportDeletionThreshold : Cannot process argument "
                          "transformation on parameter 'DeletionThreshold'.") or \
        out.startswith("Enable-ADSyncExportDeletionThreshold : Cannot bind parameter "
                       "'DeletionThreshold'.")


def test_workflow_threshold_stops_the_export_until_disabled(shell):
    shell.run("Enable-ADSyncExportDeletionThreshold -DeletionThreshold 1")
    shell.run("Remove-ADUser megan.bowen -Confirm:$false; Remove-ADUser alex.wilber "
              "-Confirm:$false; Start-ADSyncSyncCycle")
    assert shell.run(f"(Get-ADSyncRunProfileResult -NumberRequested 2)[1].Result") == \
        "stopped-deletion-threshold-exceeded\n"
    assert shell.run("(Get-MsolUser -UserPrincipalName megan.bowen@contoso.com).DisplayName") \
        == "Megan Bowen\n"
    shell.run("Disable-ADSyncExportDeletionThreshold; Start-Sleep 60; "
              f"Invoke-ADSyncRunProfile '{AAD}' Export")
    assert shell.run("(Get-MsolUser -ReturnDeletedUsers -SearchString megan).DisplayName") == \
        "Megan Bowen\n"
