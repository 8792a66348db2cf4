"""SMTP adapter for reminder mail (host, port, TLS and credentials from the settings)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from escalation.config import Settings
from escalation.domain.errors import MailError
from escalation.i18n import _


class SmtpMailer:
    """Sends one message per call over a fresh connection: a reminder run sends few mails."""

    def __init__(self, settings: Settings) -> None:
        if settings.smtp_host is None:
            raise ValueError("SmtpMailer needs settings.smtp_host")
        self._settings = settings
        self._host = settings.smtp_host

    def send(self, *, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"] = self._settings.mail_from
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain="escalation")
        message.set_content(body)
        try:
            with self._connect() as smtp:
                user, password = self._settings.smtp_user, self._settings.smtp_password
                if user and password:
                    smtp.login(user, password.get_secret_value())
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as err:
            raise MailError(
                _("mail to {to} via {host} failed: {problem}").format(
                    to=to, host=self._host, problem=err
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


def recipient_resolver(settings: Settings) -> RecipientResolver:
    return RecipientResolver(dict(settings.handler_emails), settings.mail_domain)


class RecipientResolver:
    """A handler's e-mail address: as given, from the settings' list, or name@mail_domain."""

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
