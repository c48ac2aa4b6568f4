"""The out-of-box synchronization rules, as pure functions of attribute dictionaries.

Scoping and cloudFiltered exactly as sync-engine.md §2.2, the inbound flows of §2.4 (UPN
fallback, displayName fallback, Trim, RemoveDuplicates, Exchange attributes only with
mailNickname), custom attribute-based filtering rules (§10), domain/OU and group filtering, and
the outbound 'Out to AAD' scopes and guards (§2.5). Knows nothing of the shell or of the stores.
"""
from __future__ import annotations

from .errors import SyncRuleError
from .ids import source_anchor
from . import dn as dnlib

CLOUD_FILTER_MASK = 0x21C07000
ROLE_GROUP_BIT = 0x40000000
LINKED_MAILBOX = 2
TRIMMED = ("givenName", "sn", "mail", "department", "title", "company", "l", "st", "c", "co",
           "telephoneNumber", "mobile", "facsimileTelephoneNumber", "physicalDeliveryOfficeName",
           "postalCode", "streetAddress", "employeeID", "description", "usageLocation",
           "msExchUsageLocation")
EXCHANGE = ("mailNickname", "legacyExchangeDN", "msExchMailboxGuid", "msExchArchiveGUID",
            "msExchArchiveName", "msExchRecipientTypeDetails", "msExchRecipientDisplayType",
            "msExchRemoteRecipientType", "msExchHideFromAddressLists", "targetAddress",
            "msExchLitigationHoldDate", "msExchLitigationHoldOwner", "msExchUserHoldPolicies",
            "userCertificate", "userSMIMECertificate", "thumbnailPhoto",
            "msExchExtensionAttribute1", "extensionAttribute1")


# ----- scope filters ------------------------------------------------------------------------
def in_partition_scope(dn: str, domain_fqdn: str, partitions: dict) -> bool:
    """Domain and OU filtering: selected partition, inclusion list, exclusion list."""
    p = partitions.get(domain_fqdn.lower())
    if p is None:
        return True
    if not p.get("selected", True):
        return False
    inclusions = p.get("inclusions") or [dnlib.domain_dn(domain_fqdn)]
    if not any(dnlib.is_under(dn, inc) for inc in inclusions):
        return False
    return not any(dnlib.is_under(dn, exc) for exc in p.get("exclusions") or ())


def clause_matches(attrs: dict, clause: dict) -> bool:
    """One scoping-filter clause (EQUAL, NOTEQUAL, STARTSWITH, ..., ISBITSET, LESSTHAN)."""
    op, value = clause["operator"].upper(), clause.get("value")
    actual = attrs.get(clause["attribute"])
    text = "" if actual is None else str(actual)
    want = "" if value is None else str(value)
    if op == "ISNOTNULL":
        return actual not in (None, "", [])
    if op == "ISNULL":
        return actual in (None, "", [])
    if op in ("ISBITSET", "ISBITNOTSET"):
        bit_set = actual is not None and int(actual) & int(value) != 0
        return bit_set if op == "ISBITSET" else not bit_set
    if op == "LESSTHAN":
        return actual is not None and int(actual) < int(value)
    checks = {"EQUAL": lambda: text.lower() == want.lower(),
              "NOTEQUAL": lambda: text.lower() != want.lower(),
              "STARTSWITH": lambda: text.lower().startswith(want.lower()),
              "NOTSTARTSWITH": lambda: not text.lower().startswith(want.lower()),
              "ENDSWITH": lambda: text.lower().endswith(want.lower()),
              "NOTENDSWITH": lambda: not text.lower().endswith(want.lower()),
              "CONTAINS": lambda: want.lower() in text.lower(),
              "NOTCONTAINS": lambda: want.lower() not in text.lower()}
    return checks[op]()


def scope_matches(attrs: dict, scope) -> bool:
    """Clauses in a group are ANDed, groups are ORed; an empty scope matches everything."""
    return not scope or any(all(clause_matches(attrs, c) for c in group) for group in scope)


# ----- inbound: AD CS -> metaverse ------------------------------------------------------------
def _first(value):
    return value[0] if isinstance(value, list) else value


def _trim(value):
    value = _first(value)
    return value.strip() if isinstance(value, str) else value


