"""ProxyCalc for cloud-only users: the proxy addresses Azure AD gives a user it masters.

Follows sync-engine.md §3.5 and §11 in the simplest documented form:
  * a cloud user with `mail` gets it as its primary `SMTP:` address; one with an enabled
    Exchange Online plan gets its `mail`, else its UPN, as primary (verified domains only);
  * a user with an Exchange plan also gets its MOERA, `smtp:<mailNickname>@<initial domain>`
    (Microsoft Online Email Routing Address, e.g. ann@contoso.onmicrosoft.com);
  * a changed UPN is added as a secondary `smtp:` address; existing addresses stay, except
    that addresses on unverified domains are dropped for users with an Exchange plan;
  * an address another object holds is not added (the first holder keeps it).
Synced users are not touched here: their addresses come from on-premises (aad_provisioning.py).
The real ProxyCalc also adds SIP: and hybrid (mail.onmicrosoft.com) addresses; msolsh does not.
Knows nothing of the shell, the sync engine or Exchange.
"""
from __future__ import annotations


def cloud_proxy_addresses(user, mailbox_plan: bool, is_verified, initial_domain: str,
                          taken_by_other) -> list[str]:
    """The proxy addresses `user` should have; `taken_by_other(address)` says whether another
    object already holds an address."""
    proxies = list(user.proxy_addresses)
    if mailbox_plan:
        proxies = [p for p in proxies if not p.lower().startswith("smtp:")
                   or is_verified(_domain(p))]
    if not (mailbox_plan or user.mail):
        return proxies
    lowered = {p.split(":", 1)[-1].lower() for p in proxies if p.lower().startswith("smtp:")}
    candidates = (user.mail, user.user_principal_name) if mailbox_plan else (user.mail,)
    wanted = [a for a in candidates if a and "@" in a and is_verified(_domain(a))]
    if mailbox_plan and user.mail_nickname:
        wanted.append(f"{user.mail_nickname}@{initial_domain}")
    has_primary = any(p.startswith("SMTP:") for p in proxies)
    for address in wanted:
        if address.lower() in lowered or taken_by_other(address):
            continue
        proxies.append(("smtp:" if has_primary else "SMTP:") + address)
        lowered.add(address.lower())
        has_primary = True
    return _primary_first(proxies)


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1]


def _primary_first(proxies: list[str]) -> list[str]:
    return sorted(proxies, key=lambda p: not p.startswith("SMTP:"))
