"""`escalation audit`: prove that the history was not altered (issue 13)."""

from __future__ import annotations

import json as json_module
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.audit_export import export_dossier
from escalation.cli.output import CaseArg, CaseOption, JsonOption, echo, echo_json
from escalation.cli.state import app as get_app
from escalation.domain.chain import heads_digest
from escalation.domain.errors import InvalidInputError
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from escalation.domain.chain import Break

app = typer.Typer(no_args_is_help=True)

PROBLEMS = {
    "content": N_(
        "its content no longer matches its hash (stored {stored}, recomputed {expected})"
    ),
    "link": N_(
        "it does not follow the entry before it (it names {stored} as previous hash, "
        "the entry before has {expected})"
    ),
    "sequence": N_("it has number {stored} where number {expected} was due: an entry is missing"),
    "unhashed": N_("it carries no hash"),
    "anchor": N_("the anchor recorded hash {expected} there; the history now has {stored}"),
}
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")


class DossierFormat(StrEnum):
    text = "text"
    json = "json"
    pdf = "pdf"


def describe_break(broken: Break) -> str:
    problem = _(PROBLEMS[broken.problem]).format(
        stored=(broken.stored or "-")[:16], expected=(broken.expected or "-")[:16]
    )
    return _(
        "The history of case {case} is broken at entry {seq} (row {row}): {problem}. "
        "Everything from there on cannot be relied on; restore the database from a copy "
        "and compare."
    ).format(case=broken.case_id, seq=broken.seq, row=broken.entry_id or "-", problem=problem)


@app.command("verify", help=N_("Recompute the history's hash chains and report the first break."))
def verify(ctx: typer.Context, case: CaseOption = None, json: JsonOption = False) -> None:
    result = get_app(ctx).database.verify_history(case)
    broken = result.broken
    if json:
        echo_json(
            {
                "intact": broken is None,
                "cases": result.cases,
                "entries": result.entries,
                "break": None
                if broken is None
                else {
                    "case": broken.case_id,
                    "seq": broken.seq,
                    "entry": broken.entry_id,
                    "problem": broken.problem,
                    "stored": broken.stored,
                    "expected": broken.expected,
                },
            }
        )
    elif broken is None:
        echo(
            _(
                "History intact: {entries} entries in {cases} cases, every hash and link checked."
            ).format(entries=result.entries, cases=result.cases)
        )
    else:
        echo(describe_break(broken), err=True)
    if broken is not None:
        raise typer.Exit(1)


@app.command(
    "anchor",
    help=N_(
        "Record every case's last history entry with one digest over them all; keep the "
        "printed digest elsewhere to prove later that nothing before it changed."
    ),
)
def anchor(
    ctx: typer.Context,
    check: Annotated[
        str | None,
        typer.Option(
            "--check",
            metavar="FILE|DIGEST",
            help=N_(
                "Check the history against an earlier anchor: its digest, or a file with the "
                "output of `audit anchor` (with --json it proves itself without this database's "
                "record of it)."
            ),
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    if check is not None:
        _check_anchor(ctx, check)
        return
    made = get_app(ctx).database.anchor_history()
    if json:
        heads = {str(c): {"seq": s, "hash": h} for c, (s, h) in sorted(made.heads.items())}
        at = made.at.isoformat()
        echo_json(
            {"anchor": made.id, "at": at, "by": made.by, "digest": made.digest, "heads": heads}
        )
        return
    echo(
        _("Anchor {anchor} at {at}: {cases} cases, digest {digest}").format(
            anchor=made.id, at=made.at.isoformat(timespec="seconds"), cases=len(made.heads),
            digest=made.digest,
        )
    )  # fmt: skip
    for case, (seq, digest) in sorted(made.heads.items()):
        echo(_("  case {case}: entry {seq} {hash}").format(case=case, seq=seq, hash=digest))


@app.command(
    "export",
    help=N_(
        "A case's dossier for a court or a Woo request: the history with its hashes, the "
        "letters with theirs, the besluiten and their status, the chain's verification and "
        "the latest anchor covering the case."
    ),
)
def export(
    ctx: typer.Context,
    case: CaseArg,
    format: Annotated[
        DossierFormat, typer.Option("--format", help=N_("text (default), json or pdf."))
    ] = DossierFormat.text,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help=N_("Write to this file (a PDF without --out goes to dossier-CASE.pdf here)."),
        ),
    ] = None,
) -> None:
    export_dossier(get_app(ctx), case, format.value, out)


def _check_anchor(ctx: typer.Context, value: str) -> None:
    digest, heads = _anchored_heads(ctx, value)
    broken = get_app(ctx).database.check_heads(heads)
    if broken is not None:
        echo(describe_break(broken), err=True)
        raise typer.Exit(1)
    echo(
        _("Anchor {digest} holds: the {cases} chains it covers are unchanged up to it.").format(
            digest=digest, cases=len(heads)
        )
    )


def _anchored_heads(ctx: typer.Context, value: str) -> tuple[str, dict[int, tuple[int, str]]]:
    """The digest and heads of an anchor given as its digest or as a file of its output."""
    path = Path(value)
    if not HEX64.fullmatch(value.strip().lower()) and path.is_file():
        text = path.read_text(encoding="utf-8", errors="replace")
        recorded = _heads_of_json(text, path)
        if recorded is not None:
            return recorded
        found = HEX64.search(text)
        value = found.group(0) if found else ""
    digest = value.strip().lower()
    if not HEX64.fullmatch(digest):
        raise InvalidInputError(
            _(
                "{value} is neither a digest of `escalation audit anchor` (64 hexadecimal "
                "characters) nor a file holding one."
            ).format(value=value or path)
        )
    stored = get_app(ctx).database.find_anchor(digest)
    if stored is None:
        raise InvalidInputError(
            _(
                "This database holds no anchor with digest {digest}; give the file with the "
                "anchor's output of `escalation audit anchor --json`."
            ).format(digest=digest)
        )
    return digest, stored.heads


def _heads_of_json(text: str, path: Path) -> tuple[str, dict[int, tuple[int, str]]] | None:
    try:
        data = json_module.loads(text)
        digest = str(data["digest"])
        heads = {int(c): (int(h["seq"]), str(h["hash"])) for c, h in data["heads"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if heads_digest(heads) != digest:
        raise InvalidInputError(
            _(
                "The anchor in {file} does not hold together: its heads do not give its "
                "digest, so the file was changed."
            ).format(file=path)
        )
    return digest, heads