def remove_duplicates(values) -> list[str]:
    seen, out = set(), []
    for v in values or ():
        v = v.strip()
        if v and v.lower() not in seen:
            seen.add(v.lower())
            out.append(v)
    return out


def is_cnf(dn: str) -> bool:
    return "\\0ACNF:" in dnlib.rdn(dn)


def user_cloud_filtered(a: dict, dn: str):
    """The 'In from AD - User Join' cloudFiltered expression: True or None, never False."""
    sam = a.get("sAMAccountName") or ""
    nick = a.get("mailNickname") or ""
    rtd = a.get("msExchRecipientTypeDetails")
    hit = ("isCriticalSystemObject" in a or not sam or sam == "SUPPORT_388945a0"
           or nick.startswith("SystemMailbox{") or sam.startswith("AAD_")
           or (nick.startswith("CAS_") and "}" in nick) or (sam.startswith("CAS_") and "}" in sam)
           or sam.startswith("MSOL_") or (rtd is not None and int(rtd) & CLOUD_FILTER_MASK > 0)
           or is_cnf(dn))
    return True if hit else None


def user_anchor(a: dict, anchor_attribute: str):
    if a.get("msExchRecipientTypeDetails") == LINKED_MAILBOX:
        return None  # linked mailbox waits for its account-forest master
    if anchor_attribute.lower() == "ms-ds-consistencyguid" and a.get("ms-DS-ConsistencyGuid"):
        return source_anchor(a["ms-DS-ConsistencyGuid"])
    return source_anchor(a["objectGUID"])


def apply_attribute_rules(mv: dict, cs_attrs: dict, rules, object_type: str) -> None:
    """Custom inbound rules (precedence < 100) win over the out-of-box cloudFiltered value."""
    for rule in rules:  # sorted by precedence, lowest first
        if rule["object_type"] == object_type and scope_matches(cs_attrs, rule["scope"]):
            mv["cloudFiltered"] = rule["cloud_filtered"]
            return


def inbound_user(a: dict, dn: str, domain: dict, config):
    """None when out of the projection rule's scope, else the metaverse attributes."""
    if str(a.get("isCriticalSystemObject", "")).upper() == "TRUE" or \
            str(a.get("adminDescription", "")).startswith("User_"):
        return None
    upn = _trim(a.get("userPrincipalName"))
    if not upn:
        if not a.get("sAMAccountName"):
            raise SyncRuleError("AccountName is not present")
        upn = f"{a['sAMAccountName']}@{domain['fqdn']}"
    uac = int(a.get("userAccountControl", 512))
    mv = {"sourceAnchor": user_anchor(a, config.anchor_attribute),
          "sourceObjectType": None if a.get("msExchRecipientTypeDetails") == LINKED_MAILBOX
          else "User", "userPrincipalName": upn, "accountEnabled": uac & 2 == 0,
          "displayName": _trim(a.get("displayName")) or a.get("cn"), "cn": a.get("cn"),
          "accountName": a.get("sAMAccountName"), "objectSid": a.get("objectSid"),
          "domainFQDN": domain["fqdn"], "domainNetBios": domain["netbios"],
          "proxyAddresses": remove_duplicates(a.get("proxyAddresses")),
          "cloudFiltered": user_cloud_filtered(a, dn)}
    for name in TRIMMED:
        if a.get(name) not in (None, ""):
            mv["usageLocation" if name == "msExchUsageLocation" else name] = _trim(a[name])
    if a.get("mailNickname"):
        for name in EXCHANGE:
            if a.get(name) not in (None, "", []):
                mv[name] = _trim(a[name]) if isinstance(a[name], str) else a[name]
    apply_attribute_rules(mv, a, config.attribute_rules, "user")
    return {k: v for k, v in mv.items() if v not in (None, "", [])}


def mail_enabled(a: dict) -> bool:
    proxies = a.get("proxyAddresses") or []
    if proxies:
        return any(p.lower().startswith("smtp:") and "@" in p for p in proxies)
    return "@" in (a.get("mail") or "")


