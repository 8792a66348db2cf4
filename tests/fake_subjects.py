"""The in-memory fake of the subjects repository: a case without a location or signal only.

Locations and signals are tested on SQLite and PostgreSQL (tests/contracts/test_subjects.py);
the fake lets the other use cases, which open cases without them, run in memory.
"""

from __future__ import annotations

from datetime import date, datetime

from escalation.domain.subjects import Location, Signal


class FakeSubjectRepository:
    def add_location(
        self, provider: str, *, address: str, name: str | None, lrk: str | None,
        agb: str | None, now: datetime,
    ) -> Location:  # fmt: skip
        raise NotImplementedError("locations are tested on a real database")

    def locations(self, provider: str) -> list[Location]:
        return []

    def location(self, location_id: int) -> Location:
        raise NotImplementedError("locations are tested on a real database")

    def add_signal(self, *, title: str, workflow: str, on: date, by: str, now: datetime) -> int:
        raise NotImplementedError("signals are tested on a real database")

    def link(self, case_id: int, *, location: int | None, signal: int | None) -> None:
        if location is not None or signal is not None:
            raise NotImplementedError("locations and signals are tested on a real database")

    def scope(self, case_id: int) -> tuple[Location | None, int | None]:
        return None, None

    def signal(self, signal_id: int) -> Signal:
        raise NotImplementedError("signals are tested on a real database")

    def signals(self) -> list[tuple[Signal, int]]:
        return []
