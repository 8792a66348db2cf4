"""A case changed by someone else between reading and writing it: who, and when (issue 13).

The version check (cases.version, SQLAlchemy's version_id_col) refuses the loser's write; this
module says to the loser who won and when, from the case's last history entry as committed.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import Engine, desc
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col, select

from escalation.domain.errors import ConcurrentChangeError
from escalation.formatting import long_date
from escalation.i18n import N_, _
from escalation.storage.tables import CaseEventRow

CONCURRENT_CHANGE = N_(
    "Someone else changed this case while you were working on it; nothing of your change was "
    "saved. Look at `escalation case show` and try again."
)
CHANGED_BY = N_(
    "{by} changed case {case} on {day} at {time} while you were working on it; nothing of "
    "your change was saved. Look at `escalation case show {case}` and try again."
)
UTC_ZONE = ZoneInfo("UTC")


def changed_meanwhile(engine: Engine, case_id: int, zone: ZoneInfo) -> ConcurrentChangeError:
    """The error for the loser of a concurrent change, naming the winner from the history.

    Read on a connection of its own: the loser's transaction is spent, the winner's committed.
    """
    try:
        with engine.connect() as conn:
            last = conn.execute(
                select(CaseEventRow.by, CaseEventRow.at)
                .where(CaseEventRow.case_id == case_id)
                .order_by(desc(col(CaseEventRow.id)))
                .limit(1)
            ).first()
    except SQLAlchemyError:
        last = None
    if last is None:
        return ConcurrentChangeError(_(CONCURRENT_CHANGE))
    local = last.at.astimezone(zone)
    return ConcurrentChangeError(
        _(CHANGED_BY).format(
            by=last.by, case=case_id, day=long_date(local.date()), time=f"{local:%H:%M}"
        )
    )
