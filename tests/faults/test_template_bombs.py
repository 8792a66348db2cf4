"""A user's template that would grow or run without bound is refused, and nothing is archived.

Each template is rendered in a fresh Python process with a capped address space (RLIMIT_AS),
reporting the processor time the refusal took and the peak of memory Python allocated
(tracemalloc, in a second pass). `escalation letter make` is run as a real program on a real
SQLite database: exit 1, one line, no traceback, the database byte for byte unchanged and no
file written.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.conftest import DEADLINE_S, aanwijzing_cases, adapters, escalation

CAP = 2**30
MB = 2**20
HEADER = "{#---\ntitle: Bom\n---#}\n{% set betreft = 'Bom' %}\n"

HARNESS = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
from escalation.domain.letters import LetterError, LetterFormat
from escalation.letters import JinjaLetterRenderer
from escalation.letters.lint import sample_context

renderer = JinjaLetterRenderer(user=Path(sys.argv[1]))
context = sample_context(JinjaLetterRenderer().spec("herinnering"), renderer=renderer)

def render():
    try:
        renderer.render("bom", context, fmt=LetterFormat.MD)
    except LetterError as err:
        return str(err)
    return "accepted"

start = time.process_time()
message = render()
seconds = time.process_time() - start
tracemalloc.start()
render()
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"message": message, "seconds": seconds, "peak": peak}))
"""

LOOPS = "{% for i in range(10000) %}{% for j in range(10000) %}{{ i }}{% endfor %}{% endfor %}"
TOO_LONG = "the template makes more than 2,000,000 characters."
TOO_SLOW = "rendering the template took longer than 0.5 seconds; simplify its loops."

# the template's body; what follows "Letter 'bom' cannot be made: " (one of, split by |)
BOMBS = {
    "multiplied": ("{{ 'x' * 300000000 }}", TOO_LONG),
    "nested_ranges": (LOOPS, TOO_LONG + "|" + TOO_SLOW),  # whichever comes first
    "silent_nested_ranges": (LOOPS.replace("{{ i }}", ""), TOO_SLOW),
    "one_huge_range": (
        "{% for i in range(100000) %}{% endfor %}",
        "the template asks for a range of more than 10,000 items.",
    ),
    "doubling": (
        "{% set n = namespace(s='x') %}{% for i in range(64) %}{% set n.s = n.s ~ n.s %}"
        "{% endfor %}",
        TOO_LONG,
    ),
    "padded": (
        "{{ '%0300000000d' % 1 }}",
        "the template asks for a width of more than 10,000 characters.",
    ),
    "power": ("{{ 9 ** 999999999 }}", "the template computes a number too large to print."),
    "replaced": ("{% set a = 'x' * 100000 %}{{ a|replace('x', a) }}", TOO_LONG),
}


def _template(folder: Path, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bom.md.j2").write_text(HEADER + body + "\n", encoding="utf-8")


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


@pytest.mark.parametrize(("body", "said"), BOMBS.values(), ids=BOMBS.keys())
def test_a_template_bomb_is_refused_within_a_second_in_bounded_memory(
    tmp_path: Path, body: str, said: str
) -> None:
    _template(tmp_path / "brieven", body)

    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(tmp_path / "brieven"), str(CAP)],
        capture_output=True,
        text=True,
        env={**os.environ, "ESCALATION_LANG": "en"},
        timeout=DEADLINE_S,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["message"] in [f"Letter 'bom' cannot be made: {s}" for s in said.split("|")]
    assert report["seconds"] < 1, report
    assert report["peak"] < 64 * MB, report


@pytest.mark.parametrize(("body", "said"), BOMBS.values(), ids=BOMBS.keys())
def test_letter_make_refuses_a_template_bomb_and_archives_nothing(
    tmp_path: Path, body: str, said: str
) -> None:
    database = tmp_path / "zaken.sqlite"
    url = f"sqlite:///{database}"
    (case,) = aanwijzing_cases(adapters(url, 25), 1)  # no mail is sent
    _template(tmp_path / "brieven", body)
    out = tmp_path / "uit"
    before = database.read_bytes()
    env = {
        **os.environ,
        "ESCALATION_LANG": "en",
        "ESCALATION_LETTERS_DIR": str(tmp_path / "brieven"),
    }

    done = subprocess.run(
        escalation(url, "letter", "make", str(case), "bom", "--format", "md", "--out", str(out)),
        capture_output=True,
        text=True,
        env=env,
        timeout=DEADLINE_S,
        preexec_fn=_capped,  # noqa: PLW1509  # nothing runs in threads here
        check=False,
    )

    assert done.returncode == 1, done
    assert done.stderr in [f"Error: Letter 'bom' cannot be made: {s}\n" for s in said.split("|")]
    assert done.stdout == ""
    assert database.read_bytes() == before
    assert not out.exists() or not any(out.iterdir())
