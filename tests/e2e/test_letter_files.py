"""`letter make --out` and `letter show --out` check the folder before anything is made, and a
letter is archived only together with its file.

The refusals use conditions that hold for root too (the tests may run as root, for whom
permissions do not stop a write): a file where the folder should be, a folder under a file,
and a real read-only file system (a read-only bind mount in a user namespace).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.helpers import (
    BY,
    TO_RAPPORT,
    Cli,
    add_provider,
    as_json,
    history,
    ok,
    open_case,
    refused,
    walk,
)
from tests.i18n_helpers import tr


def cannot_write(folder: Path, problem: str, **fields: object) -> str:
    return tr(
        "Cannot write letters to {folder}: {problem}", folder=folder, problem=tr(problem, **fields)
    )


def make(cli: Cli, case: int, out: Path) -> list[object]:
    template = "conceptrapport-aanbieding"
    return ["letter", "make", case, template, "--format", "md", "--out", out, "--by", BY]


def reminder_case(cli: Cli) -> int:
    """A case whose conceptrapport letter can be made (again) at any time."""
    case = open_case(cli, add_provider(cli))
    walk(cli, case, TO_RAPPORT[:2])
    return case


def test_letter_make_refuses_an_out_that_is_a_file_before_anything_is_made(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    case = reminder_case(cli)
    out = tmp_path / "brieven.txt"
    out.write_text("van iemand anders\n", encoding="utf-8")
    before = history(cli, case)
    database = db_path.read_bytes()

    result = cli(*make(cli, case, out))

    refused(result, cannot_write(out, "{path} is a file, not a folder.", path=out))
    assert db_path.read_bytes() == database
    assert len(as_json(cli("letter", "list", str(case), "--json"))) == 1  # the draft
    assert history(cli, case) == before
    assert out.read_text(encoding="utf-8") == "van iemand anders\n"


def test_letter_make_refuses_an_out_under_a_file_and_creates_nothing(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    case = reminder_case(cli)
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "brieven" / "2025"
    database = db_path.read_bytes()

    result = cli(*make(cli, case, out))

    refused(result, cannot_write(out, "{path} is a file, not a folder.", path=blocker))
    assert db_path.read_bytes() == database
    assert len(as_json(cli("letter", "list", str(case), "--json"))) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand", "cases.sqlite"]


def test_letter_show_checks_the_folder_before_it_shows_anything(cli: Cli, tmp_path: Path) -> None:
    case = reminder_case(cli)
    ok(cli(*make(cli, case, tmp_path / "eerst")))
    letter = as_json(cli("letter", "list", str(case), "--json"))[-1]["id"]
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")

    result = cli("letter", "show", letter, "--out", blocker / "sub")

    refused(result, cannot_write(blocker / "sub", "{path} is a file, not a folder.", path=blocker))
    assert result.stdout == ""


def test_letter_make_leaves_no_temporary_file_behind(cli: Cli, tmp_path: Path) -> None:
    case = reminder_case(cli)
    out = tmp_path / "brieven"

    made = ok(cli(*make(cli, case, out)))

    [written] = out.iterdir()
    assert written.name.startswith("zaak-") and written.suffix == ".md"
    assert tr("Written to {path}", path=written) in made.stdout
    assert (written.stat().st_mode & 0o777) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _read_only_mounts_work(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", _mount_read_only(folder) + " && true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def _mount_read_only(folder: Path) -> str:
    return f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' '{folder}'"


def test_letter_make_refuses_a_read_only_file_system_and_archives_nothing(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    out = tmp_path / "alleen-lezen"
    out.mkdir()
    if not _read_only_mounts_work(out):
        pytest.skip("no user namespaces here to make a read-only file system in")
    case = reminder_case(cli)
    program = Path(sys.executable).parent / "escalation"
    argv = [str(program), "--db", str(db_path), *map(str, make(cli, case, out))]

    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", _mount_read_only(out) + ' && exec "$@"', "sh", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert done.returncode == 1, done
    said = cannot_write(out, "{path} is on a read-only file system.", path=out)
    assert said in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert len(as_json(cli("letter", "list", str(case), "--json"))) == 1
    assert list(out.iterdir()) == []
