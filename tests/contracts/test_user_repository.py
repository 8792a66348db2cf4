"""UserRepository contract: the users of a team database, found by login or name."""

from __future__ import annotations

import pytest

from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Stamp
from escalation.domain.model import Case
from escalation.domain.users import Role, User
from escalation.storage.event_codec import decode, encode
from tests.contracts.builders import NOW, TODAY, Backend, add_case, provider

TOM = User(name="Tom Bakker", email="tom@igj.nl", role=Role.TEAMLEIDER, login="tbakker")
ANNA = User(name="anna", email="anna@igj.nl", role=Role.JURIST, organisation="JenV")


def add(backend: Backend, *users: User) -> None:
    with backend.uow() as uow:
        for user in users:
            uow.users.add(user, now=NOW)
        uow.commit()


def test_a_database_without_users_is_no_team_database_until_one_is_added(
    backend: Backend,
) -> None:
    with backend.uow() as uow:
        assert uow.users.any() is False and uow.users.list() == []
        uow.users.add(TOM, now=NOW)  # not committed: gone

    with backend.uow() as uow:
        assert uow.users.any() is False
    add(backend, TOM)
    with backend.uow() as uow:
        assert uow.users.any() is True


def test_users_read_back_found_by_login_or_name_and_listed_by_name(backend: Backend) -> None:
    add(backend, TOM, ANNA)

    with backend.uow() as uow:
        by_login, by_name, nobody = (uow.users.find(w) for w in ("tbakker", "Tom Bakker", "x"))
        listed = uow.users.list()
    assert by_login == by_name and by_login is not None and nobody is None
    assert (by_login.email, by_login.role, by_login.organisation) == (
        "tom@igj.nl", Role.TEAMLEIDER, "IGJ"
    )  # fmt: skip
    assert by_login.created_at == NOW and by_login.active
    assert [(u.name, u.os_login, u.organisation) for u in listed] == [
        ("Tom Bakker", "tbakker", "IGJ"),
        ("anna", "anna", "JenV"),
    ]


def test_a_second_user_with_the_same_name_or_login_is_refused(backend: Backend) -> None:
    add(backend, TOM)

    same_name = User(name="Tom Bakker", email="t@x.nl", role=Role.JURIST, login="other")
    same_login = User(name="Other", email="t@x.nl", role=Role.JURIST, login="tbakker")
    for twin in (same_name, same_login):
        with backend.uow() as uow, pytest.raises(InvalidInputError, match="Tom Bakker"):
            uow.users.add(twin, now=NOW)


def test_a_deactivated_user_stays_known_but_inactive(backend: Backend) -> None:
    add(backend, TOM, ANNA)

    with backend.uow() as uow:
        done = uow.users.deactivate("anna")
        missing = uow.users.deactivate("nobody")
        uow.commit()

    assert done is not None and done.active is False and missing is None
    with backend.uow() as uow:
        anna, tom = uow.users.find("anna"), uow.users.find("tbakker")
    assert anna is not None and anna.active is False
    assert tom is not None and tom.active is True


def test_who_recorded_an_entry_on_behalf_of_another_reads_back(backend: Backend) -> None:
    stamp = Stamp(on=TODAY, at=NOW, by="anna", recorded_by="Tom Bakker")
    case = Case.open(provider=provider(), workflow="jeugdwet", version=4, state="signaal",
                     stamp=stamp)  # fmt: skip
    plain = Case.open(provider=provider(), workflow="jeugdwet", version=4, state="signaal",
                      stamp=Stamp(on=TODAY, at=NOW, by="anna"))  # fmt: skip
    first, second = add_case(backend, case), add_case(backend, plain)

    with backend.uow() as uow:
        (opened,), (own,) = uow.cases.history(first), uow.cases.history(second)
    assert (opened.by, opened.recorded_by) == ("anna", "Tom Bakker")
    assert (own.by, own.recorded_by) == ("anna", None)
    type_name, payload = encode(own)
    assert "recorded_by" not in payload  # an older entry's payload (and hash) is unchanged
    assert decode(type_name, payload, at=NOW, on=TODAY, by="anna", reason=None) == own
