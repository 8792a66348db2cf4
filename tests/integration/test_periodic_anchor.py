"""Periodic anchoring (issue 13): the scheduler stores an anchor of the history's hash chains
when the last one is at least `anchor_interval_hours` old and a chain grew since; `tick
--anchor` does so whenever a chain grew. Time is passed in, never waited for."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from escalation.bootstrap import App, build
from escalation.cli import app as cli_app
from escalation.config import Settings
from escalation.scheduler import job
from escalation.services.deadlines import TickReport
from escalation.services.delivery import DeliveryReport
from escalation.services.sweep import SweepReport
from escalation.storage.audit import anchor_if_changed, anchors
from escalation.storage.db import make_engine
from escalation.storage.schema import init_database
from escalation.workflows import FileWorkflowCatalog
from tests.integration.test_storage import act, open_focus

T0 = datetime(2025, 2, 3, 7, tzinfo=UTC)
DAY = timedelta(hours=24)


@pytest.fixture
def url(any_db_url: str) -> str:
    """A SQLite file, then a PostgreSQL database (tests/postgres.py)."""
    return any_db_url


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    built = make_engine(url)
    init_database(built)
    yield built
    built.dispose()


@dataclass
class Clock:
    at: datetime

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()


def test_an_anchor_is_stored_only_when_a_head_changed_and_the_last_is_old_enough(
    engine: Engine, catalog: FileWorkflowCatalog
) -> None:
    assert anchor_if_changed(engine, now=T0, by="escalation", interval=DAY) is None  # no history
    case_id = open_focus(engine, catalog)

    first = anchor_if_changed(engine, now=T0, by="escalation", interval=DAY)
    unchanged = anchor_if_changed(engine, now=T0 + 2 * DAY, by="escalation", interval=DAY)
    act(engine, catalog, case_id, "start_onderzoek", date(2024, 9, 16))
    too_soon = anchor_if_changed(engine, now=T0 + DAY / 2, by="escalation", interval=DAY)
    second = anchor_if_changed(engine, now=T0 + DAY, by="escalation", interval=DAY)

    assert first is not None and first.heads[case_id][0] == 1
    assert unchanged is None and too_soon is None
    assert second is not None and second.heads[case_id][0] == 2 and second.at == T0 + DAY
    assert [a.id for a in anchors(engine)] == [first.id, second.id]
    # Without an interval (`tick --anchor`): at once when a chain grew, never when none did.
    act(engine, catalog, case_id, "verstuur_conceptrapport", date(2024, 11, 15))
    assert anchor_if_changed(engine, now=T0 + DAY, by="escalation") is not None
    assert anchor_if_changed(engine, now=T0 + DAY, by="escalation") is None


def app_at(url: str, clock: Clock, **settings: object) -> App:
    made = build(url)
    made.adapters.settings = made.settings = made.settings.model_copy(update=settings)
    made.adapters.clock = clock  # type: ignore[assignment]  # a fixed clock instead
    return made


def test_the_schedulers_anchor_follows_the_setting_and_logs_what_it_stored(
    engine: Engine, url: str, catalog: FileWorkflowCatalog, caplog: pytest.LogCaptureFixture
) -> None:
    case_id = open_focus(engine, catalog)
    clock = Clock(T0)
    app = app_at(url, clock, anchor_interval_hours=24)
    periodic = app.database.periodic_anchor()
    assert periodic is not None
    assert app_at(url, clock, anchor_interval_hours=0).database.periodic_anchor() is None

    with caplog.at_level(logging.INFO, logger="escalation.scheduler"):
        job(Idle(), periodic)  # the first run: stored
        clock.at = T0 + timedelta(hours=23)
        act(engine, catalog, case_id, "start_onderzoek", date(2024, 9, 16))
        job(Idle(), periodic)  # within the day: not yet
        clock.at = T0 + DAY
        job(Idle(), periodic)  # a day on and grown: stored
    app.close()

    stored = anchors(engine)
    assert [(a.at, a.by) for a in stored] == [(T0, "escalation"), (T0 + DAY, "escalation")]
    logged = [r.getMessage() for r in caplog.records if "anchored" in r.getMessage()]
    assert logged == [f"history anchored: anchor {a.id}, digest {a.digest}" for a in stored]


class Idle:
    """A watch with nothing to do."""

    def tick(self) -> TickReport:
        return TickReport(SweepReport(T0.date()), DeliveryReport())


def test_a_failing_anchor_is_logged_and_the_scheduler_carries_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> str | None:
        raise RuntimeError("disk gone")

    with caplog.at_level(logging.INFO, logger="escalation.scheduler"):
        job(Idle(), broken)

    assert caplog.records[-1].getMessage() == "history not anchored: disk gone"


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(cli_app, ["--db", url, *args], env={"ESCALATION_LANG": "en"})


def test_tick_anchor_stores_an_anchor_only_when_the_history_grew(
    engine: Engine, url: str, catalog: FileWorkflowCatalog
) -> None:
    open_focus(engine, catalog)

    first = run(url, "tick", "--today", "2025-02-03", "--anchor")
    again = run(url, "tick", "--today", "2025-02-03", "--anchor", "--json")

    assert first.exit_code == 0, first.output
    (stored,) = anchors(engine)
    assert f"History anchored: anchor {stored.id}, digest {stored.digest}." in first.stdout
    assert again.exit_code == 0 and json.loads(again.stdout)["anchored"] is None
    assert "anchored" not in json.loads(run(url, "tick", "--json").stdout)
    assert len(anchors(engine)) == 1


def test_the_interval_setting_is_a_number_of_hours_not_below_zero() -> None:
    assert Settings().anchor_interval_hours == 24
    with pytest.raises(ValidationError):
        Settings(anchor_interval_hours=-1)
