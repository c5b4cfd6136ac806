"""Reading and validating ``trajectories.csv`` (data-formats.md §1), pure Python.

Rules:
- UTF-8 (a byte-order mark is accepted), comma separated, one header row, one
  trajectory per row. Line numbers are physical file lines: the header is line 1.
- Missing required columns are an error; unknown columns are ignored with a warning.
- Every row is checked and *every* error is reported (file, line, column, message);
  a file with any error yields no records at all (all-or-nothing).
- ``client_id`` is a pseudonym: a value that passes the BSN 11-proef is refused.
- ``trajectory_id`` must be unique within the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .records import TrajectoryRecord
from .reference import END_REASONS, QUADRANTS, REFERRER_TYPES, municipality_code

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "FieldError",
    "ParsedFile",
    "TrajectoryFileError",
    "check_header",
    "is_bsn",
    "parse_trajectories",
    "read_header",
    "read_trajectories",
    "write_trajectories",
]

COLUMNS: tuple[str, ...] = (
    "trajectory_id",
    "client_id",
    "municipality",
    "area",
    "care_unit",
    "quadrant",
    "start_date",
    "end_date",
    "end_reason",
    "referrer_type",
)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "trajectory_id",
    "client_id",
    "municipality",
    "care_unit",
    "quadrant",
    "start_date",
)


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem in an input file, located as precisely as possible."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class TrajectoryFileError(ValueError):
    """The file cannot be used; ``errors`` lists every problem found."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        first = str(errors[0]) if errors else "invalid file"
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(first + more)


@dataclass(frozen=True)
class ParsedFile:
    records: list[TrajectoryRecord]
    warnings: list[str] = field(default_factory=list)


def is_bsn(value: str) -> bool:
    """True when ``value`` is 8 or 9 digits passing the BSN 11-proef."""
    if not value.isdigit() or len(value) not in (8, 9):
        return False
    digits = value.zfill(9)
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0 and int(digits) != 0


def _parse_iso(value: str) -> date | None:
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def check_header(names: list[str], filename: str) -> tuple[list[FieldError], list[str]]:
    """Errors (missing or duplicate columns) and warnings (unknown columns) of a header."""
    errors: list[FieldError] = []
    warnings: list[str] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        errors.append(FieldError(filename, 1, None, f"missing required column(s): {', '.join(missing)}"))
    duplicated = sorted({n for n in names if names.count(n) > 1 and n})
    if duplicated:
        errors.append(FieldError(filename, 1, None, f"duplicate column(s): {', '.join(duplicated)}"))
    extra = [n for n in names if n not in COLUMNS]
    if extra:
        warnings.append(f"{filename}, line 1: unknown column(s) ignored: {', '.join(extra)}")
    return errors, warnings


def read_header(reader: Iterator[list[str]], filename: str) -> tuple[list[str], list[str]]:
    """Read the header row: stripped column names and warnings; raises
    :class:`TrajectoryFileError` for an empty file or a bad header."""
    try:
        header = next(reader)
    except StopIteration:
        raise TrajectoryFileError([FieldError(filename, 1, None, "the file is empty: no header row")]) from None
    except csv.Error as exc:
        raise TrajectoryFileError([FieldError(filename, 1, None, f"unreadable CSV: {exc}")]) from None
    names = [h.strip().lstrip("\ufeff") for h in header]
    errors, warnings = check_header(names, filename)
    if errors:
        raise TrajectoryFileError(errors)
    return names, warnings


def parse_trajectories(lines: Iterable[str], filename: str = "<input>") -> ParsedFile:
    """Validate CSV text lines and return records, or raise :class:`TrajectoryFileError`."""
    reader = csv.reader(lines)
    names, warnings = read_header(reader, filename)
    errors: list[FieldError] = []
    index = {name: i for i, name in enumerate(names)}

    records: list[TrajectoryRecord] = []
    seen: dict[str, int] = {}
    line = 1
    try:
        for row in reader:
            line_start = line + 1
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                errors.append(FieldError(filename, line_start, None, f"expected {len(names)} fields, found {len(row)}"))
                continue
            record = _parse_row(row, index, filename, line_start, errors, seen)
            if record is not None:
                records.append(record)
    except csv.Error as exc:
        errors.append(FieldError(filename, line + 1, None, f"unreadable CSV: {exc}"))
    if errors:
        raise TrajectoryFileError(errors)
    return ParsedFile(records, warnings)


