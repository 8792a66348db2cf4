"""Hostile workflow files are refused in one sentence, within a second, in bounded memory.

Each file is read in a fresh Python process with a capped address space (RLIMIT_AS): it
reports the processor time the refusal took (not the wall-clock time, which depends on what
else the machine is doing), and the peak of memory Python allocated while reading
(tracemalloc, in a second pass, so that tracing does not slow the timed one). The command
line is checked with the real `escalation` program: exit code 1, one line, no traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CAP = 2**30
MB = 2**20

HARNESS = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
from escalation.domain.errors import DefinitionError
from escalation.workflows import FileWorkflowCatalog

def read():
    try:
        FileWorkflowCatalog().parse_file(Path(sys.argv[1]))
    except DefinitionError as err:
        return str(err)
    return "accepted"

start = time.process_time()
message = read()
seconds = time.process_time() - start
tracemalloc.start()
read()
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"message": message, "seconds": seconds, "peak": peak}))
"""


def alias_bomb(path: Path) -> None:
    """The "billion laughs" (1.5 kB): each level lists the previous one ten times."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def nested_lists(path: Path) -> None:
    path.write_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")


def nested_mappings(path: Path) -> None:
    path.write_text("a: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n", encoding="utf-8")


def nested_blocks(path: Path) -> None:
    path.write_text("- " * 20_000 + "x\n", encoding="utf-8")


def latin1(path: Path) -> None:
    path.write_bytes("name: jeugdwet\ntitle: Zoë\n".encode("latin-1"))


def folder(path: Path) -> None:
    path.mkdir()


def endless_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def named_pipe(path: Path) -> None:
    os.mkfifo(path)


def huge(path: Path) -> None:
    path.write_text("# " + "x" * 5_000_000 + "\n", encoding="utf-8")


def many_items(path: Path) -> None:
    path.write_text("a: [" + "x, " * 85_000 + "x]\n", encoding="utf-8")  # just under 256 kB


def many_keys(path: Path) -> None:
    path.write_text("".join(f"k{i}: v\n" for i in range(25_000)), encoding="utf-8")


def blank_lines(path: Path) -> None:
    path.write_text("\n" * 255_000 + "name: [x\n", encoding="utf-8")  # broken at its end


# how to make the file, what the one sentence says
FILES: list[tuple[Callable[[Path], None], str]] = [
    (alias_bomb, "line 4: the data expands to more than 10000 items (through aliases"),
    (nested_lists, "line 1: the data is nested more than 40 levels deep."),
    (nested_mappings, "line 1: the data is nested more than 40 levels deep."),
    (nested_blocks, "the data is nested more than 40 levels deep."),
    (latin1, "is not UTF-8 text (byte 25); save it with the UTF-8 encoding."),
    (folder, "bad.yaml is a folder, not a file."),
    (endless_device, "bad.yaml is not a regular file."),
    (named_pipe, "bad.yaml is not a regular file."),
    (huge, "bad.yaml is larger than 256 kB"),
    (many_items, "line 1: the data has more than 10000 items"),
    (many_keys, "line 5000: the data has more than 10000 items"),
    (blank_lines, "is not valid YAML (line 255002, column 1)"),
]
IDS = [make.__name__ for make, _said in FILES]


def read_in_process(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(path), str(CAP)],
        capture_output=True,
        text=True,
        env={**os.environ, "ESCALATION_LANG": "en"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


@pytest.mark.parametrize(("make", "said"), FILES, ids=IDS)
def test_a_hostile_workflow_file_is_refused_within_a_second_in_bounded_memory(
    tmp_path: Path, make: Callable[[Path], None], said: str
) -> None:
    path = tmp_path / "bad.yaml"
    make(path)

    report = read_in_process(path)

    assert said in str(report["message"]), report
    assert str(report["message"]).startswith(str(path)), report
    assert float(str(report["seconds"])) < 1, report
    assert int(str(report["peak"])) < 64 * MB, report


@pytest.mark.parametrize(("make", "said"), FILES, ids=IDS)
def test_the_command_line_refuses_a_hostile_workflow_file_in_one_line(
    tmp_path: Path, make: Callable[[Path], None], said: str
) -> None:
    program = shutil.which("escalation", path=str(Path(sys.executable).parent))
    assert program is not None
    path = tmp_path / "bad.yaml"
    make(path)
    env = {**os.environ, "ESCALATION_LANG": "en", "XDG_DATA_HOME": str(tmp_path / "data")}

    done = subprocess.run(
        [program, "--db", str(tmp_path / "none.sqlite"), "workflow", "validate", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )

    assert done.returncode == 1, done
    assert done.stdout == ""
    assert done.stderr.startswith("Error: ") and said in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "none.sqlite").exists()
