"""LetterRepository contract: an archive that only grows, read back byte for byte."""

from __future__ import annotations

from dataclasses import replace

import pytest

from escalation.domain.letters import LetterFormat, UnknownLetterError
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
