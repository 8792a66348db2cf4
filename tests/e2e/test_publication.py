"""Publication of the zakelijke weergave (Jeugdwet 9.7, 9.8): embargo, reaction, drafts."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import BY, Cli, as_json, do, history, ok, refused
from tests.e2e.test_besluiten import aanwijzing_given
from tests.i18n_helpers import tr

OPENBAAR = "IGJ-2025-000002"  # sent 2025-01-31: embargo to 2025-02-14, reaction to 2025-03-14
REACTIE = "Focus heeft inmiddels een verbeterplan opgesteld en werkt de dossiers bij."
WEERGAVE_INPUTS = (
    "--set", "aanleiding=Ernstige tekortkomingen in de jeugdhulp.",
    "--set", "dictum=### Norm 1.1\n- Een actueel beeld van de jeugdige.",
    "--set", "rechtsmiddel=De bezwaartermijn loopt nog.",
)  # fmt: skip


def weergave(cli: Cli, case: int, out: Path, *extra: str) -> tuple[str, str]:
    """`letter make CASE zakelijke-weergave` as Markdown: its stderr and the text written."""
    result = ok(cli("letter", "make", case, "zakelijke-weergave", "--format", "md", "--out", out,
                    "--by", BY, *WEERGAVE_INPUTS, *extra))  # fmt: skip
    [written] = out.glob("*.md")
    return result.stderr, written.read_text(encoding="utf-8")


def test_publiceer_is_refused_inside_the_embargo_and_allowed_the_day_after(cli: Cli) -> None:
    case = aanwijzing_given(cli)

    inside = do(cli, case, "publiceer", "2025-02-14")
    after = do(cli, case, "publiceer", "2025-02-15")

    refused(inside, "publicatie_embargo", "2025-02-14", "2025-02-15")
    ok(after)
    assert as_json(cli("besluit", "show", OPENBAAR, "--json"))["gepubliceerd_op"] == "2025-02-15"


def test_a_reaction_within_six_weeks_is_published_with_the_zakelijke_weergave(
    cli: Cli, tmp_path: Path
) -> None:
    case = aanwijzing_given(cli)
    ok(do(cli, case, "ontvang_reactie", "2025-03-14", f"reactie={REACTIE}"))

    ok(do(cli, case, "publiceer", "2025-03-17"))
    stderr, text = weergave(cli, case, tmp_path / "out", "--on", "2025-03-17")

    besluit = as_json(cli("besluit", "show", OPENBAAR, "--json"))
    assert besluit["reactie_ontvangen"] == "2025-03-14"
    events = {e["type"]: e["details"] for e in besluit["history"]}
    assert events["reactie_received"]["in_termijn"] is True
    assert events["weergave_published"]["met_reactie"] is True
    assert REACTIE in text
    assert "binnen zes weken na het besluit tot openbaarmaking" in text
    assert stderr == ""
    [letter] = as_json(cli("letter", "list", case, "--json"))[-1:]
    assert (letter["template"], letter["status"]) == ("zakelijke-weergave", "draft")
    ok(cli("letter", "send", letter["id"], "--on", "2025-03-17"))
    sent = as_json(cli("letter", "list", case, "--json"))[-1]
    assert (sent["id"], sent["status"]) == (letter["id"], "sent")


def test_a_reaction_after_the_term_is_kept_but_not_published_with_it(
    cli: Cli, tmp_path: Path
) -> None:
    case = aanwijzing_given(cli)
    ok(do(cli, case, "ontvang_reactie", "2025-03-17", f"reactie={REACTIE}"))

    _stderr, text = weergave(cli, case, tmp_path / "out", "--on", "2025-03-18")

    entries = history(cli, case)
    [received] = [e for e in entries if e["type"] == "reactie_received"]
    assert received["details"]["in_termijn"] is False
    assert REACTIE not in text
    assert (
        tr("reaction to {besluit} received after the term", besluit=OPENBAAR)
        in ok(cli("case", "history", case)).stdout
    )


def test_a_publication_document_made_inside_the_embargo_is_a_draft(
    cli: Cli, tmp_path: Path
) -> None:
    case = aanwijzing_given(cli)

    stderr, _text = weergave(cli, case, tmp_path / "out", "--on", "2025-02-10")

    letter = as_json(cli("letter", "list", case, "--json"))[-1]
    assert (letter["template"], letter["status"]) == ("zakelijke-weergave", "draft")
    assert "2025-02-14" in stderr and "2025-02-15" in stderr, stderr
    shown = ok(cli("letter", "show", letter["id"])).stdout
    assert tr("draft: may change until it is sent") in shown
    too_early = cli("letter", "send", letter["id"], "--on", "2025-02-10")
    refused(too_early, "2025-02-15")
    assert as_json(cli("letter", "list", case, "--json"))[-1]["status"] == "draft"


def test_a_publication_document_is_a_draft_while_a_vovo_against_it_is_pending(
    cli: Cli, tmp_path: Path
) -> None:
    case = aanwijzing_given(cli)
    ok(cli("vovo", "add", OPENBAAR, "--ingediend", "2025-02-12"))

    stderr, _text = weergave(cli, case, tmp_path / "out", "--on", "2025-02-20")

    letter = as_json(cli("letter", "list", case, "--json"))[-1]
    assert letter["status"] == "draft"
    assert OPENBAAR in stderr and "9.8" in stderr, stderr


def test_the_aanwijzing_gives_six_weeks_for_the_reaction_not_the_embargo(
    cli: Cli, tmp_path: Path
) -> None:
    case = aanwijzing_given(cli)
    out = tmp_path / "out"

    ok(cli("letter", "make", case, "aanwijzing", "--format", "md", "--out", out, "--by", BY,
           "--set", "aanleiding=Tekortkomingen.", "--set", "dictum=- Maatregel."))  # fmt: skip

    [written] = out.glob("*.md")
    text = " ".join(written.read_text(encoding="utf-8").split())
    assert "binnen zes weken na dit besluit tot openbaarmaking een reactie" in text
    assert "binnen die termijn een reactie geven" not in text
    assert "14 februari 2025" in text  # the embargo's last day is still named


def test_a_reaction_dated_before_the_besluit_is_refused_and_nothing_is_written(
    cli: Cli, db_path: Path
) -> None:
    case = aanwijzing_given(cli)
    before = db_path.read_bytes()

    result = do(cli, case, "ontvang_reactie", "2025-02-03", f"reactie={REACTIE}",
                "ontvangen=2025-01-20")  # fmt: skip

    refused(result, OPENBAAR, "2025-01-20")
    assert db_path.read_bytes() == before
