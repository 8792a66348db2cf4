"""`escalation bezwaar add | show | list | termijn | herstel | hersteld | verdaag | uitstel |
hoorzitting | beslis | intrekken | ingebrekestelling`: the bezwaar procedure (Awb 6:5-7:15)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from escalation.cli.bezwaar_hints import next_steps
from escalation.cli.bezwaar_views import detail_json, echo_detail
from escalation.cli.output import ByOption, JsonOption, OnOption, day, echo, echo_json, table
from escalation.cli.state import app as get_app
from escalation.cli.state import parse_day
from escalation.i18n import N_, _

if TYPE_CHECKING:
    from datetime import date

    from escalation.services.bezwaren import BezwaarDetail

app = typer.Typer(no_args_is_help=True)

BezwaarArg = Annotated[
    str,
    typer.Argument(
        metavar="BEZWAAR", help=N_("The bezwaar's id or KENMERK/N, e.g. IGJ-2025-000001/1.")
    ),
]
ReasonOption = Annotated[
    str | None, typer.Option("--reason", help=N_("Why; it goes into the history."))
]


def _required_day(ctx: typer.Context, text: str) -> date:
    found = parse_day(ctx, text)
    assert found is not None  # a required option is never None
    return found


def _out(detail: BezwaarDetail, json: bool, step: str | None = None) -> None:
    if json:
        echo_json(detail_json(detail))
        return
    echo_detail(detail)
    for line in next_steps(detail, step or ""):
        echo(line)


@app.command("add", help=N_("Record a bezwaarschrift against a besluit; prints the new id."))
def add(
    ctx: typer.Context,
    besluit: Annotated[
        str, typer.Argument(metavar="BESLUIT", help=N_("The besluit's kenmerk or id."))
    ],
    ontvangen: Annotated[str, typer.Option("--ontvangen", help=N_("The day it was received."))],
    ter_post: Annotated[
        str | None, typer.Option("--ter-post", help=N_("The day it was posted (Awb 6:9 lid 2)."))
    ] = None,
    indiener: Annotated[str | None, typer.Option("--indiener", help=N_("Who lodged it."))] = None,
    digitaal: Annotated[
        bool, typer.Option("--digitaal", help=N_("Lodged electronically (Awb 2:20)."))
    ] = False,
    adviescommissie: Annotated[
        bool,
        typer.Option("--adviescommissie", help=N_("An adviescommissie advises (Awb 7:13).")),
    ] = False,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    from escalation.domain.bezwaar_procedure import Filing

    filing = Filing(
        ontvangen=_required_day(ctx, ontvangen), ter_post=parse_day(ctx, ter_post),
        indiener=(indiener or "").strip() or None, digitaal=digitaal,
        adviescommissie=adviescommissie,
    )  # fmt: skip
    detail = get_app(ctx).bezwaren.add(besluit, filing, by=by)
    if json:
        echo_json(detail_json(detail))
        return
    echo(detail.id)  # stdout: the id alone, for scripts; what comes next goes to stderr
    for line in next_steps(detail, "add"):
        echo(line, err=True)


@app.command("show", help=N_("One bezwaar: timeliness, beslistermijn, steps, history."))
def show(ctx: typer.Context, bezwaar: BezwaarArg, json: JsonOption = False) -> None:
    _out(get_app(ctx).bezwaren.show(bezwaar), json)


@app.command("list", help=N_("The bezwaren, of all besluiten or of one."))
def list_(
    ctx: typer.Context,
    besluit: Annotated[
        str | None, typer.Option("--besluit", help=N_("Only against this besluit."))
    ] = None,
    json: JsonOption = False,
) -> None:
    rows = get_app(ctx).bezwaren.list(besluit=besluit)
    if json:
        echo_json([detail_json(d, history=False) for d in rows])
        return
    headers = [_("ID"), _("BEZWAAR"), _("CASE"), _("RECEIVED"), _("TIMELINESS")]
    table(
        [*headers, _("BESLISTERMIJN"), _("STATUS")],
        [(d.id, d.ref, d.case_id, day(d.bezwaar.ontvangen), d.bezwaar.tijdigheid,
          day(d.termijn.end), d.bezwaar.status) for d in rows],
    )  # fmt: skip


@app.command("termijn", help=N_("Judge a late bezwaarschrift excusable or not (Awb 6:11)."))
def termijn(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    verschoonbaar: Annotated[
        str, typer.Option("--verschoonbaar", help=N_("ja or nee: is the lateness excusable?"))
    ],
    reason: Annotated[str, typer.Option("--reason", help=N_("Why; it goes into the history."))],
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    from escalation.services.bezwaar_facade import ja_nee

    day_ = parse_day(ctx, on)
    verdict = ja_nee(verschoonbaar, option="--verschoonbaar")
    detail = get_app(ctx).bezwaren.judge(
        bezwaar, verschoonbaar=verdict, reason=reason, on=day_, by=by
    )
    _out(detail, json, "termijn")


@app.command("herstel", help=N_("Ask to repair a defect (Awb 6:6); suspends the beslistermijn."))
def herstel(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    op: Annotated[str, typer.Option("--op", help=N_("The day of the herstelverzoek."))],
    termijn: Annotated[
        str, typer.Option("--termijn", help=N_("The hersteltermijn, e.g. '2 weken' or a date."))
    ],
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    from escalation.domain.terms import parse_term_or_date

    day_ = _required_day(ctx, op)
    detail = get_app(ctx).bezwaren.herstel(
        bezwaar, op=day_, termijn=parse_term_or_date(termijn), by=by
    )
    _out(detail, json, "herstel")


@app.command("hersteld", help=N_("The defect was repaired: the suspension ends (Awb 7:10 lid 2)."))
def hersteld(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    op: Annotated[str, typer.Option("--op", help=N_("The day of herstel."))],
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    _out(get_app(ctx).bezwaren.hersteld(bezwaar, op=_required_day(ctx, op), by=by), json)


@app.command("verdaag", help=N_("Adjourn the decision once, at most six weeks (Awb 7:10 lid 3)."))
def verdaag(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    termijn: Annotated[str, typer.Option("--termijn", help=N_("E.g. '6 weken'."))],
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    from escalation.domain.terms import parse_term

    day_ = parse_day(ctx, on)
    detail = get_app(ctx).bezwaren.verdaag(bezwaar, termijn=parse_term(termijn), on=day_, by=by)
    _out(detail, json, "verdaag")


@app.command("uitstel", help=N_("Further uitstel to a date (Awb 7:10 lid 4)."))
def uitstel(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    tot: Annotated[str, typer.Option("--tot", help=N_("The new last day."))],
    grond: Annotated[
        str,
        typer.Option("--grond", help=N_("instemming, geen_nadeel or wettelijk_voorschrift.")),
    ],
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    day_, until = parse_day(ctx, on), _required_day(ctx, tot)
    detail = get_app(ctx).bezwaren.uitstel(bezwaar, tot=until, grond=grond, on=day_, by=by)
    _out(detail, json, "uitstel")


@app.command("hoorzitting", help=N_("Invite the indiener to be heard (Awb 7:2)."))
def hoorzitting(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    op: Annotated[str, typer.Option("--op", help=N_("The day of the hoorzitting."))],
    on: OnOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    day_, hearing = parse_day(ctx, on), _required_day(ctx, op)
    _out(
        get_app(ctx).bezwaren.hoorzitting(bezwaar, op=hearing, on=day_, by=by), json, "hoorzitting"
    )


@app.command("beslis", help=N_("Decide the bezwaar: a beslissing op bezwaar (Awb 7:11)."))
def beslis(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    uitkomst: Annotated[
        str,
        typer.Option(
            "--uitkomst", help=N_("gegrond, deels_gegrond, ongegrond or niet_ontvankelijk.")
        ),
    ],
    on: OnOption = None,
    verzonden: Annotated[
        str | None, typer.Option("--verzonden", help=N_("Sent on (default: its dagtekening)."))
    ] = None,
    herroepen: Annotated[
        bool, typer.Option("--herroepen", help=N_("Gegrond: the besluit is revoked."))
    ] = False,
    gewijzigd: Annotated[
        bool, typer.Option("--gewijzigd", help=N_("The besluit is changed."))
    ] = False,
    naleving: Annotated[
        str | None,
        typer.Option("--naleving", help=N_("A new naleving date or term for the besluit.")),
    ] = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    from escalation.domain.bezwaar_beslissing import Beslissing
    from escalation.domain.terms import parse_term_or_date
    from escalation.services.bezwaar_facade import uitkomst as parse_uitkomst

    day_, sent = parse_day(ctx, on), parse_day(ctx, verzonden)
    decision = Beslissing(
        uitkomst=parse_uitkomst(uitkomst), verzonden=sent, herroepen=herroepen,
        gewijzigd=gewijzigd, naleving=parse_term_or_date(naleving) if naleving else None,
    )  # fmt: skip
    detail = get_app(ctx).bezwaren.beslis(bezwaar, decision, on=day_, by=by, reason=reason)
    _out(detail, json, "beslis")


@app.command("intrekken", help=N_("The indiener withdrew the bezwaar (Awb 6:21)."))
def intrekken(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    on: OnOption = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    day_ = parse_day(ctx, on)
    _out(get_app(ctx).bezwaren.intrekken(bezwaar, on=day_, by=by, reason=reason), json)


@app.command(
    "ingebrekestelling",
    help=N_("A written ingebrekestelling after the beslistermijn: the dwangsom of Awb 4:17."),
)
def ingebrekestelling(
    ctx: typer.Context,
    bezwaar: BezwaarArg,
    ontvangen: Annotated[str, typer.Option("--ontvangen", help=N_("The day it was received."))],
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    day_ = _required_day(ctx, ontvangen)
    _out(get_app(ctx).bezwaren.ingebrekestelling(bezwaar, ontvangen=day_, by=by), json)
