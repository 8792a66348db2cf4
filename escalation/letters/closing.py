"""The end of a letter: the signatory under the closing, kept on one page with the last text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The body's last blocks that stay on one page with the signatory: the last paragraph and the
# closing (the `ondertekening` lines). HTML/PDF wrap them in `.slot`; Word keeps them together.
KEPT_TOGETHER = 2


def signatory_lines(context: Mapping[str, Any]) -> list[str]:
    """A blank line, then the signatory's name, function and mandate line (from the settings)."""
    signer = context.get("ondertekenaar")
    if not isinstance(signer, Mapping) or not signer:
        return []  # no signature block, or a letter made before the signatory was in it
    return ["", *(str(signer[k]) for k in ("naam", "functie", "mandaat") if k in signer)]
