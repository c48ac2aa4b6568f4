"""The fixture schema, version 1, as data (docs/fixtures.md explains it for people).

Top-level sections, the AD attribute vocabulary (real lDAPDisplayNames with their syntax), the
MSOnline and Exchange property names, and which lists merge by which key under `include`.
Knows nothing of the tenant stores or the shell.
"""
from __future__ import annotations

from .fixture_types import (Address, Bool, DN, Domain, Either, Enum, Guid, Int, ListOf, Obj,
                            ProxyAddress, Ref, Str, Timestamp)

SCHEMA_VERSION = 1
STR, INT, BOOL, GUID, DNT, DOMAIN, ADDR = Str(), Int(), Bool(), Guid(), DN(), Domain(), Address()
STRS, DNS, PROXIES = ListOf(STR), ListOf(DNT), ListOf(ProxyAddress())
REF, REFS = Ref(), ListOf(Ref())

# ----- on-premises AD: attribute vocabulary ------------------------------------------------
_STRING_ATTRS = """
cn name givenName sn initials displayName description title department company division
physicalDeliveryOfficeName telephoneNumber mobile facsimileTelephoneNumber homePhone ipPhone
pager streetAddress postOfficeBox l st postalCode c co employeeID employeeNumber employeeType
info wWWHomePage userPrincipalName sAMAccountName mail mailNickname targetAddress
legacyExchangeDN msExchArchiveName msExchUsageLocation adminDescription adminDisplayName
msDS-cloudExtensionAttribute1 msDS-cloudExtensionAttribute2 msExchAssistantName
preferredLanguage msExchLitigationHoldOwner
""".split() + [f"extensionAttribute{i}" for i in range(1, 16)]
_INT_ATTRS = ("userAccountControl msExchRecipientTypeDetails msExchRemoteRecipientType "
              "msExchRecipientDisplayType countryCode groupType primaryGroupID").split()
_BOOL_ATTRS = "msExchHideFromAddressLists isCriticalSystemObject".split()
_GUID_ATTRS = "objectGUID msExchMailboxGuid msExchArchiveGUID mS-DS-ConsistencyGuid".split()
_DN_ATTRS = "manager homeMDB managedBy".split()
_MULTI_ATTRS = ("otherMailbox otherTelephone otherMobile url msExchUserHoldPolicies "
                "showInAddressBook msExchPoliciesExcluded").split()

AD_ATTRIBUTES = {
    **{a: STR for a in _STRING_ATTRS}, **{a: INT for a in _INT_ATTRS},
    **{a: BOOL for a in _BOOL_ATTRS}, **{a: GUID for a in _GUID_ATTRS},
    **{a: DNT for a in _DN_ATTRS}, **{a: STRS for a in _MULTI_ATTRS},
    "proxyAddresses": PROXIES, "msExchLitigationHoldDate": Timestamp(),
}
# Fixture conveniences beside the attributes (documented in docs/fixtures.md).
_USER_EXTRA = {"dn": DNT, "objectClass": Enum("user", "inetOrgPerson"), "enabled": BOOL,
               "manager": REF}
USER = Obj({**AD_ATTRIBUTES, **_USER_EXTRA}, required=("dn",), name="a user mapping")
GROUP = Obj({**AD_ATTRIBUTES, "dn": DNT, "groupScope": Enum("DomainLocal", "Global", "Universal"),
             "groupCategory": Enum("Security", "Distribution"), "members": REFS,
             "member": DNS},
            required=("dn",), name="a group mapping")
CONTACT = Obj({**AD_ATTRIBUTES, "dn": DNT}, required=("dn",), name="a contact mapping")
OU = Either(DNT, Obj({"dn": DNT, "description": STR, "name": STR}, required=("dn",)))
AD_DOMAIN = Obj({"fqdn": DOMAIN, "netbiosName": STR, "domainSid": STR}, required=("fqdn",))

ON_PREMISES = Obj({
    "forest": DOMAIN, "domains": ListOf(AD_DOMAIN), "organizationalUnits": ListOf(OU),
    "users": ListOf(USER), "groups": ListOf(GROUP), "contacts": ListOf(CONTACT),
})

# ----- tenant (Azure AD company) ---------------------------------------------------------------
TENANT_DOMAIN = Obj({"name": DOMAIN, "authentication": Enum("Managed", "Federated"),
                     "verified": BOOL, "default": BOOL}, required=("name",))
SKU = Obj({"accountSkuId": STR, "servicePlans": STRS, "activeUnits": INT, "warningUnits": INT,
           "skuId": GUID}, required=("accountSkuId", "servicePlans"))
DIRSYNC_FEATURES = (
    "BlockCloudObjectTakeoverThroughHardMatch BlockSoftMatch DeviceWriteback DirectoryExtensions "
    "DuplicateProxyAddressResiliency DuplicateUPNResiliency EnableSoftMatchOnUpn PasswordSync "
    "SynchronizeUpnForManagedUsers UnifiedGroupWriteback UserWriteback").split()
TENANT = Obj({
    "name": STR, "initialDomain": DOMAIN, "seed": Either(INT, STR), "clockStart": Timestamp(),
    "directorySynchronizationEnabled": BOOL, "domains": ListOf(TENANT_DOMAIN),
    "dirSyncFeatures": Obj({f: BOOL for f in DIRSYNC_FEATURES}), "skus": ListOf(SKU),
}, required=("initialDomain",))

# ----- Azure AD Connect configuration ------------------------------------------------------------
PARTITION = Obj({"name": DOMAIN, "selected": BOOL, "inclusions": DNS, "exclusions": DNS},
                required=("name",))
