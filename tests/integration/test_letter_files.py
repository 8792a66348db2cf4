"""A letter file and its archive record are written in one step: after a failure, neither."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escalation.domain.calendar import AtwCalendar
from escalation.domain.errors import StorageError
from escalation.domain.events import Stamp
from escalation.domain.letters import LetterError, LetterFormat
from escalation.letters import JinjaLetterRenderer
from escalation.letters.files import LetterFolder
from escalation.services.cases import apply_action, open_case
from escalation.services.letters import IssuedLetter, make_letter, write_letter
from escalation.services.providers import add_provider
from escalation.storage.db import make_engine
from escalation.storage.schema import init_database
from escalation.storage.unit_of_work import SqlUnitOfWork
from escalation.workflows import FileWorkflowCatalog

NOW = datetime(2025, 1, 31, 9, 0, tzinfo=UTC)
CATALOG = FileWorkflowCatalog()
RENDERER = JinjaLetterRenderer()


class CommitFails(SqlUnitOfWork):
    """The database refuses the commit (a full disk, a lost connection)."""

    def commit(self) -> None:
        raise StorageError("the disk is full")


class TakenMeanwhile(LetterFolder):
    """Someone else writes a file of the same name after the check, before ours is placed."""

    def place(self, filename: str, content: bytes) -> AbstractContextManager[Path]:
        (self.folder / filename).write_text("van iemand anders\n", encoding="utf-8")
        return super().place(filename, content)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'cases.sqlite'}")
    init_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def case(engine: Engine) -> int:
    add_provider(
        uow=SqlUnitOfWork(engine), name="Focus", kvk="87654321", kind="jeugdhulpaanbieder",
        alias=None, now=NOW, address="Stationsplein 1, 3511 ED Utrecht",
    )  # fmt: skip
    case_id = open_case(
        uow=SqlUnitOfWork(engine), catalog=CATALOG, provider_kvk="87654321", workflow="jeugdwet",
        on=date(2024, 9, 2), title=None, handler=None, by="jurist", now=NOW,
    )  # fmt: skip
    for action, day in (("start_onderzoek", 16), ("verstuur_conceptrapport", 17)):
        apply_action(
            uow=SqlUnitOfWork(engine), catalog=CATALOG, calendar=AtwCalendar(), case_id=case_id,
            action=action, params={}, stamp=Stamp(on=date(2024, 9, day), at=NOW, by="jurist"),
        )  # fmt: skip
    return case_id


def make(uow: SqlUnitOfWork, case: int, folder: LetterFolder) -> IssuedLetter:
    return make_letter(
        uow=uow, renderer=RENDERER, catalog=CATALOG, case_id=case,
        template="conceptrapport-aanbieding", fmt=LetterFormat.MD, inputs={}, on=None,
        stamp=Stamp(on=date(2024, 9, 17), at=NOW, by="jurist"), folder=folder,
    )  # fmt: skip


def archived(engine: Engine, case: int) -> int:
    with SqlUnitOfWork(engine) as uow:
        return len(uow.letters.for_case(case))


def test_a_letter_is_written_and_archived_together(
    engine: Engine, case: int, tmp_path: Path
) -> None:
    out = tmp_path / "brieven" / "2024"

    issued = make(SqlUnitOfWork(engine), case, LetterFolder(out))

    assert issued.path is not None and issued.path.read_bytes() == issued.record.content
    assert [p.name for p in out.iterdir()] == [issued.record.filename]
    assert archived(engine, case) == 1


def test_a_commit_that_fails_leaves_no_file_and_no_folder_behind(
    engine: Engine, case: int, tmp_path: Path
) -> None:
    out = tmp_path / "brieven" / "2024"

    with pytest.raises(StorageError, match="the disk is full"):
        make(CommitFails(engine), case, LetterFolder(out))

    assert not (tmp_path / "brieven").exists()
    assert archived(engine, case) == 0


def test_a_name_taken_after_the_check_is_not_overwritten_and_nothing_is_archived(
    engine: Engine, case: int, tmp_path: Path
) -> None:
    with pytest.raises(LetterError) as refused:
        make(SqlUnitOfWork(engine), case, TakenMeanwhile(tmp_path))

    [other] = tmp_path.glob("zaak-*")
    assert str(refused.value) == (
        f"{other} appeared while the letter was made; it is not overwritten. "
        "The letter was not issued."
    )
    assert other.read_text(encoding="utf-8") == "van iemand anders\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert archived(engine, case) == 0


def test_an_archived_letter_is_written_again_only_where_its_name_is_free(
    engine: Engine, case: int, tmp_path: Path
) -> None:
    issued = make(SqlUnitOfWork(engine), case, LetterFolder(tmp_path / "eerst"))

    path = write_letter(
        uow=SqlUnitOfWork(engine), folder=LetterFolder(tmp_path), letter_id=issued.id
    )

    assert path.read_bytes() == issued.record.content
    with pytest.raises(LetterError, match="already exists and was not overwritten"):
        write_letter(uow=SqlUnitOfWork(engine), folder=LetterFolder(tmp_path), letter_id=issued.id)


@pytest.mark.parametrize("name", ["../x.md", "sub/x.md", ".verborgen.md", ".."])
def test_a_file_name_that_would_leave_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(LetterError, match="would leave"), LetterFolder(tmp_path).place(name, b"x"):
        pass

    assert list(tmp_path.iterdir()) == []
