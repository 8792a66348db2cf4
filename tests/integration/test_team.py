"""People, roles, mandates (issue 13), through the command line on SQLite and PostgreSQL.

A team database identifies every change's user by the login (here ESCALATION_USER): an unknown
or deactivated user is refused, an action asks the role its workflow names, `--by` someone else
is only for a teamleider or hoofdinspecteur and keeps both names. Without users, as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner, Result

from escalation.cli import app
from escalation.storage.db import make_engine
from escalation.storage.schema import init_database

KVK = "87654321"
ADRES = "Stationsplein 1, 3511 ED Utrecht"
TEAM = [
    ("Tom Bakker", "teamleider", "tom"),
    ("Anna de Vries", "jurist", "anna"),
    ("Henk Smit", "inspecteur", "henk"),
    ("Hanna Jansen", "hoofdinspecteur", "hanna"),
    ("Oud Lid", "jurist", "oud"),
]


@pytest.fixture
def url(any_db_url: str) -> str:
    """A SQLite file, then a PostgreSQL database (tests/postgres.py)."""
    return any_db_url


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    built = make_engine(url)
    init_database(built)
    yield built
    built.dispose()


def run(url: str, who: str, *args: str, lang: str = "en") -> Result:
    env = {"ESCALATION_LANG": lang, "ESCALATION_USER": who}
    return CliRunner().invoke(app, ["--db", url, *args], env=env)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def refused(result: Result, *parts: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for part in parts:
        assert part in result.stderr, result.stderr


def count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def history(url: str, case: str) -> list[dict[str, Any]]:
    return list(json.loads(ok(run(url, "tom", "case", "history", case, "--json")).stdout))


@pytest.fixture
def team(url: str, engine: Engine) -> str:
    """The team's users, a provider and a case in `rapport`; returns the case id."""
    for name, role, login in TEAM:
        email = f"{login}@igj.example"
        ok(run(url, "tom", "user", "add", name, "--email", email, "--role", role, "--login", login))
    ok(run(url, "tom", "user", "deactivate", "oud"))
    ok(run(url, "anna", "provider", "add", "Focus-Jeugd B.V.", "--kvk", KVK,
           "--kind", "jeugdhulpaanbieder", "--adres", ADRES))  # fmt: skip
    case = ok(run(url, "anna", "case", "open", "--provider", KVK, "--on", "2025-01-06"))
    case_id = case.stdout.split()[-1].strip(".")
    to_rapport(url, "henk", case_id)
    return case_id


def to_rapport(url: str, who: str, case_id: str) -> None:
    steps = (("start_onderzoek", "2025-01-07"), ("verstuur_conceptrapport", "2025-01-08"),
             ("stel_rapport_vast", "2025-02-03"))  # fmt: skip
    for action, day in steps:
        ok(run(url, who, "case", "do", case_id, action, "--on", day))


def test_an_unknown_or_deactivated_user_is_refused_and_nothing_is_written(
    url: str, engine: Engine, team: str
) -> None:
    cases, events = count(engine, "cases"), count(engine, "case_events")

    refused(run(url, "nobody", "case", "open", "--provider", KVK), "'nobody'", "user add")
    refused(run(url, "oud", "case", "open", "--provider", KVK), "'Oud Lid' is deactivated")
    refused(run(url, "oud", "case", "do", team, "sluit_af", "--set", "reden=klaar"), "deactivated")

    assert (count(engine, "cases"), count(engine, "case_events")) == (cases, events)


def test_an_action_without_the_role_is_refused_naming_the_role(
    url: str, engine: Engine, team: str
) -> None:
    events = count(engine, "case_events")

    refused(
        run(url, "anna", "case", "do", team, "sluit_af", "--set", "reden=klaar", lang="nl"),
        "Deze actie vraagt de rol teamleider of hoofdinspecteur; u bent jurist.",
    )
    refused(
        run(url, "henk", "case", "do", team, "kondig_aanwijzing_aan"),
        "This action asks the role jurist, teamleider or hoofdinspecteur; you are inspecteur.",
    )
    assert count(engine, "case_events") == events
    ok(run(url, "anna", "case", "do", team, "kondig_aanwijzing_aan", "--on", "2025-02-04"))
    assert history(url, team)[-1]["by"] == "Anna de Vries"


