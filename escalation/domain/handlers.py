"""Who handles a case: one user name or one e-mail address, so a reminder has one recipient."""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

from escalation.domain.errors import InvalidInputError
from escalation.domain.limits import SHORT_NAME_LENGTH
from escalation.domain.text import HANDLER, one_line
from escalation.i18n import _

MAX_LENGTH = SHORT_NAME_LENGTH  # the column cases.handler
# ASCII only: a user name becomes the local part of an address (name@mail_domain), and a mail
# server without SMTPUTF8 cannot take a non-ASCII one; "ａnna" would pass for "anna".
_USER = re.compile(r"\w[\w.\-]*", re.ASCII)
_ADDRESS = re.compile(r"[\w.+\-']+@\w[\w\-]*(?:\.\w[\w\-]*)*", re.ASCII)


def check_handler(text: str) -> str:
    """`text` without surrounding spaces, if it is one user name or one e-mail address.

    A user name is letters a-z, digits, '.', '-' and '_' (`anna`, `a.jansen`); the settings'
    `handler_emails` or `mail_domain` give its address. An address is one plain address
    (`a.jansen@igj.example`): no display name, no list, nothing a mail header could misread.

    The control characters and the length are checked as for every name (domain.text).

    Raises:
        InvalidInputError: empty, too long, a control character (a line break), or anything
            else (a comma, a space).
    """
    if not text.strip():
        raise InvalidInputError(_("Give the name or e-mail address of the new handler."))
    cleaned = one_line(text, field=HANDLER, limit=MAX_LENGTH)
    if not (_USER.fullmatch(cleaned) or is_one_address(cleaned)):
        raise InvalidInputError(
            _(
                "{handler} is not a handler: give one user name (letters a-z, digits, "
                "'.', '-', '_') or one e-mail address, e.g. anna or a.jansen@igj.example."
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
