"""What the EXO Get- cmdlets share when they list: -ResultSize (default 1000, 'Unlimited', and
the warning when a list is cut), -Filter in OPATH, and enum-typed -RecipientTypeDetails.

Functions take the running cmdlet (for its error and warning channels) and plain records.
Knows nothing of the tenant's stores.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence

from msolsh.runtime.primitives import element_string

from .errors import bind_error, exo_record
from .opath import OpathError, compile_filter

DEFAULT_RESULT_SIZE = 1000
RESULT_SIZE_WARNING = (
    "By default, only the first 1000 items are returned. Use the ResultSize parameter to "
    "specify the number of items returned. To return all items, specify \"-ResultSize "
    "Unlimited\". Be aware that, depending on the actual number of items, returning all items "
    "can take a long time and consume a large amount of memory. Also, we don't recommend "
    "storing the results in a variable. Instead, pipe the results to another task or script to "
    "perform batch changes.")
MAILBOX_DETAILS = ("DiscoveryMailbox", "EquipmentMailbox", "GroupMailbox", "LegacyMailbox",
                   "LinkedMailbox", "LinkedRoomMailbox", "RoomMailbox", "SchedulingMailbox",
                   "SharedMailbox", "TeamMailbox", "UserMailbox")
RECIPIENT_DETAILS = (
    "DiscoveryMailbox", "DynamicDistributionGroup", "EquipmentMailbox", "GroupMailbox",
    "GuestMailUser", "LegacyMailbox", "LinkedMailbox", "LinkedRoomMailbox", "MailContact",
    "MailForestContact", "MailNonUniversalGroup", "MailUniversalDistributionGroup",
    "MailUniversalSecurityGroup", "MailUser", "PublicFolder", "PublicFolderMailbox",
    "RemoteEquipmentMailbox", "RemoteRoomMailbox", "RemoteSharedMailbox", "RemoteTeamMailbox",
    "RemoteUserMailbox", "RoomList", "RoomMailbox", "SchedulingMailbox", "SharedMailbox",
    "SharedWithMailUser", "TeamMailbox", "UserMailbox")
USER_DETAILS = ("DisabledUser", "EquipmentMailbox", "GuestMailUser", "LinkedUser", "MailUser",
                "RemoteUserMailbox", "RoomMailbox", "SharedMailbox", "User", "UserMailbox")
RECIPIENT_TYPES = ("DynamicDistributionGroup", "MailContact", "MailNonUniversalGroup",
                   "MailUniversalDistributionGroup", "MailUniversalSecurityGroup", "MailUser",
                   "PublicFolder", "UserMailbox")
ENUM_NS = "Microsoft.Exchange.Data.Directory.Recipient."


def result_size(cmd: Any, value: Any) -> Optional[int]:
    """None for Unlimited; the 1000 default when not given; bind error text otherwise."""
    if value is None:
        return DEFAULT_RESULT_SIZE
    text = element_string(value).strip()   # .NET's ToString: never a Python repr
    if text.lower() == "unlimited":
        return None
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 1:
        cmd.throw_terminating(bind_error(cmd, "ResultSize", f'Cannot convert value "{text}" to '
                                         'type "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]'
                                         '". Error: "Unlimited or a positive number is expected."'))
    return number


def enum_values(cmd: Any, parameter: str, values: Any, names: Sequence[str],
                type_name: str) -> Optional[set]:
    """The chosen enum names (case-insensitive), or a terminating binding error."""
    if not values:
        return None
    chosen = set()
    for value in values if isinstance(values, list) else [values]:
        text = element_string(value)   # .NET's ToString: never a Python repr
        for part in text.split(","):
            match = next((n for n in names if n.lower() == part.strip().lower()), None)
            if match is None:
                cmd.throw_terminating(bind_error(
                    cmd, parameter, f'Cannot convert value "{text}" to type "{ENUM_NS}'
                    f'{type_name}[]". Error: "Unable to match the identifier name {part.strip()} '
                    f'to a valid enumerator name. Specify one of the following enumerator names '
                    f'and try again:\n{", ".join(names)}"'))
            chosen.add(match)
    return chosen


def filter_predicate(cmd: Any, text: Any, sample_properties: Sequence[str]) -> Any:
    """A compiled -Filter, or None after writing Exchange's error for a bad one."""
    if text is None:
        return lambda record: True
    try:
        predicate = compile_filter(element_string(text), sample_properties)
    except OpathError as exc:
        cmd.write_error(exo_record(cmd, "Cannot bind parameter 'Filter' to the target. "
                                   f"Exception setting \"Filter\": \"{exc.message}\"",
                                   "System.Management.Automation.ParameterBindingException",
                                   category="InvalidArgument"))
        return None
    return lambda record: predicate(record.get)


def limited(cmd: Any, records: Iterable[Any], size: Optional[int]) -> Iterator[Any]:
    """Yield at most `size` records; warn (after them) when more were there."""
    count = 0
    for record in records:
        if size is not None and count >= size:
            if size == DEFAULT_RESULT_SIZE and not cmd.is_bound("ResultSize"):
                cmd.write_warning(RESULT_SIZE_WARNING)
            else:
                cmd.write_warning(f"There are more results available than are currently "
                                  f"displayed. To view them, increase the value for the "
                                  f"ResultSize parameter.")
            return
        count += 1
        yield record


def by_name(recipients: Iterable[Any]) -> List[Any]:
    """EXO lists recipients in name order (a documented simplification)."""
    return sorted(recipients, key=lambda r: ((r.name or "").lower(), r.guid))


def listing(cmd: Any, recipients: Iterable[Any], build: Callable[[Any], Any],
            accept: Callable[[Any], bool], filter_text: Any, properties: Sequence[str]
            ) -> Iterator[Any]:
    """The shared body of a Get- listing: type filter, OPATH filter, ResultSize."""
    size = result_size(cmd, getattr(cmd, "ResultSize", None))
    predicate = filter_predicate(cmd, filter_text, properties)
    if predicate is None:
        return
    records = (build(r) for r in by_name(r for r in recipients if accept(r)))
    yield from limited(cmd, (rec for rec in records if predicate(rec)), size)