def test_by_someone_else_is_refused_for_a_jurist_and_kept_with_both_names_for_a_teamleider(
    url: str, engine: Engine, team: str
) -> None:
    events = count(engine, "case_events")
    refused(
        run(url, "anna", "case", "do", team, "kondig_aanwijzing_aan", "--by", "hanna"),
        "Only a teamleider or hoofdinspecteur may record a change on behalf of someone else; "
        "you are jurist.",
    )
    refused(run(url, "tom", "case", "do", team, "sluit_af", "--by", "oud", "--set", "reden=x"),
            "deactivated")  # fmt: skip
    assert count(engine, "case_events") == events

    ok(run(url, "tom", "case", "do", team, "kondig_aanwijzing_aan", "--by", "anna",
           "--on", "2025-02-04"))  # fmt: skip

    entries = history(url, team)
    taken = [e for e in entries if e["type"] == "action_taken"][-1]
    assert (taken["action"], taken["by"], taken["recorded_by"]) == (
        "kondig_aanwijzing_aan", "Anna de Vries", "Tom Bakker"
    )  # fmt: skip
    assert entries[-1]["recorded_by"] == "Tom Bakker"  # the zienswijze term it set, too
    assert all(e["recorded_by"] is None for e in entries if e["on"] < "2025-02-04")
    lines = ok(run(url, "tom", "case", "history", team, lang="nl")).stdout.splitlines()
    assert any("Anna de Vries (vastgelegd door Tom Bakker)" in line for line in lines[-3:])
    verify = json.loads(ok(run(url, "tom", "audit", "verify", "--json")).stdout)
    assert verify["intact"] is True


def test_a_database_without_users_works_as_before(url: str, engine: Engine) -> None:
    ok(run(url, "whoever", "provider", "add", "Focus-Jeugd B.V.", "--kvk", KVK,
           "--kind", "jeugdhulpaanbieder"))  # fmt: skip
    case = ok(run(url, "whoever", "case", "open", "--provider", KVK, "--on", "2025-01-06",
                  "--by", "Mr. Anyone"))  # fmt: skip
    case_id = case.stdout.split()[-1].strip(".")
    to_rapport(url, "nobody", case_id)
    ok(run(url, "nobody", "case", "do", case_id, "sluit_af", "--set", "reden=geen zaak",
           "--on", "2025-02-04"))  # fmt: skip

    entries = history(url, case_id)
    assert [(e["by"], e["recorded_by"]) for e in entries[:1]] == [("Mr. Anyone", None)]
    assert "besluit_prepared" not in {e["type"] for e in entries}  # no four-eyes without a team
    assert entries[-1]["by"] == "nobody" and count(engine, "users") == 0
    assert "user list" not in ok(run(url, "x", "user", "list")).stdout


def letter_context(engine: Engine, template: str) -> dict[str, Any]:
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT context FROM letters WHERE template = :t ORDER BY id DESC"),
            {"t": template},
        ).first()
    assert stored is not None
    value = stored[0]
    return dict(json.loads(value) if isinstance(value, str) else value)


def prepared_aanwijzing(url: str, case: str) -> str:
    """Anna prepares the case's aanwijzing (four-eyes: a concept); its kenmerk."""
    ok(run(url, "anna", "case", "do", case, "kondig_aanwijzing_aan", "--on", "2025-02-04"))
    ok(run(url, "anna", "case", "do", case, "geef_aanwijzing", "--on", "2025-02-24",
           "--set", "nalevingstermijn=4 weken", "--set", "aanleiding=Geen risicotaxatie.",
           "--set", "dictum=Maak per jeugdige een risicotaxatie."))  # fmt: skip
    listed = json.loads(ok(run(url, "anna", "besluit", "list", "--case", case, "--json")).stdout)
    return str(next(b["kenmerk"] for b in listed if b["kind"] == "aanwijzing"))


def test_a_case_led_by_jenv_is_not_signed_under_the_igj_mandate(
    url: str, engine: Engine, team: str
) -> None:
    """The workflow's mandate line speaks for IGJ (the Minister of VWS): a JenV-led case's
    aanwijzing is signed by the hoofdinspecteur under JenV's own closing lines only."""
    opened = ok(run(url, "anna", "case", "open", "--provider", KVK, "--on", "2025-01-06",
                    "--organisation", "JENV"))  # fmt: skip
    case_id = opened.stdout.split()[-1].strip(".")
    to_rapport(url, "henk", case_id)
    kenmerk = prepared_aanwijzing(url, case_id)

    ok(run(url, "hanna", "besluit", "vaststellen", kenmerk, "--on", "2025-02-25"))

    context = letter_context(engine, "aanwijzing")
    assert context["ondertekenaar"]["naam"] == "Hanna Jansen"
    assert "Volksgezondheid" not in str(context["ondertekenaar"])
    assert "Justitie en Veiligheid" in str(context)


