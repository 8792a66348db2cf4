"""The CSV files people give a bulk command (`signaal open --from`, `case do-many --from`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator


def csv_lines(text: str, *, headers: Collection[str]) -> Iterator[tuple[int, list[str]]]:
    """Each line's number and its cells (stripped), comma or semicolon separated (Excel writes
    either); blank lines, lines starting with #, and a first line whose first cell is one of
    `headers` (lower case: it names the columns) are skipped."""
    delimiter = ";" if text.count(";") > text.count(",") else ","
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and cells[0].lower() in headers:
            continue
        yield number, cells
