"""Read and validate ``trajectories.csv`` with DuckDB (data-formats.md §1).

The rules are those of :mod:`basishulp.trajecten.domain.csvfile` (the pure-Python
reader), restated as SQL so that a national file is parsed by DuckDB's parallel CSV
reader instead of Python:

* Only the header line is parsed in Python (header checks, warnings, column order).
* The body is read with ``read_csv`` with every column ``VARCHAR`` (no type
  sniffing, nothing silently coerced), the exact CSV dialect of the reference
  (comma, ``"`` quote doubled as escape), ``strict_mode`` and ``store_rejects``:
  rows with a wrong number of fields, bad quoting or invalid UTF-8 land in
  DuckDB's reject table with their line number instead of stopping the scan.
* Values are stripped of the same whitespace characters as Python's ``str.strip``;
  rows whose cells are all blank are skipped, like the reference.
* **Fast path**: one ``CREATE TABLE ... AS SELECT`` keeps the columns the KPI needs
  as written plus an ``ok`` flag from cheap *sufficient* checks (see
  :func:`_load_fast`); one aggregate checks the flags, unique ids and trailing
  whitespace (only if the file has a whitespace byte), and the few distinct
  municipality values are checked by the reference's own ``municipality_code``. A
  clean file is never read again.
* **Exact path** (a check failed): the file is loaded again with every value
  stripped and every rule evaluated exactly; a file that is valid after all (e.g.
  padded values) is accepted from there, otherwise the error path runs.
* **Error path** (rare): the file is read once more with all columns and a row
  ordinal; one ``UNION ALL`` query lists every failed rule per row, and the row
  ordinals are mapped to physical line numbers (header = line 1) by counting
  newlines in the raw bytes. Messages use the reference's wording.
"""

# SQL text here is built from generated column names (c0, c1, ...) and literals quoted
# by _sql_str; no user text reaches it unquoted.
# ruff: noqa: S608
from __future__ import annotations

import csv
import functools
import io
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from basishulp.trajecten.domain.csvfile import (
    REQUIRED_COLUMNS,
    FieldError,
    TrajectoryFileError,
    read_header,
)
from basishulp.trajecten.domain.reference import (
    END_REASONS,
    MUNICIPALITIES,
    QUADRANTS,
    REFERRER_TYPES,
    municipality_code,
)

__all__ = ["FILE_TABLE", "MAX_ERRORS", "LoadedFile", "file_schema", "load_trajectories"]

#: The name of the validated table (a view) that :func:`load_trajectories` returns.
FILE_TABLE = "valid_trajectories"

#: At most this many errors are listed (a completely wrong file could give millions).
MAX_ERRORS = 1000


@functools.cache
def _whitespace() -> str:
    """Every character that Python's str.strip() removes."""
    return "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


@dataclass
class LoadedFile:
    """The validated trajectories in table ``table`` of ``connection``.

    ``schema`` gives the table's columns and Ibis types. The fast path keeps
    municipality values as written (codes or names); ``municipality_code`` maps a
    stored value to its ``GMnnnn`` code.
    """

    connection: duckdb.DuckDBPyConnection
    table: str
    rows: int
    latest: date | None
    warnings: list[str] = field(default_factory=list)
    schema: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)

    def municipality_code(self, value: str) -> str:
        return self.codes.get(value, value)


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_list(values: object) -> str:
    return "(" + ", ".join(_sql_str(v) for v in values) + ")"  # type: ignore[attr-defined]


def _read_header(path: Path, filename: str) -> tuple[list[str], list[str]]:
    """Header names (stripped) and warnings; raises TrajectoryFileError for a bad header."""
    try:
        with path.open("rb") as f:
            first = f.readline()
    except OSError as exc:
        raise TrajectoryFileError([FieldError(filename, None, None, f"cannot read file: {exc.strerror}")]) from None
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrajectoryFileError(
            [FieldError(filename, 1, None, "not valid UTF-8 text (save the file as UTF-8)")]
        ) from None
    return read_header(csv.reader(io.StringIO(text, newline="")), filename)