def inbound_group(a: dict, dn: str, member_mv_ids: list, config):
    if str(a.get("isCriticalSystemObject", "")).upper() == "TRUE" or \
            str(a.get("adminDescription", "")).startswith("Group_"):
        return None
    rtd = int(a.get("msExchRecipientTypeDetails") or 0)
    filtered = ("isCriticalSystemObject" in a
                or a.get("sAMAccountName") == "MSOL_AD_Sync_RichCoexistence"
                or rtd & ROLE_GROUP_BIT or is_cnf(dn))
    mv = {"sourceAnchor": source_anchor(a["objectGUID"]), "sourceObjectType": "Group",
          "displayName": _trim(a.get("displayName")) or a.get("cn"), "cn": a.get("cn"),
          "accountName": a.get("sAMAccountName"), "objectSid": a.get("objectSid"),
          "mail": _trim(a.get("mail")), "mailNickname": a.get("mailNickname"),
          "proxyAddresses": remove_duplicates(a.get("proxyAddresses")),
          "securityEnabled": int(a.get("groupType", 0)) & 0x80000000 != 0,
          "mailEnabled": mail_enabled(a), "member": list(member_mv_ids),
          "memberCount": len(a.get("member") or ()), "description": _trim(a.get("description")),
          "msExchRecipientTypeDetails": a.get("msExchRecipientTypeDetails"),
          "cloudFiltered": True if filtered else None}
    apply_attribute_rules(mv, a, config.attribute_rules, "group")
    return {k: v for k, v in mv.items() if v not in (None, "") and k != "member"} | \
        {"member": mv["member"]}


def inbound_contact(a: dict, dn: str, config):
    if str(a.get("isCriticalSystemObject", "")).upper() == "TRUE" or \
            str(a.get("adminDescription", "")).startswith("Contact_"):
        return None
    nick = a.get("mailNickname") or ""
    display = _trim(a.get("displayName")) or a.get("cn")
    filtered = ("isCriticalSystemObject" in a or is_cnf(dn)
                or ("(MSOL)" in (display or "") and a.get("msExchHideFromAddressLists"))
                or (nick.startswith("CAS_") and "}" in nick))
    mv = {"sourceAnchor": source_anchor(a["objectGUID"]), "sourceObjectType": "Contact",
          "displayName": display, "cn": a.get("cn"), "mail": _trim(a.get("mail")),
          "mailNickname": nick or None, "givenName": _trim(a.get("givenName")),
          "sn": _trim(a.get("sn")), "targetAddress": a.get("targetAddress"),
          "proxyAddresses": remove_duplicates(a.get("proxyAddresses")),
          "mailEnabled": mail_enabled(a), "cloudFiltered": True if filtered else None}
    apply_attribute_rules(mv, a, config.attribute_rules, "contact")
    return {k: v for k, v in mv.items() if v not in (None, "", [])}


# ----- outbound: metaverse -> Azure AD CS -------------------------------------------------------
USER_OUT = {"accountEnabled": "accountEnabled", "cn": "commonName", "displayName": "displayName",
            "givenName": "givenName", "sn": "surname", "mail": "mail",
            "mailNickname": "alias", "proxyAddresses": "proxyAddresses",
            "userPrincipalName": "userPrincipalName", "accountName": "onPremisesSamAccountName",
            "objectSid": "onPremiseSecurityIdentifier", "domainFQDN": "dnsDomainName",
            "domainNetBios": "netBiosName", "usageLocation": "usageLocation",
            "department": "department", "title": "title", "l": "city", "st": "state",
            "co": "country", "c": "countryLetterCode", "telephoneNumber": "telephoneNumber",
            "mobile": "mobile", "facsimileTelephoneNumber": "facsimileTelephoneNumber",
            "physicalDeliveryOfficeName": "physicalDeliveryOfficeName",
            "postalCode": "postalCode", "streetAddress": "streetAddress",
            "company": "company", "description": "description"}
GROUP_OUT = {"displayName": "displayName", "cn": "commonName", "mail": "mail",
             "mailNickname": "alias", "proxyAddresses": "proxyAddresses",
             "securityEnabled": "securityEnabled", "mailEnabled": "mailEnabled",
             "objectSid": "onPremiseSecurityIdentifier", "description": "description",
             "accountName": "onPremisesSamAccountName"}
