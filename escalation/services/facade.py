"""The use cases per noun, with their adapters injected: what `app.cases`, `app.watch`... offer.

A caller (the CLI, the scheduler, the demo) passes only what the user typed. `on=None` is
today in the configured zone and `by=None` the current user, resolved from the injected clock
and identity (see UseCases). Each method is one use case and one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from escalation.domain.besluiten import BesluitSummary
from escalation.domain.deadline import Deadline
from escalation.domain.events import Event
from escalation.domain.letters import LetterFormat, LetterRecord, TemplateSpec
from escalation.domain.model import DEFAULT_ORGANISATION, CaseSummary, Provider
from escalation.domain.organisations import check_codes
from escalation.domain.terms import Term
from escalation.services import (
    besluiten,
    bulk_actions,
    cases,
    deadlines,
    handling,
    letters,
    providers,
    queries,
    watch_queries,
)
from escalation.services.base import UseCases
from escalation.services.four_eyes_facade import Establishing
from escalation.services.letter_facade import LetterDrafting
from escalation.services.selection import CaseSelection
from escalation.services.selection import case_ids as selection_ids


class Providers(UseCases):
    def add(
        self,
        name: str,
        *,
        kvk: str,
        kind: str,
        alias: str | None = None,
        address: str | None = None,
    ) -> Provider:
        self._actor(None)  # a team database: only a known, active user registers a subject
        return providers.add_provider(
            uow=self._a.uow(),
            name=name,
            kvk=kvk,
            kind=kind,
            alias=alias,
            address=address,
            now=self._now(),
        )

    def edit(self, ref: str, *, address: str) -> Provider:
        self._actor(None)  # a team database: only a known, active user changes one
        return providers.edit_provider(uow=self._a.uow(), ref=ref, address=address)

    def find(self, ref: str) -> Provider:
        return providers.find_provider(uow=self._a.uow(), ref=ref)

    def show(self, ref: str) -> tuple[Provider, list[CaseSummary]]:
        return providers.show_provider(uow=self._a.uow(), ref=ref)

    def list(self) -> list[Provider]:
        return providers.list_providers(uow=self._a.uow())


class Cases(UseCases):
    def open(
        self,
        provider: str,
        *,
        workflow: str = "jeugdwet",
        on: date | None = None,
        title: str | None = None,
        handler: str | None = None,
        by: str | None = None,
        location: int | None = None,
        organisation: str = DEFAULT_ORGANISATION,
        co: Sequence[str] = (),
    ) -> int:
        kvk = providers.provider_kvk(uow=self._a.uow(), ref=provider) or provider
        actor = self._actor(by)
        return cases.open_case(  # `co`: the other inspectorates of a joint case
            organisations=check_codes(organisation, co, self._a.organisations.codes()),
            uow=self._a.uow(),
            catalog=self._a.catalog,
            provider_kvk=kvk,
            workflow=workflow,
            on=self._on(on),
            title=title,
            handler=handler,
            by=actor.by,
            recorded_by=actor.recorded_by,
            now=self._now(),
            location=location,
        )

    def apply_action(
        self,
        case_id: int,
        action: str,
        *,
        on: date | None = None,
        params: Mapping[str, str] | None = None,
        reason: str | None = None,
        by: str | None = None,
    ) -> cases.ActionResult:
        actor = self._actor(by)
        return cases.apply_action(
            uow=self._a.uow(),
            catalog=self._a.catalog,
            calendar=self._a.calendar,
            case_id=case_id,
            action=action,
            params=params or {},
            stamp=self._stamp(on, actor, reason),
            renderer=self._a.renderer,
            role=actor.role,
        )

    def selected(self, selection: CaseSelection) -> list[int]:
        """The ids of the cases a bulk command names (a state is checked to exist)."""
        with self._a.uow() as uow:
            if selection.state is not None:
                queries.check_state(selection.state, uow, self._a.catalog)
            return selection_ids(uow, selection)

    def apply_many(
        self,
        action: str,
        case_ids: Sequence[int],
        *,
        on: date | None = None,
        params: Mapping[str, str] | None = None,
        reason: str | None = None,
        by: str | None = None,
        advance: Callable[[int], object] | None = None,
    ) -> bulk_actions.BulkResult:
        """`case do-many`: `action` on each case as `apply_action` would take it (`by`: on
        behalf of someone, as `case do --by`)."""
        bulk_actions.check_action(self._a.catalog, action)
        actor = self._actor(by)
        return bulk_actions.apply_many(
            uow_factory=self._a.uow, catalog=self._a.catalog, calendar=self._a.calendar,
            case_ids=case_ids, renderer=self._a.renderer, advance=advance,
            what=bulk_actions.BulkAction(action, params or {}, self._stamp(on, actor, reason),
                                         actor.role),
        )  # fmt: skip

    def detail(self, case_id: int) -> queries.CaseDetail:
        return queries.case_detail(
            uow=self._a.uow(), catalog=self._a.catalog, case_id=case_id, today=self._on(None)
        )

    def history(self, case_id: int) -> list[Event]:
        return queries.case_history(uow=self._a.uow(), case_id=case_id)

    def assign(self, case_id: int, handler: str, *, by: str | None = None) -> str | None:
        stamp = self._stamp(None, by)
        return handling.assign_handler(
            uow=self._a.uow(), case_id=case_id, handler=handler, stamp=stamp
        )

    def set_reminder_ladder(
        self, case_id: int, kind: str, ladder: tuple[int, ...] | None, *, by: str | None = None
    ) -> tuple[int, ...]:
        return handling.set_reminder_ladder(
            uow=self._a.uow(),
            catalog=self._a.catalog,
            calendar=self._a.calendar,
            case_id=case_id,
            kind=kind,
            ladder=ladder,
            stamp=self._stamp(None, by),
        )

    def move_deadline(
        self,
        case_id: int,
        kind: str,
        *,
        to: date | Term,
        reason: str,
        on: date | None = None,
        by: str | None = None,
    ) -> Deadline:
        return handling.move_deadline(
            uow=self._a.uow(),
            catalog=self._a.catalog,
            calendar=self._a.calendar,
            case_id=case_id,
            kind=kind,
            to=to,
            stamp=self._stamp(on, by, reason),
        )

    def list(self, *, state: str | None = None, provider: str | None = None) -> list[CaseSummary]:
        kvk = providers.provider_kvk(uow=self._a.uow(), ref=provider)
        return queries.list_cases(
            uow=self._a.uow(), catalog=self._a.catalog, state=state, provider_kvk=kvk
        )


class Besluiten(Establishing):
    def show(self, ref: str) -> besluiten.BesluitDetail:
        """The besluit with this kenmerk or id, with its deadlines, letters and history."""
        return besluiten.show_besluit(uow=self._a.uow(), ref=ref)

    def list(
        self, *, case_id: int | None = None, status: str | None = None
    ) -> list[BesluitSummary]:
        return besluiten.list_besluiten(uow=self._a.uow(), case_id=case_id, status=status)

    def beroep(
        self, ref: str, *, ingesteld: date, by: str | None = None
    ) -> besluiten.BesluitDetail:
        """Beroep instituted on `ingesteld` against a beslissing op bezwaar (Awb 8:1)."""
        stamp = self._stamp(ingesteld, by)
        besluiten.beroep(uow=self._a.uow(), ref=ref, stamp=stamp, today=self._on(None))
        return self.show(ref)


class Letters(LetterDrafting):
    def make(
        self,
        case_id: int,
        template: str,
        *,
        fmt: LetterFormat,
        inputs: Mapping[str, str] | None = None,
        on: date | None = None,
        by: str | None = None,
        out: Path | None = None,
    ) -> letters.IssuedLetter:
        """Make and archive a letter; with `out`, write its file in the same step."""
        return letters.make_letter(
            uow=self._a.uow(),
            renderer=self._a.renderer,
            catalog=self._a.catalog,
            case_id=case_id,
            template=template,
            fmt=fmt,
            inputs=inputs or {},
            on=on,
            stamp=self._stamp(None, by),
            folder=None if out is None else self._a.letter_folder(out),
            calendar=self._a.calendar,
        )

    def show(self, letter_id: int) -> LetterRecord:
        return letters.show_letter(uow=self._a.uow(), letter_id=letter_id)

    def write(self, letter_id: int, out: Path) -> Path:
        """Write an archived letter's file again (never over an existing file)."""
        folder = self._a.letter_folder(out)
        return letters.write_letter(uow=self._a.uow(), folder=folder, letter_id=letter_id)

    def verify(self, letter_id: int) -> letters.Verification:
        return letters.verify_letter(
            uow=self._a.uow(), renderer=self._a.renderer, letter_id=letter_id
        )

    def templates(self) -> list[TemplateSpec]:
        renderer = self._a.renderer
        return [renderer.spec(name) for name in renderer.names()]

    def lint(self, path: Path | None = None) -> tuple[list[str], list[str], int]:
        """The templates checked, the findings as text, and how many are errors."""
        checked, findings = self._a.linter(path)
        return checked, [str(f) for f in findings], sum(1 for f in findings if f.error)

    def list(self, case_id: int) -> list[LetterRecord]:
        return letters.list_letters(uow=self._a.uow(), case_id=case_id)