def test_a_besluit_s_letter_is_signed_under_the_workflow_s_mandate_by_its_signer(
    url: str, engine: Engine, team: str
) -> None:
    """Four-eyes in a team database: a jurist prepares the aanwijzing (a concept, its letter a
    draft), a jurist may not establish it, the hoofdinspecteur does and signs the letter sent."""
    kenmerk = prepared_aanwijzing(url, team)
    listed = json.loads(ok(run(url, "anna", "besluit", "list", "--json")).stdout)
    assert {b["status"] for b in listed} == {"concept"}
    drafted = letter_context(engine, "aanwijzing")["ondertekenaar"]

    own = run(url, "anna", "besluit", "vaststellen", kenmerk, "--on", "2025-02-25")
    refused(own, "Anna de Vries", "four-eyes")
    wrong = run(url, "tom", "besluit", "vaststellen", kenmerk, "--on", "2025-02-25")
    refused(wrong, "hoofdinspecteur", "teamleider")
    ok(run(url, "hanna", "besluit", "vaststellen", kenmerk, "--on", "2025-02-25"))

    assert "naam" not in drafted or drafted["naam"] != "Hanna Jansen"  # nobody has signed yet
    signer = letter_context(engine, "aanwijzing")["ondertekenaar"]
    assert signer == {
        "naam": "Hanna Jansen",
        "functie": "hoofdinspecteur",
        "mandaat": "namens de Minister van Volksgezondheid, Welzijn en Sport, de hoofdinspecteur "
        "Jeugd van de Inspectie Gezondheidszorg en Jeugd",
    }
    established = json.loads(ok(run(url, "anna", "besluit", "list", "--json")).stdout)
    assert {(b["status"], b["established_by"]) for b in established} == {
        ("bezwaartermijn", "Hanna Jansen")
    }
    voornemen = letter_context(engine, "voornemen-aanwijzing")
    assert "mandaat" not in voornemen.get("ondertekenaar", {})  # no besluit: as before


def test_user_commands_refuse_bad_input_and_only_a_lead_manages_the_team(
    url: str, engine: Engine, tmp_path: Path
) -> None:
    fresh = f"sqlite:///{tmp_path / 'new.sqlite'}"
    said = ok(run(fresh, "x", "init", lang="nl")).stdout
    assert "Nog geen gebruikers: een database van één jurist." in said
    assert "escalation user add" in said

    add = ("user", "add", "Anna de Vries", "--email", "anna@igj.example", "--login", "anna")
    refused(run(url, "x", *add, "--role", "jurist"), "The first user of a team database is a "
            "teamleider or hoofdinspecteur")  # fmt: skip
    refused(run(url, "x", "user", "add", "Tom", "--email", "tom", "--role", "teamleider"),
            "'tom' is not an e-mail address")  # fmt: skip
    refused(run(url, "x", "user", "add", "Tom Bakker", "--email", "t@igj.nl", "--role",
                "teamleider"), "give it with --login")  # fmt: skip
    assert count(engine, "users") == 0
    first = ok(run(url, "x", "user", "add", "Tom", "--email", "t@igj.nl", "--role", "teamleider",
                   "--login", "tom"))  # fmt: skip
    assert "now a team database" in first.stdout
    ok(run(url, "tom", *add, "--role", "jurist"))
    refused(
        run(url, "anna", "user", "add", "Piet", "--email", "p@igj.nl", "--role", "jurist"),
        "Only a teamleider or hoofdinspecteur adds or deactivates users; you are jurist.",
    )
    refused(run(url, "anna", "user", "deactivate", "tom"), "you are jurist")
    refused(run(url, "tom", "user", "deactivate", "piet"), "There is no user 'piet'")
    listed = json.loads(ok(run(url, "anna", "user", "list", "--json")).stdout)
    assert [(u["name"], u["role"], u["login"], u["active"]) for u in listed] == [
        ("Anna de Vries", "jurist", "anna", True),
        ("Tom", "teamleider", "tom", True),
    ]
