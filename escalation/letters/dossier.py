"""`audit export --format pdf`: a case's dossier for a court or a Woo request, as an A4 PDF.

Made like the letters (escalation.letters.renderer.pdf: WeasyPrint, nothing fetched from
outside the document), from the dict of escalation.storage.audit.dossier with each event's
description (`what`) added by the caller. Labels in the reader's language (Dutch by default).
Every hash is printed whole on a line of its own, so that it can be read back and compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from jinja2 import Environment, StrictUndefined

from escalation.i18n import N_, _
from escalation.letters.renderer import pdf

LETTER_STATUS = {"draft": N_("draft"), "sent": N_("sent")}

_PAGE = """<!DOCTYPE html>
<html lang="{{ t.lang }}"><head><meta charset="utf-8"><title>{{ t.title }}</title>
<style>
@page { size: A4; margin: 20mm 18mm 20mm 20mm; font-family: "DejaVu Sans", Verdana, sans-serif;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; } }
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 8.5pt; line-height: 1.35; }
h1 { font-size: 12pt; margin: 0 0 3mm 0; } h2 { font-size: 10pt; margin: 6mm 0 2mm 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.6mm 2mm 0.6mm 0; }
tr.entry td { border-top: 0.3pt solid #999; padding-top: 1.5mm; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 6.5pt; white-space: nowrap; }
.entry-block { break-inside: avoid; }
dl { margin: 0; } dt { font-weight: bold; float: left; width: 42mm; } dd { margin: 0 0 1mm 44mm; }
</style></head><body>
<h1>{{ t.title }}</h1>
<dl>
{% for label, value, mono in summary %}<dt>{{ label }}</dt>
<dd{% if mono %} class="hash"{% endif %}>{{ value }}</dd>
{% endfor %}</dl>
<h2>{{ t.events }}</h2>
<table>
<tr><th>#</th><th>{{ t.when }}</th><th>{{ t.who }}</th><th>{{ t.what }}</th></tr>
{% for e in events %}<tbody class="entry-block">
<tr class="entry"><td>{{ e.seq }}</td><td>{{ e.on }}<br>{{ e.at }}</td><td>{{ e.by }}</td>
<td>{{ e.what }}{% if e.reason %}<br>{{ t.why }}: {{ e.reason }}{% endif %}</td></tr>
<tr><td></td><td colspan="3" class="hash">{{ e.hash }}</td></tr></tbody>
{% endfor %}</table>
<h2>{{ t.letters }}</h2>
{% if not letters %}<p>{{ t.none }}</p>{% endif %}
<table>
{% for l in letters %}<tbody class="entry-block">
<tr class="entry"><td>{{ l.id }}</td><td>{{ l.on }}</td><td>{{ l.filename }}</td>
<td>{{ l.status }}</td><td>{{ l.check }}</td></tr>
<tr><td></td><td colspan="4" class="hash">{{ l.sha256 }}</td></tr></tbody>
{% endfor %}</table>
<h2>{{ t.besluiten }}</h2>
{% if not besluiten %}<p>{{ t.none }}</p>{% endif %}
<table>
{% for b in besluiten %}<tr class="entry"><td>{{ b.kenmerk }}</td><td>{{ b.kind }}</td>
<td>{{ b.status }}</td><td>{{ t.verzonden }} {{ b.verzonden }}</td></tr>
{% endfor %}</table>
</body></html>
"""


def dossier_pdf(dossier: Mapping[str, Any], *, lang: str) -> bytes:
    """The dossier as an A4 PDF."""
    env = Environment(autoescape=True, undefined=StrictUndefined)
    page = env.from_string(_PAGE).render(
        t=_labels(lang, dossier["case"]["id"]),
        summary=summary_lines(dossier),
        events=[
            {**e, "what": e.get("what") or e["type"], "at": seconds(e["at"])}
            for e in dossier["events"]
        ],
        letters=[_letter(letter) for letter in dossier["letters"]],
        besluiten=dossier["besluiten"],
    )
    return pdf(page)


def seconds(at: str) -> str:
    """A stored moment to the second, with its offset (UTC): 2025-01-31T09:00:00+00:00."""
    return datetime.fromisoformat(at).isoformat(timespec="seconds")


def _labels(lang: str, case_id: int) -> dict[str, str]:
    return {
        "lang": lang,
        "title": _("Dossier of case {case}").format(case=case_id),
        "events": _("History"),
        "when": _("When"),
        "who": _("Who"),
        "what": _("What"),
        "why": _("Why"),
        "letters": _("Letters"),
        "besluiten": _("Besluiten"),
        "verzonden": _("sent"),
        "none": _("None."),
    }


def _letter(letter: Mapping[str, Any]) -> dict[str, Any]:
    status = LETTER_STATUS.get(letter["status"])
    check = (
        _("the stored file matches this hash")
        if letter["content_matches"]
        else _("the stored file NO LONGER matches this hash")
    )
    return {**letter, "status": _(status) if status else letter["status"], "check": check}


def summary_lines(dossier: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
    """The case, the chain's verification and the latest anchor covering the case; the
    third element says the value is a hash (printed whole, in a fixed-width font)."""
    case, chain = dossier["case"], dossier["chain"]
    provider = case.get("provider") or {}
    lines = [
        (_("Case"), f"{case['id']}: {case['title']}", False),
        (_("Provider"), f"{provider.get('name', '-')} (KvK {provider.get('kvk', '-')})", False),
        (_("Handler"), str(case.get("handler") or "-"), False),
        (_("Opened"), str(case.get("opened_on", "-")), False),
        (_("State"), str(case["state"]), False),
        (_("History"), chain_text(chain), False),
    ]
    if chain["head"]:
        lines.append((_("Last hash"), str(chain["head"]), True))
    return lines + anchor_lines(dossier.get("anchor"))


def anchor_lines(anchor: Mapping[str, Any] | None) -> list[tuple[str, str, bool]]:
    if anchor is None:
        return [(_("Anchor"), _("no anchor covers this case yet"), False)]
    held = (
        _("the history still holds it") if anchor["holds"] else _("the history NO LONGER holds it")
    )
    text = _("anchor {anchor} of {at} by {by}, up to entry {seq}: {held}").format(
        anchor=anchor["id"], at=anchor["at"], by=anchor["by"], seq=anchor["seq"], held=held
    )
    return [(_("Anchor"), text, False), (_("Anchor digest"), str(anchor["digest"]), True)]


def chain_text(chain: Mapping[str, Any]) -> str:
    if chain["intact"]:
        return _("{entries} entries, chain intact").format(entries=chain["entries"])
    broken = chain["first_break"] or {}
    return _("{entries} entries, chain BROKEN at entry {seq}").format(
        entries=chain["entries"], seq=broken.get("seq", "-")
    )
