"""The bulk commands' progress bar stays silent when standard error is not a terminal."""

from __future__ import annotations

import pytest

from escalation.cli.progress import progress


def test_no_bar_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    advanced = []
    with progress(3, "zaken") as advance:
        for _ in range(3):
            advanced.append(advance(1))
    assert capsys.readouterr().err == ""
    assert len(advanced) == 3
