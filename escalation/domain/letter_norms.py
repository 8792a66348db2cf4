"""The letter field `normen`: the norms a dictum enforces, each with its legal basis and measures.

An aanwijzing (and its voornemen and zakelijke weergave) enforces the norms judged below
`voldoet`; a voornemen last and the last enforce only those the latest hertoets found not met
(before any hertoets: all of the aanwijzing's). A case without findings has no `normen`; its
templates then print the jurist's own `dictum` (or `last`).
"""

from __future__ import annotations

from typing import Any

from escalation.domain.findings import CaseNorms, Finding
from escalation.domain.model import Case

LAST_TEMPLATES = frozenset({"voornemen-last", "last-onder-dwangsom", "last-onder-bestuursdwang"})

# The free inputs that a dictum per norm replaces: optional when `normen` is not empty.
NORM_FALLBACKS = frozenset({"dictum", "last"})


def norm_fields(case: Case, template: str) -> list[dict[str, Any]]:
    """The norms of the dictum of `template`, in the framework's order."""
    norms = case.norms
    if norms is None:
        return []
    chosen = norms.unmet() if template in LAST_TEMPLATES else norms.aanwijzing
    return [_fields(f, norms) for f in chosen]


def _fields(finding: Finding, norms: CaseNorms) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": finding.norm,
        "titel": finding.title,
        "kader": norms.findings.label,
        "oordeel": finding.judgement.value,
        "grondslag": finding.legal_basis,
        "tekortkomingen": finding.tekortkomingen.strip(),
        "maatregelen": [m for m in finding.maatregelen if m.strip()],
    }
    return {k: v for k, v in found.items() if v != ""}  # a letter never prints a blank
