"""Importing published figures: valid files, Dutch numbers, all-or-nothing, idempotence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from basishulp.comparisons.domain.published import MEASURES, parse_published
from basishulp.comparisons.models import PublishedFigure
from basishulp.comparisons.services import ImportFileError, import_published

pytestmark = pytest.mark.django_db


def _import(path, **kwargs):
    return import_published(path, filename=path.name, **kwargs)


VALID = """bron;periode;gebied;maat;waarde;oorzaak
Halfjaarrapportage 2023-H1, §8;2019;HLV;begin;2.306;
Halfjaarrapportage 2023-H1, §8;2019;HLV;inflow;+1.530;
Halfjaarrapportage 2023-H1, §8;2019;HLV;subtotal;3.849;telt niet op
Halfjaarrapportage 2023-H1, §8;2019;HLV;outflow;-1.614;
Halfjaarrapportage 2023-H1, §8;2023-h1;Heerlen;gemiddeld;1.659
Halfjaarrapportage 2023-H1, §8 (gemiddelden per maand);2022;HLV;cost_per_client_month;"1.153,5";
"""


def test_a_valid_file_with_dutch_numbers(write):
    result = _import(write("gepubliceerd.csv", VALID))
    assert (result.rows, result.created, result.updated, result.unchanged) == (6, 6, 0, 0)
    values = {(f.period, f.scope, f.measure): f.value for f in PublishedFigure.objects.all()}
    assert values[("2019", "HLV", "begin")] == Decimal("2306")
    assert values[("2019", "HLV", "inflow")] == Decimal("1530")  # the sign as printed is dropped
    assert values[("2019", "HLV", "outflow")] == Decimal("1614")
    assert values[("2023-H1", "GM0917", "monthly_average")] == Decimal("1659")  # period and scope normalised
    assert values[("2022", "HLV", "cost_per_client_month")] == Decimal("1153.5")
    assert PublishedFigure.objects.get(period="2019", measure="subtotal").cause == "telt niet op"


def test_comma_separated_with_english_columns_in_another_order(write):
    text = 'value,measure,scope,period,source,cause\n"2.482",end,GM0882,2022,Jaarverslag 2022,\n'
    result = _import(write("published.csv", text))
    assert result.created == 1
    figure = PublishedFigure.objects.get()
    assert (figure.scope, figure.period, figure.measure, figure.value) == ("GM0882", "2022", "end", Decimal("2482"))


def test_importing_again_changes_nothing_and_a_changed_value_is_updated(write):
    path = write("gepubliceerd.csv", VALID)
    _import(path)
    again = _import(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    changed = write("changed.csv", VALID.replace("2.306", "2.307"))
    result = _import(changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    assert PublishedFigure.objects.get(period="2019", measure="begin").value == Decimal("2307")


def test_a_file_without_a_cause_column_keeps_the_causes(write):
    _import(write("a.csv", VALID))
    text = "bron;periode;gebied;maat;waarde\nHalfjaarrapportage 2023-H1, §8;2019;HLV;subtotal;3.849\n"
    result = _import(write("b.csv", text))
    assert result.unchanged == 1
    assert PublishedFigure.objects.get(period="2019", measure="subtotal").cause == "telt niet op"


def test_nothing_is_saved_when_line_3_is_bad(write):
    text = VALID.replace("2019;HLV;inflow;+1.530", "2019;HLV;inflow;veel")
    with pytest.raises(ImportFileError) as info:
        _import(write("fout.csv", text))
    assert PublishedFigure.objects.count() == 0
    (error,) = info.value.errors
    assert (error.file, error.line, error.column) == ("fout.csv", 3, "value")
    assert str(error).startswith("fout.csv, line 3, column value: 'veel' is not a number")


def test_every_error_is_reported_with_file_line_and_field(write):
    text = (
        "source;period;scope;measure;value\n"
        "R;2019;HLV;begin;1\n"
        "R;2023-H3;HLV;begin;1\n"
        ";2019;Maastricht;aantal;\n"
        "R;2019;HLV;begin;2\n"
        "R;2019;HLV;end;1,234\n"
        "R;2019;HLV;end;1\n"
    )
    with pytest.raises(ImportFileError) as info:
        _import(write("fouten.csv", text))
    found = [(e.line, e.column) for e in info.value.errors]
    assert found == [
        (3, "period"),
        (4, "source"),
        (4, "scope"),
        (4, "measure"),
        (4, "value"),
        (5, "measure"),  # the same key as line 2
        (6, "value"),  # more than two decimals
    ]
    assert "line 2" in info.value.errors[5].message
    assert PublishedFigure.objects.count() == 0


def test_missing_columns_and_an_empty_file(write):
    with pytest.raises(ImportFileError, match=r"missing required column\(s\): scope, value"):
        _import(write("a.csv", "source;period;measure\nR;2019;begin\n"))
    with pytest.raises(ImportFileError, match="the file is empty"):
        _import(write("b.csv", ""))
    with pytest.raises(ImportFileError, match="no rows with figures"):
        _import(write("c.csv", "source;period;scope;measure;value\n"))
    with pytest.raises(ImportFileError, match="cannot read the file"):
        import_published("/nonexistent/published.csv")


def test_unknown_columns_are_a_warning(write):
    result = _import(write("a.csv", "source;period;scope;measure;value;remark\nR;2019;HLV;end;1;x\n"))
    assert result.warnings == ["a.csv, line 1: column 'remark' is not used and was ignored"]


def test_measures_are_the_dashboard_flow_fields_and_more():
    from basishulp.dashboard.selectors import FLOW_FIELDS

    assert MEASURES[: len(FLOW_FIELDS)] == tuple(key for key, _sign in FLOW_FIELDS)
    assert set(MEASURES) == {m.value for m in PublishedFigure.Measure}


def test_negative_values_are_refused_except_signed_flows():
    text = "source;period;scope;measure;value\nR;2019;HLV;begin;-5\nR;2019;HLV;outflow;-5\n"
    with pytest.raises(ImportFileError) as info:
        parse_published(text, "neg.csv")
    assert [(e.line, e.column) for e in info.value.errors] == [(2, "value")]
