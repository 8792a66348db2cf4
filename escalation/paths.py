"""Where the default workflows and letters live: inside the wheel, or in the source checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def packaged_dir(name: str) -> Path:
    """The folder `name` ("workflows" or "letters") shipped with the package.

    A wheel carries it as `escalation/_data/<name>`; an editable install from a checkout
    reads the top-level folder of the same name.
    """
    bundled = Path(str(files("escalation"))) / "_data" / name
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parent.parent / name
