"""The progress bar of a bulk command (`letter batch`, `case do-many`).

Shown on standard error, only when that is a terminal and only once the work has taken a
second (tqdm's `delay`): a script or a test that reads the output sees the summary alone.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], object]]:
    """A bar of `total` steps named `label` (already translated); yields `advance(n)`."""
    from tqdm import tqdm  # only the bulk commands pay for it

    with tqdm(
        total=total, desc=label, delay=1.0, disable=None, file=sys.stderr, leave=False
    ) as bar:
        yield bar.update
