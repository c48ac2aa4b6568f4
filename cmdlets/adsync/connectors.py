"""Configuration the support engineer reads: Get-ADSyncConnector, Get-ADSyncConnectorStatistics,
Get-ADSyncGlobalSettings, Get-ADSyncRule, and prevent-accidental-deletes
(Get-/Enable-/Disable-ADSyncExportDeletionThreshold).

Knows the tenant through tenant.sync (connectors, statistics), tenant.config (threshold,
filtering, staging) and tenant.scheduler.
"""
from __future__ import annotations

import fnmatch
from typing import Any, Iterator

from msolsh.runtime.cmdlet import Example, Parameter
from msolsh.runtime.values import PSObject

from .common import (NS, ADSyncCmdlet, adsync_cmdlet, complete_connectors, complete_rule_names,
                     derived_guid, guid)
from .records import custom
from .records_runs import CONNECTOR, CONNECTOR_STATISTICS, connector_record, statistics_record
from .ruletable import rules

SYNC_RULE = f"{NS}.SynchronizationRule"
GLOBAL_SETTINGS = f"{NS}.GlobalSettings"
THRESHOLD = f"{NS}.ExportDeletionThreshold"


def install_time(tenant: Any) -> Any:
    """When the connectors were created: the first run in the history, else now."""
    history = tenant.sync.history
    return history[0]["StartDate"] if history else tenant.clock.now


@adsync_cmdlet("Get-ADSyncConnector", output_type=CONNECTOR)
class GetADSyncConnector(ADSyncCmdlet):
    """Gets the connectors: the AD forest's (named after the forest) and Azure AD's.

    The Azure AD connector is '<initial domain> - AAD' with the fixed identifier
    b891884f-051e-4a83-95af-2544101c9083. Partitions show the domain and OU filtering."""
    examples = [Example("Get-ADSyncConnector | Select-Object Name, Identifier, Type",
                        "Lists both connectors."),
                Example("Get-ADSyncConnector -Name contoso.com",
                        "Gets the AD connector, with its partitions and run profiles.")]
    Name = Parameter(str, position=0, complete=complete_connectors,
                     help="Specifies the connector's name.")
    Identifier = Parameter("guid", help="Specifies the connector's identifier.")

    def process(self) -> Iterator[Any]:
        if self.Name is None and self.Identifier is None:
            spaces = [self.engine.ad_cs, self.engine.aad_cs]
        else:
            spaces = [self.connector_or_fail(self.Name, self.Identifier)]
        created = install_time(self.tenant)
        for cs in spaces:
            if cs is not None:
                yield connector_record(self.tenant, cs, created)


@adsync_cmdlet("Get-ADSyncConnectorStatistics", output_type=CONNECTOR_STATISTICS)
class GetADSyncConnectorStatistics(ADSyncCmdlet):
    """Gets a connector's pending imports and exports and its number of connectors.

    ExportDeletes is what the next Export would delete: above the deletion threshold the
    Export to Azure AD stops with stopped-deletion-threshold-exceeded."""
    examples = [Example("Get-ADSyncConnectorStatistics -ConnectorName "
                        "'contoso.onmicrosoft.com - AAD'",
                        "Shows what is waiting to be exported to Azure AD.")]
    ConnectorName = Parameter(str, mandatory=True, position=0, pipeline_by_property=True,
                              aliases=("Name",), complete=complete_connectors,
                              help="Specifies the connector's name.")

    def process(self) -> Iterator[Any]:
        cs = self.connector_or_fail(self.ConnectorName)
        if cs is not None:
            yield statistics_record(self.engine.connector_statistics(cs.name))


