"""Get-ADDomain and Get-ADForest: the forest the simulated Azure AD Connect reads from.

The simulated forest has one domain controller per domain, named DC01.<domain> (the tenant
does not model DCs); everything else comes from tenant.directory. Knows nothing else.
"""
from __future__ import annotations

import uuid
from typing import Any, Iterator, List

from msolsh.runtime.cmdlet import Example, Parameter
from msolsh.runtime.values import PSObject

from .common import ADCmdlet, ad_cmdlet

NS = "Microsoft.ActiveDirectory.Management."
MODE_DOMAIN = "Windows2016Domain"
MODE_FOREST = "Windows2016Forest"


def dc_name(fqdn: str) -> str:
    return f"DC01.{fqdn}"


def complete_domains(session: Any, prefix: str) -> List[str]:
    return [d["fqdn"] for d in session.tenant.directory.domains
            if d["fqdn"].lower().startswith(prefix.lower())]


@ad_cmdlet("Get-ADDomain", output_type=NS + "ADDomain")
class GetADDomain(ADCmdlet):
    """Gets an Active Directory domain.

    Without -Identity, the domain of the current session (the forest root). The containers,
    SID, NetBIOS name and operations masters are shown as a list."""
    target_type = "ADDomain"
    examples = [Example("Get-ADDomain", "Gets the current domain."),
                Example("(Get-ADDomain).DistinguishedName", "The default naming context, the "
                                                            "'under:' part of not-found errors.")]
    Identity = Parameter("object", position=0, pipeline=True, complete=complete_domains,
                         help="Specifies the domain by DNS name, NetBIOS name, DN or SID.")
    Current = Parameter(str, help="LocalComputer or LoggedOnUser.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")
    Credential = Parameter("object", help="Specifies the account to run the command as.")

    def process(self) -> Iterator[Any]:
        yield self._record(self._domain())

    def _domain(self) -> dict:
        domains = self.directory.domains
        if self.Identity is None:
            return domains[-1]
        wanted = str(self.Identity).lower()
        for d in domains:
            if wanted in (d["fqdn"].lower(), d["netbios"].lower(), d["dn"].lower(),
                          d["sid"].lower()):
                return d
        self.fail(f"Cannot find an object with identity: '{self.Identity}' under: "
                  f"'{self.naming_context}'.", "ActiveDirectoryCmdlet:" + NS +
                  "ADIdentityNotFoundException", "ObjectNotFound",
                  NS + "ADIdentityNotFoundException", str(self.Identity))
        return domains[-1]

    def _record(self, d: dict) -> PSObject:
        dn, fqdn = d["dn"], d["fqdn"]
        root = self.directory.domains[-1]
        obj = self.directory.find(dn)
        children = [x["fqdn"] for x in self.directory.domains
                    if x is not d and x["fqdn"].lower().endswith("." + fqdn.lower())]
        values = {
            "AllowedDNSSuffixes": [], "ChildDomains": children,
            "ComputersContainer": f"CN=Computers,{dn}",
            "DeletedObjectsContainer": f"CN=Deleted Objects,{dn}", "DistinguishedName": dn,
            "DNSRoot": fqdn, "DomainControllersContainer": f"OU=Domain Controllers,{dn}",
            "DomainMode": MODE_DOMAIN, "DomainSID": d["sid"],
            "ForeignSecurityPrincipalsContainer": f"CN=ForeignSecurityPrincipals,{dn}",
            "Forest": self.directory.forest, "InfrastructureMaster": dc_name(fqdn),
            "LastLogonReplicationInterval": None, "LinkedGroupPolicyObjects":
                [f"CN={{31B2F340-016D-11D2-945F-00C04FB984F9}},CN=Policies,CN=System,{dn}"],
            "LostAndFoundContainer": f"CN=LostAndFound,{dn}", "ManagedBy": None,
            "Name": d["netbios"].lower() if d is not root else fqdn.split(".")[0],
            "NetBIOSName": d["netbios"], "ObjectClass": "domainDNS",
            "ObjectGUID": uuid.UUID(obj.guid) if obj is not None else None,
            "ParentDomain": None if d is root else root["fqdn"],
            "PDCEmulator": dc_name(fqdn), "PublicKeyRequiredPasswordRolling": True,
            "QuotasContainer": f"CN=NTDS Quotas,{dn}", "ReadOnlyReplicaDirectoryServers": [],
            "ReplicaDirectoryServers": [dc_name(fqdn)], "RIDMaster": dc_name(fqdn),
            "SubordinateReferences": [f"DC=ForestDnsZones,{root['dn']}",
                                      f"DC=DomainDnsZones,{dn}", f"CN=Configuration,{root['dn']}"],
            "SystemsContainer": f"CN=System,{dn}", "UsersContainer": f"CN=Users,{dn}",
        }
        return PSObject(values.items(), [NS + "ADDomain", NS + "ADPartition"] +
                        [NS + "ADObject", NS + "ADEntity", NS + "ADPropertyCollection",
                         "System.Object"])


