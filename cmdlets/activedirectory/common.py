"""What every ActiveDirectory cmdlet shares: the ADCmdlet base (identity resolution with the
module's not-found errors, tenant DirectoryErrors as ADException records, filter errors), the
search behind every Get-AD* (-Filter/-LDAPFilter/-SearchBase/-SearchScope/-ResultSetSize), the
-WhatIf/-Confirm/-PassThru handling of the write cmdlets (ADWriter). Completers are in
completers.py (re-exported here).

Errors are terminating, as in the real module (its identity errors ignore -ErrorAction
SilentlyContinue; try/catch sees them). Knows the tenant only through tenant.directory.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, List, Optional

from msolsh.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from msolsh.runtime.values import PSObject
from msolsh.tenant import dn as dnlib
from msolsh.tenant.errors import DirectoryError, IdentityNotFoundError

from . import identity as ident
from .attributes import USER_CLASSES  # noqa: F401  (re-exported for the cmdlet modules)
from .completers import (complete_containers, complete_groups, complete_objects,  # noqa: F401
                         complete_principals, complete_users, completer)
from .modify import NullArgument
from .adfilter import FilterError, parse_filter
from .ldapfilter import parse_ldap
from .records import build

MODULE = "ActiveDirectory"
NS = "Microsoft.ActiveDirectory.Management"
COMMANDS = NS + ".Commands."
NOT_FOUND_ID = "ActiveDirectoryCmdlet:" + NS + ".ADIdentityNotFoundException"
SCOPES = ("Base", "OneLevel", "Subtree")
_UNDEFINED = object()


def ad_cmdlet(name: str, **kwargs: Any) -> Callable[[type], type]:
    """@cmdlet for the ActiveDirectory module; binding errors name the real class."""
    def decorate(cls: type) -> type:
        cls.fq_class = COMMANDS + name.replace("-", "")
        return cmdlet(name, module=MODULE, **kwargs)(cls)
    return decorate


class ADCmdlet(Cmdlet):
    """Base of the AD cmdlets. `target_type` is the noun CategoryInfo shows (ADUser...)."""

    target_type = "ADObject"

    @property
    def directory(self) -> Any:
        return self.session.tenant.directory

    @property
    def naming_context(self) -> str:
        return self.directory.domains[-1]["dn"]

    # -- errors ---------------------------------------------------------------------------
    def fail(self, message: str, error_id: str, category: str, exception: str,
             target: Any = None) -> None:
        record = self.error_record(message, error_id, category, target=target,
                                   exception_type=exception, fq_class=self.fq_class,
                                   target_type=self.target_type if target is not None else None)
        self.throw_terminating(record)

    def not_found(self, identity: Any, message: Optional[str] = None) -> None:
        text = ident.identity_text(identity)
        if message is None:
            message = ("Directory object not found" if ident.is_dn(text) else
                       f"Cannot find an object with identity: '{text}' under: "
                       f"'{self.naming_context}'.")
        self.fail(message, NOT_FOUND_ID, "ObjectNotFound", NS + ".ADIdentityNotFoundException",
                  text)

    def fail_from(self, exc: DirectoryError, target: Any = None) -> None:
        if isinstance(exc, IdentityNotFoundError):
            self.fail(exc.message, NOT_FOUND_ID, "ObjectNotFound",
                      NS + ".ADIdentityNotFoundException", ident.identity_text(target))
        self.fail(exc.message, f"ActiveDirectoryServer:{exc.code}", "NotSpecified",
                  NS + ".ADException", ident.identity_text(target))

    def fail_filter(self, exc: FilterError) -> None:
        if exc.ldap:
            self.fail(exc.message, "ActiveDirectoryServer:8254", "NotSpecified",
                      NS + ".ADException")
        self.fail(exc.message, "ActiveDirectoryCmdlet:" + NS + ".ADFilterParsingException",
                  "ParserError", NS + ".ADFilterParsingException")

    # -- lookups --------------------------------------------------------------------------
    def resolve(self, identity: Any, classes: Optional[Iterable[str]] = None,
                include_deleted: bool = False) -> Any:
        """The object -Identity names (of one of `classes`), or the not-found error."""
        obj = ident.resolve(self.directory, identity, include_deleted,
                            principal=self.target_type not in ("ADObject", "ADOrganizationalUnit"))
        if obj is None or (classes is not None and obj.object_class not in classes):
            self.not_found(identity)
        return obj

    def record(self, obj: Any, kind: Optional[str] = None, properties: Any = ()) -> PSObject:
        return build(obj, self.directory, kind, properties or ())

    def variable(self, reference: str) -> Any:
        """$name or $name.Property inside a script-block filter, read from the caller."""
        name, *members = reference.lstrip("$").strip("{}").split(".")
        scope = getattr(self._processor, "scope", None)
        value = scope.lookup(name.lower(), _UNDEFINED) if scope is not None else _UNDEFINED
        if value is _UNDEFINED:
            self.fail(f"Variable: '{name}' found in expression: ${name} is not defined.",
                      "ActiveDirectoryCmdlet:System.ArgumentException", "InvalidArgument",
                      "System.ArgumentException")
        for member in members:
            value = value.get(member) if isinstance(value, PSObject) else None
        return value

    def search(self, classes: Optional[Iterable[str]],
               include_deleted: bool = False) -> Iterator[Any]:
        """Objects of `classes` matching -Filter or -LDAPFilter under -SearchBase/-SearchScope."""
        try:
            if getattr(self, "LDAPFilter", None) is not None:
                node = parse_ldap(self.LDAPFilter)
            else:
                node = parse_filter(self.Filter, self.variable)
        except FilterError as exc:
            self.fail_filter(exc)
            return
        base = getattr(self, "SearchBase", None) or self.naming_context
        if not include_deleted and self.directory.find(base) is None:
            self.not_found(base, "Directory object not found")
        scope = self._scope()
        limit = getattr(self, "ResultSetSize", None)
        wanted = set(classes) if classes is not None else None
        count = 0
        for obj in _candidates(node, self.directory, include_deleted):
            if limit is not None and count >= int(limit):
                return
            if (obj.deleted and not include_deleted) or (wanted and obj.object_class not in wanted):
                continue
            if not _in_scope(obj.dn, base, scope) or not node.test(obj, self.directory):
                continue
            count += 1
            yield obj

    def _scope(self) -> str:
        value = getattr(self, "SearchScope", None)
        if value is None:
            return "Subtree"
        for name in SCOPES:
            if str(value).lower() in (name.lower(), str(SCOPES.index(name))):
                return name
        self.fail(f"Cannot bind parameter 'SearchScope'. Cannot convert value \"{value}\" to type "
                  f"\"{NS}.ADSearchScope\". Error: \"Unable to match the identifier name {value} "
                  f"to a valid enumerator name. Specify one of the following enumerator names "
                  f"and try again:\n{', '.join(SCOPES)}\"", "CannotConvertArgumentNoMessage",
                  "InvalidArgument", "System.Management.Automation.ParameterBindingException")
        return "Subtree"


class ADWriter(ADCmdlet):
    """Base of the write cmdlets: -WhatIf/-Confirm, tenant refusals as ADException records,
    and -PassThru (silent without it, as the real module)."""

    def apply(self, obj: Any, action: Callable[[Any], Any], kind: str = "ADUser",
              verb: Optional[str] = None) -> Iterator[Any]:
        """Run `action(obj)` on an existing object (its DN is the ShouldProcess target)."""
        if not self.should_process(obj.dn, verb):
            return
        obj = self._guarded(action, obj, self.bound.get("Identity", obj.dn))
        if getattr(self, "PassThru", False) and obj is not None:
            yield self.record(obj, kind)

    def create(self, dn: str, factory: Callable[[], Any], kind: str) -> Iterator[Any]:
        """New-AD*: `factory()` creates the object at `dn`."""
        if not self.should_process(dn, "New"):
            return
        obj = self._guarded(lambda _: factory(), None, dn)
        if getattr(self, "PassThru", False) and obj is not None:
            yield self.record(obj, kind)

    def _guarded(self, action: Callable[[Any], Any], obj: Any, target: Any) -> Any:
        try:
            return action(obj)
        except DirectoryError as exc:
            self.fail_from(exc, target)
        except NullArgument as exc:
            self.fail(exc.message, "ParameterArgumentValidationError", "InvalidData",
                      "System.Management.Automation.ParameterBindingValidationException")
        return None


_INDEXED = {"samaccountname": "by_sam", "userprincipalname": "by_upn",
            "distinguishedname": "find", "objectguid": "find"}


def _candidates(node: Any, directory: Any, include_deleted: bool) -> List[Any]:
    """Objects a filter can match: one index lookup for `<indexed attribute> -eq 'value'`
    (the common trainee query), every object otherwise (snapshot: writes may follow)."""
    lookup = _INDEXED.get(getattr(node, "attribute", "").lower())
    value = getattr(node, "value", None)
    if lookup and not include_deleted and node.op == "eq" and isinstance(value, str) \
            and "*" not in value:
        found = getattr(directory, lookup)(value)
        return [found] if found is not None else []
    return list(directory.objects.values())


def _in_scope(dn: str, base: str, scope: str) -> bool:
    if scope == "Base":
        return dn.lower() == base.lower()
    if scope == "OneLevel":
        return dnlib.parent(dn).lower() == base.lower()
    return dnlib.is_under(dn, base)


def complete_scope(session: Any, prefix: str) -> List[str]:
    return [x for x in SCOPES if x.lower().startswith(prefix.lower())]


# -- parameters every Get-AD* shares ------------------------------------------------------------
def search_parameters(complete_identity: Callable) -> dict:
    """The Filter / Identity / LdapFilter parameter sets, as Get-ADUser declares them."""
    return dict(
        Filter=Parameter("object", set="Filter", mandatory=True,
                         help="Specifies a query string in the PowerShell Expression Language "
                              "syntax, for example \"Department -eq 'Sales'\", or * for all."),
        Identity=Parameter("object", set="Identity", mandatory=True, position=0, pipeline=True,
                           complete=complete_identity,
                           help="Specifies an object by distinguished name, GUID, security "
                                "identifier (SID) or SAM account name."),
        LDAPFilter=Parameter(str, set="LdapFilter", mandatory=True,
                             help="Specifies an LDAP query string, for example "
                                  "(&(objectClass=user)(department=Sales))."),
        Properties=Parameter("string[]", aliases=("Property",),
                             help="Specifies the properties to retrieve besides the default set; "
                                  "* retrieves all of them."),
        SearchBase=Parameter(str, set=("Filter", "LdapFilter"), complete=complete_containers,
                             help="Specifies the Active Directory path to search under."),
        SearchScope=Parameter(str, set=("Filter", "LdapFilter"),
                              complete=complete_scope,
                              help="Specifies the scope of the search: Base, OneLevel or Subtree "
                                   "(the default)."),
        ResultSetSize=Parameter("int", set=("Filter", "LdapFilter"),
                                help="Specifies the maximum number of objects to return; $null "
                                     "(the default) returns all."),
        ResultPageSize=Parameter("int", set=("Filter", "LdapFilter"),
                                 help="Specifies the number of objects per page (256)."),
        Server=Parameter(str, help="Specifies the domain controller to connect to."),
        Credential=Parameter("object", help="Specifies the account to run the command as."),
        AuthType=Parameter(str, help="Specifies the authentication method: Negotiate or Basic."),
    )


def declare(params: dict) -> Callable[[type], type]:
    """Class decorator (placed under @ad_cmdlet): adds shared Parameter declarations."""
    def decorate(cls: type) -> type:
        for name, param in params.items():
            param.name = name
            setattr(cls, name, param)
        return cls
    return decorate
