"""Use cases for a provider's locations: register one, list them."""

from __future__ import annotations

from datetime import datetime

from escalation.domain.limits import NAME_LENGTH
from escalation.domain.provider import check_address
from escalation.domain.subjects import Location, check_agb, check_lrk
from escalation.domain.text import PROVIDER_NAME, optional_line
from escalation.services.ports import UnitOfWork
from escalation.services.providers import find_provider


def add_location(
    *, uow: UnitOfWork, ref: str, address: str, name: str | None, lrk: str | None,
    agb: str | None, now: datetime,
) -> Location:  # fmt: skip
    """Register a location of the provider `ref` (KvK number, code, alias or name).

    Raises:
        InvalidInputError: the address, LRK number or AGB-code is malformed (nothing written).
        UnknownProviderError: no provider matches `ref`.
    """
    checked = check_address(address)
    label = optional_line(name, field=PROVIDER_NAME, limit=NAME_LENGTH)
    lrk = None if lrk is None else check_lrk(lrk)
    agb = None if agb is None else check_agb(agb)
    provider = find_provider(uow=uow, ref=ref)
    with uow:
        location = uow.subjects.add_location(
            provider.kvk, address=checked, name=label, lrk=lrk, agb=agb, now=now
        )
        uow.commit()
    return location


def list_locations(*, uow: UnitOfWork, ref: str) -> list[Location]:
    provider = find_provider(uow=uow, ref=ref)
    with uow:
        return uow.subjects.locations(provider.kvk)
