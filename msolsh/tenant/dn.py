"""Distinguished-name helpers (RFC 4514 as AD writes it). Pure functions, no state."""
from __future__ import annotations


def split(dn: str) -> list[str]:
    """RDNs of a DN, honouring backslash escapes."""
    if "\\" not in dn:
        return [p.strip() for p in dn.split(",")] if dn else []
    parts, current, escaped = [], [], False
    for ch in dn:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == ",":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    if current:
        parts.append("".join(current).strip())
    return parts


def normalize(dn: str) -> str:
    return ",".join(split(dn))


def rdn(dn: str) -> str:
    return split(dn)[0]


def rdn_value(dn: str) -> str:
    value = rdn(dn).split("=", 1)[-1]
    return unescape(value)


def parent(dn: str) -> str:
    return ",".join(split(dn)[1:])


def escape(value: str) -> str:
    out = "".join("\\" + c if c in ',+"\\<>;=' else c for c in value)
    return ("\\" + out) if out.startswith(("#", " ")) else out


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append(value[i + 1])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def domain_dn(fqdn: str) -> str:
    return ",".join(f"DC={label}" for label in fqdn.split("."))


def is_under(dn: str, base: str) -> bool:
    low, base = dn.lower(), base.lower()
    return low == base or low.endswith("," + base)
