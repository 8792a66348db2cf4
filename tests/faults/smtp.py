"""An aiosmtpd handler that keeps what it accepts and misbehaves on request.

- `delay`: each DATA takes this long to answer (a slow server), so that a process killed at a
  random moment is often killed while a mail is on the wire;
- `hold("DATA")`: the next message is kept (it has arrived) and not answered until
  `release()`: a process can be killed while it waits for the server's "250";
  `hold("RCPT")`: the next recipient is not answered: killed there, the mail never arrives;
- `drop`: after keeping a message, close the connection instead of answering (the server
  has the mail; the sender cannot know).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

REPLY_TIMEOUT_S = 60


@dataclass(frozen=True)
class Received:
    rcpt_tos: list[str]
    mail_from: str
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def reminder_id(self) -> int:
        """The reminder a mail is about, read from its Message-ID <reminder-ID.DB@domain>."""
        return int(self.message_id.removeprefix("<reminder-").split(".", 1)[0])


class Sink:
    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[Received] = []
        self.delay = 0.0
        self.drop = False
        self._lock = threading.Lock()
        self._hold: str | None = None
        self.holding = threading.Event()  # set while a DATA is held
        self._released = threading.Event()

    def hold(self, stage: str = "DATA") -> None:
        """Do not answer the next RCPT or DATA command until `release()`."""
        self._released.clear()
        self.holding.clear()
        self._hold = stage

    def release(self) -> None:
        self._hold = None
        self._released.set()

    async def _held(self, stage: str) -> None:
        if self._hold == stage:
            self._hold = None
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(
                None, self._released.wait, REPLY_TIMEOUT_S
            )

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        await self._held("RCPT")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.received)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        with self._lock:
            self.received.append(
                Received(list(envelope.rcpt_tos), envelope.mail_from, envelope.original_content)
            )
        await self._held("DATA")
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow server, not a test waiting for time
        if self.drop:
            server.transport.close()
        return "250 OK"
