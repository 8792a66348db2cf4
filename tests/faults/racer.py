"""`python -m tests.faults.racer ARGS...`: the real `escalation ARGS...` in a process of its own,
held at its first write to a case row until the test lets it go.

Both users of a race have then read the case (at the same version) before either writes, as
when two juristen open one case at the same moment; which one writes first is up to the
database. The hold is an SQLAlchemy event on every engine, nothing in escalation itself.
Environment: RACE_READY (a file made when held), RACE_GO (a file whose existence lets go),
RACE_AT (optional: the start of the statement to hold at; default "UPDATE CASES ").
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

HOLD_LIMIT_S = 60.0


def hold_before_the_case_write(ready: Path, go: Path, at: str = "UPDATE CASES ") -> None:
    held = False

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal held
        if held or not statement.lstrip().upper().startswith(at.upper()):
            return
        held = True
        ready.touch()
        limit = time.monotonic() + HOLD_LIMIT_S
        while not go.exists() and time.monotonic() < limit:  # polls the test, not the clock
            time.sleep(0.005)

    event.listen(Engine, "before_cursor_execute", before)


if __name__ == "__main__":
    hold_before_the_case_write(
        Path(os.environ["RACE_READY"]),
        Path(os.environ["RACE_GO"]),
        os.environ.get("RACE_AT", "UPDATE CASES "),
    )
    sys.argv = ["escalation", *sys.argv[1:]]
    from escalation.cli import main

    main()
