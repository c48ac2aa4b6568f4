"""Seeded, deterministic identifiers: GUIDs, SIDs and the 4 digits of quarantined UPNs.

Every id comes from sha256(seed, counter) so the same seed and the same sequence of operations
give the same ids; the whole state is (seed, counter), which makes snapshots trivial.
Knows nothing of the shell or of the stores.
"""
from __future__ import annotations

import base64
import hashlib
import uuid


class IdGenerator:
    __slots__ = ("seed", "counter")

    def __init__(self, seed=1, counter: int = 0):
        self.seed = seed
        self.counter = counter

    def _bytes(self, kind: str) -> bytes:
        self.counter += 1
        return hashlib.sha256(f"{self.seed}:{kind}:{self.counter}".encode()).digest()

    def guid(self) -> str:
        """A version-4-shaped GUID string (lower case, as .NET prints it)."""
        raw = bytearray(self._bytes("guid")[:16])
        raw[6] = (raw[6] & 0x0F) | 0x40
        raw[8] = (raw[8] & 0x3F) | 0x80
        h = raw.hex()  # the same text str(uuid.UUID(bytes=raw)) gives, without the object
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def four_digits(self) -> str:
        """The 4-digit number Azure AD appends to a quarantined UPN prefix (1000-9999)."""
        value = int.from_bytes(self._bytes("digits")[:4], "big")
        return str(1000 + value % 9000)

    def domain_sid(self) -> str:
        b = self._bytes("sid")
        parts = [int.from_bytes(b[i:i + 4], "big") % 4000000000 for i in (0, 4, 8)]
        return "S-1-5-21-" + "-".join(str(p) for p in parts)

    def hex_id(self, length: int = 8) -> str:
        return self._bytes("hex").hex()[:length]

    def to_data(self) -> dict:
        return {"seed": self.seed, "counter": self.counter}

    @classmethod
    def from_data(cls, data: dict) -> "IdGenerator":
        return cls(data["seed"], data["counter"])


def source_anchor(guid: str) -> str:
    """ImmutableId: base64 of the GUID's .NET ToByteArray() bytes (little-endian fields)."""
    return base64.b64encode(uuid.UUID(guid).bytes_le).decode("ascii")


def guid_from_anchor(anchor: str) -> str | None:
    """The GUID behind a base64 sourceAnchor, or None when it is not a 16-byte value."""
    try:
        raw = base64.b64decode(anchor, validate=True)
    except (ValueError, TypeError):
        return None
    return str(uuid.UUID(bytes_le=raw)) if len(raw) == 16 else None


def aad_cs_dn(anchor: str) -> str:
    """Azure AD connector-space DN: CN={hex of the UTF-8 bytes of sourceAnchor}."""
    return "CN={" + anchor.encode("utf-8").hex().upper() + "}"


def normalize_guid(value) -> str | None:
    """Canonical lower-case GUID text from a GUID string, uuid or 16 bytes (ToByteArray order)."""
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return str(uuid.UUID(bytes_le=bytes(value)))
    return str(uuid.UUID(str(value).strip("{}")))


EMPTY_GUID = "00000000-0000-0000-0000-000000000000"
