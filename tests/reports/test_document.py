"""The report document: Dutch and English number formats, tables, sheet names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basishulp.reports.domain.document import Column, Report, Section, Table, format_cell, number
from basishulp.reports.render import sheet_names


@pytest.mark.parametrize(
    ("value", "kind", "dutch", "english"),
    [
        (1385348, "euro", "€ 1.385.348", "€1,385,348"),
        (Decimal("1385348.12"), "euro", "€ 1.385.348", "€1,385,348"),
        (Decimal("0.5"), "euro", "€ 1", "€1"),  # half away from zero
        (Decimal("-1147000"), "euro", "-€ 1.147.000", "-€1,147,000"),
        (Decimal("0.26"), "percent", "26,0%", "26.0%"),
        (Decimal("0.7777"), "percent", "77,8%", "77.8%"),
        (Decimal("31315000"), "keuro", "31.315", "31,315"),
        (Decimal("-67000"), "keuro", "-67", "-67"),
        (Decimal("169.4"), "decimal1", "169,4", "169.4"),
        (778, "plus", "+778", "+778"),
        (802, "minus", "-802", "-802"),
        (-5, "signed", "-5", "-5"),
        (5, "signed", "+5", "+5"),
        (0, "signed", "0", "0"),
        (2482, "count", "2.482", "2,482"),
        (None, "count", "—", "—"),
        ("<8", "count", "<8", "<8"),
        (dt.date(2023, 6, 30), "date", "30-06-2023", "2023-06-30"),
    ],
)
def test_cells_are_formatted_per_language(value, kind, dutch, english) -> None:
    assert format_cell(value, kind, dutch=True) == dutch
    assert format_cell(value, kind, dutch=False) == english


def test_numbers_round_half_away_from_zero() -> None:
    assert number(Decimal("2.5")) == "3"
    assert number(Decimal("-2.5")) == "-3"
    assert number(Decimal("1303.55"), 1) == "1.303,6"
    assert number(1234567890) == "1.234.567.890"


def test_a_row_must_have_a_value_per_column_and_kinds_are_checked() -> None:
    table = Table("t", "T", "T", [Column("a"), Column("b", "count")])
    with pytest.raises(ValueError, match="1 values for 2 columns"):
        table.add("x")
    with pytest.raises(ValueError, match="unknown row kind"):
        table.add("x", 1, kind="nope")
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("c", "money")
    table.add("inflow", 778, kind="plus")
    table.add("end", 2458)
    assert table.kind_of(0, 1) == "plus" and table.kind_of(0, 0) == "text" and table.kind_of(1, 1) == "count"


def test_sheet_names_are_unique_short_and_allowed() -> None:
    from django.utils import translation

    translation.activate("en")
    sections = [
        Section(
            "s",
            "S",
            [
                Table("a", "A", "Cliënten per maand: HLV/Heerlen [2023]", [Column("x")]),
                Table("b", "B", "Cliënten per maand: HLV/Heerlen [2023]", [Column("x")]),
                Table("c", "C", "Cover", [Column("x")]),
            ],
        )
    ]
    report = Report(
        "t", "s", "2023-H1", "", "HLV", "HLV", False, dt.datetime(2024, 1, 1, tzinfo=dt.UTC), None, sections
    )
    names = sheet_names(report)
    assert len(set(n.lower() for n in names.values())) == 3
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names.values())
    assert names["c"] != "Cover"  # the cover sheet's name (in English) is taken
