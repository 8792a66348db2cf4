"""Who handles a case: one user name or one e-mail address, so a reminder has one recipient."""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

from escalation.domain.errors import InvalidInputError
from escalation.i18n import _

MAX_LENGTH = 100  # the column cases.handler
_USER = re.compile(r"\w[\w.\-]*")
_ADDRESS = re.compile(r"[\w.+\-']+@\w[\w\-]*(?:\.\w[\w\-]*)*")


def check_handler(text: str) -> str:
    """`text` without surrounding spaces, if it is one user name or one e-mail address.

    A user name is letters, digits, '.', '-' and '_' (`anna`, `a.jansen`); the settings'
    `handler_emails` or `mail_domain` give its address. An address is one plain address
    (`a.jansen@igj.example`): no display name, no list, nothing a mail header could misread.

    Raises:
        InvalidInputError: empty, too long, or anything else (a line break, a comma, a space).
    """
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInputError(_("Give the name or e-mail address of the new handler."))
    if len(cleaned) > MAX_LENGTH or not (_USER.fullmatch(cleaned) or is_one_address(cleaned)):
        raise InvalidInputError(
            _(
                "{handler} is not a handler: give one user name (letters, digits, '.', '-', "
                "'_') or one e-mail address, e.g. anna or a.jansen@igj.example."
            ).format(handler=repr(cleaned))
        )
    return cleaned


def is_one_address(text: str) -> bool:
    """Whether `text` is exactly one plain e-mail address (local@domain, nothing around it)."""
    if not _ADDRESS.fullmatch(text):
        return False
    try:
        return Address(addr_spec=text).addr_spec == text
    except (ValueError, IndexError, HeaderParseError):  # the parser's ways of saying no
        return False
