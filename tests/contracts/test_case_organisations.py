"""A case's lead inspectorate and the others of a joint case read back as stored, on the fake,
SQLite and PostgreSQL (migration 0011: cases.organisation and case_co_organisations)."""

from __future__ import annotations

from datetime import date

from escalation.domain.model import Case
from tests.contracts.builders import Backend, act, add_case, change, load, opened, record


def joint(lead: str, *others: str) -> Case:
    case = opened()
    case.organisation, case.co_organisations = lead, others
    return case


def test_a_joint_case_reads_back_with_its_lead_and_its_others_in_order(backend: Backend) -> None:
    case = joint("JENV", "IGJ", "NVWA")

    case_id = add_case(backend, case)
    back = load(backend, case_id)

    assert (back.organisation, back.co_organisations) == ("JENV", ("IGJ", "NVWA"))
    assert record(back) == record(case)


def test_a_case_without_organisations_is_igjs_alone(backend: Backend) -> None:
    case_id = add_case(backend, opened())

    back = load(backend, case_id)

    assert (back.organisation, back.co_organisations) == ("IGJ", ())


def test_the_organisations_stay_when_the_case_changes(backend: Backend) -> None:
    case_id = add_case(backend, joint("IGJ", "JENV"))
    other_id = add_case(backend, joint("JENV"))

    change(backend, case_id, lambda c: act(c, "start_onderzoek", date(2025, 1, 6)))
    back, other = load(backend, case_id), load(backend, other_id)

    assert (back.state, back.organisation, back.co_organisations) == (
        "onderzoek", "IGJ", ("JENV",),
    )  # fmt: skip
    assert (other.organisation, other.co_organisations) == ("JENV", ())
