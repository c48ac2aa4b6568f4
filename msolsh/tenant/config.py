"""Azure AD Connect configuration: anchor attribute, filtering, deletion threshold, staging.

Plain data that the wizard/Synchronization Rules Editor would set; the sync engine reads it.
Knows nothing of the shell.
"""
from __future__ import annotations

from .records import Record

ANCHOR_CONSISTENCY_GUID = "mS-DS-ConsistencyGuid"
ANCHOR_OBJECT_GUID = "objectGUID"
DEFAULT_DELETION_THRESHOLD = 500
GROUP_MEMBER_LIMIT = 50000


class SyncConfig(Record):
    """partitions: {domain fqdn: {"selected", "inclusions", "exclusions"}} (DNs of containers);
    group_filter: DN of the one filtering group or None; attribute_rules: custom inbound
    scoping rules, each {"name", "precedence", "object_type", "scope": [[clause, ...], ...],
    "cloud_filtered": True/False} with clause {"attribute", "operator", "value"};
    excluded_attributes: attributes not exported to Azure AD (app and attribute filtering)."""
    FIELDS = {
        "anchor_attribute": ANCHOR_CONSISTENCY_GUID, "partitions": dict, "group_filter": None,
        "attribute_rules": list, "excluded_attributes": list,
        "deletion_threshold_enabled": True, "deletion_threshold": DEFAULT_DELETION_THRESHOLD,
        "staging_mode": False, "group_member_limit": GROUP_MEMBER_LIMIT,
        "consistency_guid_writeback": True, "connector_overrides": dict,
    }
    __slots__ = tuple(FIELDS)

    def partition(self, fqdn: str) -> dict:
        return self.partitions.setdefault(fqdn.lower(), {"selected": True, "inclusions": [],
                                                         "exclusions": []})

    def select_domain(self, fqdn: str, selected: bool = True) -> None:
        self.partition(fqdn)["selected"] = selected

    def include_ou(self, fqdn: str, dn: str) -> None:
        self.partition(fqdn)["inclusions"].append(dn)

    def exclude_ou(self, fqdn: str, dn: str) -> None:
        self.partition(fqdn)["exclusions"].append(dn)

    def add_attribute_rule(self, name: str, object_type: str, scope, cloud_filtered: bool = True,
                           precedence: int = 50) -> dict:
        rule = {"name": name, "precedence": precedence, "object_type": object_type,
                "scope": [list(group) for group in scope], "cloud_filtered": cloud_filtered}
        self.attribute_rules.append(rule)
        self.attribute_rules.sort(key=lambda r: r["precedence"])
        return rule
