"""`case do-many` in chunks and `case list` pages, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from escalation.bootstrap import App, build
from escalation.domain.errors import StorageError
from escalation.domain.events import Stamp
from escalation.services import bulk_actions
from escalation.services.bulk_actions import BulkAction, apply_many
from escalation.services.cases import apply_action, open_case
from escalation.services.providers import add_provider
from escalation.storage.audit import verify
from escalation.storage.list_queries import SqlCaseLists
from escalation.storage.repository import SqlCaseRepository

NOW = datetime(2024, 9, 16, 9, tzinfo=UTC)
STAMP = Stamp(on=date(2024, 9, 16), at=NOW, by="carla")
KVK = "87654321"


@pytest.fixture
def app(any_db_url: str) -> Iterator[App]:
    built = build(any_db_url, create_missing=True)
    add_provider(uow=built.adapters.uow(), name="Focus B.V.", kvk=KVK,
                 kind="jeugdhulpaanbieder", alias=None, now=NOW)  # fmt: skip
    yield built
    built.adapters.dispose()


def _open(app: App, n: int) -> list[int]:
    a = app.adapters
    return [
        open_case(uow=a.uow(), catalog=a.catalog, provider_kvk=KVK, workflow="jeugdwet",
                  on=date(2024, 9, 2), title=f"zaak {i}", handler="carla", by="carla", now=NOW)
        for i in range(n)
    ]  # fmt: skip


def _many(app: App, ids: list[int], chunk: int) -> bulk_actions.BulkResult:
    a = app.adapters
    return apply_many(uow_factory=a.uow, catalog=a.catalog, calendar=a.calendar, case_ids=ids,
                      what=BulkAction("start_onderzoek", {}, STAMP), chunk=chunk)  # fmt: skip


def _states(app: App, ids: list[int]) -> list[str]:
    with app.adapters.uow() as uow:
        return [uow.cases.get(i).state for i in ids]


def test_chunks_keep_the_good_cases_around_a_refused_and_a_failed_one(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _open(app, 5)
    a = app.adapters
    apply_action(uow=a.uow(), catalog=a.catalog, calendar=a.calendar, case_id=ids[1],
                 action="start_onderzoek", params={}, stamp=STAMP)  # fmt: skip
    real = bulk_actions.store_action

    def failing(uow, fired, **kwargs):  # type: ignore[no-untyped-def]
        result = real(uow, fired, **kwargs)  # written, then the database refuses: a rollback
        if fired.case.id == ids[2]:
            raise StorageError("refused by the database")
        return result

    monkeypatch.setattr(bulk_actions, "store_action", failing)
    result = _many(app, [*ids, 999], chunk=2)
    assert [r.case_id for r in result.done] == [ids[0], ids[3], ids[4]]
    assert result.refused[1].reason == "refused by the database"
    assert [r.case_id for r in result.refused] == [ids[1], ids[2], 999]
    assert _states(app, ids) == ["onderzoek", "onderzoek", "signaal", "onderzoek", "onderzoek"]
    with a.uow() as uow:
        assert len(uow.cases.history(ids[2])) == 1  # nothing of the failed case was kept
        assert len(uow.cases.history(ids[3])) == len(uow.cases.history(ids[0]))


def test_a_chunk_the_bulk_write_refuses_is_done_again_case_by_case(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _open(app, 3)
    calls: list[int] = []

    def refusing(self, cases, *, now):  # type: ignore[no-untyped-def]
        calls.append(len(cases))
        raise StorageError("refused by the database")

    monkeypatch.setattr(SqlCaseRepository, "save_many", refusing)
    result = _many(app, ids, chunk=5)
    assert calls == [3]  # tried once in bulk, then case by case through `save`
    assert [r.case_id for r in result.done] == ids and result.refused == []
    assert _states(app, ids) == ["onderzoek"] * 3
    with app.adapters.uow() as uow:
        assert [len(uow.cases.history(i)) for i in ids] == [2, 2, 2]


def test_besluiten_taken_in_one_chunk_each_draw_the_next_number(app: App) -> None:
    a = app.adapters
    ids = []
    for _ in range(3):
        case_id = open_case(
            uow=a.uow(),
            catalog=a.catalog,
            provider_kvk=KVK,
            workflow="jeugdwet",
            on=date(2024, 12, 1),
            title=None,
            handler="anna",
            by="anna",
            now=NOW,
        )
        for action, on in (
            ("start_onderzoek", date(2024, 12, 2)),
            ("verstuur_conceptrapport", date(2024, 12, 3)),
            ("stel_rapport_vast", date(2024, 12, 20)),
            ("kondig_aanwijzing_aan", date(2025, 1, 6)),
        ):
            apply_action(
                uow=a.uow(),
                catalog=a.catalog,
                calendar=a.calendar,
                case_id=case_id,
                action=action,
                params={},
                stamp=replace(STAMP, on=on),
            )
        ids.append(case_id)  # fmt: skip
    what = BulkAction("geef_aanwijzing", {"nalevingstermijn": "3 maanden"},
                      replace(STAMP, on=date(2025, 1, 31)))  # fmt: skip
    result = apply_many(uow_factory=a.uow, catalog=a.catalog, calendar=a.calendar,
                        case_ids=ids, what=what)  # fmt: skip
    assert [r.case_id for r in result.done] == ids
    with a.uow() as uow:
        kenmerken = [[b.kenmerk for b in uow.cases.get(i).besluiten] for i in ids]
        entries = sum(len(uow.cases.history(i)) for i in ids)
    assert kenmerken == [[f"IGJ-2025-{n:06d}", f"IGJ-2025-{n + 1:06d}"] for n in (1, 3, 5)]
    checked = verify(a.engine)
    assert (checked.broken, checked.entries) == (None, entries)  # every chain holds


def test_pages_follow_the_cursor_and_count_what_follows(app: App) -> None:
    ids = _open(app, 5)
    lists = SqlCaseLists(app.adapters.engine)
    first = list(lists.cases(limit=2))
    assert [c.id for c in first] == ids[:2]
    assert lists.count(after=first[-1].id) == 3
    assert [c.id for c in lists.cases(after=ids[1], limit=10)] == ids[2:]
    assert [c.title for c in lists.cases(state="signaal")] == [f"zaak {i}" for i in range(5)]
    assert lists.count(state="onderzoek") == 0
    assert first[0].next_due is None and first[0].provider.kvk == KVK


def test_besluiten_pages_in_id_order(app: App) -> None:
    lists = SqlCaseLists(app.adapters.engine)
    assert list(lists.besluiten(limit=5)) == []
    assert lists.count_besluiten(case_id=1) == 0
