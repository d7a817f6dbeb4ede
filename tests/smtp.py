"""A real SMTP server on loopback for the tests (aiosmtpd), one that accepts and one that refuses mail.

Fixtures (exposed through tests/conftest.py): ``smtp_server`` (accepts, collects messages), ``refusing_smtp_server``
(answers 550 to every message), ``smtp_down`` (a loopback port where nothing listens; ``.start()`` brings a real
server up on it later). Each points Django's SMTP backend at itself through the ``settings`` fixture.
"""
from __future__ import annotations

import email
import email.policy
import socket
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class CollectingHandler:
    """Accepts every message and keeps it, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                      policy=email.policy.default))
        return "250 OK"


class RefusingHandler:
    """Refuses every message permanently, as a mailbox that does not exist."""

    def __init__(self) -> None:
        self.refused = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.refused += 1
        return "550 5.1.1 Mailbox unavailable (test server refuses mail)"


class SMTPServer:
    """A controller bound to one loopback port; start/stop may be called repeatedly."""

    def __init__(self, handler, port: int | None = None) -> None:
        self.handler = handler
        self.host = HOST
        self.port = port or free_port()
        self.controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return getattr(self.handler, "messages", [])

    def start(self) -> SMTPServer:
        if self.controller is None:
            self.controller = Controller(self.handler, hostname=self.host, port=self.port, ready_timeout=10)
            self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def configure(self, settings) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = self.host
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    server = SMTPServer(CollectingHandler()).start()
    server.configure(settings)
    yield server
    server.stop()


@pytest.fixture
def refusing_smtp_server(settings):
    server = SMTPServer(RefusingHandler()).start()
    server.configure(settings)
    yield server
    server.stop()


@pytest.fixture
def smtp_down(settings):
    """Nothing listens on the port yet: connections are refused until the test calls ``.start()``."""
    server = SMTPServer(CollectingHandler())
    server.configure(settings)
    yield server
    server.stop()
