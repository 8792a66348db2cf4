"""FindingsRepository contract: versions numbered per case, every one readable as stored, the
latest findings and hertoets on the loaded case, nothing kept without a commit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from escalation.domain.findings import (
    Finding,
    FindingsVersion,
    Hertoets,
    Judgement,
    Outcome,
)
from escalation.storage.unit_of_work import SqlUnitOfWork
from tests.contracts.builders import NOW, Backend, add_case, load, opened, provider, stamp


def version(*judgements: Judgement, measure: str = "Stel een plan op.") -> FindingsVersion:
    return FindingsVersion(
        framework="jij",
        framework_version=1,
        label="JIJ-kader",
        findings=tuple(
            Finding(
                norm=f"{i + 1}.1",
                title=f"Norm {i + 1} – ‘titel’",
                judgement=j,
                legal_basis="Artikel 4.1.1 Jeugdwet",
                tekortkomingen="**Ernstig**\n- punt één" if j.needs_measures else "",
                maatregelen=(measure,) if j.needs_measures else (),
            )
            for i, j in enumerate(judgements)
        ),
        document="framework: jij\n",
    )


def test_versions_are_numbered_per_case_and_each_reads_back_as_stored(backend: Backend) -> None:
    first = add_case(backend, opened(provider()))
    other = add_case(backend, opened(provider()))
    v1 = version(Judgement.VOLDOET_NIET, Judgement.VOLDOET)
    v2 = version(Judgement.VOLDOET_NIET, Judgement.VOLDOET_GROTENDEELS_NIET, measure="Anders.")

    with backend.uow() as uow:
        numbers = [
            uow.findings.add_findings(first, v1, stamp=stamp(date(2025, 1, 10))),
            uow.findings.add_findings(first, v2, stamp=stamp(date(2025, 1, 20))),
            uow.findings.add_findings(other, v1, stamp=stamp()),
        ]
        uow.commit()

    assert numbers == [1, 2, 1]
    with backend.uow() as uow:
        old, new = uow.findings.findings(first, 1), uow.findings.findings(first)
        assert uow.findings.findings(first, 3) is None
        assert uow.findings.findings(99) is None
    assert old is not None and new is not None
    assert old.findings == v1.findings and new.findings == v2.findings
    assert old.recorded is not None and old.recorded.number == 1
    assert old.recorded.on == date(2025, 1, 10) and old.recorded.at == NOW
    assert new.document == "framework: jij\n" and new.label == "JIJ-kader"


def test_the_loaded_case_carries_the_latest_findings_and_hertoets(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))
    assert load(backend, case_id).norms is None
    findings = version(Judgement.VOLDOET_NIET, Judgement.VOLDOET_NIET, Judgement.VOLDOET)
    results = {"1.1": Outcome.VOLDAAN, "2.1": Outcome.NIET_VOLDAAN}

    with backend.uow() as uow:
        uow.findings.add_findings(case_id, findings, stamp=stamp())
        hertoets = Hertoets(results=results, findings_version=1, document="hertoets: {}\n")
        number = uow.findings.add_hertoets(case_id, hertoets, ("jij", 1), stamp=stamp())
        uow.commit()

    norms = load(backend, case_id).norms
    assert number == 1 and norms is not None
    assert norms.hertoets is not None and dict(norms.hertoets.results) == results
    assert [f.norm for f in norms.aanwijzing] == ["1.1", "2.1"]
    assert [f.norm for f in norms.unmet()] == ["2.1"]
    assert norms.withholds_naleving and (norms.versions, norms.hertoetsen) == (1, 1)


def test_nothing_is_kept_without_a_commit(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))

    with backend.uow() as uow:
        uow.findings.add_findings(case_id, version(Judgement.VOLDOET), stamp=stamp())

    with backend.uow() as uow:
        assert uow.findings.count(case_id) == 0
        assert uow.findings.norms(case_id) is None


def test_a_stored_version_cannot_be_changed_or_deleted(backend: Backend) -> None:
    if backend.name == "fake":
        pytest.skip("the database's triggers keep the rows; the fake has no SQL")
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        uow.findings.add_findings(case_id, version(Judgement.VOLDOET), stamp=stamp())
        uow.commit()

    for statement in ("UPDATE case_findings SET number = 5", "DELETE FROM case_findings"):
        uow = backend.uow()
        assert isinstance(uow, SqlUnitOfWork)
        with pytest.raises(Exception, match="append-only"), uow._engine.begin() as conn:
            conn.execute(text(statement))
