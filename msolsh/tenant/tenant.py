"""The Tenant façade: every stage's store, the sync engine, the scheduler and the clock.

API note for the fixture loader and the cmdlets (all names below are stable):

    t = Tenant(seed=1, initial_domain="contoso.onmicrosoft.com", forest="contoso.com",
               clock_start="2026-01-05T09:00:00Z", company_name="Contoso")
    # On-premises AD (msolsh/tenant/directory.py). The forest root domain exists already.
    t.directory.add_domain("emea.contoso.com", netbios="EMEA")           # extra domains
    t.directory.add_ou("OU=Sales,DC=contoso,DC=com", {"description": "..."})
    t.directory.add_user(dn, {"sAMAccountName": "ann", "userPrincipalName": "ann@contoso.com",
                              "proxyAddresses": ["SMTP:ann@contoso.com"], "mailNickname": "ann",
                              "objectGUID": "<guid, optional>", "msExchMailboxGuid": "<guid>"},
                         object_class="user")   # or "inetOrgPerson"; attrs use LDAP names
    t.directory.add_group(dn, {"sAMAccountName": ..., "groupType": -2147483646,
                               "member": [member DNs, which must exist]})
    t.directory.add_contact(dn, {"mail": ..., "proxyAddresses": [...]})
    t.directory.set_attribute(dn_or_guid_or_sam, name, value)  # value None clears; GUID-valued
                               # octet attributes take bytes/uuid (a str raises error 8322)
    t.directory.move(...), rename(...), delete(...), restore(guid), add_member(group, member)
    # Sync configuration (msolsh/tenant/config.py): t.sync.config is t.config
    t.config.anchor_attribute = "objectGUID"            # or "mS-DS-ConsistencyGuid" (default)
    t.config.select_domain(fqdn, False); t.config.include_ou(fqdn, dn); t.config.exclude_ou(...)
    t.config.group_filter = group_dn; t.config.add_attribute_rule(name, "user", scope, True)
    t.config.deletion_threshold = 500; t.config.deletion_threshold_enabled = True
    t.config.staging_mode = False; t.config.excluded_attributes = ["msExchMailboxGuid"]
    t.scheduler.configure(customized_interval=timedelta(hours=1), sync_cycle_enabled=True)
    # Azure AD (msolsh/tenant/aad.py)
    t.aad.add_domain("contoso.com", verified=True, authentication="Managed"|"Federated")
    t.aad.add_sku("contoso:ENTERPRISEPACK", ["EXCHANGE_S_ENTERPRISE", ...], active_units=25)
    t.aad.set_feature("BlockSoftMatch", False); t.aad.company["DisplayName"] = ...
    u = t.aad.add_cloud_user("admin@contoso.onmicrosoft.com", "Admin", usage_location="US",
                             roles=["Company Administrator"], proxy_addresses=[...])
    t.aad.assign_license(u.object_id, "contoso:ENTERPRISEPACK", disabled_plans=())
    t.aad.add_cloud_group(name, group_type="Security"|"DistributionList"|"MailEnabledSecurity")
    t.aad.add_cloud_contact(name, mail=..., proxy_addresses=[...])
    t.aad.find_user(upn_or_object_id)     # UserNotFoundException text when missing
    t.aad.set_user(id, UsageLocation="US")  # Set-MsolUser names; synced users refuse most
    t.aad.set_user_principal_name(id, new_upn); t.aad.remove_license(id, sku)
    t.aad.set_license_options(id, sku, disabled_plans)   # -LicenseOptions on an assigned SKU
    t.aad.set_dirsync_enabled(False)      # Set-MsolDirSyncEnabled; t.aad.dirsync_enabled
    # add_cloud_user/set_user_principal_name refuse unverified domains
    # (InvalidUserPrincipalNameException); cloud users' proxy addresses follow ProxyCalc
    t.aad.remove_user(id, remove_from_recycle_bin=False); t.aad.restore_user(id, ...)
    t.aad.service_status(user, sku); t.aad.with_provisioning_errors(); t.aad.features
    t.exchange.get(identity, include_soft_deleted=False); t.exchange.find(...)
    t.exchange.set_recipient(identity, "Set-Mailbox", EmailAddresses=[...])  # write scope
    t.exchange.remove_permanently(id); undo_soft_delete(id); enable_archive(id)
    t.exchange.clear_previous_mailbox_info(id)    # Set-User -PermanentlyClearPreviousMailboxInfo
    # Exchange Online-only state (msolsh/tenant/exchange.py)
    t.exchange.add_cloud_recipient("MailContact", "Partner Bob",
                                   email_addresses=["SMTP:bob@contoso.com"])
    # Running things
    t.sync.run_cycle("Initial"|"Delta"); t.sync.run_profile(connector_name, "Delta Import")
    t.sync.history (runs, oldest first); t.sync.event_log; t.sync.connector_statistics(name)
    t.ad_cs / t.aad_cs (.objects, .by_dn(dn), .by_anchor(a)); t.metaverse.get(mv_id)
    t.scheduler.properties()              # Get-ADSyncScheduler, real property order
    t.scheduler.start_cycle("Delta")      # Start-ADSyncSyncCycle (busy error while running)
    t.advance(seconds)                    # Start-Sleep: fires scheduler cycles, forward syncs
    t.request_forward_sync(object_id)     # Request-ForwardSync / Redo-MsolProvisionUser
    t.forward_sync.hold(object_id); t.forward_sync.fail(object_id, text)  # fixture states
    t.trace(identity)                     # where an object stands in each of the six stages
    data = t.snapshot(); t2 = Tenant.restore(data)   # plain data; restore(snapshot()) == same

Knows nothing of the shell (no msolsh.runtime, no msolsh.language).
"""
from __future__ import annotations