class Watch(UseCases):
    def tick(self, today: date | None = None, *, force: bool = False) -> deadlines.TickReport:
        """One run of the watch; a `today` after the real today only with `force`."""
        if today is not None:
            deadlines.check_run_day(today, real_today=self._on(None), force=force)
        return deadlines.process_due(
            uow_factory=self._a.uow,
            catalog=self._a.catalog,
            calendar=self._a.calendar,
            mailer=self._a.mailer,
            resolve=self._a.recipients,
            today=self._on(today),
            clock=self._a.clock.now,
            lease=self._a.send_lease,
        )

    def agenda(
        self,
        *,
        until: date | None = None,
        overdue_only: bool = False,
        handler: str | None = None,
        case_id: int | None = None,
        today: date | None = None,
    ) -> deadlines.Agenda:
        return deadlines.agenda(
            uow=self._a.uow(),
            today=self._on(today),
            until=until,
            overdue_only=overdue_only,
            handler=handler,
            case_id=case_id,
            catalog=self._a.catalog,
        )

    def simulate(self, *, until: date, today: date | None = None) -> deadlines.Simulation:
        return deadlines.simulate(
            uow=self._a.uow(),
            catalog=self._a.catalog,
            calendar=self._a.calendar,
            start=self._on(today),
            until=until,
            now=self._now(),
        )

    def reminders(
        self,
        *,
        case_id: int | None = None,
        status: str | None = None,
        limit: int | None = watch_queries.LIST_LIMIT,
    ) -> watch_queries.ReminderPage:
        return watch_queries.list_reminders(
            uow=self._a.uow(), case_id=case_id, status=status, limit=limit
        )

    def incidents(
        self, *, include_resolved: bool = False, limit: int | None = watch_queries.LIST_LIMIT
    ) -> watch_queries.ReminderPage:
        return watch_queries.list_incidents(
            uow=self._a.uow(), now=self._now(), include_resolved=include_resolved, limit=limit
        )

    def export_calendar(self, *, handler: str | None = None) -> tuple[bytes, int]:
        """The open deadlines as an iCalendar file, and how many it holds."""
        items = [i for i in self.agenda(handler=handler).items if not i.next_step]
        return self._a.exporter(items, now=self._now()), len(items)
