"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the mail and job tests."""

import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Handler:
    def __init__(self, inbox: "MailServer") -> None:
        self.inbox = inbox

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        answer = self.inbox.refuse.get(address.lower())
        if answer is not None:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.inbox.lock:
            self.inbox.received.append(message)
        return "250 Message accepted for delivery"


class MailServer:
    """An SMTP server on 127.0.0.1:port; start() and stop() it to simulate an outage."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.received: list[EmailMessage] = []
        # Address -> the SMTP answer to its RCPT TO, e.g. "550 5.1.1 No such mailbox" (fault injection).
        self.refuse: dict[str, str] = {}
        self.lock = threading.Lock()
        self._controller: Controller | None = None

    def start(self) -> "MailServer":
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return list(self.received)

    def recipients(self) -> list[str]:
        return sorted(str(m["To"]) for m in self.messages)

    def wait_for(self, count: int, timeout: float = 15.0) -> list[EmailMessage]:
        """Wait (bounded) until at least `count` mails have arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.05)
        return self.messages


def text_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())