def _read_csv_sql(path: Path, n_columns: int, rejects: bool) -> str:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n_columns)) + "}"
    return (
        f"read_csv({_sql_str(str(path))}, header = true, auto_detect = false, columns = {columns}, "
        "delim = ',', quote = '\"', escape = '\"', strict_mode = true, all_varchar = true"
        + (", store_rejects = true)" if rejects else ")")
    )


_DATE_RE = "'[0-9]{4}-[0-9]{2}-[0-9]{2}'"


class _Columns:
    """SQL for the values of the known columns of one file.

    ``r(col)`` is the raw value (``NULL`` when empty), ``v(col)`` the value stripped
    like Python's ``str.strip`` (``''`` when empty or absent). Stripping with the full
    Unicode whitespace set is slow, so ``v`` first tries the common case: a value
    that starts and ends with a printable ASCII character needs no stripping.
    """

    def __init__(self, names: list[str]):
        self.names = names
        self.index = {name: i for i, name in enumerate(names)}

    def r(self, column: str) -> str:
        i = self.index.get(column)
        return "NULL::VARCHAR" if i is None else f"c{i}"

    def v(self, column: str) -> str:
        i = self.index.get(column)
        return "''" if i is None else _strip(f"c{i}")

    def blank(self) -> str:
        """All cells blank; cheap when the first column has a printable first character."""
        first = _printable_start("c0")
        rest = " AND ".join(f"{_strip(f'c{i}')} = ''" for i in range(len(self.names))) or "true"
        return f"(CASE WHEN {first} THEN false ELSE {rest} END)"


def _strip(raw: str) -> str:
    return (
        f"(CASE WHEN {raw} IS NULL THEN '' WHEN regexp_full_match({raw}, '[!-~](.*[!-~])?') THEN {raw} "
        f"ELSE trim({raw}, {_sql_str(_whitespace())}) END)"
    )


def _printable_start(raw: str) -> str:
    """The value starts with printable ASCII (so its stripped form is not empty)."""
    return f"({raw} >= '!' AND {raw} < chr(127))"


def _municipality_code(v: str) -> str:
    names = " ".join(f"WHEN {_sql_str(name.casefold())} THEN {_sql_str(code)}" for code, name in MUNICIPALITIES.items())
    return f"CASE WHEN regexp_full_match({v}, 'GM[0-9]{{4}}') THEN {v} ELSE CASE lower({v}) {names} END END"


def _fast_municipality_code(raw: str) -> str:
    return f"CASE WHEN regexp_full_match({raw}, 'GM[0-9]{{4}}') THEN {raw} ELSE {_municipality_code(_strip(raw))} END"


def _parse_date(v: str) -> str:
    return f"CASE WHEN regexp_full_match({v}, {_DATE_RE}) AND {v} >= '0001' THEN try_cast({v} AS DATE) END"


def _fast_parse_date(raw: str) -> str:
    return (
        f"CASE WHEN regexp_full_match({raw}, {_DATE_RE}) AND {raw} >= '0001' THEN try_cast({raw} AS DATE) "
        f"ELSE {_parse_date(_strip(raw))} END"
    )


def _is_bsn(v: str) -> str:
    digits = f"lpad({v}, 9, '0')"
    weighted = " + ".join(f"{9 - i} * try_cast(substr({digits}, {i + 1}, 1) AS INTEGER)" for i in range(8))
    check = f"({weighted} - try_cast(substr({digits}, 9, 1) AS INTEGER)) % 11 = 0 AND try_cast({v} AS BIGINT) <> 0"
    return f"(CASE WHEN regexp_full_match({v}, '[0-9]{{8,9}}') THEN {check} ELSE false END)"


