"""Differential test of the DuckDB file reader against the pure-Python reference."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from basishulp.kpi.domain.periods import parse_period
from basishulp.kpi.engine import file_kpis
from basishulp.kpi.service import compute_file_kpis
from basishulp.trajecten.domain.csvfile import TrajectoryFileError, write_trajectories
from basishulp.trajecten.domain.records import TrajectoryRecord

H1 = parse_period("2023-H1")
HEADER = "trajectory_id,client_id,municipality,area,care_unit,quadrant,start_date,end_date,end_reason,referrer_type"


def random_records(seed: int, n: int = 300) -> list[TrajectoryRecord]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        start = date(2021, 6, 1) + timedelta(days=rng.randrange(800))
        end = start + timedelta(days=rng.choice([0, 10, 29, 30, 31, 90, 300])) if rng.random() < 0.85 else None
        records.append(
            TrajectoryRecord(
                trajectory_id=f"T{i:05d}",
                client_id=f"C{rng.randrange(n // 3)}",
                municipality=rng.choice(["GM0917", "GM0882", "GM0986", "GM0363", "GM0935"]),
                care_unit=rng.choice(["U1", "U2", "P1"]),
                quadrant=rng.choice(["K1", "K2", "K3"]),
                start_date=start,
                end_date=end,
                area=rng.choice(["", "HRL-3", "LGR-1"]),
                end_reason=rng.choice(["", "31", "34", "20"]) if end else "",
                referrer_type=rng.choice(["", "01", "02", "08"]),
            )
        )
    return records


def csv_text(records: list[TrajectoryRecord]) -> str:
    buf = io.StringIO()
    write_trajectories(records, buf)
    return buf.getvalue()


def both(path: Path, kind: str, as_of: date | None = None):
    """(engine result or error, reference result or error)."""
    results = []
    for engine in ("duckdb", "reference"):
        try:
            results.append(compute_file_kpis(path, kind, H1, as_of, engine=engine))
        except TrajectoryFileError as exc:
            results.append(exc)
    return results


def _variants(text: str) -> dict[str, str]:
    lines = text.splitlines()
    names = {"GM0917": "Heerlen", "GM0882": "landgraaf", "GM0986": "VOERENDAAL"}
    renamed = [lines[0]] + [
        ",".join(names.get(cell, cell) if i == 2 else cell for i, cell in enumerate(line.split(",")))
        for line in lines[1:]
    ]
    padded = [lines[0]] + [
        ",".join(f" {c} " if i in (0, 2, 5) else c for i, c in enumerate(line.split(","))) for line in lines[1:]
    ]
    extra = [lines[0] + ",remark"] + [line + ",x" for line in lines[1:]]
    blank = [*lines[:5], "", ",,,,,,,,,", "   ", *lines[5:]]
    reordered_cols = [2, 0, 1, 3, 4, 5, 6, 7, 8, 9]
    reordered = [",".join(line.split(",")[i] for i in reordered_cols) for line in lines]
    return {
        "plain": text,
        "names": "\n".join(renamed) + "\n",
        "whitespace": "\n".join(padded) + "\n",
        "extra column": "\n".join(extra) + "\n",
        "blank lines": "\n".join(blank) + "\n",
        "crlf": "\r\n".join(lines) + "\r\n",
        "no final newline": "\n".join(lines),
        "bom": "\ufeff" + text,
        "reordered columns": "\n".join(reordered) + "\n",
        "quoted": text.replace(",K2,", ',"K2",'),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_valid_files_give_reference_numbers(tmp_path, seed):
    text = csv_text(random_records(seed))
    for name, variant in _variants(text).items():
        path = tmp_path / f"{seed}-{name.replace(' ', '_')}.csv"
        path.write_text(variant, encoding="utf-8", newline="")
        for kind, as_of in (("flows", None), ("journeys", None), ("flows", date(2023, 5, 20))):
            engine, ref = both(path, kind, as_of)
            assert not isinstance(ref, Exception), (name, ref)
            assert engine == ref, (name, kind)


def test_header_only_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    result = file_kpis(path, "flows", H1, None)
    assert result.as_of == H1.end
    assert [r.group for r in result.rows] == ["total", "Heerlen", "Landgraaf", "Voerendaal"]
    assert all((r.begin, r.inflow, r.outflow, r.end) == (0, 0, 0, 0) for r in result.rows)
    engine, ref = both(path, "journeys")
    assert engine == ref


def test_extra_column_warns(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text(HEADER + ",note\nT1,C1,GM0917,,U1,K2,2023-01-05,,,,hi\n", encoding="utf-8")
    result = file_kpis(path, "flows", H1, None)
    assert result.warnings == [f"{path}, line 1: unknown column(s) ignored: note"]
    assert result.rows[0].inflow == 1


GOOD = "T{n},C{n},GM0917,HRL-1,U1,K2,2023-01-05,2023-02-01,31,01"

# (name, header, bad line, expected (line, column) of the first error)
INVALID = [
    ("bad start date", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-30,,,", (4, "start_date")),
    ("bad end date", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-01,1-2-2023,,", (4, "end_date")),
    ("end before start", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-01,2023-01-31,,", (4, "end_date")),
    ("unknown municipality", HEADER, "T9,C9,Maastricht,,U1,K2,2023-02-01,,,", (4, "municipality")),
    ("bad quadrant", HEADER, "T9,C9,GM0917,,U1,K4,2023-02-01,,,", (4, "quadrant")),
    ("bad end reason", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-01,2023-03-01,99,", (4, "end_reason")),
    ("reason without end date", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-01,,31,", (4, "end_reason")),
    ("bad referrer", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-01,,,07", (4, "referrer_type")),
    ("duplicate trajectory id", HEADER, "T1,C9,GM0917,,U1,K2,2023-02-01,,,", (4, "trajectory_id")),
    ("client id is a BSN", HEADER, "T9,999993847,GM0917,,U1,K2,2023-02-01,,,", (4, "client_id")),
    ("empty required care unit", HEADER, "T9,C9,GM0917,,  ,K2,2023-02-01,,,", (4, "care_unit")),
    ("empty start date", HEADER, "T9,C9,GM0917,,U1,K2,,,,", (4, "start_date")),
    ("too few fields", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-01", (4, None)),
    ("too many fields", HEADER, "T9,C9,GM0917,,U1,K2,2023-02-01,,,,,", (4, None)),
    ("missing required column", HEADER.replace("care_unit,", ""), None, (1, None)),
    ("duplicate column", HEADER + ",area", None, (1, None)),
]


@pytest.mark.parametrize(("name", "header", "bad", "where"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_files_are_rejected_like_the_reference(tmp_path, name, header, bad, where):
    lines = [header, GOOD.format(n=1), GOOD.format(n=2)]
    if bad is not None:
        lines.append(bad)
    lines.append(GOOD.format(n=3))
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine, ref = both(path, "flows")
    assert isinstance(ref, TrajectoryFileError)
    assert isinstance(engine, TrajectoryFileError)
    first = engine.errors[0]
    assert (first.line, first.column) == where
    assert [(e.line, e.column) for e in engine.errors] == [(e.line, e.column) for e in ref.errors]
    assert [e.message for e in engine.errors] == [e.message for e in ref.errors]


@pytest.mark.parametrize("seed", [11, 12, 13, 14, 15])
def test_random_mutations_are_rejected_with_the_same_errors(tmp_path, seed):
    rng = random.Random(seed)
    lines = csv_text(random_records(seed, 120)).splitlines()
    mutations = [
        lambda c: c.__setitem__(6, "2023-13-01"),
        lambda c: c.__setitem__(7, "2020-01-01"),
        lambda c: c.__setitem__(2, "GM91"),
        lambda c: c.__setitem__(5, "k9"),
        lambda c: c.__setitem__(8, "30"),
        lambda c: c.__setitem__(9, "7"),
        lambda c: c.__setitem__(1, "999992077"),
        lambda c: c.__setitem__(0, "T00001"),
        lambda c: c.__setitem__(4, ""),
    ]
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(1, len(lines))
        cells = lines[i].split(",")
        rng.choice(mutations)(cells)
        lines[i] = ",".join(cells)
    if rng.random() < 0.5:
        lines.insert(rng.randrange(1, len(lines)), "")  # a blank line shifts the line numbers
    path = tmp_path / "mutated.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine, ref = both(path, "flows")
    assert isinstance(engine, TrajectoryFileError) == isinstance(ref, TrajectoryFileError)
    if isinstance(ref, TrajectoryFileError):
        assert [str(e) for e in engine.errors] == [str(e) for e in ref.errors]
    else:
        assert engine == ref


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (HEADER + "\n" + GOOD.format(n=1) + "\n").encode()
        + "T2,Jos\xe9,GM0917,,U1,K2,2023-01-05,,,\n".encode("latin-1")
    )
    engine, ref = both(path, "flows")
    assert isinstance(engine, TrajectoryFileError) and isinstance(ref, TrajectoryFileError)
    assert engine.errors[0].line == ref.errors[0].line == 3


def test_quoted_value_spanning_lines_keeps_line_numbers(tmp_path):
    path = tmp_path / "multiline.csv"
    body = [GOOD.format(n=1), 'T2,C2,GM0917,"HRL\n-1",U1,K2,2023-01-05,,,', "T3,C3,GM0917,,U1,K9,2023-01-05,,,"]
    path.write_text(HEADER + "\n" + "\n".join(body) + "\n", encoding="utf-8")
    engine, ref = both(path, "flows")
    assert [str(e) for e in engine.errors] == [str(e) for e in ref.errors]


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    engine, ref = both(empty, "flows")
    assert [str(e) for e in engine.errors] == [str(e) for e in ref.errors]
    engine, ref = both(tmp_path / "nope.csv", "flows")
    assert isinstance(engine, TrajectoryFileError) and isinstance(ref, TrajectoryFileError)
