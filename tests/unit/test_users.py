"""Who acts in a team database (domain.users) and who signs a besluit's letter."""

from __future__ import annotations

import pytest

from escalation.domain.letter_parties import mandate_signatory
from escalation.domain.letters import Signatory
from escalation.domain.users import (
    NotPermittedError,
    Role,
    UnknownUserError,
    User,
    check_role,
    resolve_actor,
)

USERS = {
    u.os_login: u
    for u in (
        User(name="Tom Bakker", email="t@igj.nl", role=Role.TEAMLEIDER, login="tom"),
        User(name="Anna de Vries", email="a@igj.nl", role=Role.JURIST, login="anna"),
        User(name="Oud Lid", email="o@igj.nl", role=Role.JURIST, login="oud", active=False),
    )
}


def find(who: str) -> User | None:
    return USERS.get(who) or next((u for u in USERS.values() if u.name == who), None)


def test_the_login_names_the_actor_and_by_oneself_is_no_recording_on_behalf() -> None:
    for by in (None, "anna", "Anna de Vries"):
        actor = resolve_actor("anna", by, find=find)
        assert (actor.by, actor.recorded_by, actor.role) == ("Anna de Vries", None, Role.JURIST)


def test_a_teamleider_records_on_behalf_of_an_active_user_and_both_names_are_kept() -> None:
    actor = resolve_actor("tom", "anna", find=find)

    assert (actor.by, actor.recorded_by, actor.role) == ("Anna de Vries", "Tom Bakker", "jurist")
    with pytest.raises(UnknownUserError, match="'Oud Lid' is deactivated"):
        resolve_actor("tom", "oud", find=find)
    with pytest.raises(UnknownUserError, match="'piet' is not a user"):
        resolve_actor("tom", "piet", find=find)


def test_unknown_deactivated_and_on_behalf_without_the_role_are_refused() -> None:
    with pytest.raises(UnknownUserError, match="logged in as 'root'.*--login root"):
        resolve_actor("root", None, find=find)
    with pytest.raises(UnknownUserError, match="deactivated"):
        resolve_actor("oud", None, find=find)
    with pytest.raises(NotPermittedError, match="Only a teamleider or hoofdinspecteur"):
        resolve_actor("anna", "tom", find=find)


def test_a_role_check_names_the_roles_in_their_order_and_skips_without_users() -> None:
    with pytest.raises(NotPermittedError) as caught:
        check_role(frozenset({"hoofdinspecteur", "jurist", "teamleider"}), "inspecteur")

    assert str(caught.value) == (
        "This action asks the role jurist, teamleider or hoofdinspecteur; you are inspecteur."
    )
    check_role(frozenset({"teamleider"}), None)  # a database without users: no check
    check_role(None, "inspecteur")  # an action without roles: anyone
    check_role(frozenset({"jurist"}), "jurist")


def test_a_besluit_signs_under_the_mandate_with_the_signer_s_name_when_known() -> None:
    settings = Signatory(naam="mr. A. Voorbeeld", functie="hoofdinspecteur Jeugd", mandaat="x")
    mandate = "namens de Minister van VWS, de hoofdinspecteur"

    signed = mandate_signatory(settings, role="hoofdinspecteur", mandate=mandate, name="Hanna")
    unsigned = mandate_signatory(settings, role="hoofdinspecteur", mandate=mandate, name=None)

    assert signed == Signatory(naam="Hanna", functie="hoofdinspecteur", mandaat=mandate)
    assert unsigned == Signatory(naam="mr. A. Voorbeeld", functie="hoofdinspecteur Jeugd",
                                 mandaat=mandate)  # fmt: skip
    assert mandate_signatory(settings, role=None, mandate=None, name=None) == settings
