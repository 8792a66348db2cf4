"""What a jurist does next after a bezwaar step: the verdict a late one waits for, the letter
that belongs to the step (Awb 6:6, 7:2, 7:10 lid 5, 7:12), beroep after the beslissing.

The commands are shown as typed (not translated); the sentence around them is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalation.domain.besluiten import BezwaarStatus, Tijdigheid
from escalation.i18n import _

if TYPE_CHECKING:
    from escalation.services.bezwaren import BezwaarDetail

# The letter that goes with each step (the templates in letters/bezwaar-*.md.j2).
_LETTERS = {
    "add": ("bezwaar-ontvangstbevestiging", ""),
    "herstel": ("bezwaar-herstelverzoek", " --set verzuim=TEXT"),
    "verdaag": ("bezwaar-verdaging", ""),
    "uitstel": ("bezwaar-verdaging", ""),
    "hoorzitting": ("bezwaar-uitnodiging-hoorzitting", ""),
    "beslis": ("bezwaar-beslissing", " --set overwegingen=TEXT"),
}


def next_steps(d: BezwaarDetail, step: str) -> list[str]:
    """The lines that tell what comes next after `step` (add, herstel, beslis, ...)."""
    z = d.bezwaar
    lines = []
    if z.tijdigheid is Tijdigheid.TE_LAAT and z.verschoonbaar is None:
        command = f"escalation bezwaar termijn {d.ref} --verschoonbaar ja|nee --reason TEXT"
        lines.append(
            _("Next step: judge whether the lateness is excusable (Awb 6:11): {command}").format(
                command=command
            )
        )
    if step == "termijn" and z.verschoonbaar is False and z.status is BezwaarStatus.LOPEND:
        command = f"escalation bezwaar beslis {d.ref} --uitkomst niet_ontvankelijk"
        lines.append(
            _("Next step: declare it niet-ontvankelijk (Awb 6:11): {command}").format(
                command=command
            )
        )
    if step in _LETTERS:
        lines.append(_("Letter for this step: {command}").format(command=_letter(d, step)))
    if step == "beslis" and d.beslissing is not None:
        command = f"escalation besluit beroep {d.beslissing.kenmerk} --ingesteld DATE"
        lines.append(
            _("When beroep is instituted against it (Awb 8:1): {command}").format(command=command)
        )
    return lines


def _letter(d: BezwaarDetail, step: str) -> str:
    template, extra = _LETTERS[step]
    z = d.bezwaar
    on = ""
    if step == "herstel" and z.herstel:
        on = f" --on {z.herstel[-1].verzocht_op.isoformat()}"
    elif step == "beslis" and z.beslist_op is not None:
        on = f" --on {z.beslist_op.isoformat()}"
    return f"escalation letter make {d.case_id} {template}{on} --set bezwaarschrift={d.ref}{extra}"
