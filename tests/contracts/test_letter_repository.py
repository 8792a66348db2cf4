"""LetterRepository contract: an archive that only grows, read back byte for byte."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from escalation.domain.letters import SENT, LetterFormat, SentLetterError, UnknownLetterError
from tests.contracts.builders import Backend, add_case, letter, opened, provider


def test_an_added_letter_reads_back_with_every_field(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))
    issued = letter(case_id)
    with backend.uow() as uow:
        letter_id = uow.letters.add(issued)
        uow.commit()

    with backend.uow() as uow:
        assert uow.letters.get(letter_id) == replace(issued, id=letter_id)


def test_letters_are_listed_per_case_in_the_order_they_were_added(backend: Backend) -> None:
    first, second = add_case(backend, opened(provider())), add_case(backend, opened(provider()))
    with backend.uow() as uow:
        ids = [
            uow.letters.add(letter(first, "vooraankondiging", format=LetterFormat.MD)),
            uow.letters.add(letter(second, "aanwijzing")),
            uow.letters.add(letter(first, "aanwijzing", action=None)),
        ]
        uow.commit()
    with backend.uow() as uow:
        ids.append(uow.letters.add(letter(first, "herinnering")))
        uow.commit()

    with backend.uow() as uow:
        of_first = [(r.id, r.template) for r in uow.letters.for_case(first)]
        of_second = [r.id for r in uow.letters.for_case(second)]
        of_none = uow.letters.for_case(second + 1)
    assert of_first == [
        (ids[0], "vooraankondiging"),
        (ids[2], "aanwijzing"),
        (ids[3], "herinnering"),
    ]
    assert ids == sorted(ids)
    assert of_second == [ids[1]]
    assert of_none == []


def test_adding_a_stored_letter_again_makes_a_new_one_and_changes_none(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        first_id = uow.letters.add(letter(case_id))
        uow.commit()

    with backend.uow() as uow:
        stored = uow.letters.get(first_id)
        second_id = uow.letters.add(replace(stored, content=b"changed", template="anders"))
        uow.commit()

    with backend.uow() as uow:
        assert second_id != first_id
        assert uow.letters.get(first_id) == stored
        assert [r.content for r in uow.letters.for_case(case_id)] == [stored.content, b"changed"]


def test_a_read_letter_is_a_copy_that_does_not_change_the_archive(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        letter_id = uow.letters.add(letter(case_id))
        uow.letters.get(letter_id).context["zaak"]["titel"] = "overschreven"
        uow.commit()

    with backend.uow() as uow:
        assert uow.letters.get(letter_id).context["zaak"]["titel"] == "Signaal – Focus"


def test_an_unknown_letter_is_refused(backend: Backend) -> None:
    with backend.uow() as uow, pytest.raises(UnknownLetterError, match="42"):
        uow.letters.get(42)


# --- drafts and sent letters (migration 0008) ------------------------------------------------


def test_a_draft_is_updated_in_place_and_reads_back_changed(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        letter_id = uow.letters.add(letter(case_id, status="draft"))
        uow.commit()

    changed = replace(
        letter(case_id, status="draft", id=letter_id),
        format=LetterFormat.DOCX, content=b"docx", output_sha256="c" * 64,
        context={"dictum": "nieuw"}, filename="x.docx",
    )  # fmt: skip
    with backend.uow() as uow:
        uow.letters.update(changed)
        uow.commit()

    with backend.uow() as uow:
        assert uow.letters.get(letter_id) == changed
        assert [r.id for r in uow.letters.for_case(case_id)] == [letter_id]


def test_a_draft_may_be_sent_once_and_then_never_changes(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        letter_id = uow.letters.add(letter(case_id, status="draft"))
        uow.commit()
    with backend.uow() as uow:
        uow.letters.update(replace(uow.letters.get(letter_id), status="sent", content=b"final"))
        uow.commit()

    with backend.uow() as uow:
        sent = uow.letters.get(letter_id)
        with pytest.raises(SentLetterError, match=str(letter_id)):
            uow.letters.update(replace(sent, content=b"changed"))
        with pytest.raises(SentLetterError):
            uow.letters.update(replace(sent, status="draft"))

    with backend.uow() as uow:
        assert uow.letters.get(letter_id) == sent
        assert (sent.status, sent.content) == ("sent", b"final")


UPDATES = [
    "UPDATE letters SET content = :x WHERE id = :id",
    "UPDATE letters SET status = 'draft' WHERE id = :id",
    "DELETE FROM letters WHERE id = :id",
]


@pytest.mark.parametrize("statement", UPDATES)
def test_the_database_itself_refuses_changing_a_sent_letter(
    backend: Backend, statement: str
) -> None:
    if backend.name == "fake":
        pytest.skip("a database trigger: SQLite and PostgreSQL only")
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        sent_id = uow.letters.add(letter(case_id, status="sent"))
        draft_id = uow.letters.add(letter(case_id, status="draft"))
        uow.commit()

    engine = backend.uow()._engine  # type: ignore[attr-defined]
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement), {"x": b"x", "id": sent_id})
    with engine.begin() as conn:  # the same statement on a draft goes through
        conn.execute(text(statement), {"x": b"x", "id": draft_id})

    with backend.uow() as uow:
        assert uow.letters.get(sent_id).content == letter(case_id).content
        assert uow.letters.get(sent_id).status == "sent"


def test_the_database_refuses_moving_a_draft_to_another_case_or_template(
    backend: Backend,
) -> None:
    if backend.name == "fake":
        pytest.skip("a database trigger: SQLite and PostgreSQL only")
    case_id = add_case(backend, opened(provider()))
    other = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        draft_id = uow.letters.add(letter(case_id, status="draft"))
        uow.commit()

    engine = backend.uow()._engine  # type: ignore[attr-defined]
    for statement in (
        "UPDATE letters SET case_id = :other WHERE id = :id",
        "UPDATE letters SET template = 'anders' WHERE id = :id",
        "UPDATE letters SET status = 'issued' WHERE id = :id",
    ):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement), {"other": other, "id": draft_id})


def test_the_open_draft_is_the_newest_draft_of_the_template_and_action(backend: Backend) -> None:
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        older = uow.letters.add(letter(case_id))
        newer = uow.letters.add(letter(case_id))
        uow.letters.add(letter(case_id, status=SENT))  # sent: never a draft again
        uow.letters.add(letter(case_id, action=None))  # made without the action
        uow.letters.add(letter(case_id, "herinnering"))
        uow.commit()

    with backend.uow() as uow:
        found = uow.letters.open_draft(case_id, "aanwijzing", "geef_aanwijzing")
        without_action = uow.letters.open_draft(case_id, "aanwijzing", None)
        none = uow.letters.open_draft(case_id, "aanmaning", None)

    assert (found.id if found else None) == newer != older
    assert without_action is not None and without_action.action is None
    assert none is None


def test_open_draft_ids_say_per_case_what_open_draft_says(backend: Backend) -> None:
    first, second, bare = (add_case(backend, opened(provider())) for _ in range(3))
    with backend.uow() as uow:
        uow.letters.add(letter(first))
        newest = uow.letters.add(letter(first))
        uow.letters.add(letter(second, status=SENT))  # sent: not a draft
        without = uow.letters.add(letter(second, action=None))
        uow.commit()

    with backend.uow() as uow:
        ids = uow.letters.open_draft_ids([first, second, bare], "aanwijzing", "geef_aanwijzing")
        none_action = uow.letters.open_draft_ids([first, second], "aanwijzing", None)

    assert ids == {first: newest}
    assert none_action == {second: without}


def test_contexts_come_newest_first_for_the_templates_asked_across_pages(
    backend: Backend,
) -> None:
    case_id = add_case(backend, opened(provider()))
    with backend.uow() as uow:
        ids = uow.letters.add_many(
            [letter(case_id, "aanwijzing" if i % 2 else "herinnering", context={"n": str(i)})
             for i in range(120)]
        )  # fmt: skip
        uow.commit()

    with backend.uow() as uow:
        read = list(uow.letters.contexts(case_id, ["aanwijzing"]))
        nothing = list(uow.letters.contexts(case_id, []))

    assert len(ids) == 120 and ids == sorted(ids)
    assert [letter_id for letter_id, _t, _c in read] == ids[1::2][::-1]
    assert {template for _i, template, _c in read} == {"aanwijzing"}
    assert read[0][2] == {"n": "119"}
    assert nothing == []
