"""The dictum per norm in every letter that carries one, in every format, from a case whose
findings were recorded through the CLI; and a framework from the user's own folder."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import pypdf
import pytest

from tests.e2e.helpers import (
    FOCUS,
    TO_RAPPORT,
    Cli,
    add_provider,
    do,
    isolate,
    make_cli,
    ok,
    open_case,
    refused,
    walk,
)

REPO = Path(__file__).resolve().parents[2]
FINDINGS = """\
framework: jij
findings:
  - norm: "1.1"
    judgement: voldoet_niet
    maatregelen: [Maatregel-een voor het gedeelde beeld.]
  - norm: "2.1"
    judgement: voldoet_grotendeels_niet
    maatregelen: [Maatregel-twee voor de risicotaxatie.]
  - norm: "2.3"
    judgement: voldoet
"""
DWANGSOM = (
    "begunstigingstermijn=4 weken", "bedrag=1000", "per=week", "maximum=10000",
    "verbeurt=per_begonnen_eenheid",
)  # fmt: skip
FORMATS = ("md", "html", "pdf", "docx")
LAST = ("begunstigingstermijn=4 weken", "bedrag=1000", "per=week", "maximum=10000")


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        raw = "\n".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
        )
    elif path.suffix == ".docx":
        raw = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    else:
        raw = path.read_text(encoding="utf-8")
    return " ".join(raw.split())


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    isolate(monkeypatch, tmp_path / "xdg-data")
    return make_cli(tmp_path / "cases.sqlite", init=True)


def make(cli: Cli, case: int, template: str, fmt: str, out: Path, *sets: str) -> str:
    args: list[object] = ["letter", "make", case, template, "--format", fmt, "--out", out / fmt]
    for item in ("aanleiding=Zie het rapport.", *sets):
        args += ["--set", item]
    ok(cli(*args))
    made = sorted((out / fmt).iterdir(), key=lambda p: p.stat().st_mtime)[-1]
    return text_of(made)


def test_every_dictum_letter_holds_each_norm_below_voldoet_with_its_measures_in_every_format(
    cli: Cli, tmp_path: Path
) -> None:
    case = open_case(cli, add_provider(cli, FOCUS))
    walk(cli, case, TO_RAPPORT)
    (tmp_path / "f.yaml").write_text(FINDINGS, encoding="utf-8")
    ok(cli("findings", "import", case, tmp_path / "f.yaml"))
    ok(do(cli, case, "kondig_aanwijzing_aan", "2024-12-13"))
    voornemen = {fmt: make(cli, case, "voornemen-aanwijzing", fmt, tmp_path) for fmt in FORMATS}
    ok(do(cli, case, "geef_aanwijzing", "2025-01-31", "nalevingstermijn=3 maanden"))
    aanwijzing = {fmt: make(cli, case, "aanwijzing", fmt, tmp_path) for fmt in FORMATS}
    weergave = {
        fmt: make(cli, case, "zakelijke-weergave", fmt, tmp_path, "rechtsmiddel=Bezwaar loopt.")
        for fmt in FORMATS
    }
    ok(do(cli, case, "start_hertoets", "2025-05-02"))
    ok(cli("findings", "hertoets", case, "--norm", "1.1=voldaan", "--norm", "2.1=niet_voldaan"))
    ok(do(cli, case, "kondig_last_aan", "2025-05-06"))
    voornemen_last = {
        fmt: make(cli, case, "voornemen-last", fmt, tmp_path, *LAST) for fmt in FORMATS
    }
    ok(do(cli, case, "leg_last_onder_dwangsom_op", "2025-05-27", *DWANGSOM))
    last = {fmt: make(cli, case, "last-onder-dwangsom", fmt, tmp_path) for fmt in FORMATS}

    for fmt in FORMATS:
        for text in (voornemen[fmt], aanwijzing[fmt], weergave[fmt]):
            assert "Norm 1.1 JIJ-kader" in text and "Norm 2.1 JIJ-kader" in text, fmt
            assert "Maatregel-een" in text and "Maatregel-twee" in text, fmt
            assert "Norm 2.3" not in text, fmt
            assert "Artikel 4.1.1 en 7.3.8 Jeugdwet" in text, fmt
        for text in (voornemen_last[fmt], last[fmt]):
            assert "Norm 2.1 JIJ-kader" in text and "Maatregel-twee" in text, fmt
            assert "Norm 1.1" not in text and "Maatregel-een" not in text, fmt


def test_a_framework_in_the_users_folder_is_listed_and_used(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "kaders"
    folder.mkdir()
    own = (REPO / "frameworks" / "jij-focus.yaml").read_text(encoding="utf-8")
    (folder / "eigen.yaml").write_text(own.replace("name: jij", "name: eigen"), encoding="utf-8")
    monkeypatch.setenv("ESCALATION_FRAMEWORKS_DIR", str(folder))

    listed = json.loads(ok(cli("framework", "list", "--json")).stdout)

    assert {f["name"] for f in listed} == {"jij", "jbn", "eigen"}
    shutil.copyfile(folder / "eigen.yaml", folder / "dubbel.yaml")
    refused(cli("framework", "list"), "eigen", "dubbel.yaml")
