"""`case show`: the case's letters and besluiten, and what the deadline watch does next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalation.cli.output import day, echo
from escalation.domain.watch_next import WatchDoes, WatchStep
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.services.queries import CaseDetail

_DOES = {
    WatchDoes.REMINDER: N_("a reminder of the {deadline} deadline is sent"),
    # TRANSLATORS: e.g. "start_hertoets starts automatically (after the naleving deadline)"
    WatchDoes.FOLLOW_UP: N_("{action} starts automatically (after the {deadline} deadline)"),
    WatchDoes.FINAL: N_(
        "besluit {besluit} becomes onherroepelijk unless a bezwaar or beroep was received "
        "({deadline})"
    ),
    WatchDoes.OVERDUE: N_("the {deadline} deadline becomes overdue (an alarm)"),
    WatchDoes.LAPSED: N_("the {deadline} deadline lapses"),
    WatchDoes.VASTSTELLING: N_(
        "besluit {besluit}, prepared by {by}, awaits vaststelling by a second person "
        "(`escalation besluit vaststellen {besluit}`); its deadlines start when it is sent"
    ),
}


def watch_text(step: WatchStep) -> str:
    """'start_hertoets starts automatically (after the naleving deadline)'."""
    return _(_DOES[step.does]).format(
        deadline=step.deadline, action=step.action, besluit=step.besluit, by=step.prepared_by
    )


def echo_case_files(detail: CaseDetail) -> None:
    """The letters, besluiten and the watch's next steps of `case show`."""
    echo(_("Letters:"))
    for r in detail.letters:
        status = _("sent") if r.sent else _("draft")
        echo(f"  {r.id:>4}  {day(r.on)}  {r.template:<32} {status}")
    if not detail.letters:
        echo("  " + _("(none)"))
    echo(_("Besluiten:"))
    for b in detail.besluiten:
        awaits = _(" (awaits vaststelling, prepared by {by})").format(by=b.prepared_by)
        echo(
            f"  {b.kenmerk:<18} {b.kind.value:<28} {b.status.value}{awaits if b.is_concept else ''}"
        )
    if not detail.besluiten:
        echo("  " + _("(none)"))
    echo(_("Next for the watch:"))
    for step in detail.watch:
        due = " " + _("(due: at the next run of the watch)") if step.due else ""
        echo(f"  {day(step.on)}  {watch_text(step)}{due}")
    if not detail.watch:
        echo("  " + _("(nothing: no open deadline)"))


def case_files_json(detail: CaseDetail) -> dict[str, object]:
    return {
        "letters": [
            {"id": r.id, "template": r.template, "status": "sent" if r.sent else "draft",
             "on": r.on, "format": r.format.value, "action": r.action}
            for r in detail.letters
        ],
        "besluiten": [
            {"kind": b.kind.value, "kenmerk": b.kenmerk, "status": b.status.value,
             "dagtekening": b.dagtekening, "verzonden": None if b.is_concept else b.verzonden,
             "prepared_by": b.prepared_by, "established_by": b.established_by}
            for b in detail.besluiten
        ],
        "watch": [
            {"on": s.on, "does": s.does.value, "deadline": s.deadline, "action": s.action,
             "besluit": s.besluit, "due": s.due, "text": watch_text(s)}
            for s in detail.watch
        ],
    }  # fmt: skip
