"""Subjects without a KvK number, a provider's locations and signals, on SQLite and PostgreSQL:
the use cases through the real unit of work, every refusal leaving nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidInputError
from escalation.domain.events import Stamp
from escalation.domain.findings import DocumentError
from escalation.domain.subjects import UnknownLocationError
from escalation.frameworks import FileFrameworkCatalog
from escalation.services import cases, findings, providers, signals, subjects
from escalation.services.signals import SignalSubject, subjects_from_csv, subjects_from_list
from escalation.workflows import FileWorkflowCatalog
from tests.contracts.builders import NOW, TODAY, Backend
from tests.i18n_helpers import tr

REAL = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)
CATALOG = FileWorkflowCatalog()
FRAMEWORKS = FileFrameworkCatalog()
ADDRESS = "Bachlaan 1, 5384 AB Heesch"
# Seed 002: a factsheet over 19 providers; 's Heerenloo twice, at two locations.
NINETEEN = [f"{30000000 + i}" for i in range(19)]


def register(backend: Backend, name: str, kind: str, *, kvk: str | None = None,
             code: str | None = None) -> str:  # fmt: skip
    return providers.add_provider(
        uow=backend.uow(), name=name, kvk=kvk, code=code, kind=kind, alias=None, now=NOW
    ).kvk


def open_for(backend: Backend, ref: str, *, location: int | None = None) -> int:
    return cases.open_case(
        uow=backend.uow(), catalog=CATALOG, provider_kvk=ref, workflow="jeugdwet", on=TODAY,
        title="Toezicht", handler=None, by="anna", now=NOW, location=location,
    )  # fmt: skip


def open_signal(backend: Backend, items: list[SignalSubject]) -> tuple[int, list[int]]:
    return signals.open_signal(
        uow=backend.uow(), catalog=CATALOG, title="Open residentieel aanbod", subjects=items,
        workflow="jeugdwet", on=TODAY, handler="anna", by="anna", now=NOW,
    )  # fmt: skip


def counts(backend: Backend) -> tuple[int, int, int]:
    """How many providers, cases and signals the database holds."""
    with backend.uow() as uow:
        return len(uow.providers.list()), len(uow.cases.summaries()), len(uow.subjects.signals())


@REAL
def test_a_gemeente_and_a_jeugdbeschermingsregio_without_kvk_get_a_case(backend: Backend) -> None:
    gemeente = register(backend, "Gemeente Amsterdam", "gemeente", code="gm 0363")
    regio = register(backend, "Noord-Holland/Amsterdam", "jeugdbeschermingsregio", code="JB06")

    first, second = open_for(backend, gemeente), open_for(backend, "jb06")

    assert (gemeente, regio) == ("GM0363", "JB06")
    with backend.uow() as uow:
        assert uow.cases.get(first).provider.name == "Gemeente Amsterdam"
        assert uow.cases.get(second).provider.kvk == "JB06"
        assert [c.id for c in uow.cases.summaries(provider_kvk="GM0363")] == [first]


@REAL
@pytest.mark.parametrize(
    ("kind", "kvk", "code", "needle"),
    [
        ("gemeente", None, "GM12", "GM12"),  # too short
        ("gemeente", None, "JB06", "gemeente"),  # a region's code for a gemeente
        ("jeugdbeschermingsregio", None, "JB12", "JB12"),  # there are eleven
        ("gemeente", "12345678", None, "KvK 12345678"),  # a gemeente has no KvK number
        ("jeugdhulpaanbieder", None, "GM0363", "gemeentecode GM0363"),
        ("jeugdhulpaanbieder", "1234567", None, "1234567"),
        ("gemeente", "12345678", "GM0363", "--code"),  # both
    ],
)
def test_a_bad_identifier_is_refused_and_nothing_is_written(
    backend: Backend, kind: str, kvk: str | None, code: str | None, needle: str
) -> None:
    with pytest.raises(InvalidInputError) as refused:
        register(backend, "Naam", kind, kvk=kvk, code=code)

    assert needle in str(refused.value)
    assert counts(backend) == (0, 0, 0)


@REAL
def test_locations_with_lrk_and_agb_are_kept_and_bad_numbers_refused(backend: Backend) -> None:
    kvk = register(backend, "Stichting Oosterpoort", "jeugdhulpaanbieder", kvk="12345678")
    for lrk, agb in (
        ("12345678", None),
        (None, "1234567"),
        ("12345678a", None),
        (None, "0123 456x"),
    ):
        with pytest.raises(InvalidInputError, match="LRK|AGB"):
            subjects.add_location(
                uow=backend.uow(), ref=kvk, address=ADDRESS, name=None, lrk=lrk, agb=agb, now=NOW
            )
    with pytest.raises(InvalidInputError):
        subjects.add_location(
            uow=backend.uow(), ref=kvk, address="Bachlaan", name=None, lrk=None, agb=None, now=NOW
        )
    assert subjects.list_locations(uow=backend.uow(), ref=kvk) == []

    kept = subjects.add_location(
        uow=backend.uow(), ref="Stichting", address=ADDRESS, name="Bachlaan", lrk="123 456 789",
        agb="01234567", now=NOW,
    )  # fmt: skip

    assert subjects.list_locations(uow=backend.uow(), ref=kvk) == [kept]
    assert (kept.lrk, kept.agb, kept.provider, kept.name) == (
        "123456789",
        "01234567",
        kvk,
        "Bachlaan",
    )


@REAL
def test_a_case_names_a_location_of_its_own_provider_only(backend: Backend) -> None:
    own = register(backend, "Oosterpoort", "jeugdhulpaanbieder", kvk="12345678")
    other = register(backend, "Ander", "jeugdhulpaanbieder", kvk="87654321")
    where = add_location(backend, own)

    with pytest.raises(UnknownLocationError, match="12345678"):
        open_for(backend, other, location=where)
    assert counts(backend) == (2, 0, 0)
    case_id = open_for(backend, own, location=where)

    with backend.uow() as uow:
        location, signal = uow.subjects.scope(case_id)
    assert location is not None and location.id == where and signal is None


def add_location(backend: Backend, kvk: str, name: str | None = None) -> int:
    return subjects.add_location(
        uow=backend.uow(), ref=kvk, address=ADDRESS, name=name, lrk=None, agb=None, now=NOW
    ).id


@REAL
def test_a_signal_from_a_csv_of_19_subjects_opens_19_linked_cases(backend: Backend) -> None:
    for i, kvk in enumerate(NINETEEN):
        register(backend, f"Aanbieder {i:02}", "jeugdhulpaanbieder", kvk=kvk)
    heerenloo = [add_location(backend, NINETEEN[13], n) for n in ("Groene Allee", "Fokko")]
    rows = [f"{kvk};" for kvk in NINETEEN[:13]] + [f"{NINETEEN[13]};{heerenloo[0]}"]
    rows += [f"{NINETEEN[13]};{heerenloo[1]}"] + [f"{kvk}" for kvk in NINETEEN[14:18]]
    text = "kvk;locatie\n" + "\n".join(rows) + "\n# nog te bepalen\n"

    signal_id, case_ids = open_signal(backend, subjects_from_csv(text, origin="bron.csv"))

    assert len(case_ids) == 19
    found = signals.show_signal(uow=backend.uow(), signal_id=signal_id)
    assert [c.case_id for c in found.cases] == case_ids
    assert {c.provider for c in found.cases} == set(NINETEEN[:18])
    assert {c.state for c in found.cases} == {"signaal"} and found.title.startswith("Open")
    located = [c.location.name for c in found.cases if c.location is not None]
    assert located == ["Groene Allee", "Fokko"]
    with backend.uow() as uow:
        assert uow.cases.get(case_ids[0]).title == "Open residentieel aanbod"
        assert uow.subjects.scope(case_ids[-1]) == (None, signal_id)
        assert uow.subjects.signals()[0][1] == 19


@REAL
def test_one_bad_row_refuses_the_whole_signal_naming_every_bad_row(backend: Backend) -> None:
    for i, kvk in enumerate(NINETEEN):
        register(backend, f"Aanbieder {i:02}", "jeugdhulpaanbieder", kvk=kvk)
    other = add_location(backend, NINETEEN[0])
    rows = [*NINETEEN[:17], "99999999", "GM99", f"{NINETEEN[1]};{other}", NINETEEN[2]]
    items = subjects_from_csv("\n".join(rows) + "\n", origin="bron.csv")

    with pytest.raises(InvalidInputError) as refused:
        open_signal(backend, items)

    message = str(refused.value)
    lines = [tr("line {line} of {file}", line=n, file="bron.csv") + ": " for n in range(17, 22)]
    assert [line in message for line in lines] == [False, True, True, True, True], message
    assert "99999999" in message and "GM99" in message
    assert counts(backend) == (19, 0, 0)


@REAL
def test_signal_show_gives_each_subject_its_state_and_last_action(
    backend: Backend, calendar: AtwCalendar
) -> None:
    kvks = ["12345678", "GM0363"]
    register(backend, "Aanbieder", "jeugdhulpaanbieder", kvk=kvks[0])
    register(backend, "Gemeente Amsterdam", "gemeente", code=kvks[1])
    signal_id, (first, second) = open_signal(backend, subjects_from_list("12345678, gm0363"))
    cases.apply_action(
        uow=backend.uow(), catalog=CATALOG, calendar=calendar, case_id=second,
        action="start_onderzoek", params={}, stamp=Stamp(on=date(2025, 2, 3), at=NOW, by="anna"),
    )  # fmt: skip

    found = signals.show_signal(uow=backend.uow(), signal_id=signal_id)

    by_case = {c.case_id: c for c in found.cases}
    assert (by_case[first].last_action, by_case[first].state) == (None, "signaal")
    assert by_case[second].last_action == "start_onderzoek"
    assert by_case[second].last_on == date(2025, 2, 3)
    assert by_case[second].state != "signaal" and by_case[second].provider_name.startswith("Gem")


@REAL
def test_a_finding_naming_a_location_round_trips(backend: Backend) -> None:
    kvk = register(backend, "Focus", "jeugdhulpaanbieder", kvk="87654321")
    register(backend, "Ander", "jeugdhulpaanbieder", kvk="12345678")
    where = add_location(backend, kvk, "Groene Allee")
    elsewhere = add_location(backend, "12345678")
    case_id = open_for(backend, kvk)
    document = (
        "framework: jij\nfindings:\n  - norm: '1.1'\n    judgement: voldoet_niet\n"
        "    maatregelen: [Stel een plan op.]\n    location: {where}\n"
    )
    stamp = Stamp(on=TODAY, at=NOW, by="anna")

    with pytest.raises(DocumentError, match="1.1"):
        findings.record_findings(
            uow=backend.uow(), frameworks=FRAMEWORKS, case_id=case_id,
            text=document.format(where=elsewhere), origin="f.yaml", stamp=stamp,
        )  # fmt: skip
    findings.record_findings(
        uow=backend.uow(), frameworks=FRAMEWORKS, case_id=case_id,
        text=document.format(where=where), origin="f.yaml", stamp=stamp,
    )  # fmt: skip

    view = findings.show_findings(uow=backend.uow(), case_id=case_id, number=None)
    assert view.versions == 1 and view.version.findings[0].location == where
    assert view.locations[where].name == "Groene Allee"
    again = FRAMEWORKS.findings_template(FRAMEWORKS.get("jij"), view.version, case="zaak")
    assert f"    location: {where}\n" in again
