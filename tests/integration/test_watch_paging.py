"""`deadlines` and `reminders` pages: keyset on (day, id), on a SQLite file and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert

from escalation.bootstrap import App, build
from escalation.services.cases import open_case
from escalation.services.providers import add_provider
from escalation.storage.list_queries import SqlCaseLists
from escalation.storage.tables import DeadlineRow, ReminderRow

NOW = datetime(2025, 3, 3, 9, tzinfo=UTC)
TODAY = date(2025, 3, 3)
KVK = "87654321"
# (due, planned_on) of one deadline and its reminder each: two pairs on one day
DAYS = [(date(2025, 3, 20), date(2025, 3, 10)), (date(2025, 3, 12), date(2025, 3, 5)),
        (date(2025, 3, 12), date(2025, 3, 5)), (date(2025, 4, 1), date(2025, 3, 25)),
        (date(2025, 3, 12), date(2025, 3, 1))]  # fmt: skip


@pytest.fixture
def app(any_db_url: str) -> Iterator[App]:
    built = build(any_db_url, create_missing=True)
    a = built.adapters
    add_provider(uow=a.uow(), name="Focus B.V.", kvk=KVK,
                 kind="jeugdhulpaanbieder", alias=None, now=NOW)  # fmt: skip
    case = open_case(uow=a.uow(), catalog=a.catalog, provider_kvk=KVK, workflow="jeugdwet",
                     on=date(2025, 1, 6), title="zaak", handler="carla", by="carla",
                     now=NOW)  # fmt: skip
    with a.engine.begin() as connection:
        for number, (due, planned) in enumerate(DAYS, start=1):
            statement = insert(DeadlineRow).returning(DeadlineRow.id)  # type: ignore[arg-type]
            deadline = connection.execute(statement, [{
                "case_id": case, "kind": f"k{number}", "due": due, "status": "open",
                "basis": "self-set", "steps": [], "set_by": "x", "set_on": date(2025, 1, 6),
            }]).scalar_one()  # fmt: skip
            connection.execute(insert(ReminderRow), [{
                "deadline_id": deadline, "case_id": case, "step": -1, "planned_on": planned,
                "status": "pending", "subject": f"s{number}", "body": "", "attempts": 0,
                "created_at": NOW,
            }])  # fmt: skip
    yield built
    a.dispose()


def test_reminders_follow_the_day_and_id_cursor(app: App) -> None:
    lists = SqlCaseLists(app.adapters.engine)
    every = list(lists.reminders())
    assert [r.subject for r in every] == ["s5", "s2", "s3", "s1", "s4"]
    first = list(lists.reminders(limit=2))
    last = (first[-1].planned_on, first[-1].id)
    assert lists.count_reminders(after=last) == 3
    rest = list(lists.reminders(after=last, limit=10))
    assert first + rest == every  # the tie on 5 March split by id, nothing twice
    assert [r.kind for r in rest] == ["k3", "k1", "k4"] and rest[0].handler == "carla"
    assert list(lists.reminders(status="sent")) == [] and lists.count_reminders(case_id=99) == 0


def test_the_agenda_follows_the_due_and_id_cursor(app: App) -> None:
    lists = app.lists
    where = lists.agenda_filter(
        until=None, overdue_only=False, handler=None, case_id=None, today=TODAY
    )
    every = [i.kind for i in lists.agenda(where, after=None)]
    assert every == ["k2", "k3", "k5", "k1", "k4"]
    items = list(lists.agenda(where, after=None))
    cursor = (items[1].due, items[1].deadline_id)  # in the middle of the three on 12 March
    assert [i.kind for i in lists.agenda(where, after=cursor)] == every[2:]
    assert lists.agenda_after(where, after=cursor) == 3
    until = lists.agenda_filter(
        until=date(2025, 3, 12), overdue_only=False, handler="CARLA", case_id=None, today=TODAY
    )
    assert [i.kind for i in lists.agenda(until, after=cursor)] == ["k5"]


def test_the_agenda_reads_in_batches(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    from escalation.services import deadlines

    monkeypatch.setattr(deadlines, "AGENDA_BATCH", 2)  # 5 rows: three reads, same answer
    where = app.lists.agenda_filter(
        until=None, overdue_only=False, handler=None, case_id=None, today=TODAY
    )
    assert [i.kind for i in app.lists.agenda(where, after=None)] == ["k2", "k3", "k5", "k1", "k4"]


def test_the_count_after_a_page_is_what_the_next_pages_show(app: App) -> None:
    """Counted in SQL where the kind cannot matter, judged by kind for lapsed and passed rows."""
    with app.adapters.engine.begin() as connection:
        connection.execute(insert(DeadlineRow), [{
            "case_id": 1, "kind": kind, "due": due, "status": status, "basis": "self-set",
            "steps": [], "set_by": "x", "set_on": date(2025, 1, 6),
        } for kind, due, status in [
            ("naleving", date(2025, 3, 1), "lapsed"), ("reactie_openbaarmaking",
            date(2025, 3, 12), "lapsed"), ("naleving", date(2025, 3, 2), "open"),
            ("publicatie_embargo", date(2025, 2, 1), "open"), ("k9", date(2025, 3, 2), "overdue"),
        ]])  # fmt: skip
    for overdue_only in (False, True):
        where = app.lists.agenda_filter(
            until=None, overdue_only=overdue_only, handler=None, case_id=None, today=TODAY
        )
        items = list(app.lists.agenda(where, after=None))
        assert items, overdue_only
        for n, item in enumerate([None, *items]):
            cursor = None if item is None else (item.due, item.deadline_id)
            assert app.lists.agenda_after(where, after=cursor) == len(items) - n