@adsync_cmdlet("Get-ADSyncGlobalSettings", output_type=GLOBAL_SETTINGS)
class GetADSyncGlobalSettings(ADSyncCmdlet):
    """Gets the server's global settings: sync interval, staging mode, source anchor attribute,
    group filtering, app and attribute filtering, and the export deletion threshold."""
    examples = [Example("(Get-ADSyncGlobalSettings).Parameters | "
                        "Where-Object Name -like '*Deletion*'",
                        "Shows the prevent-accidental-deletes settings.")]

    def process(self) -> Iterator[Any]:
        t = self.tenant
        cfg, props = t.config, t.scheduler.properties()
        values = [
            ("Microsoft.Synchronize.TimeInterval", props["CurrentlyEffectiveSyncCycleInterval"]),
            ("Microsoft.Synchronize.StagingMode", cfg.staging_mode),
            ("Microsoft.Synchronize.SynchronizationPolicy", props["NextSyncCyclePolicyType"]),
            ("Microsoft.Synchronize.RunHistoryPurgeInterval", props["PurgeRunHistoryInterval"]),
            ("Microsoft.SynchronizationOption.AnchorAttribute", cfg.anchor_attribute),
            ("Microsoft.SynchronizationOption.UPNAttribute", "userPrincipalName"),
            ("Microsoft.SynchronizationOption.JoinCriteria", "AlwaysProvision"),
            ("Microsoft.OptionalFeature.GroupFiltering", cfg.group_filter is not None),
            ("Microsoft.OptionalFeature.FilterAAD", bool(cfg.excluded_attributes)),
            ("Microsoft.OptionalFeature.ExportDeletionThreshold",
             cfg.deletion_threshold_enabled),
            ("Microsoft.OptionalFeature.ExportDeletionThresholdValue", cfg.deletion_threshold),
            ("Microsoft.UserSignIn.SignOnMethod", "PasswordHashSync"),
            ("Microsoft.OptionalFeature.HybridExchange", True),
        ]
        parameters = [custom([("Name", n), ("Value", v)]) for n, v in values]
        yield PSObject([("Version", 1), ("InstanceId", derived_guid("instance", t.initial_domain)),
                        ("SqlSchemaVersion", 624), ("Parameters", parameters)],
                       [GLOBAL_SETTINGS, "System.Object"])


def rule_record(rule: dict) -> PSObject:
    identifier = derived_guid("rule", rule["Name"])
    return PSObject([
        ("Identifier", identifier), ("InternalId", identifier), ("Name", rule["Name"]),
        ("Version", 1), ("Description", ""), ("ImmutableTag", rule["ImmutableTag"]),
        ("Connector", guid(rule["Connector"])), ("Direction", rule["Direction"]),
        ("Disabled", False), ("SourceObjectType", rule["SourceObjectType"]),
        ("TargetObjectType", rule["TargetObjectType"]), ("Precedence", rule["Precedence"]),
        ("PrecedenceAfter", derived_guid("none")), ("PrecedenceBefore", derived_guid("none")),
        ("LinkType", rule["LinkType"]),
        ("EnablePasswordSync", rule["Name"] in ("In from AD - User AccountEnabled",
                                                "Out to AAD - User Join")),
        ("JoinFilter", []), ("ScopeFilter", [custom([("ScopeConditionList", [custom([
            ("Attribute", c.get("attribute")), ("ComparisonValue", c.get("value")),
            ("ComparisonOperator", c.get("operator"))]) for c in group])])
            for group in rule["Scope"]]),
        ("AttributeFlowMappings", [custom([
            ("Source", [str(rule["CloudFiltered"])]), ("Destination", "cloudFiltered"),
            ("FlowType", "Constant")])] if rule["CloudFiltered"] is not None else []),
        ("SoftDeleteExpiryInterval", "00:00:00"), ("IsStandardRule", rule["IsStandardRule"]),
        ("IsLegacyCustomRule", False),
    ], [SYNC_RULE, "System.Object"])


