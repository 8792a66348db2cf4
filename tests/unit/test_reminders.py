"""Reminder ladders: working days around a deadline, and the ladder a user types."""

from __future__ import annotations

from datetime import date

import pytest

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import InvalidInputError
from escalation.domain.reminders import (
    due_steps,
    next_reminder,
    parse_ladder,
    reminder_message,
    step_date,
    step_label,
)
from escalation.holidays import build_calendar
from escalation.i18n import set_language


@pytest.fixture(scope="module")
def atw() -> AtwCalendar:
    return build_calendar()


def test_steps_count_working_days_and_skip_the_easter_and_koningsdag_days(
    atw: AtwCalendar,
) -> None:
    due = date(2025, 4, 30)

    assert step_date(due, -3, atw) == date(2025, 4, 25)  # 26 Koningsdag, 27 Sunday
    assert step_date(due, -14, atw) == date(2025, 4, 8)  # Good Friday, Easter Monday skipped
    assert step_date(due, 0, atw) == due
    assert step_date(due, 1, atw) == date(2025, 5, 1)


def test_a_step_after_a_friday_deadline_is_the_monday(atw: AtwCalendar) -> None:
    assert step_date(date(2025, 3, 14), 1, atw) == date(2025, 3, 17)


def test_due_steps_are_those_on_or_before_today_earliest_first(atw: AtwCalendar) -> None:
    steps = due_steps(date(2025, 4, 30), (-14, -3, 0, 1), today=date(2025, 4, 30), calendar=atw)

    assert steps == [(-14, date(2025, 4, 8)), (-3, date(2025, 4, 25)), (0, date(2025, 4, 30))]


def test_the_next_reminder_is_the_first_step_after_a_day(atw: AtwCalendar) -> None:
    ladder = (-14, -3, 0, 1)

    assert next_reminder(date(2025, 4, 30), ladder, after=date(2025, 4, 25), calendar=atw) == (
        date(2025, 4, 30)
    )
    assert next_reminder(date(2025, 4, 30), ladder, after=date(2025, 5, 1), calendar=atw) is None


@pytest.mark.parametrize(
    ("text", "ladder"), [("-14,-3,0,1", (-14, -3, 0, 1)), ("1, -1", (-1, 1)), ("0", (0,))]
)
def test_a_typed_ladder_is_read_sorted(text: str, ladder: tuple[int, ...]) -> None:
    assert parse_ladder(text) == ladder


@pytest.mark.parametrize("text", ["", "soon", "-3,x", "-100"])
def test_a_malformed_ladder_is_refused(text: str) -> None:
    with pytest.raises(InvalidInputError, match="reminder ladder"):
        parse_ladder(text)


def test_labels_and_messages_in_dutch_carry_the_date() -> None:
    set_language("nl")

    subject, body = reminder_message(
        case_id=3, provider="Focus", kind="naleving", due=date(2025, 4, 30),
        today=date(2025, 4, 25),
    )  # fmt: skip

    assert step_label(-3) == "3 werkdagen voor" and step_label(1) == "1 werkdag na"
    assert subject == "Herinnering: naleving zaak 3 (Focus) uiterlijk 30 april 2025"
    assert "2025-04-30" in body and "escalation case show 3" in body
    assert "Stand op 25 april 2025: nog 5 dagen." in body


def test_the_whole_mail_in_dutch_says_where_the_deadline_stands_on_the_day_it_is_sent() -> None:
    set_language("nl")

    subject, body = reminder_message(
        case_id=1, provider="Focus", kind="bezwaar", due=date(2025, 3, 14),
        today=date(2025, 3, 17),
    )  # fmt: skip

    assert subject == "Verlopen: bezwaar zaak 1 (Focus) was uiterlijk 14 maart 2025"
    assert body == (
        "Zaak 1, Focus\n\n"
        "De termijn 'bezwaar' is verstreken op 14 maart 2025 (2025-03-14).\n"
        "Stand op 17 maart 2025: 3 dagen over de termijn.\n\n"
        "Bekijk de zaak met: escalation case show 1\n"
    )


def test_labels_and_messages_follow_the_language() -> None:
    subject, body = reminder_message(
        case_id=3, provider="Focus", kind="naleving", due=date(2025, 4, 30),
        today=date(2025, 5, 1),
    )  # fmt: skip

    assert (step_label(-14), step_label(-1), step_label(0), step_label(2)) == (
        "14 working days before",
        "1 working day before",
        "on the day",
        "2 working days after",
    )
    assert subject == "Overdue: naleving case 3 (Focus) was due 30 April 2025"
    assert "The deadline 'naleving' passed on 30 April 2025 (2025-04-30)." in body
    assert "As of 1 May 2025: 1 day past the deadline." in body


@pytest.mark.parametrize(
    ("today", "standing"),
    [
        (date(2025, 4, 29), "As of 29 April 2025: 1 day left."),
        (date(2025, 4, 30), "As of 30 April 2025: the deadline is today."),
        (date(2025, 5, 10), "As of 10 May 2025: 10 days past the deadline."),
    ],
)
def test_a_mail_sent_late_says_where_the_deadline_stands_then(today: date, standing: str) -> None:
    _subject, body = reminder_message(
        case_id=3, provider="Focus", kind="naleving", due=date(2025, 4, 30), today=today
    )

    assert standing in body.splitlines()
