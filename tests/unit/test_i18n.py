"""escalation.i18n: the language, gettext lookups, and messages stored to be shown later."""

from __future__ import annotations

import copy
import dataclasses
import gettext
import json
import logging
from datetime import date, datetime
from pathlib import Path

import pytest

from escalation import i18n
from escalation.i18n import N_, _, language, load_catalog, ngettext, set_language
from escalation.texts import Msg, Text, render, text_from_json, text_to_json

# A message of the catalog (escalation/i18n.py's own), to see real Dutch.
UNKNOWN = "Unknown language '{language}'; choose nl (Dutch) or en (English)."
UNKNOWN_NL = "Onbekende taal '{language}'; kies nl (Nederlands) of en (Engels)."
EXTENDED = "Atw art. 1: extended to {day}, the next day that is not a Saturday, Sunday or feestdag."
FRIDAY = date(2025, 1, 31)


@pytest.fixture
def no_language_setting(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    set_language(None)
    return monkeypatch


def test_the_default_language_is_dutch(no_language_setting: pytest.MonkeyPatch) -> None:
    assert language() == "nl"


@pytest.mark.parametrize(
    ("value", "expected"), [("en", "en"), ("EN", "en"), ("en_GB.UTF-8", "en"), ("nl-BE", "nl")]
)
def test_escalation_lang_chooses_the_language(
    no_language_setting: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    no_language_setting.setenv(i18n.ENV_VAR, value)

    assert language() == expected


def test_an_unknown_escalation_lang_falls_back_to_dutch_with_a_warning_in_dutch(
    no_language_setting: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    no_language_setting.setenv(i18n.ENV_VAR, "fr")

    with caplog.at_level(logging.WARNING, logger="escalation.i18n"):
        found = language()

    assert found == "nl"
    assert caplog.messages == [
        "ESCALATION_LANG=fr is geen taal die escalation spreekt (nl, en); "
        "escalation gebruikt Nederlands."
    ]


def test_set_language_wins_over_the_environment(no_language_setting: pytest.MonkeyPatch) -> None:
    no_language_setting.setenv(i18n.ENV_VAR, "nl")

    set_language("en")

    assert language() == "en"


def test_set_language_refuses_a_language_we_do_not_speak_in_the_current_language() -> None:
    set_language("nl")

    with pytest.raises(ValueError, match="Onbekende taal 'fr'; kies nl"):
        set_language("fr")
    assert language() == "nl"


def test_underscore_translates_into_dutch_and_leaves_english_as_it_is() -> None:
    set_language("nl")
    dutch = _(UNKNOWN).format(language="x")
    set_language("en")
    english = _(UNKNOWN).format(language="x")

    assert (dutch, english) == (UNKNOWN_NL.format(language="x"), UNKNOWN.format(language="x"))


def test_a_message_without_translation_shows_in_english() -> None:
    set_language("nl")

    assert _("A sentence nobody translated.") == "A sentence nobody translated."


def test_ngettext_chooses_the_form_by_number() -> None:
    set_language("nl")

    forms = [ngettext("{n} working day", "{n} working days", n).format(n=n) for n in (1, 2)]

    assert forms == ["1 working day", "2 working days"]


def test_n_marks_without_translating() -> None:
    set_language("nl")

    assert N_(UNKNOWN) == UNKNOWN


def test_a_missing_catalog_means_english_and_one_warning_not_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="escalation.i18n"):
        catalog = load_catalog("nl", tmp_path)

    assert type(catalog) is gettext.NullTranslations
    assert catalog.gettext(UNKNOWN) == UNKNOWN
    assert len(caplog.records) == 1
    assert "showing English" in caplog.messages[0]
    assert caplog.records[0].exc_info is None


def test_a_broken_catalog_means_english_too(tmp_path: Path) -> None:
    mo_file = tmp_path / "nl" / "LC_MESSAGES" / "escalation.mo"
    mo_file.parent.mkdir(parents=True)
    mo_file.write_bytes(b"not a catalog")

    catalog = load_catalog("nl", tmp_path)

    assert catalog.gettext(UNKNOWN) == UNKNOWN


def test_the_program_speaks_english_when_the_dutch_catalog_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n._STATE, "catalogs", {})
    set_language("nl")

    assert _(UNKNOWN) == UNKNOWN


def test_the_installed_dutch_catalog_is_found() -> None:
    assert isinstance(i18n.catalog("nl"), gettext.GNUTranslations)


# --- Msg ------------------------------------------------------------------------------------


def test_a_msg_renders_in_the_readers_language_with_long_dates() -> None:
    msg = Msg(EXTENDED, {"day": FRIDAY})

    set_language("en")
    english = str(msg)

    assert english == (
        "Atw art. 1: extended to Friday 31 January 2025, the next day that is not a Saturday, "
        "Sunday or feestdag."
    )
    assert msg.render("nl") == (
        "Atw art. 1: verlengd tot vrijdag 31 januari 2025, de eerstvolgende dag die geen "
        "zaterdag, zondag of algemeen erkende feestdag is."
    )


@pytest.mark.parametrize(
    ("spec", "english", "dutch"),
    [
        ("", "Friday 31 January 2025", "vrijdag 31 januari 2025"),
        (":date", "31 January 2025", "31 januari 2025"),
        (":month", "January 2025", "januari 2025"),
        (":weekday", "Friday", "vrijdag"),
    ],
)
def test_a_date_argument_shows_in_the_form_its_placeholder_names(
    spec: str, english: str, dutch: str
) -> None:
    msg = Msg("{day" + spec + "}", {"day": FRIDAY})

    assert (msg.render("en"), msg.render("nl")) == (english, dutch)


def test_a_date_argument_with_an_unknown_form_shows_the_message_id() -> None:
    assert Msg("on {day:%d}", {"day": FRIDAY}).render("en") == "on {day:%d}"


def test_other_arguments_take_their_ordinary_format_spec() -> None:
    msg = Msg("{n:>3}|{word:<4}|{why:>4}", {"n": 7, "word": "ab", "why": Msg("x")})

    assert msg.render("en") == "  7|ab  |   x"


def test_a_msg_of_the_catalog_renders_in_dutch() -> None:
    msg = Msg(UNKNOWN, {"language": "fr"})

    assert (msg.render("nl"), msg.render("en")) == (
        UNKNOWN_NL.format(language="fr"),
        UNKNOWN.format(language="fr"),
    )


def test_a_nested_msg_renders_in_the_same_language() -> None:
    msg = Msg("Refused: {reason}", {"reason": Msg(UNKNOWN, {"language": "fr"})})

    assert msg.render("nl") == "Refused: " + UNKNOWN_NL.format(language="fr")


def test_the_docstring_example_of_msg_holds() -> None:
    msg = Msg("Atw art. 1: extended to {day}.", {"day": date(2025, 1, 31)})

    assert msg.render("en") == "Atw art. 1: extended to Friday 31 January 2025."


def test_a_msg_round_trips_through_json_with_dates_ints_and_nested_messages() -> None:
    msg = Msg(
        "{count} days from {start}: {why}",
        {"count": 3, "start": FRIDAY, "why": Msg("weekend {day}", {"day": date(2025, 2, 1)})},
    )

    stored = json.loads(json.dumps(msg.to_json()))
    back = Msg.from_json(stored)

    assert back == msg
    assert isinstance(back.args["start"], date)
    assert stored["args"]["start"] == {"date": "2025-01-31"}


def test_a_msg_without_arguments_is_stored_as_its_id_alone() -> None:
    assert Msg("Closed.").to_json() == {"id": "Closed."}


def test_equal_msgs_are_equal_and_hash_alike() -> None:
    first = Msg(EXTENDED, {"day": FRIDAY})
    second = Msg(EXTENDED, {"day": date(2025, 1, 31)})

    assert first == second
    assert len({first, second}) == 1


def test_a_msg_is_frozen_and_keeps_its_own_copy_of_the_arguments() -> None:
    args: dict[str, i18n.Arg] = {"day": FRIDAY}
    msg = Msg(EXTENDED, args)

    args["day"] = date(2025, 2, 3)

    assert msg.args["day"] == FRIDAY
    with pytest.raises(dataclasses.FrozenInstanceError):
        msg.id = "other"  # type: ignore[misc]


def test_a_msg_survives_deepcopy_as_the_fakes_do_it() -> None:
    msg = Msg(EXTENDED, {"day": FRIDAY})

    assert copy.deepcopy(msg) == msg


@pytest.mark.parametrize("value", [True, datetime(2025, 1, 31, 9, 0), 1.5, None])
def test_a_msg_refuses_arguments_it_could_not_store_faithfully(value: object) -> None:
    with pytest.raises(TypeError, match="use str, int, date or Msg"):
        Msg(EXTENDED, {"day": value})  # type: ignore[dict-item]


def test_a_msg_with_a_missing_argument_still_shows() -> None:
    assert Msg(EXTENDED).render("en").startswith("Atw art. 1: extended to {day}, the next")


def test_a_msg_with_a_broken_template_shows_its_id() -> None:
    assert Msg("Half a {brace").render("nl") == "Half a {brace"


def test_from_json_refuses_what_is_not_a_stored_message() -> None:
    with pytest.raises(ValueError, match="not a stored message"):
        Msg.from_json({"args": {}})
    with pytest.raises(ValueError, match="not a stored message argument"):
        Msg.from_json({"id": "x {a}", "args": {"a": [1]}})


# --- Text: Msg or a plain string of an old row ----------------------------------------------


def test_render_shows_plain_strings_of_old_rows_as_they_are() -> None:
    assert render("Atw art. 1: zaterdag.", "en") == "Atw art. 1: zaterdag."
    assert render(Msg(UNKNOWN, {"language": "fr"}), "nl") == UNKNOWN_NL.format(language="fr")


def test_texts_round_trip_through_json_old_strings_and_msgs_alike() -> None:
    texts: list[Text] = ["an old step", Msg(EXTENDED, {"day": FRIDAY})]

    stored = json.loads(json.dumps([text_to_json(t) for t in texts]))

    assert [text_from_json(value) for value in stored] == texts


def test_text_from_json_refuses_anything_else() -> None:
    with pytest.raises(ValueError, match="not a stored text"):
        text_from_json(42)
