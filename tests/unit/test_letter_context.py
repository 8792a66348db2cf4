"""The pure side of letters: Dutch dates and amounts, safe file names, the context builder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from escalation.domain.atw import TermBasis
from escalation.domain.deadline import Deadline, DeadlineStatus
from escalation.domain.letter_context import build_context
from escalation.domain.letter_values import datum, format_param, parse_datum
from escalation.domain.letters import (
    ActionFacts,
    Finding,
    InputSpec,
    InputType,
    LetterError,
    LetterFormat,
    MissingFieldsError,
    Organisation,
    TemplateSpec,
    letter_filename,
    slug,
)
from escalation.domain.model import Case, Provider, ProviderKind
from escalation.domain.terms import Term, Unit
from escalation.i18n import set_language

ORGANISATION = Organisation(
    afzender={"naam": "Inspectie Gezondheidszorg en Jeugd", "retouradres": "Postbus 2518"},
    ondertekening=("Met vriendelijke groet,", "de inspectie"),
    besluiten={"aanwijzing": {"naam": "de Minister", "ondertekening": ["namens deze"]}},
    termijnen={"bezwaar": "de termijn om bezwaar te maken"},
)


def deadline(kind: str, due: date, *, set_by: str = "geef_aanwijzing", **kw: object) -> Deadline:
    return Deadline(
        kind=kind,
        due=due,
        basis=TermBasis.STATUTORY,
        legal_basis="Awb 6:7, 6:8",
        start=date(2025, 1, 31),
        term="6 weken",
        steps=(),
        set_by=set_by,
        set_on=date(2025, 1, 31),
        **kw,  # type: ignore[arg-type]
    )


def focus_case(*deadlines: Deadline) -> Case:
    return Case(
        provider=Provider(
            "87654321",
            "Focus-Jeugd & Gezin B.V.",
            ProviderKind.JEUGDHULPAANBIEDER,
            "Focus",
            address="Stationsplein 1, 3511 ED Utrecht",
        ),
        workflow_name="jeugdwet",
        workflow_version=1,
        state="aanwijzing",
        opened_on=date(2024, 9, 2),
        id=3,
        deadlines=list(deadlines),
    )


def spec(**kw: object) -> TemplateSpec:
    return TemplateSpec(name="aanwijzing", title="Aanwijzing", sha256="0", origin="test", **kw)  # type: ignore[arg-type]


def test_dates_are_written_the_dutch_way_although_the_program_speaks_english() -> None:
    assert datum(date(2025, 1, 31)) == "31 januari 2025"
    assert format_param(date(2025, 3, 14)) == "14 maart 2025"
    assert (format_param(True), format_param(Term(4, Unit.WEKEN))) == ("ja", "4 weken")
    assert parse_datum("31 januari 2025") == date(2025, 1, 31)
    assert parse_datum("4 weken") is None


@pytest.mark.parametrize("month", range(1, 13))
def test_every_dutch_long_date_reads_back_as_its_date(month: int) -> None:
    day = date(2028, month, 29)

    assert parse_datum(datum(day)) == day


@pytest.mark.parametrize(
    "text", ["31 jan 2025", "31 January 2025", "30 februari 2025", "31 januari", "x januari 2025"]
)
def test_what_is_not_a_dutch_long_date_reads_as_none(text: str) -> None:
    assert parse_datum(text) is None


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1000", "€ 1.000,00"),
        ("0.5", "€ 0,50"),
        ("1234567.89", "€ 1.234.567,89"),
        ("15", "€ 15,00"),
    ],
)
def test_amounts_are_written_in_dutch_notation(amount: str, text: str) -> None:
    assert format_param(Decimal(amount)) == text


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/root/.ssh/x", "{{ 7*7 }} <b>x</b>", "..", ""]
)
def test_a_file_name_never_carries_a_path_from_the_provider_name(name: str) -> None:
    filename = letter_filename(
        case_id=3, template="aanwijzing", on=date(2025, 1, 31), provider=name, fmt=LetterFormat.PDF
    )

    assert "/" not in filename and "\\" not in filename and ".." not in filename
    assert filename.startswith("zaak-3-aanwijzing-2025-01-31-") and filename.endswith(".pdf")


def test_a_slug_keeps_letters_and_digits_only() -> None:
    assert slug("Focus-Jeugd & Gezin B.V.") == "focus-jeugd-gezin-b-v"
    assert slug("Zorg één") == "zorg-een"


def test_the_context_carries_the_engines_deadline_dates_unchanged() -> None:
    bezwaar = deadline("bezwaar", date(2025, 3, 14))
    context = build_context(
        spec=spec(fields=("termijn", "verzonden"), deadlines=("bezwaar",)),
        case=focus_case(bezwaar),
        organisation=ORGANISATION,
        on=date(2025, 1, 31),
        action=ActionFacts("geef_aanwijzing", date(2025, 1, 31), {"verzonden": date(2025, 2, 3)}),
    )

    assert context["termijn"]["bezwaar"]["iso"] == bezwaar.due.isoformat()
    assert context["termijn"]["bezwaar"]["dag"] == "vrijdag 14 maart 2025"
    assert context["verzonden"] == "3 februari 2025"
    assert context["datum"] == "31 januari 2025"
    assert context["ontvanger"]["kort"] == "Focus"


def test_the_deadline_the_letters_own_action_set_wins_over_a_later_one() -> None:
    own = deadline("bezwaar", date(2025, 3, 14))
    later = deadline("bezwaar", date(2025, 7, 14), set_by="leg_last_onder_dwangsom_op")
    later = replace(later, set_on=date(2025, 6, 2))

    context = build_context(
        spec=spec(fields=("termijn",), deadlines=("bezwaar",)),
        case=focus_case(own, later),
        organisation=ORGANISATION,
        on=date(2025, 1, 31),
        action=ActionFacts("geef_aanwijzing", date(2025, 1, 31), {}),
    )

    assert context["termijn"]["bezwaar"]["iso"] == "2025-03-14"


def test_a_missing_input_is_named_with_the_template_and_how_to_give_it() -> None:
    with pytest.raises(MissingFieldsError) as refused:
        build_context(
            spec=spec(inputs=(InputSpec("dictum", "de normen en maatregelen"),)),
            case=focus_case(),
            organisation=ORGANISATION,
            on=date(2025, 1, 31),
        )

    assert str(refused.value) == (
        "Letter 'aanwijzing' lacks 1 field:\n"
        "  dictum (de normen en maatregelen): --set dictum=TEXT or --set dictum=@FILE"
    )
    assert "zaak" in refused.value.context and "dictum" not in refused.value.context


def test_all_missing_inputs_are_named_at_once_and_the_given_ones_kept() -> None:
    inputs = tuple(InputSpec(n, "") for n in ("aanleiding", "dictum", "zienswijze"))

    with pytest.raises(MissingFieldsError) as refused:
        build_context(
            spec=spec(inputs=inputs),
            case=focus_case(),
            organisation=ORGANISATION,
            on=date(2025, 1, 31),
            inputs={"dictum": "Norm 2.1"},
        )

    assert [i.name for i in refused.value.missing] == ["aanleiding", "zienswijze"]
    assert "--set aanleiding=" in str(refused.value) and "--set zienswijze=" in str(refused.value)
    assert refused.value.context["dictum"] == "Norm 2.1"


def test_a_missing_input_is_named_in_dutch_when_the_program_speaks_dutch() -> None:
    set_language("nl")

    with pytest.raises(LetterError) as refused:
        build_context(
            spec=spec(inputs=(InputSpec("dictum", ""),)),
            case=focus_case(),
            organisation=ORGANISATION,
            on=date(2025, 1, 31),
        )

    assert str(refused.value) == (
        "Brief 'aanwijzing' mist 1 gegeven:\n  dictum: --set dictum=TEKST of --set dictum=@BESTAND"
    )


def test_a_blank_input_is_refused_like_a_missing_one() -> None:
    with pytest.raises(MissingFieldsError, match="  dictum: --set dictum="):
        build_context(
            spec=spec(inputs=(InputSpec("dictum", ""),)),
            case=focus_case(),
            organisation=ORGANISATION,
            on=date(2025, 1, 31),
            inputs={"dictum": "   "},
        )


def test_an_unknown_input_is_refused_with_the_known_ones() -> None:
    with pytest.raises(LetterError, match="has no field 'dictm' to set. Its fields are: dictum"):
        build_context(
            spec=spec(inputs=(InputSpec("dictum", ""),)),
            case=focus_case(),
            organisation=ORGANISATION,
            on=date(2025, 1, 31),
            inputs={"dictm": "x"},
        )


def test_a_missing_deadline_is_named() -> None:
    with pytest.raises(LetterError, match="needs the 'naleving' deadline, which case 3 does not"):
        build_context(
            spec=spec(fields=("termijn",), deadlines=("naleving",)),
            case=focus_case(),
            organisation=ORGANISATION,
            on=date(2025, 1, 31),
        )


def test_money_and_term_inputs_are_formatted() -> None:
    inputs = (
        InputSpec("bedrag", "", type=InputType.MONEY),
        InputSpec("termijn_last", "", type=InputType.TERM),
    )

    context = build_context(
        spec=spec(inputs=inputs),
        case=focus_case(),
        organisation=ORGANISATION,
        on=date(2025, 1, 31),
        inputs={"bedrag": "1000", "termijn_last": "vier weken"},
    )

    assert (context["bedrag"], context["termijn_last"]) == ("€ 1.000,00", "4 weken")


def test_a_reminder_says_whether_the_deadline_has_passed() -> None:
    bezwaar = deadline("bezwaar", date(2025, 3, 14), status=DeadlineStatus.OPEN)

    context = build_context(
        spec=spec(fields=("herinnering",), inputs=(InputSpec("termijnsoort", ""),)),
        case=focus_case(bezwaar),
        organisation=ORGANISATION,
        on=date(2025, 3, 17),
        reminder=bezwaar,
    )

    assert context["herinnering"]["verstreken"] is True
    assert context["herinnering"]["dagen"] == 3
    assert context["herinnering"]["omschrijving"] == "de termijn om bezwaar te maken"


def test_a_template_finding_names_its_level_in_the_current_language() -> None:
    error, warning = Finding("kapot", "x"), Finding("overbodig", "y", error=False)

    english = (str(error), str(warning))
    set_language("nl")

    assert english == ("kapot: error: x", "overbodig: warning: y")
    assert (str(error), str(warning)) == ("kapot: fout: x", "overbodig: waarschuwing: y")