def _parse_row(
    row: list[str],
    index: dict[str, int],
    filename: str,
    line: int,
    errors: list[FieldError],
    seen: dict[str, int],
) -> TrajectoryRecord | None:
    def get(column: str) -> str:
        i = index.get(column)
        return row[i].strip() if i is not None else ""

    n_errors = len(errors)

    def fail(column: str, message: str) -> None:
        errors.append(FieldError(filename, line, column, message))

    for column in REQUIRED_COLUMNS:
        if not get(column):
            fail(column, "is required but empty")

    trajectory_id = get("trajectory_id")
    if trajectory_id:
        if trajectory_id in seen:
            fail("trajectory_id", f"duplicate value {trajectory_id!r} (first on line {seen[trajectory_id]})")
        else:
            seen[trajectory_id] = line

    client_id = get("client_id")
    if client_id and is_bsn(client_id):
        fail("client_id", "looks like a BSN (passes the 11-proef); this file takes pseudonyms only")

    municipality = get("municipality")
    code = municipality_code(municipality) if municipality else None
    if municipality and code is None:
        fail("municipality", f"unknown municipality {municipality!r}: use a CBS code GMnnnn or a known name")

    quadrant = get("quadrant").upper()
    if quadrant and quadrant not in QUADRANTS:
        fail("quadrant", f"invalid value {get('quadrant')!r}: use K1, K2 or K3")

    start_text, end_text = get("start_date"), get("end_date")
    start = _parse_iso(start_text) if start_text else None
    if start_text and start is None:
        fail("start_date", f"invalid date {start_text!r}: use YYYY-MM-DD")
    end = _parse_iso(end_text) if end_text else None
    if end_text and end is None:
        fail("end_date", f"invalid date {end_text!r}: use YYYY-MM-DD")
    if start and end and end < start:
        fail("end_date", f"{end_text} is before start_date {start_text}")

    end_reason = get("end_reason")
    if end_reason and end_reason not in END_REASONS:
        fail("end_reason", f"unknown reason-of-ending code {end_reason!r} (JZ588: 02, 20, 31-39)")
    if end_reason and not end_text:
        fail("end_reason", "given while end_date is empty (a running trajectory has no end reason)")

    referrer_type = get("referrer_type")
    if referrer_type and referrer_type not in REFERRER_TYPES:
        fail("referrer_type", f"unknown referrer code {referrer_type!r} (COD327: 01-06, 08)")

    if len(errors) > n_errors or start is None or code is None:
        return None
    return TrajectoryRecord(
        trajectory_id=trajectory_id,
        client_id=client_id,
        municipality=code,
        area=get("area"),
        care_unit=get("care_unit"),
        quadrant=quadrant,
        start_date=start,
        end_date=end,
        end_reason=end_reason,
        referrer_type=referrer_type,
    )


def read_trajectories(path: str | Path) -> ParsedFile:
    """Read and validate a trajectories file from disk."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise TrajectoryFileError([FieldError(str(path), None, None, f"cannot read file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise TrajectoryFileError(
            [FieldError(str(path), bad_line, None, "not valid UTF-8 text (save the file as UTF-8)")]
        ) from None
    return parse_trajectories(io.StringIO(text, newline=""), str(path))


def write_trajectories(records: Iterable[TrajectoryRecord], out: io.TextIOBase | io.StringIO) -> int:
    """Write records as a data-formats.md §1 file; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for r in records:
        writer.writerow(
            [
                r.trajectory_id,
                r.client_id,
                r.municipality,
                r.area,
                r.care_unit,
                r.quadrant,
                r.start_date.isoformat(),
                r.end_date.isoformat() if r.end_date else "",
                r.end_reason,
                r.referrer_type,
            ]
        )
        n += 1
    return n