def _checks(c: _Columns) -> list[tuple[str, str, str, str, str]]:
    """Row rules in the reference's order: (column, condition, value1, value2, accept).

    ``condition`` is exact, over stripped values and the parsed ``start_d`` /
    ``end_d``; ``accept`` is a cheap test on raw values under which the condition is
    known to be false (the fast path evaluates the condition only otherwise). The
    values are what the message quotes. Duplicates are checked separately.
    """
    v, r = c.v, c.r
    codes = _sql_list
    checks = [(col, f"{v(col)} = ''", "''", "''", _printable_start(r(col))) for col in REQUIRED_COLUMNS]
    client = r("client_id")
    checks += [
        (
            "client_id",
            f"{v('client_id')} <> '' AND {_is_bsn(v('client_id'))}",
            "''",
            "''",
            f"(({client} >= ':' AND {client} < chr(127)) OR ({client} >= '!' AND {client} < '0'))",
        ),
        (
            "municipality",
            f"{v('municipality')} <> '' AND ({_municipality_code(v('municipality'))}) IS NULL",
            v("municipality"),
            "''",
            f"regexp_full_match({r('municipality')}, 'GM[0-9]{{4}}')",
        ),
        (
            "quadrant",
            f"{v('quadrant')} <> '' AND upper({v('quadrant')}) NOT IN {codes(QUADRANTS)}",
            v("quadrant"),
            "''",
            f"{r('quadrant')} IN {codes(QUADRANTS)}",
        ),
        ("start_date", f"{v('start_date')} <> '' AND start_d IS NULL", v("start_date"), "''", "start_d IS NOT NULL"),
        (
            "end_date",
            f"{v('end_date')} <> '' AND end_d IS NULL",
            v("end_date"),
            "''",
            f"{r('end_date')} IS NULL OR end_d IS NOT NULL",
        ),
        (
            "end_date",
            "start_d IS NOT NULL AND end_d IS NOT NULL AND end_d < start_d",
            v("end_date"),
            v("start_date"),
            "end_d IS NULL OR start_d IS NULL OR end_d >= start_d",
        ),
        (
            "end_reason",
            f"{v('end_reason')} <> '' AND {v('end_reason')} NOT IN {codes(END_REASONS)}",
            v("end_reason"),
            "''",
            f"{r('end_reason')} IS NULL OR {r('end_reason')} IN {codes(END_REASONS)}",
        ),
        (
            "end_reason",
            f"{v('end_reason')} <> '' AND {v('end_date')} = ''",
            "''",
            "''",
            f"{r('end_reason')} IS NULL OR end_d IS NOT NULL",
        ),
        (
            "referrer_type",
            f"{v('referrer_type')} <> '' AND {v('referrer_type')} NOT IN {codes(REFERRER_TYPES)}",
            v("referrer_type"),
            "''",
            f"{r('referrer_type')} IS NULL OR {r('referrer_type')} IN {codes(REFERRER_TYPES)}",
        ),
    ]
    return checks


_DUPLICATE_CHECK = len(REQUIRED_COLUMNS)  # position of the duplicate rule in the reference order


def _message(check: int, column: str, value1: str, value2: str, first_line: int | None) -> str:
    n_required = len(REQUIRED_COLUMNS)
    if check < n_required:
        return "is required but empty"
    if check == _DUPLICATE_CHECK:
        return f"duplicate value {value1!r} (first on line {first_line})"
    kind = check - n_required - 1
    return [
        lambda: "looks like a BSN (passes the 11-proef); this file takes pseudonyms only",
        lambda: f"unknown municipality {value1!r}: use a CBS code GMnnnn or a known name",
        lambda: f"invalid value {value1!r}: use K1, K2 or K3",
        lambda: f"invalid date {value1!r}: use YYYY-MM-DD",
        lambda: f"invalid date {value1!r}: use YYYY-MM-DD",
        lambda: f"{value1} is before start_date {value2}",
        lambda: f"unknown reason-of-ending code {value1!r} (JZ588: 02, 20, 31-39)",
        lambda: "given while end_date is empty (a running trajectory has no end reason)",
        lambda: f"unknown referrer code {value1!r} (COD327: 01-06, 08)",
    ][kind]()