CLAUSE = Obj({"attribute": STR, "operator": Enum(
    "EQUAL", "NOTEQUAL", "ISNOTNULL", "ISNULL", "STARTSWITH", "NOTSTARTSWITH", "ENDSWITH",
    "NOTENDSWITH", "CONTAINS", "NOTCONTAINS", "ISBITSET", "ISBITNOTSET", "LESSTHAN",
    "GREATERTHAN", "ISMEMBEROF"), "value": Either(STR, INT, BOOL)},
    required=("attribute", "operator"))
ATTRIBUTE_RULE = Obj({"name": STR, "precedence": INT,
                      "objectType": Enum("user", "inetOrgPerson", "group", "contact"),
                      "scope": ListOf(ListOf(CLAUSE), "a list of clause groups"),
                      "cloudFiltered": BOOL},
                     required=("name", "precedence", "objectType", "cloudFiltered"))
SYNC = Obj({
    "sourceAnchor": Enum("mS-DS-ConsistencyGuid", "objectGUID"),
    "partitions": ListOf(PARTITION), "groupFilter": REF,
    "attributeRules": ListOf(ATTRIBUTE_RULE), "excludedAttributes": STRS,
    "deletionThreshold": Obj({"enabled": BOOL, "threshold": INT}),
    "scheduler": Obj({"enabled": BOOL, "intervalMinutes": INT, "nextPolicyType":
                      Enum("Delta", "Initial")}),
    "stagingMode": BOOL, "consistencyGuidWriteback": BOOL,
})

# ----- cloud-only objects (MSOnline names), licences, Exchange Online ------------------------
CLOUD_USER = Obj({
    "UserPrincipalName": ADDR, "DisplayName": STR, "FirstName": STR, "LastName": STR,
    "Title": STR, "Department": STR, "City": STR, "Country": STR, "State": STR,
    "Office": STR, "PhoneNumber": STR, "MobilePhone": STR, "UsageLocation": STR,
    "BlockCredential": BOOL, "PasswordNeverExpires": BOOL, "UserType": Enum("Member", "Guest"),
    "ProxyAddresses": PROXIES, "Roles": STRS, "ImmutableId": STR,
}, required=("UserPrincipalName",), name="a cloud user mapping")
CLOUD_GROUP = Obj({
    "DisplayName": STR, "Description": STR,
    "GroupType": Enum("Security", "DistributionList", "MailEnabledSecurity"),
    "EmailAddress": ADDR, "ProxyAddresses": PROXIES, "Members": STRS,
}, required=("DisplayName",), name="a cloud group mapping")
CLOUD_CONTACT = Obj({"DisplayName": STR, "EmailAddress": ADDR, "FirstName": STR,
                     "LastName": STR, "ProxyAddresses": PROXIES},
                    required=("DisplayName", "EmailAddress"), name="a cloud contact mapping")
CLOUD = Obj({"users": ListOf(CLOUD_USER), "groups": ListOf(CLOUD_GROUP),
             "contacts": ListOf(CLOUD_CONTACT)})
LICENSE = Obj({"userPrincipalName": ADDR, "accountSkuId": STR, "disabledPlans": STRS,
               "usageLocation": STR}, required=("userPrincipalName", "accountSkuId"))
RECIPIENT_TYPES = ("UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox",
                   "MailUser", "MailContact", "MailUniversalDistributionGroup",
                   "MailUniversalSecurityGroup")
RECIPIENT = Obj({
    "Name": STR, "RecipientTypeDetails": Enum(*RECIPIENT_TYPES), "Alias": STR,
    "DisplayName": STR, "UserPrincipalName": ADDR, "PrimarySmtpAddress": ADDR,
    "EmailAddresses": PROXIES, "ExternalEmailAddress": STR, "ExchangeGuid": GUID,
    "ArchiveGuid": GUID, "ArchiveStatus": Enum("None", "Active"), "ArchiveName": STR,
    "ExternalDirectoryObjectId": GUID, "WhenSoftDeleted": Timestamp(), "IsInactiveMailbox": BOOL,
    "LitigationHoldEnabled": BOOL, "InPlaceHolds": STRS, "HiddenFromAddressListsEnabled": BOOL,
    "WhenCreated": Timestamp(), "LegacyExchangeDN": STR,
}, required=("Name", "RecipientTypeDetails"), name="a recipient mapping")
EXCHANGE = Obj({"recipients": ListOf(RECIPIENT)})

FIXTURE = Obj({
    "schema": INT, "kind": Enum("fixture"), "include": Either(STR, STRS),
    "description": STR, "tenant": TENANT, "onPremises": ON_PREMISES, "sync": SYNC,
    "cloud": CLOUD, "licenses": ListOf(LICENSE), "exchange": EXCHANGE, "initialSync": BOOL,
    "startConnected": BOOL,
    "initial_sync": BOOL,  # the spelling of the original brief, kept as an alias
}, required=("schema",))

# Lists under `include` that merge item by item on a key instead of being replaced.
MERGE_KEYS = {
    ("tenant", "domains"): "name", ("tenant", "skus"): "accountSkuId",
    ("onPremises", "domains"): "fqdn", ("onPremises", "organizationalUnits"): "dn",
    ("onPremises", "users"): "dn", ("onPremises", "groups"): "dn",
    ("onPremises", "contacts"): "dn", ("sync", "partitions"): "name",
    ("sync", "attributeRules"): "name", ("cloud", "users"): "UserPrincipalName",
    ("cloud", "groups"): "DisplayName", ("cloud", "contacts"): "EmailAddress",
    ("licenses",): ("userPrincipalName", "accountSkuId"), ("exchange", "recipients"): "Name",
}
