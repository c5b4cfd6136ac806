"""Reading the comparisons' CSV files: text, delimiter, rows with line numbers, numbers.

Rules:
- Files are UTF-8 (a byte-order mark is accepted). Anything else is an error that
  says so; nothing is guessed.
- The delimiter is ``;`` or ``,``: the one that occurs more often in the header line
  (outside quotes). StatLine exports and Dutch Excel use ``;``.
- Line numbers are physical file lines (the first line is 1); a quoted value spanning
  lines counts from its first line. Rows that are entirely empty are skipped.
- Numbers may be written the Dutch way: ``2.306``, ``1.153,5``, ``-802``, ``+778``,
  also ``3 255`` (a space between thousands, as older StatLine exports print). A
  point followed by exactly three digits (and no comma anywhere) is a thousands
  separator; any other single point is a decimal point (``1153.5``). The minus sign
  may be ``-`` or ``−``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from basishulp.trajecten.domain.csvfile import FieldError

__all__ = [
    "FieldError",
    "ImportFileError",
    "NumberError",
    "Row",
    "decode",
    "detect_delimiter",
    "first_line",
    "normalise_header",
    "parse_number",
    "read_rows",
]


class ImportFileError(ValueError):
    """The file cannot be imported; ``errors`` lists every problem found (file, line, column)."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        first = str(errors[0]) if errors else "invalid file"
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(first + more)


class NumberError(ValueError):
    """A value that is not a number in one of the accepted notations."""


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[str]


def decode(data: bytes, filename: str) -> str:
    """The text of a file; a byte-order mark is dropped, non-UTF-8 is an error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            [FieldError(filename, line, None, "the file is not UTF-8: save it as CSV UTF-8 and try again")]
        ) from None


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def detect_delimiter(header_line: str) -> str:
    """``;`` or ``,``: whichever occurs more often in the header line outside quotes."""
    text = _outside_quotes(header_line)
    return ";" if text.count(";") > text.count(",") else ","


def read_rows(text: str, delimiter: str) -> list[Row]:
    """Every non-empty row with the physical line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    line = 0
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            rows.append(Row(start, [cell.strip() for cell in cells]))
    return rows


def normalise_header(name: str) -> str:
    """A column name for matching: lower case, single spaces, curly quotes straightened."""
    text = name.strip().strip('"').replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).lower()


_SPACES = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
_DUTCH = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_POINT = re.compile(r"^\d+(\.\d+)?$")


def parse_number(text: str) -> Decimal:
    """A number in Dutch or plain notation (see the module rules)."""
    value = text.strip().replace("\u2212", "-")
    sign = ""
    if value.startswith(("+", "-")):
        sign, value = ("-" if value[0] == "-" else ""), value[1:].strip()
    value = _SPACES.sub("", value)
    if "," in value:
        if not _DUTCH.match(value):
            raise NumberError(f"{text.strip()!r} is not a number (write e.g. 2.306 or 1.153,5)")
        value = value.replace(".", "").replace(",", ".")
    elif _GROUPED.match(value):
        value = value.replace(".", "")
    elif not _POINT.match(value):
        raise NumberError(f"{text.strip()!r} is not a number (write e.g. 2.306 or 1.153,5)")
    try:
        return Decimal(sign + value)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        raise NumberError(f"{text.strip()!r} is not a number") from None


def first_line(text: str) -> str:
    """The first line that is not empty (the header of a file without a title)."""
    return next((line for line in text.splitlines() if line.strip()), "")