def load_trajectories(
    path: str | Path,
    *,
    keep: tuple[str, ...] = (),
    threads: int | None = None,
    memory_limit: str | None = None,
    normalized: bool = True,
) -> LoadedFile:
    """Validate ``path`` and load it into DuckDB; ``LoadedFile.table`` names the result.

    The table has trajectory_id, client_id, municipality, start_date, end_date and
    the extra columns in ``keep`` (e.g. ``end_reason``, ``area``). Municipalities are
    ``GMnnnn`` codes when ``normalized``; otherwise they may be kept as written (see
    :attr:`LoadedFile.codes`). Raises :class:`TrajectoryFileError` listing the
    problems (line 1 = header).
    """
    p = Path(path)
    filename = str(path)
    names, warnings = _read_header(p, filename)
    counter = _ByteCounter(p)
    counter.start()
    con = _connect(threads, memory_limit, preserve_order=False)
    try:
        loaded = _load_fast(con, p, _Columns(names), keep, counter, normalized)
    except duckdb.InvalidInputException:
        loaded = None  # a structural problem (field count, quoting, encoding)
    except duckdb.Error as exc:
        con.close()
        raise TrajectoryFileError([FieldError(filename, None, None, f"unreadable CSV: {_first_line(exc)}")]) from None
    if loaded is not None:
        rows, latest, codes = loaded
        return LoadedFile(con, FILE_TABLE, rows, latest, warnings, file_schema(keep), codes)
    con.close()
    counter.join()
    return _load_exact(p, filename, names, warnings, keep, threads, memory_limit)


def _connect(threads: int | None, memory_limit: str | None, preserve_order: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"preserve_insertion_order": preserve_order})
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute(f"SET memory_limit = {_sql_str(memory_limit)}")
        spill = Path(tempfile.gettempdir()) / "basishulp-duckdb"
        con.execute(f"SET temp_directory = {_sql_str(str(spill))}")
    return con


def file_schema(keep: tuple[str, ...]) -> dict[str, str]:
    """Columns and Ibis types of the loaded table."""
    schema = {
        "trajectory_id": "string",
        "client_id": "string",
        "municipality": "string",
        "start_date": "date",
        "end_date": "date",
    }
    schema.update((k, "string") for k in keep)
    return schema


def _ascii_start(raw: str) -> str:
    """The value starts with printable ASCII: not empty, no leading whitespace."""
    return f"({raw} >= '!' AND {raw} < chr(127))"


def _ascii_end(raw: str) -> str:
    """The value ends with printable ASCII: no trailing whitespace."""
    return f"({raw}[-1] >= '!' AND {raw}[-1] < chr(127))"