@ad_cmdlet("Get-ADForest", output_type=NS + "ADForest")
class GetADForest(ADCmdlet):
    """Gets an Active Directory forest.

    Domains lists every domain; UPNSuffixes the alternative UPN suffixes users have (such as a
    subsidiary's domain), which must be verified in Azure AD for users to sign in with them."""
    target_type = "ADForest"
    examples = [Example("Get-ADForest", "Gets the current forest."),
                Example("(Get-ADForest).UPNSuffixes", "Lists the alternative UPN suffixes.")]
    Identity = Parameter("object", position=0, pipeline=True, complete=complete_domains,
                         help="Specifies the forest by DNS name.")
    Current = Parameter(str, help="LocalComputer or LoggedOnUser.")
    Server = Parameter(str, help="Specifies the domain controller to connect to.")
    Credential = Parameter("object", help="Specifies the account to run the command as.")

    def process(self) -> Iterator[Any]:
        directory = self.directory
        root = directory.domains[-1]
        if self.Identity is not None and str(self.Identity).lower() != directory.forest.lower():
            self.fail(f"Cannot find an object with identity: '{self.Identity}' under: "
                      f"'{self.naming_context}'.", "ActiveDirectoryCmdlet:" + NS +
                      "ADIdentityNotFoundException", "ObjectNotFound",
                      NS + "ADIdentityNotFoundException", str(self.Identity))
        fqdns = sorted(d["fqdn"] for d in directory.domains)
        values = {
            "ApplicationPartitions": [f"DC=DomainDnsZones,{d['dn']}" for d in directory.domains] +
                                     [f"DC=ForestDnsZones,{root['dn']}"],
            "CrossForestReferences": [], "DomainNamingMaster": dc_name(root["fqdn"]),
            "Domains": fqdns, "ForestMode": MODE_FOREST,
            "GlobalCatalogs": [dc_name(f) for f in fqdns], "Name": directory.forest,
            "PartitionsContainer": f"CN=Partitions,CN=Configuration,{root['dn']}",
            "RootDomain": root["fqdn"], "SchemaMaster": dc_name(root["fqdn"]),
            "Sites": ["Default-First-Site-Name"], "SPNSuffixes": [],
            "UPNSuffixes": self._upn_suffixes(fqdns),
        }
        yield PSObject(values.items(), [NS + "ADForest", "System.Object"])

    def _upn_suffixes(self, fqdns: List[str]) -> List[str]:
        known = {f.lower() for f in fqdns}
        found = {}
        for obj in self.directory.live_objects():
            upn = obj.attrs.get("userPrincipalName")
            if upn and "@" in upn:
                suffix = upn.rsplit("@", 1)[1]
                if suffix.lower() not in known:
                    found.setdefault(suffix.lower(), suffix)
        return sorted(found.values(), key=str.lower)
