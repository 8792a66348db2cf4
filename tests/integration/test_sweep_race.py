"""A user's change racing the sweep, as the case-version rule says (docs/deadline-watch.md).

A reminder claimed and its next day set do not bump the case version: a user who loaded the
case before the sweep saves without a conflict. A deadline marked passed (and the follow-up it
calls for) is the case's legal state: saved under the version, so the user's save over an
older load is refused, nothing of it is stored, and a fresh load shows what the sweep did.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlmodel import col

from escalation.bootstrap import Adapters, build
from escalation.cli.tick_report import print_delivery
from escalation.domain.errors import ConcurrentChangeError
from escalation.domain.events import Stamp
from escalation.i18n import ngettext
from escalation.services.deadlines import TickReport, process_due
from escalation.services.watch_queries import list_reminders
from escalation.storage.tables import DeadlineRow
from tests.integration.test_watch import NOW, aanwijzing_case


@pytest.fixture
def adapters(tmp_path: Path) -> Iterator[Adapters]:
    built = build(f"sqlite:///{tmp_path / 'race.sqlite'}", create_missing=True).adapters
    yield built
    built.dispose()


def sweep(s: Adapters, today: date) -> TickReport:
    return process_due(
        uow_factory=s.uow, catalog=s.catalog, calendar=s.calendar, mailer=None,
        resolve=lambda _: None, today=today, clock=lambda: NOW,
    )  # fmt: skip


def naleving(s: Adapters, case_id: int) -> tuple[int, date | None, str]:
    with s.uow() as uow:
        case = uow.cases.get(case_id)
    found = next(d for d in case.deadlines if d.kind == "naleving")
    return case.version, found.next_reminder_on, found.status.value


def test_a_reminder_claimed_meanwhile_does_not_refuse_the_users_change(
    adapters: Adapters,
) -> None:
    case_id = aanwijzing_case(adapters)
    _, remind_on, _ = naleving(adapters, case_id)
    assert remind_on is not None
    settled = sweep(adapters, remind_on - timedelta(days=1))  # what passed before that day
    assert settled.sweep.overdue
    assert "naleving" not in [kind for _, kind, _, _ in settled.sweep.reminders]
    version, _, _ = naleving(adapters, case_id)

    with adapters.uow() as uow:
        mine = uow.cases.get(case_id)
        report = sweep(adapters, remind_on)  # another process, between the load and the save
        mine.assign("bram", stamp=Stamp(on=remind_on, at=NOW, by="anna"))
        uow.cases.save(mine, now=NOW)
        uow.commit()

    assert [(c, k) for c, k, _step, _due in report.sweep.reminders] == [(case_id, "naleving")]
    after, next_on, status = naleving(adapters, case_id)
    assert after == version + 1  # the user's change only
    assert status == "open"
    # The user's save, over a load from before the sweep, put the next reminder day back: the
    # next run finds the step claimed (once only: no second mail) and advances it again.
    assert next_on == remind_on
    again = sweep(adapters, remind_on)
    assert not again.sweep.reminders and again.sweep.superseded == 0
    assert naleving(adapters, case_id)[1:] > (remind_on, "open")
    assert naleving(adapters, case_id)[0] == after
    with adapters.uow() as uow:
        assert uow.cases.get(case_id).handler == "bram"
    reminders = list_reminders(uow=adapters.uow(), case_id=case_id).rows
    # claimed once, not lost or doubled
    assert [r.kind for r in reminders].count("naleving") == 1


def test_a_deadline_marked_passed_meanwhile_refuses_the_users_change(
    adapters: Adapters,
) -> None:
    case_id = aanwijzing_case(adapters)
    version, _, _ = naleving(adapters, case_id)

    with adapters.uow() as uow:
        mine = uow.cases.get(case_id)
        report = sweep(adapters, date(2025, 5, 5))  # naleving ended on 30 April
        mine.assign("bram", stamp=Stamp(on=date(2025, 5, 5), at=NOW, by="anna"))
        with pytest.raises(ConcurrentChangeError):
            uow.cases.save(mine, now=NOW)
            uow.commit()

    assert (case_id, "start_hertoets", "hertoets") in report.sweep.follow_ups
    after, _, status = naleving(adapters, case_id)
    assert after > version
    assert status == "met"  # the hertoets the follow-up opened closed it
    with adapters.uow() as uow:
        assert uow.cases.get(case_id).handler == "anna"  # nothing of the refused change


def test_more_than_500_claimed_are_all_counted_as_waiting(
    adapters: Adapters, capsys: pytest.CaptureFixture[str]
) -> None:
    """The outbox count is a COUNT, not the length of the 500-row list one run sends."""
    case_id = aanwijzing_case(adapters)
    _, remind_on, _ = naleving(adapters, case_id)
    assert remind_on is not None
    waiting = sweep(adapters, remind_on - timedelta(days=1)).delivery.waiting
    table = DeadlineRow.__table__  # type: ignore[attr-defined]
    with adapters.engine.begin() as connection:  # 600 more deadlines like naleving
        found = select(table).where(col(DeadlineRow.kind) == "naleving")
        row = connection.execute(found).one()._asdict()
        del row["id"]
        connection.execute(insert(DeadlineRow), [row] * 600)

    report = sweep(adapters, remind_on)
    print_delivery(report.delivery)

    assert len(report.sweep.reminders) == 601
    assert report.delivery.waiting == waiting + 601 > 600
    out = capsys.readouterr().out
    said = ngettext(
        "{count} reminder waits in the outbox: no SMTP server is configured (set "
        "ESCALATION_SMTP_HOST). `escalation reminders` lists it.",
        "{count} reminders wait in the outbox: no SMTP server is configured (set "
        "ESCALATION_SMTP_HOST). `escalation reminders` lists them.",
        waiting + 601,
    ).format(count=waiting + 601)
    assert said in out
