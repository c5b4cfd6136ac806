"""Validation of trajectories.csv (data-formats.md §1): every error with line and column."""

from __future__ import annotations

import io

import pytest

from basishulp.trajecten.domain.csvfile import (
    TrajectoryFileError,
    is_bsn,
    parse_trajectories,
    read_trajectories,
    write_trajectories,
)

HEADER = "trajectory_id,client_id,municipality,area,care_unit,quadrant,start_date,end_date,end_reason,referrer_type\n"


def parse(body: str, header: str = HEADER):
    return parse_trajectories(io.StringIO(header + body, newline=""), "t.csv")


def errors_of(body: str, header: str = HEADER) -> list[str]:
    with pytest.raises(TrajectoryFileError) as exc_info:
        parse(body, header)
    return [str(e) for e in exc_info.value.errors]


def test_valid_rows_are_parsed_with_names_mapped_to_cbs_codes():
    parsed = parse(
        "t1,c1,Heerlen,HRL-1,GT-HRL-1,K2,2023-01-01,2023-02-01,31,02\nt2,c2,GM0882,,RADAR,k3,2023-01-05,,,\n"
    )
    first, second = parsed.records
    assert first.municipality == "GM0917" and first.end_reason == "31" and first.referrer_type == "02"
    assert second.municipality == "GM0882" and second.end_date is None and second.quadrant == "K3"
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("t1,c1,Heerlen,,U,K2,2023-13-01,,,", "t.csv, line 2, column start_date: invalid date '2023-13-01'"),
        ("t1,c1,Heerlen,,U,K2,01-02-2023,,,", "t.csv, line 2, column start_date: invalid date"),
        ("t1,c1,Heerlen,,U,K2,2023-02-01,2023-01-31,31,", "line 2, column end_date: 2023-01-31 is before start_date"),
        ("t1,c1,Maastricht,,U,K2,2023-02-01,,,", "line 2, column municipality: unknown municipality 'Maastricht'"),
        ("t1,c1,Heerlen,,U,K4,2023-02-01,,,", "line 2, column quadrant: invalid value 'K4'"),
        ("t1,c1,Heerlen,,U,K2,2023-02-01,2023-03-01,07,", "line 2, column end_reason: unknown reason-of-ending"),
        ("t1,c1,Heerlen,,U,K2,2023-02-01,,31,", "line 2, column end_reason: given while end_date is empty"),
        ("t1,c1,Heerlen,,U,K2,2023-02-01,,,07", "line 2, column referrer_type: unknown referrer code '07'"),
        ("t1,999993847,Heerlen,,U,K2,2023-02-01,,,", "line 2, column client_id: looks like a BSN"),
        ("t1,,Heerlen,,U,K2,2023-02-01,,,", "line 2, column client_id: is required but empty"),
        ("t1,c1,Heerlen,,U,K2,2023-02-01,,", "line 2: expected 10 fields, found 9"),
    ],
)
def test_each_bad_field_is_reported_with_line_and_column(row, expected):
    errors = errors_of(row + "\n")
    assert any(expected in e for e in errors), errors


def test_all_errors_are_reported_and_nothing_is_returned():
    body = (
        "t1,c1,Heerlen,,U,K2,2023-01-01,,,\n"
        "t2,c2,Heerlen,,U,K9,2023-01-01,,,\n"  # line 3
        "t1,c3,Heerlen,,U,K2,bad,,,\n"  # line 4: duplicate id and bad date
    )
    errors = errors_of(body)
    assert len(errors) == 3
    assert "line 3, column quadrant" in errors[0]
    assert "line 4, column trajectory_id: duplicate value 't1' (first on line 2)" in errors[1]
    assert "line 4, column start_date" in errors[2]


def test_missing_required_columns_and_unknown_columns():
    errors = errors_of("t1,c1\n", header="trajectory_id,client_id\n")
    assert errors == ["t.csv, line 1: missing required column(s): municipality, care_unit, quadrant, start_date"]
    parsed = parse(
        "t1,c1,Heerlen,U,K2,2023-01-01,x\n",
        header="trajectory_id,client_id,municipality,care_unit,quadrant,start_date,notes\n",
    )
    assert len(parsed.records) == 1
    assert parsed.warnings == ["t.csv, line 1: unknown column(s) ignored: notes"]


def test_line_numbers_count_physical_lines_with_quoted_newlines():
    body = 't1,c1,Heerlen,"HRL\n1",U,K2,2023-01-01,,,\nt2,c2,Heerlen,,U,K2,nope,,,\n'
    errors = errors_of(body)
    assert errors == ["t.csv, line 4, column start_date: invalid date 'nope': use YYYY-MM-DD"]


def test_empty_file_and_header_only():
    with pytest.raises(TrajectoryFileError, match="the file is empty"):
        parse_trajectories(io.StringIO(""), "t.csv")
    assert parse("").records == []


@pytest.mark.parametrize(
    ("value", "bsn"),
    [
        ("999993847", True),
        ("999992077", True),
        ("12345672", True),
        ("12345678", False),
        ("123456789", False),
        ("C0001234", False),
        ("000000000", False),
        ("1234567", False),
    ],
)
def test_bsn_eleven_test(value, bsn):
    assert is_bsn(value) is bsn


def test_read_from_disk_handles_bom_and_reports_bad_encoding(tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(("\ufeff" + HEADER + "t1,c1,Heerlen,,U,K2,2023-01-01,,,\n").encode())
    assert len(read_trajectories(good).records) == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        (HEADER + "t1,c1,Heerlen,,U,K2,2023-01-01,,,\n").encode() + b"t2,\xe9,Heerlen,,U,K2,2023-01-01,,,\n"
    )
    with pytest.raises(TrajectoryFileError) as exc_info:
        read_trajectories(bad)
    assert str(exc_info.value.errors[0]).endswith("line 3: not valid UTF-8 text (save the file as UTF-8)")
    with pytest.raises(TrajectoryFileError, match="cannot read file"):
        read_trajectories(tmp_path / "missing.csv")


def test_write_then_read_round_trips(tmp_path):
    records = parse(
        "t1,c1,Heerlen,HRL-1,GT-HRL-1,K2,2023-01-01,2023-02-01,31,02\nt2,c2,GM0882,,RADAR,K3,2023-01-05,,,\n"
    ).records
    out = io.StringIO()
    assert write_trajectories(records, out) == 2
    path = tmp_path / "rt.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert read_trajectories(path).records == records