from .aad import AzureAD
from .clock import DEFAULT_START, Clock
from .config import SyncConfig
from .connector_space import AAD_CONNECTOR_ID, ConnectorSpace
from .directory import Directory
from .exchange import ExchangeOnline
from .forward_sync import ForwardSync
from .gc_pause import gc_paused
from .ids import IdGenerator
from .metaverse import Metaverse
from .scheduler import Scheduler
from .sync_engine import SyncEngine
from .trace import trace_object

SNAPSHOT_VERSION = 1
AAD_SUBTYPE = "Windows Azure Active Directory (Microsoft)"


class Tenant:
    def __init__(self, seed=1, initial_domain: str = "contoso.onmicrosoft.com",
                 forest: str = "contoso.com", clock_start=DEFAULT_START,
                 company_name: str | None = None, forest_netbios: str | None = None):
        self.ids = IdGenerator(seed)
        self.clock = Clock(clock_start)
        self.directory = Directory(forest, self.ids)
        self.directory.add_domain(forest, netbios=forest_netbios)
        self.config = SyncConfig()
        self.ad_cs = ConnectorSpace(forest, self.ids.guid(), "AD")
        self.aad_cs = ConnectorSpace(f"{initial_domain} - AAD", AAD_CONNECTOR_ID,
                                     "Extensible2", AAD_SUBTYPE)
        self.metaverse = Metaverse()
        self.aad = AzureAD(initial_domain, self.clock, self.ids)
        self.aad.company.update(ObjectId=self.ids.guid(), InitialDomain=initial_domain,
                                DirSyncServiceAccount=f"Sync_AADCONNECT01_{self.ids.hex_id(12)}"
                                                      f"@{initial_domain}")
        if company_name:
            self.aad.company["DisplayName"] = company_name
        self.exchange = ExchangeOnline(initial_domain, self.clock, self.ids)
        self._wire(schedule=True)

    def _wire(self, schedule: bool) -> None:
        self.sync = SyncEngine(self.directory, self.ad_cs, self.metaverse, self.aad_cs,
                               self.aad, self.config, self.clock, self.ids)
        self.sync.config = self.config
        self.scheduler = Scheduler(self.clock, self.sync, schedule=schedule)
        self.forward_sync = ForwardSync(self.aad, self.exchange, self.clock, self.ids)
        self.clock.on("recycle-bin-purge", self.aad.purge_expired)

    @property
    def initial_domain(self) -> str:
        return self.aad.initial_domain

    @property
    def event_log(self) -> list[dict]:
        return self.sync.event_log

    # ----- actions -----------------------------------------------------------------------------
    def advance(self, seconds: float) -> int:
        """Move simulated time on, running whatever falls due (cycles, forward syncs, purges)."""
        return self.clock.advance(seconds)

    def request_forward_sync(self, object_id) -> None:
        self.forward_sync.request(str(object_id))

    def trace(self, identity) -> dict:
        return trace_object(self, identity)

    # ----- snapshot / restore ----------------------------------------------------------------------
    def snapshot(self) -> dict:
        with gc_paused():  # bulk allocation without cycles (gc_pause.py)
            return self._snapshot()

    def _snapshot(self) -> dict:
        return {  # every store's to_data() already returns fresh plain data
            "version": SNAPSHOT_VERSION, "ids": self.ids.to_data(), "clock": self.clock.to_data(),
            "directory": self.directory.to_data(), "config": self.config.to_data(),
            "ad_cs": self.ad_cs.to_data(), "metaverse": self.metaverse.to_data(),
            "aad_cs": self.aad_cs.to_data(), "aad": self.aad.to_data(),
            "exchange": self.exchange.to_data(), "sync": self.sync.to_data(),
            "scheduler": self.scheduler.to_data(), "forward_sync": self.forward_sync.to_data()}

    @classmethod
    def restore(cls, data: dict) -> "Tenant":
        with gc_paused():
            return cls._restore(data)

    @classmethod
    def _restore(cls, data: dict) -> "Tenant":
        if data.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"unsupported tenant snapshot version {data.get('version')!r}")
        t = cls.__new__(cls)
        t.ids = IdGenerator.from_data(data["ids"])
        t.clock = Clock.from_data(data["clock"])
        t.directory = Directory.from_data(data["directory"], t.ids)
        t.config = SyncConfig.from_data(data["config"])
        t.ad_cs = ConnectorSpace.from_data(data["ad_cs"])
        t.aad_cs = ConnectorSpace.from_data(data["aad_cs"])
        t.metaverse = Metaverse.from_data(data["metaverse"])
        t.aad = AzureAD.from_data(data["aad"], t.clock, t.ids)
        t.exchange = ExchangeOnline.from_data(data["exchange"], t.clock, t.ids)
        t._wire(schedule=False)
        t.sync.load_data(data["sync"])
        t.scheduler.load_data(data["scheduler"])
        t.forward_sync.load_data(data["forward_sync"])
        return t