def _load_fast(
    con: duckdb.DuckDBPyConnection,
    p: Path,
    c: _Columns,
    keep: tuple[str, ...],
    counter: _ByteCounter,
    normalized: bool,
) -> tuple[int, date | None, dict[str, str]] | None:
    """The fast path: load, and prove the file valid with cheap sufficient checks.

    Every check accepts a value only if the reference accepts it *and* stripping
    leaves it unchanged, so the loaded raw values are the reference's values:
    required text starts with printable ASCII; codes are in their lists; dates
    survive a round trip to ``YYYY-MM-DD``; a client id starting with a digit is no
    BSN. One aggregate then checks the trailing characters of the ids, unique ids
    (``count(DISTINCT trajectory_id) = count(*)``) and the latest date; the few
    distinct municipality values are checked in Python by the reference's own
    ``municipality_code``. Returns ``(rows, latest date, {value: code})``, or
    ``None`` when any check fails: then the exact path decides, with the same
    results and messages as the reference.
    """
    n = len(c.names)
    r = c.r
    client, start, end = r("client_id"), r("start_date"), r("end_date")
    has_end = "end_date" in c.index
    checks = [
        _ascii_start(r("trajectory_id")),
        f"(CASE WHEN {client} >= '0' AND {client} < ':' THEN NOT {_is_bsn(client)} ELSE {_ascii_start(client)} END)",
        _ascii_start(r("care_unit")),
        f"{r('quadrant')} IN {_sql_list(QUADRANTS)}",
        f"CAST(s AS VARCHAR) = {start}",
    ]
    if has_end:
        checks.append(f"({end} IS NULL OR (CAST(e AS VARCHAR) = {end} AND e >= s))")
    if "end_reason" in c.index:
        reason = r("end_reason")
        given = f"{end} IS NOT NULL" if has_end else "false"
        checks.append(f"({reason} IS NULL OR ({reason} IN {_sql_list(END_REASONS)} AND {given}))")
    if "referrer_type" in c.index:
        referrer = r("referrer_type")
        checks.append(f"({referrer} IS NULL OR {referrer} IN {_sql_list(REFERRER_TYPES)})")
    kept = "".join(f", {r(k) if k == 'end_reason' else c.v(k)} AS {k}" for k in keep)
    end_d = f"TRY_CAST({end} AS DATE)" if has_end else "NULL::DATE"
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE trajectories AS
        SELECT {r("trajectory_id")} AS trajectory_id, {client} AS client_id, {r("municipality")} AS municipality,
               s AS start_date, e AS end_date{kept}, coalesce({" AND ".join(checks)}, false) AS ok
        FROM (SELECT *, TRY_CAST({start} AS DATE) AS s, {end_d} AS e FROM {_read_csv_sql(p, n, rejects=False)})
        """
    )
    counter.join()
    # Trailing whitespace is only possible if the file has a whitespace byte (or
    # quotes, which may hold line breaks).
    edges = f"NOT ({_ascii_end('trajectory_id')} AND {_ascii_end('client_id')})" if counter.spaces else "false"
    summary = con.execute(
        f"""
        SELECT count(*), count_if(NOT ok), count_if({edges}),
               count(DISTINCT trajectory_id),
               max(greatest(start_date, coalesce(end_date, start_date))),
               list(DISTINCT municipality)
        FROM trajectories
        """
    ).fetchone()
    assert summary is not None
    n_rows, n_bad, n_edges, n_distinct, latest, municipalities = summary
    if n_bad or n_edges or n_distinct != n_rows:
        return None
    codes = {}
    for value in municipalities or []:
        code = municipality_code(value) if value is not None else None
        if code is None:
            return None
        if code != value:
            codes[value] = code
    if counter.quotes:  # commas inside quoted values do not separate fields
        value_commas = " + ".join(f"coalesce(len(c{i}) - len(replace(c{i}, ',', '')), 0)" for i in range(n))
        in_values = con.execute(
            f"SELECT coalesce(sum({value_commas}), 0) FROM {_read_csv_sql(p, n, rejects=False)}"
        ).fetchone()[0]  # type: ignore[index]
    else:
        in_values = 0
    if counter.commas != (n - 1) * (1 + n_rows) + in_values:
        return None  # DuckDB dropped empty trailing fields that the reference counts
    replace = ""
    if normalized and codes:
        cases = " ".join(f"WHEN {_sql_str(value)} THEN {_sql_str(code)}" for value, code in codes.items())
        replace = f" REPLACE (CASE municipality {cases} ELSE municipality END AS municipality)"
        codes = {}
    con.execute(f"CREATE OR REPLACE TEMP VIEW valid_trajectories AS SELECT * EXCLUDE (ok){replace} FROM trajectories")
    return n_rows, latest, codes


def _load_exact(
    p: Path,
    filename: str,
    names: list[str],
    warnings: list[str],
    keep: tuple[str, ...],
    threads: int | None,
    memory_limit: str | None,
) -> LoadedFile:
    """The exact path: every rule on stripped values, every error with its line."""
    c = _Columns(names)
    n = len(names)
    con = _connect(threads, memory_limit, preserve_order=False)
    rows = ", ".join(f"c{i}" for i in range(n))
    parsed = f"{_fast_parse_date(c.r('start_date'))} AS start_d, {_fast_parse_date(c.r('end_date'))} AS end_d"
    flags = " OR ".join(
        f"(CASE WHEN {accept} THEN false ELSE coalesce({cond}, true) END)"
        for (_col, cond, _a, _b, accept) in _checks(c)
    )
    kept = "".join(f", {c.v(k)} AS {k}" for k in keep)
    create = f"""
        CREATE OR REPLACE TEMP TABLE trajectories AS
        SELECT {c.v("trajectory_id")} AS trajectory_id, {c.v("client_id")} AS client_id,
               {_fast_municipality_code(c.r("municipality"))} AS municipality,
               start_d AS start_date, end_d AS end_date{kept}, ({flags}) AS bad, {c.blank()} AS blank
        FROM (SELECT {rows}, {parsed} FROM @SOURCE@)
        """
    rejects: list[tuple[int, str, str]] = []
    rejected_lines: set[int] = set()
    counter = _ByteCounter(p)
    counter.start()
    try:
        try:
            con.execute(create.replace("@SOURCE@", _read_csv_sql(p, n, rejects=False)))
        except duckdb.InvalidInputException:
            # A structural problem (field count, quoting, encoding): read again and
            # collect the rejected lines; blank lines among them are fine.
            con.execute(create.replace("@SOURCE@", _read_csv_sql(p, n, rejects=True)))
            rejects, rejected_lines = _rejects(con, n)
        summary = con.execute(
            """
            SELECT count(*), coalesce(count_if(NOT blank), 0), coalesce(count_if(bad AND NOT blank), 0),
                   count(DISTINCT trajectory_id) FILTER (WHERE NOT blank),
                   max(greatest(start_date, coalesce(end_date, start_date))) FILTER (WHERE NOT blank)
            FROM trajectories
            """
        ).fetchone()
        counter.join()
        assert summary is not None
        n_all, n_rows, n_bad, n_distinct, latest = summary
        # DuckDB drops empty trailing fields ("a,b,c,,") that Python's csv counts: the
        # number of commas in the file tells whether any row has more fields.
        commas_in_values = 0
        if counter.quotes:
            value_commas = " + ".join(f"coalesce(len(c{i}) - len(replace(c{i}, ',', '')), 0)" for i in range(n))
            commas_in_values = con.execute(
                f"SELECT coalesce(sum({value_commas}), 0) FROM {_read_csv_sql(p, n, rejects=bool(rejects))}"
            ).fetchone()[0]  # type: ignore[index]
        extra_fields = not rejects and counter.commas != (n - 1) * (1 + n_all) + commas_in_values
    except duckdb.Error as exc:
        con.close()
        raise TrajectoryFileError([FieldError(filename, None, None, f"unreadable CSV: {_first_line(exc)}")]) from None
    if n_bad or n_distinct != n_rows or rejects or extra_fields:
        try:
            errors = _error_details(con, p, filename, c, rejects, rejected_lines, exact_fields=extra_fields)
        finally:
            con.close()
        if errors or not extra_fields:
            raise TrajectoryFileError(errors or [FieldError(filename, None, None, "invalid file")])
    con.execute(
        "CREATE TEMP VIEW valid_trajectories AS SELECT * EXCLUDE (bad, blank) FROM trajectories WHERE NOT blank"
    )
    return LoadedFile(con, FILE_TABLE, n_rows, latest, warnings, file_schema(keep))


# The characters str.strip() removes, except line breaks, as bytes: single bytes,
# and multi-byte UTF-8 sequences by lead byte (any sequence starting with E2 80 is
# taken, to keep the list short). Single bytes are found at memchr speed.
_SPACE_BYTES = (b" ", b"\t", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\x1f")
_SPACE_SEQUENCES = {
    b"\xc2": (b"\xc2\x85", b"\xc2\xa0"),
    b"\xe1": (b"\xe1\x9a\x80",),
    b"\xe2": (b"\xe2\x80", b"\xe2\x81\x9f"),
    b"\xe3": (b"\xe3\x80\x80",),
}


def _has_space(chunk: bytes) -> bool:
    if any(b in chunk for b in _SPACE_BYTES):
        return True
    if any(lead in chunk and any(s in chunk for s in seqs) for lead, seqs in _SPACE_SEQUENCES.items()):
        return True
    # a carriage return outside a CRLF line break
    return b"\r" in chunk and (chunk.count(b"\r") != chunk.count(b"\r\n") or chunk.endswith(b"\r"))


class _ByteCounter(threading.Thread):
    """Counts commas and double quotes in a file, in chunks, next to DuckDB's scan,
    and notes whether any value could start or end with whitespace."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path = path
        self.commas = 0
        self.quotes = 0
        self.spaces = False

    def run(self) -> None:
        with self.path.open("rb") as f:
            while chunk := f.read(1 << 24):
                self.commas += chunk.count(b",")
                if b'"' in chunk:
                    self.quotes += chunk.count(b'"')
                if not self.spaces:
                    self.spaces = bool(self.quotes) or _has_space(chunk)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _rejects(con: duckdb.DuckDBPyConnection, n_columns: int) -> tuple[list[tuple[int, str, str]], set[int]]:
    """Rejected lines that the reference would not skip, as (line, error type, message),
    and the numbers of all rejected lines."""
    rows = con.execute(
        f"""
        SELECT DISTINCT line, error_type::VARCHAR, csv_line, error_message FROM reject_errors
        ORDER BY line LIMIT {MAX_ERRORS * 10}
        """
    ).fetchall()
    result = []
    all_lines = {int(line) for line, *_rest in rows}
    seen: set[int] = set()
    for line, kind, csv_line, message in rows:
        if int(line) in seen:
            continue
        seen.add(int(line))
        text = (csv_line or "").lstrip("\r\n")
        if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
            try:
                cells = next(csv.reader(io.StringIO(text, newline="")), [])
            except csv.Error:
                cells = None
            if cells is not None:
                if all(not cell.strip() for cell in cells):
                    continue  # a blank row: skipped by the reference too
                result.append((int(line), kind, f"expected {n_columns} fields, found {len(cells)}"))
                continue
        if kind == "INVALID ENCODING":
            result.append((int(line), kind, "not valid UTF-8 text (save the file as UTF-8)"))
            continue
        result.append((int(line), kind, f"unreadable CSV: {(message or kind).strip().splitlines()[0]}"))
    return result, all_lines


