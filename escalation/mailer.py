"""SMTP adapter for reminder mail (host, port, TLS and credentials from the settings).

Headers are built from the email package's address objects, never by pasting text: a recipient
is one address or the mail is refused, and the envelope names exactly that one recipient.
"""

from __future__ import annotations

import smtplib
import ssl
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses

from escalation.config import Settings
from escalation.domain.errors import MailError
from escalation.domain.handlers import is_one_address
from escalation.i18n import _


class SmtpMailer:
    """Sends one message per call over a fresh connection: a reminder run sends few mails."""

    def __init__(self, settings: Settings) -> None:
        if settings.smtp_host is None:
            raise ValueError("SmtpMailer needs settings.smtp_host")
        self._settings = settings
        self._host = settings.smtp_host
        self._sender = sender(settings.mail_from)

    def send(self, *, to: str, subject: str, body: str, reference: str) -> None:
        recipient = _recipient(to)
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = recipient
        message["Subject"] = one_line(subject)
        message["Date"] = formatdate(localtime=False)
        # The same reminder is the same message, however often it is sent (docs/guarantees.md).
        message["Message-ID"] = f"<{reference}@{self._sender.domain or 'escalation'}>"
        message.set_content(_printable_text(body))
        try:
            with self._connect() as smtp:
                user, password = self._settings.smtp_user, self._settings.smtp_password
                if user and password:
                    smtp.login(user, password.get_secret_value())
                smtp.send_message(
                    message, from_addr=self._sender.addr_spec, to_addrs=[recipient.addr_spec]
                )
        except (OSError, smtplib.SMTPException) as err:
            raise MailError(
                _("mail to {to} via {host} failed: {problem}").format(
                    to=recipient.addr_spec, host=self._host, problem=err
                )
            ) from None

    def _connect(self) -> smtplib.SMTP:
        s = self._settings
        if s.smtp_security == "ssl":
            return smtplib.SMTP_SSL(
                self._host,
                s.smtp_port,
                timeout=s.smtp_timeout_seconds,
                context=ssl.create_default_context(),
            )
        smtp = smtplib.SMTP(self._host, s.smtp_port, timeout=s.smtp_timeout_seconds)
        if s.smtp_security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        return smtp


def sender(mail_from: str) -> Address:
    """The From address of the settings (checked there: one address, maybe with a name)."""
    ((name, address),) = getaddresses([mail_from])
    return Address(display_name=one_line(name), addr_spec=address)


def _recipient(to: str) -> Address:
    if not is_one_address(to):
        raise MailError(_("{to} is not one e-mail address; nothing was sent.").format(to=repr(to)))
    try:
        return Address(addr_spec=to)
    except (ValueError, IndexError, HeaderParseError):
        raise MailError(
            _("{to} is not one e-mail address; nothing was sent.").format(to=repr(to))
        ) from None


def one_line(text: str) -> str:
    """A header value: line breaks and other control characters become single spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _printable_text(text: str) -> str:
    """A mail body: lines kept, other control characters (ANSI, bidi overrides) left out."""
    return "\n".join(
        "".join(c for c in line if c.isprintable() or c == "\t") for line in text.split("\n")
    )


def recipient_resolver(settings: Settings) -> RecipientResolver:
    return RecipientResolver(dict(settings.handler_emails), settings.mail_domain)


class RecipientResolver:
    """A handler's e-mail address: as given, from the settings' list, or name@mail_domain.

    What comes out is checked once more by the mailer: a handler stored before handlers were
    checked may be anything ("anna@igj.example, x@evil.example" is refused there, not mailed).
    """

    def __init__(self, addresses: dict[str, str], domain: str | None) -> None:
        self._addresses = {k.lower(): v for k, v in addresses.items()}
        self._domain = domain

    def __call__(self, handler: str | None) -> str | None:
        if not handler:
            return None
        if "@" in handler:
            return handler
        if handler.lower() in self._addresses:
            return self._addresses[handler.lower()]
        return f"{handler}@{self._domain}" if self._domain else None
