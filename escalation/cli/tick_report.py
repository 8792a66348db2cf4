"""What `tick` says after the sweep: the mail it sent, and the anchor it stored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalation.cli.output import echo
from escalation.formatting import count
from escalation.i18n import _, ngettext

if TYPE_CHECKING:
    from escalation.services.delivery import DeliveryReport


def print_delivery(d: DeliveryReport) -> None:
    echo(
        _("Mail: {sent} sent, {failed} failed, {dropped} dropped.").format(
            sent=len(d.sent), failed=len(d.failed), dropped=d.dropped
        )
    )
    for reminder_id, error in d.failed:
        echo(
            "  "
            + _("reminder {reminder} not sent: {error}").format(reminder=reminder_id, error=error)
        )
    for line in _delivery_notes(d):
        echo(f"  {line}")


def _delivery_notes(d: DeliveryReport) -> list[str]:
    notes = []
    if d.replaced:
        notes.append(
            ngettext(
                "{count} earlier step replaced by a later step of its deadline (one mail per "
                "deadline)",
                "{count} earlier steps replaced by a later step of their deadline (one mail per "
                "deadline)",
                d.replaced,
            ).format(count=count(d.replaced))
        )
    if d.more:
        notes.append(
            ngettext(
                "{count} more reminder waiting: at most {cap} are sent per run; the next run "
                "sends it.",
                "{count} more reminders waiting: at most {cap} are sent per run; the next runs "
                "send them.",
                d.more,
            ).format(count=count(d.more), cap=count(d.per_run))
        )
    if d.waiting:
        notes.append(
            ngettext(
                "{count} reminder waits in the outbox: no SMTP server is configured (set "
                "ESCALATION_SMTP_HOST). `escalation reminders` lists it.",
                "{count} reminders wait in the outbox: no SMTP server is configured (set "
                "ESCALATION_SMTP_HOST). `escalation reminders` lists them.",
                d.waiting,
            ).format(count=count(d.waiting))
        )
    return notes


def print_anchor(anchored: dict[str, object] | None) -> None:
    if anchored is None:
        echo(_("History: unchanged since the last anchor; no anchor stored."))
    else:
        echo(_("History anchored: anchor {anchor}, digest {digest}.").format(**anchored))
