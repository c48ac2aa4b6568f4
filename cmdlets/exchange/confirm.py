"""Exchange's own confirmation prompts (ShouldProcess with a verbose description and warning).

Exchange cmdlets word their prompt themselves instead of pwsh's 'Performing the operation
"X" on target "Y".', so this asks through the session's prompt with that wording while still
honouring -WhatIf, -Confirm:$false and $ConfirmPreference as the processor does.
"""
from __future__ import annotations

from typing import Any

CHOICES = [
    ("&Yes", "Continue with only the next step of the operation."),
    ("Yes to &All", "Continue with all the steps of the operation."),
    ("&No", "Skip this operation and proceed with the next operation."),
    ("No to A&ll", "Skip this operation and all subsequent operations."),
]


def confirm(cmd: Any, description: str, what_if_target: str, always: bool = True) -> bool:
    """True when the action may go ahead. `always`: the cmdlet prompts even without -Confirm
    (as Set-User -PermanentlyClearPreviousMailboxInfo does); -Confirm:$false still skips it."""
    processor = getattr(cmd, "_processor", None)
    common = getattr(processor, "common", None)
    if getattr(common, "what_if", None):
        cmd.write_host(f"What if: {what_if_target}: {description}")
        return False
    requested = getattr(common, "confirm", None)
    if requested is False or (requested is None and not always):
        return True
    if getattr(processor, "yes_to_all", False):
        return True
    if getattr(processor, "no_to_all", False):
        return False
    message = ("Are you sure you want to perform this action?\n" + description +
               "\nDo you want to continue?")
    choice = cmd.session.prompt_choice("Confirm", message, CHOICES, 0)
    if processor is not None:
        processor.yes_to_all = choice == 1
        processor.no_to_all = choice == 3
    return choice in (0, 1)