def _error_details(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    filename: str,
    c: _Columns,
    rejects: list[tuple[int, str, str]],
    rejected_lines: set[int],
    exact_fields: bool = False,
) -> list[FieldError]:
    if any(kind == "INVALID ENCODING" for _line, kind, _m in rejects):
        # Like the reference: an encoding error is reported alone, at its first line.
        line = min(line for line, kind, _m in rejects if kind == "INVALID ENCODING")
        return [FieldError(filename, line, None, "not valid UTF-8 text (save the file as UTF-8)")]
    parsed = f"{_parse_date(c.v('start_date'))} AS start_d, {_parse_date(c.v('end_date'))} AS end_d"
    source = _read_csv_sql(path, len(c.names), rejects=True)
    con.execute(f"CREATE TEMP TABLE raw_rows AS SELECT * FROM {source}")
    n_rows = con.execute("SELECT count(*) FROM raw_rows").fetchone()[0]  # type: ignore[index]
    tid = c.v("trajectory_id")
    con.execute("DROP TABLE IF EXISTS checked")
    con.execute(
        f"""
        CREATE TEMP TABLE checked AS
        SELECT *, {parsed},
               min(ordinal) OVER (PARTITION BY {tid}) AS first_ordinal
        FROM (SELECT rowid AS ordinal, * FROM raw_rows WHERE NOT {c.blank()})
        """
    )
    parts = []
    for k, (column, cond, value1, value2, _accept) in enumerate(_checks(c)):
        number = k if k < _DUPLICATE_CHECK else k + 1
        parts.append(
            f"SELECT ordinal, {number} AS rule, {_sql_str(column)} AS col, {value1} AS a, {value2} AS b, "
            f"NULL::BIGINT AS first FROM checked WHERE coalesce({cond}, true)"
        )
    parts.append(
        f"SELECT ordinal, {_DUPLICATE_CHECK}, 'trajectory_id', {tid}, '', first_ordinal FROM checked "
        f"WHERE {tid} <> '' AND ordinal > first_ordinal"
    )
    found = con.execute(
        f"SELECT * FROM ({' UNION ALL '.join(parts)}) ORDER BY ordinal, rule LIMIT {MAX_ERRORS}"
    ).fetchall()
    line_of = _line_numbers(path, n_rows, rejected_lines)
    wrong_count: set[int] = set()
    if exact_fields:
        counted = _field_count_errors(path, len(c.names))
        wrong_count = {line for line, _k, _m in counted}
        rejects = [r for r in rejects if r[1] not in ("MISSING COLUMNS", "TOO MANY COLUMNS")] + counted
    errors: list[tuple[int, int, FieldError]] = []
    for ordinal, rule, column, a, b, first in found:
        line = line_of(ordinal)
        if line in wrong_count:
            continue  # the reference does not check the cells of a row with a wrong field count
        first_line = line_of(first) if first is not None else None
        errors.append((line or 0, rule, FieldError(filename, line, column, _message(rule, column, a, b, first_line))))
    for line, _kind, message in rejects:
        errors.append((line, -1, FieldError(filename, line, None, message)))
    errors.sort(key=lambda item: (item[0], item[1]))
    return [e for _l, _r, e in errors[:MAX_ERRORS]]


