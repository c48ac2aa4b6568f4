"""The base of cmdlets that need a connected service (MSOnline, Exchange Online): the
connection is checked once in begin(), then run() is called per input object."""
from __future__ import annotations

from typing import Any, Iterable, Optional

from msolsh.runtime.cmdlet import Cmdlet


class ConnectedCmdlet(Cmdlet):
    connected = False

    def check_connection(self) -> bool:
        """True when connected; otherwise report the service's own error and return False."""
        raise NotImplementedError

    def begin(self) -> None:
        self.connected = self.check_connection()

    def process(self) -> Optional[Iterable[Any]]:
        return self.run() if self.connected else None

    def run(self) -> Optional[Iterable[Any]]:
        return None
