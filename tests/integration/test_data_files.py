"""The YAML files people edit are read safely: bombs, depth, size and encoding are refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from escalation.datafiles import DataFileError, load_yaml, read_text
from escalation.datafiles.safe_yaml import MAX_BYTES


def _bomb(levels: int = 9) -> str:
    """The "billion laughs": each level lists the previous one ten times (10^levels items)."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels + 1):
        lines.append(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_within_a_second_naming_the_line() -> None:
    started = time.perf_counter()

    with pytest.raises(DataFileError) as refused:
        load_yaml(_bomb(), origin="bomb.yaml")

    assert time.perf_counter() - started < 1
    assert str(refused.value).startswith("bomb.yaml, line 4: the data expands to more than")


def test_a_long_list_without_aliases_is_refused_as_too_many_items() -> None:
    text = "a:\n" + "  - x\n" * 10_001

    with pytest.raises(DataFileError) as refused:
        load_yaml(text, origin="long.yaml")

    assert str(refused.value) == (
        "long.yaml, line 9999: the data has more than 10000 items; a file of this kind has "
        "hundreds."
    )


def test_the_largest_packaged_file_is_far_within_the_bounds() -> None:
    text = read_text(Path(__file__).resolve().parents[2] / "workflows" / "jeugdwet.yaml")

    assert len(text.encode("utf-8")) < MAX_BYTES // 10
    assert isinstance(load_yaml(text, origin="jeugdwet.yaml"), dict)


def test_aliases_that_expand_to_a_sane_size_are_still_read() -> None:
    data = load_yaml("a: &x [1, 2]\nb: *x\n", origin="ok.yaml")

    assert data == {"a": [1, 2], "b": [1, 2]}


def test_an_alias_inside_the_item_it_names_is_refused() -> None:
    with pytest.raises(DataFileError, match="an alias .* is used inside the item it names"):
        load_yaml("a: &a [1, *a]\n", origin="loop.yaml")


def test_data_nested_twenty_thousand_levels_deep_is_refused_in_one_sentence() -> None:
    text = "a: " + "[" * 20_000 + "]" * 20_000 + "\n"

    with pytest.raises(DataFileError) as refused:
        load_yaml(text, origin="deep.yaml")

    assert str(refused.value) == "deep.yaml, line 1: the data is nested more than 40 levels deep."


def test_a_key_given_twice_is_refused_with_its_line() -> None:
    with pytest.raises(DataFileError, match=r"^x.yaml, line 2: the key 'a' appears twice.$"):
        load_yaml("a: 1\na: 2\n", origin="x.yaml")


def test_broken_yaml_is_refused_with_its_line_and_column_in_one_line() -> None:
    with pytest.raises(DataFileError) as refused:
        load_yaml("a: [1, 2\n", origin="x.yaml")

    assert str(refused.value).startswith("x.yaml is not valid YAML (line 2, column 1): ")
    assert "\n" not in str(refused.value)


def test_a_control_character_is_refused_as_not_valid_yaml() -> None:
    with pytest.raises(DataFileError, match="x.yaml is not valid YAML: unacceptable character"):
        load_yaml("a: b\x01\n", origin="x.yaml")


def test_dates_stay_text_so_their_reader_can_explain_a_wrong_one() -> None:
    assert load_yaml("day: 2025-02-30\n", origin="x.yaml") == {"day": "2025-02-30"}


def test_embedded_yaml_reports_the_line_of_the_file_it_sits_in() -> None:
    with pytest.raises(DataFileError, match=r"^t.md.j2, line 3: the key 'a' appears twice"):
        load_yaml("a: 1\na: 2\n", origin="t.md.j2", first_line=2)


def test_a_folder_named_like_a_data_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "jeugdwet.yaml"
    folder.mkdir()

    with pytest.raises(DataFileError, match=r"jeugdwet.yaml is a folder, not a file.$"):
        read_text(folder)


def test_a_file_that_is_not_utf8_is_refused_naming_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("naam: Zoë\n".encode("latin-1"))

    with pytest.raises(DataFileError) as refused:
        read_text(path)

    assert str(refused.value) == (
        f"{path} is not UTF-8 text (byte 9); save it with the UTF-8 encoding."
    )


def test_a_file_over_256_kilobytes_is_refused_without_reading_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * 256_000 + "\n", encoding="utf-8")

    with pytest.raises(DataFileError, match="huge.yaml is larger than 256 kB"):
        read_text(path)


def test_a_missing_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"^Cannot read .*absent.yaml: "):
        read_text(tmp_path / "absent.yaml")
