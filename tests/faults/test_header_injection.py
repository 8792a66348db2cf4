"""Header injection: a handler or a name that tries to add a recipient or a header.

Before issue 9 a line break in a provider name or handler ended the run with a ValueError in
the mail header (the reminder stuck), and a handler "anna@igj.example, x@evil.example" mailed
both. Now a handler is one user name or one address, refused on the way in; what an older
database still holds is refused by the mailer (an incident, nothing sent), and names only
ever reach a header through the email package, on one line. Checked on what a real SMTP
server (aiosmtpd) received, from real `escalation` processes.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.faults.conftest import (
    EXIT_ATTENTION,
    aanwijzing_cases,
    adapters,
    cli,
    environment,
    incidents,
    tick,
)
from tests.faults.smtp import Sink

EVIL = "x@evil.example"
BAD_HANDLERS = [
    f"anna@igj.example, {EVIL}",
    f"anna@igj.example\r\nBcc: {EVIL}",
    f"anna\nBcc: {EVIL}",
    '"Anna, de jurist" <anna@igj.example>',
    f"anna@igj.example <{EVIL}>",
    "zoë",  # a user name becomes zoë@igj.example: no address a plain SMTP server takes
    "ａnna",  # fullwidth: would pass for anna
]
PROVIDER = f'Zorg "De Linde", Zoë & Co\r\nBcc: {EVIL}'
SENDER = '"Termijnen, IGJ \\"bewaking\\" Zoë" <termijnen@igj.example>'


@pytest.mark.parametrize("handler", BAD_HANDLERS)
def test_a_handler_that_is_not_one_user_or_one_address_is_refused_on_the_way_in(
    sqlite_url: str, tmp_path: Path, handler: str
) -> None:
    setup = adapters(sqlite_url, 25)
    aanwijzing_cases(setup, 1)
    setup.dispose()
    env = environment(25)
    database = tmp_path / "faults.sqlite"
    before = database.read_bytes()

    opened = cli(sqlite_url, env, "case", "open", "--provider", "87654300", "--handler", handler)
    assigned = cli(sqlite_url, env, "case", "assign", "1", handler)

    for refused in (opened, assigned):
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "handler" in refused.stderr and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert database.read_bytes() == before  # nothing written


GOOD = len(BAD_HANDLERS) + 1  # the case with the provider's name; its handler is jurist7
LISTED = GOOD + 1  # the case whose handler jurist8 has its address configured


def old_database(url: str, port: int, path: Path) -> None:
    """Cases 1-7 with the handlers an unchecked database may hold; case 8's provider name."""
    setup = adapters(url, port)
    aanwijzing_cases(setup, LISTED)
    setup.dispose()
    with sqlite3.connect(path) as db:
        for case_id, handler in enumerate(BAD_HANDLERS, start=1):
            db.execute("UPDATE cases SET handler = ? WHERE id = ?", (handler, case_id))
        db.execute("UPDATE providers SET name = ? WHERE kvk = ?", (PROVIDER, "87654307"))


def test_an_old_database_with_bad_handlers_and_names_mails_one_recipient_and_adds_no_header(
    sqlite_url: str, tmp_path: Path, sink: Sink
) -> None:
    old_database(sqlite_url, sink.port, tmp_path / "faults.sqlite")
    env = {
        **environment(sink.port),
        "ESCALATION_MAIL_FROM": SENDER,
        # a list where one address belongs is refused when the settings load (see below)
        "ESCALATION_HANDLER_EMAILS": json.dumps({"Jurist8": "j8@igj.example"}),
    }

    done = tick(sqlite_url, env)
    stuck = incidents(sqlite_url, env)

    assert done.returncode == EXIT_ATTENTION, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert {int(str(i["case_id"])) for i in stuck} == set(range(1, GOOD))
    assert all("is not one e-mail address" in str(i["last_error"]) for i in stuck), stuck
    assert {r.rcpt_tos[0] for r in sink.received} == {"jurist7@igj.example", "j8@igj.example"}
    for mail in sink.received:
        message = mail.message
        assert len(mail.rcpt_tos) == 1
        assert [a.addr_spec for a in message["To"].addresses] == mail.rcpt_tos
        assert message["Bcc"] is None and message["Cc"] is None
    for mail in [m for m in sink.received if m.rcpt_tos == ["jurist7@igj.example"]]:
        message = mail.message
        assert message["Bcc"] is None and message["Cc"] is None
        assert b"\nBcc" not in mail.raw and EVIL not in str(message["To"]), mail.raw.decode()
        (sender,) = message["From"].addresses
        assert (sender.display_name, sender.addr_spec) == (
            'Termijnen, IGJ "bewaking" Zoë',
            "termijnen@igj.example",
        )
        # one line, as text (folding may leave a double space where the header was folded);
        # a window's report names the besluit, not the provider, in its subject
        subject = " ".join(mail.subject.split())
        assert "\n" not in mail.subject and "\r" not in mail.subject
        assert "Zorg" not in subject or f'(Zorg "De Linde", Zoë & Co Bcc: {EVIL})' in subject
        assert f'Case 8, Zorg "De Linde", Zoë & Co Bcc: {EVIL}\n' in mail.body
    assert_resolved_by_assigning_a_good_handler(sqlite_url, env, sink)


def assert_resolved_by_assigning_a_good_handler(url: str, env: dict[str, str], sink: Sink) -> None:
    assigned = cli(url, env, "case", "assign", "1", "a.jansen@igj.example")
    again = tick(url, env)

    assert assigned.returncode == 0, assigned.stderr
    assert again.returncode == EXIT_ATTENTION  # cases 2-7 still have theirs
    to_case_1 = [m for m in sink.received if m.rcpt_tos == ["a.jansen@igj.example"]]
    assert to_case_1 and all(m.body.startswith("Case 1, ") for m in to_case_1)
    assert EVIL not in {a for m in sink.received for a in m.rcpt_tos}
    assert 1 not in {int(str(i["case_id"])) for i in incidents(url, env)}


def test_a_list_where_one_handler_address_belongs_is_refused_before_anything_is_sent(
    sqlite_url: str, tmp_path: Path, sink: Sink
) -> None:
    old_database(sqlite_url, sink.port, tmp_path / "faults.sqlite")
    listed = json.dumps({"Jurist8": f"anna@igj.example, {EVIL}"})
    env = {**environment(sink.port), "ESCALATION_HANDLER_EMAILS": listed}

    done = tick(sqlite_url, env)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "handler_emails" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert sink.received == []
