"""`audit export`: a case's dossier as text, JSON or PDF, on the screen or in a file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from escalation.cli.output import echo, json_text, visible
from escalation.cli.views import event_text
from escalation.domain.errors import InvalidInputError
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.bootstrap import App
    from escalation.domain.events import Event

LETTER_STATUS = {"draft": N_("draft"), "sent": N_("sent")}


def export_dossier(app: App, case_id: int, fmt: str, out: Path | None) -> None:
    """Print or write the dossier; a PDF goes to `out` or dossier-<case>.pdf here."""
    dossier = app.database.dossier(case_id)
    if fmt == "json":
        _deliver(json_text(dossier) + "\n", out, case_id)
        return
    described = with_descriptions(dossier, app.cases.history(case_id))
    if fmt == "text":
        _deliver("\n".join(text_lines(described)) + "\n", out, case_id)
        return
    target = out or Path(f"dossier-{case_id}.pdf")
    _write(target, app.database.dossier_pdf(described))
    written = _("Dossier of case {case} written to {file} ({entries} entries, {letters} letters).")
    echo(
        written.format(
            case=case_id, file=target, entries=len(dossier["events"]),
            letters=len(dossier["letters"]),
        )
    )  # fmt: skip


def with_descriptions(dossier: dict[str, Any], history: list[Event]) -> dict[str, Any]:
    """Each event with what it did in words; both lists are the history in order (a later
    entry written between the two reads has no description and shows its type)."""
    events = [
        {**e, "what": event_text(h) if e["type"] == h.TYPE else e["type"]}
        for e, h in zip(dossier["events"], history, strict=False)
    ]
    rest = [{**e, "what": e["type"]} for e in dossier["events"][len(events) :]]
    return {**dossier, "events": events + rest}


def seconds(at: str) -> str:
    """A stored moment to the second, with its offset (UTC)."""
    return datetime.fromisoformat(at).isoformat(timespec="seconds")


def text_lines(dossier: dict[str, Any]) -> list[str]:
    case, chain, anchor = dossier["case"], dossier["chain"], dossier["anchor"]
    summary = (
        _("History: {entries} entries, chain intact, last hash {head}.")
        if chain["intact"]
        else _("History: {entries} entries, chain BROKEN (run `escalation audit verify`).")
    )
    lines = [
        _("Dossier of case {case}: {title}").format(case=case["id"], title=case["title"]),
        summary.format(entries=chain["entries"], head=chain["head"]),
        _anchor_line(anchor),
    ]
    for e in dossier["events"]:
        lines.append(f"  {e['seq']:>4} {e['on']} {seconds(e['at'])} {e['by']:<16} {e['what']}")
        if e["reason"]:
            lines.append("       " + _("why: {reason}").format(reason=e["reason"]))
        lines.append(f"       {e['hash']}")
    lines.append(_("Letters:"))
    lines += [_letter_line(letter) for letter in dossier["letters"]]
    lines.append(_("Besluiten:"))
    lines += [
        f"  {b['kenmerk']} {b['kind']} {b['status']} {b['verzonden']}" for b in dossier["besluiten"]
    ]
    return [visible(line) for line in lines]


def _anchor_line(anchor: dict[str, Any] | None) -> str:
    if anchor is None:
        return _("Anchor: none covers this case yet (`escalation audit anchor`).")
    held = (
        _("the history still holds it") if anchor["holds"] else _("the history NO LONGER holds it")
    )
    return _("Anchor {anchor} of {at} up to entry {seq}, digest {digest}: {held}.").format(
        anchor=anchor["id"], at=anchor["at"], seq=anchor["seq"], digest=anchor["digest"],
        held=held,
    )  # fmt: skip


def _letter_line(letter: dict[str, Any]) -> str:
    status = LETTER_STATUS.get(letter["status"])
    mismatch = "" if letter["content_matches"] else " " + _("(its file no longer gives this hash)")
    return (
        f"  {letter['id']:>4} {letter['on']} {_(status) if status else letter['status']:<10} "
        f"{letter['filename']} sha256 {letter['sha256']}{mismatch}"
    )


def _deliver(text: str, out: Path | None, case_id: int) -> None:
    if out is None:
        echo(text, nl=False)
        return
    _write(out, text.encode("utf-8"))
    echo(_("Dossier of case {case} written to {file}.").format(case=case_id, file=out))


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as err:
        raise InvalidInputError(
            _("The dossier cannot be written to {file}: {problem}.").format(
                file=path, problem=err.strerror or err
            )
        ) from None