CONTACT_OUT = {"displayName": "displayName", "cn": "commonName", "mail": "mail",
               "mailNickname": "alias", "proxyAddresses": "proxyAddresses",
               "givenName": "givenName", "sn": "surname", "targetAddress": "targetAddress"}


def source_anchor_guard(mv: dict):
    """IIF(cloudSourceAnchor present and differs, Error("SourceAnchor attribute has changed."))."""
    cloud = mv.get("cloudSourceAnchor")
    anchor_type = (mv.get("cloudAnchor") or "").split("_", 1)[0]
    if cloud and anchor_type == mv.get("sourceObjectType") and cloud != mv.get("sourceAnchor"):
        raise SyncRuleError("SourceAnchor attribute has changed.")
    return mv.get("sourceAnchor")


def outbound_aad(mv: dict, config):
    """(rule name, Azure AD CS attributes) when a provisioning rule is in scope, else None."""
    kind = mv.get("sourceObjectType")
    if mv.get("cloudFiltered") is True or mv.get("cloudMastered") is True:
        return None
    if kind == "User" and mv.get("sourceAnchor") and "accountEnabled" in mv:
        attrs = _map(mv, USER_OUT)
        attrs["onPremisesUserPrincipalName"] = mv.get("userPrincipalName")
        attrs.update({k: mv[k] for k in EXCHANGE if k in mv and k != "mailNickname"})
        rule = "Out to AAD - User Join"
    elif kind == "Contact" and mv.get("mailEnabled") is True:
        attrs, rule = _map(mv, CONTACT_OUT), "Out to AAD - Contact Join"
    elif kind == "Group" and mv.get("sourceAnchor") and _group_in_scope(mv, config):
        if mv.get("memberCount", 0) > config.group_member_limit:
            raise SyncRuleError("Maximum Group member count exceeded")
        attrs, rule = _map(mv, GROUP_OUT), "Out to AAD - Group Join"
        attrs["msExchRecipientTypeDetails"] = mv.get("msExchRecipientTypeDetails")
    else:
        return None
    attrs["sourceAnchor"] = source_anchor_guard(mv) if kind != "Group" else mv["sourceAnchor"]
    for name in config.excluded_attributes:
        attrs.pop(name, None)
    return rule, {k: v for k, v in attrs.items() if v not in (None, "", [])}


def _group_in_scope(mv: dict, config) -> bool:
    enabled = mv.get("securityEnabled") is True or mv.get("mailEnabled") is True
    small = mv.get("memberCount", 0) < config.group_member_limit
    return enabled and (bool(mv.get("cloudAnchor")) or small)


def _map(mv: dict, table: dict) -> dict:
    return {target: mv[source] for source, target in table.items() if source in mv}


# ----- lineage: which out-of-box rules apply to an object (Get-ADSyncCSObject .Lineage) -------
def inbound_lineage(object_class: str, a: dict) -> list[dict]:
    kind = {"inetOrgPerson": "InetOrgPerson", "group": "Group", "contact": "Contact"}.get(
        object_class, "User")
    rules_ = [(f"In from AD - {kind} Join", "Provision")]
    if kind in ("User", "InetOrgPerson"):
        if int(a.get("userAccountControl", 512)) & 2 == 0:
            rules_.append((f"In from AD - {kind} AccountEnabled", "Join"))
        if a.get("mailNickname"):
            rules_.append((f"In from AD - {kind} Common from Exchange", "Join"))
        rules_.append((f"In from AD - {kind} Common", "Join"))
        if a.get("mailNickname"):
            rules_.append((f"In from AD - {kind} Exchange", "Join"))
    elif kind == "Group":
        rules_ += [("In from AD - Group Exchange", "Join"), ("In from AD - Group Common", "Join")]
    else:
        rules_.append(("In from AD - Contact Common", "Join"))
    return [{"SyncRuleName": name, "Operation": op} for name, op in rules_]


def outbound_lineage(provisioning_rule: str) -> list[dict]:
    kind = provisioning_rule.split(" - ")[1].split()[0]  # User, Group or Contact
    return [{"SyncRuleName": provisioning_rule, "Operation": "Provision"},
            {"SyncRuleName": f"Out to AAD - {kind} Identity", "Operation": "Join"},
            {"SyncRuleName": f"Out to AAD - {kind} ExchangeOnline", "Operation": "Join"}]
