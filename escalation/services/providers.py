"""Use cases for providers: register one, change its address, list them, find one."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from escalation.domain.errors import InvalidInputError, UnknownProviderError
from escalation.domain.limits import NAME_LENGTH, SHORT_NAME_LENGTH
from escalation.domain.model import CaseSummary, Provider, ProviderKind, check_kvk
from escalation.domain.provider import check_address
from escalation.domain.subjects import (
    check_kind_identifier,
    check_subject_id,
    identifier_label,
    looks_like_code,
)
from escalation.domain.text import ALIAS, PROVIDER_NAME, one_line, optional_line
from escalation.i18n import _
from escalation.services.ports import UnitOfWork


def add_provider(
    *,
    uow: UnitOfWork,
    name: str,
    kvk: str | None,
    kind: str,
    alias: str | None,
    now: datetime,
    address: str | None = None,
    code: str | None = None,
) -> Provider:
    """Register a subject: by its KvK number, or (a gemeente, a region) by its code."""
    identifier = _identifier(kvk, code)
    try:
        provider_kind = ProviderKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in ProviderKind)
        raise InvalidInputError(
            _("'{kind}' is not a kind of provider; use one of: {kinds}.").format(
                kind=kind, kinds=kinds
            )
        ) from None
    if not name.strip():
        raise InvalidInputError(_("A provider needs a name."))
    check_kind_identifier(provider_kind, identifier)
    provider = Provider(
        kvk=identifier,
        name=one_line(name, field=PROVIDER_NAME, limit=NAME_LENGTH),
        kind=provider_kind,
        alias=optional_line(alias, field=ALIAS, limit=SHORT_NAME_LENGTH),
        address=None if address is None else check_address(address),
    )
    with uow:
        uow.providers.add(provider, now=now)
        uow.commit()
    return provider


def _identifier(kvk: str | None, code: str | None) -> str:
    if (kvk is None) == (code is None):
        raise InvalidInputError(
            _(
                "Give either --kvk NUMBER (a registered provider) or --code CODE (a gemeente, "
                "GM0363, or a region, JZnn or JB01 to JB11), not both or neither."
            )
        )
    return check_kvk(kvk) if kvk is not None else check_subject_id(code or "")


def edit_provider(*, uow: UnitOfWork, ref: str, address: str) -> Provider:
    """Give the provider `ref` (KvK number, alias or start of the name) a new postal address.

    Raises:
        InvalidInputError: the address is not a postal address (nothing is written).
        UnknownProviderError: no provider matches `ref`.
    """
    checked = check_address(address)
    found = find_provider(uow=uow, ref=ref)
    changed = replace(found, address=checked)
    with uow:
        uow.providers.update(changed)
        uow.commit()
    return changed


def list_providers(*, uow: UnitOfWork) -> list[Provider]:
    with uow:
        return uow.providers.list()


def find_provider(*, uow: UnitOfWork, ref: str) -> Provider:
    """The provider with this KvK number or alias, or the one whose name starts with `ref`.

    Raises:
        UnknownProviderError: nothing matches.
        InvalidInputError: more than one provider matches; the message lists them.
    """
    text = ref.strip()
    if looks_like_code(text.replace(" ", "")):
        text = text.replace(" ", "").upper()  # gm0363 is GM0363
    if not text:
        raise InvalidInputError(_("Give a KvK number, an alias or the start of a provider's name."))
    with uow:
        found = uow.providers.search(text)
    exact = [p for p in found if p.kvk == text or (p.alias or "").lower() == text.lower()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise UnknownProviderError(
            _(
                "No provider has KvK number, alias or name '{text}'. "
                "`escalation provider list` shows the providers; `provider add` registers one."
            ).format(text=text)
        )
    names = "; ".join(f"{p.name} ({identifier_label(p.kvk)})" for p in found[:10])
    raise InvalidInputError(
        _("'{text}' matches more than one provider: {names}. Give the KvK number.").format(
            text=text, names=names
        )
    )


def show_provider(*, uow: UnitOfWork, ref: str) -> tuple[Provider, list[CaseSummary]]:
    provider = find_provider(uow=uow, ref=ref)
    with uow:
        return provider, uow.cases.summaries(provider_kvk=provider.kvk)


def provider_kvk(*, uow: UnitOfWork, ref: str | None) -> str | None:
    """The identifier `ref` stands for (None stays None); a bare 8-digit number or a code
    (GM0363, JZ14, JB06, in any case) is kept as is."""
    if ref is None:
        return None
    digits = ref.replace(" ", "")
    if digits.isascii() and digits.isdigit() and len(digits) == 8:
        return check_kvk(digits)
    if looks_like_code(digits):
        return check_subject_id(digits)
    return find_provider(uow=uow, ref=ref).kvk