@adsync_cmdlet("Get-ADSyncRule", output_type=SYNC_RULE)
class GetADSyncRule(ADSyncCmdlet):
    """Gets synchronization rules: the out-of-box rules (precedence 100 and up) and custom
    rules (1-99), such as attribute-based filtering rules that set cloudFiltered."""
    examples = [Example("Get-ADSyncRule | Where-Object { $_.Name -like 'In from AD*' -and "
                        "$_.LinkType -eq 'Provision' } | "
                        "Format-Table Name, Direction, LinkType, Precedence, Disabled",
                        "The inbound rules that project objects into the metaverse."),
                Example("Get-ADSyncRule -Name 'Out to AAD - User Join'",
                        "Gets the rule that provisions users to Azure AD.")]
    Name = Parameter(str, position=0, complete=complete_rule_names,
                     help="Specifies the rule's name (wildcards are allowed).")
    Identifier = Parameter("guid", help="Specifies the rule's identifier.")

    def process(self) -> Iterator[Any]:
        found = False
        for rule in rules(self.tenant):
            if self._matches(rule):
                found = True
                yield rule_record(rule)
        if not found and (self.Identifier is not None or
                          (self.Name and not any(ch in self.Name for ch in "*?["))):
            wanted = self.Identifier if self.Identifier is not None else self.Name
            self.fail(f"Synchronization rule '{wanted}' was not found.",
                      "System.ArgumentException", "ObjectNotFound", target=str(wanted))

    def _matches(self, rule: dict) -> bool:
        if self.Identifier is not None:
            return derived_guid("rule", rule["Name"]) == guid(self.Identifier)
        return self.Name is None or fnmatch.fnmatchcase(rule["Name"].lower(),
                                                        self.Name.lower())


# -- prevent accidental deletes -----------------------------------------------------------------

AAD_USER_NAME = Parameter(str, position=1, help="Specifies a Global Administrator of the "
                                                "tenant (accepted; not checked).")


@adsync_cmdlet("Get-ADSyncExportDeletionThreshold", output_type=THRESHOLD)
class GetADSyncExportDeletionThreshold(ADSyncCmdlet):
    """Gets prevent-accidental-deletes: DeletionPrevention 1 (on) or 0 (off) and the threshold.

    On by default with 500 deletes: an Export to Azure AD with more pending deletes than that
    stops (stopped-deletion-threshold-exceeded, event 116) and exports nothing."""
    examples = [Example("Get-ADSyncExportDeletionThreshold",
                        "Shows whether accidental-delete protection is on and its threshold.")]
    AADUserName = Parameter(str, position=0, help=AAD_USER_NAME.help)
    AADCredential = Parameter("object", help="Specifies the credential (older builds).")

    def process(self) -> Iterator[Any]:
        cfg = self.tenant.config
        yield PSObject([("DeletionPrevention", 1 if cfg.deletion_threshold_enabled else 0),
                        ("ThresholdPercentage", 0), ("ThresholdCount", cfg.deletion_threshold)],
                       [THRESHOLD, "System.Object"])


@adsync_cmdlet("Enable-ADSyncExportDeletionThreshold", supports_should_process=True)
class EnableADSyncExportDeletionThreshold(ADSyncCmdlet):
    """Turns prevent-accidental-deletes on with a threshold (500 restores the default)."""
    examples = [Example("Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500",
                        "Turns protection back on with the default threshold."),
                Example("Enable-ADSyncExportDeletionThreshold -DeletionThreshold 1000 "
                        "-AADUserName admin@contoso.onmicrosoft.com",
                        "Raises the threshold rather than disabling the protection.")]
    DeletionThreshold = Parameter("uint32", mandatory=True, position=0,
                                  help="Specifies the number of deletes an export may make.")
    AADUserName = AAD_USER_NAME
    AADCredential = Parameter("object", help="Specifies the credential (older builds).")

    def process(self) -> None:
        if self.should_process("ExportDeletionThreshold", "Enable"):
            cfg = self.tenant.config
            cfg.deletion_threshold_enabled = True
            cfg.deletion_threshold = int(self.DeletionThreshold)
        return None


@adsync_cmdlet("Disable-ADSyncExportDeletionThreshold", supports_should_process=True)
class DisableADSyncExportDeletionThreshold(ADSyncCmdlet):
    """Turns prevent-accidental-deletes off, so the next Export makes every pending delete.

    Re-enable it afterwards (Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500)."""
    examples = [Example("Disable-ADSyncExportDeletionThreshold "
                        "-AADUserName admin@contoso.onmicrosoft.com",
                        "Lets an intended mass delete through.")]
    AADUserName = Parameter(str, position=0, help=AAD_USER_NAME.help)
    AADCredential = Parameter("object", help="Specifies the credential (older builds).")

    def process(self) -> None:
        if self.should_process("ExportDeletionThreshold", "Disable"):
            self.tenant.config.deletion_threshold_enabled = False
        return None