def _line_numbers(path: Path, n_rows: int, rejected: set[int]) -> Callable[[int | None], int | None]:
    """Map DuckDB row ordinals (0-based, in file order) to physical line numbers.

    DuckDB skips empty lines and puts rejected lines aside; every other line after
    the header is one row. That holds unless a quoted value spans lines; then the
    count does not match and the lines are found with Python's csv reader instead.
    """
    lines: list[int] = []
    with path.open("rb") as f:
        f.readline()
        for number, raw in enumerate(f, start=2):
            if raw.strip(b"\r\n") and number not in rejected:
                lines.append(number)
    if len(lines) != n_rows:
        lines = _line_numbers_csv(path, n_rows)
    table = lines

    def line_of(ordinal: int | None) -> int | None:
        if ordinal is None or not 0 <= ordinal < len(table):
            return None
        return table[ordinal]

    return line_of


def _field_count_errors(path: Path, n_columns: int) -> list[tuple[int, str, str]]:
    """Rows whose number of fields differs from the header's, by Python's csv reader
    (only run when the comma count shows DuckDB dropped empty trailing fields)."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    found = []
    line = 1
    for row in reader:
        start = line + 1
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != n_columns:
            found.append((start, "FIELDS", f"expected {n_columns} fields, found {len(row)}"))
    return found


def _line_numbers_csv(path: Path, n_columns_rows: int) -> list[int]:
    """Slow exact mapping for files with multi-line quoted values (error path only)."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    lines: list[int] = []
    line = 1
    for row in reader:
        start = line + 1
        line = reader.line_num
        if row and len(row) == len(header) and not (len(row) == 1 and not row[0]):
            lines.append(start)
    return lines
