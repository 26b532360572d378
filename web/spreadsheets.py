"""CSV files that a spreadsheet program opens safely: accents read right, and no cell
that it would run as a formula."""

import csv
import io
from collections.abc import Iterable, Sequence

# CSV has no cell types: a cell starting with one of these is read as a formula (or, for
# the tab and carriage return, shifted into one), so it gets a leading apostrophe, which
# spreadsheet programs show as text. XLSX files mark their cells as text instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """The value as the text of a CSV cell that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read accents right. Every
    cell goes through csv_cell; numbers are written as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([v if isinstance(v, int) else csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode()
