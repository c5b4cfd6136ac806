"""The synthetic HLV data set, measured by the reference core against the PUBLISHED figures.

Every expected number below is a published figure of seed 001 (JENS half-year report
H1 2023, §7-§8), kept as data in :mod:`basishulp.demo.calibration`; nothing is compared
with a number the generator itself produced.
"""

from __future__ import annotations

import io
import itertools
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from basishulp.demo import calibration, generator
from basishulp.demo.calibration import JOURNEY_TARGETS, PUBLISHED_HLV, PUBLISHED_MUNICIPAL_2023H1
from basishulp.kpi.domain.journeys import build_journeys, latest_date
from basishulp.kpi.domain.periods import parse_period
from basishulp.kpi.services import KpiSet, compute_kpis
from basishulp.trajecten import reference_data
from basishulp.trajecten.domain.csvfile import is_bsn, read_trajectories, write_trajectories
from basishulp.trajecten.domain.records import TrajectoryRecord
from basishulp.trajecten.domain.reference import END_REASONS, REFERRER_TYPES

FIELDS = ("begin", "inflow", "subtotal", "outflow", "end")
#: Published yearly cells that a reconciling data set can match exactly (source-figures.md §13).
EXACT_YEARLY_CELLS = {
    "2019": ("begin", "subtotal", "outflow", "end"),
    "2020": ("begin", "inflow", "subtotal", "outflow", "end"),
    "2021": ("subtotal", "outflow", "end"),
    "2022": ("end",),
}


@pytest.fixture(scope="module")
def records() -> list[TrajectoryRecord]:
    return generator.generate()


@pytest.fixture(scope="module")
def h1(records: list[TrajectoryRecord]) -> KpiSet:
    return compute_kpis(records, parse_period("2023-H1"), engine="reference")


@pytest.fixture(scope="module")
def years(records: list[TrajectoryRecord]) -> dict[str, KpiSet]:
    return {
        y: compute_kpis(records, parse_period(y), dimension="total", engine="reference") for y in EXACT_YEARLY_CELLS
    }


def csv_bytes(records: list[TrajectoryRecord]) -> bytes:
    out = io.StringIO()
    write_trajectories(records, out)
    return out.getvalue().encode("utf-8")


def within(achieved: float, published: float, rel: float) -> bool:
    return abs(achieved - published) <= rel * published


# --- determinism and file format ---------------------------------------------------------


def test_same_seed_gives_byte_identical_csv(records: list[TrajectoryRecord]) -> None:
    assert csv_bytes(generator.generate(generator.DEFAULT_SEED)) == csv_bytes(records)


def test_another_seed_gives_another_data_set(records: list[TrajectoryRecord]) -> None:
    assert csv_bytes(generator.generate(generator.DEFAULT_SEED + 1)) != csv_bytes(records)


def test_csv_round_trips_through_the_reader(records: list[TrajectoryRecord], tmp_path) -> None:
    path = tmp_path / "demo.csv"
    path.write_bytes(csv_bytes(records))
    parsed = read_trajectories(path)
    assert parsed.warnings == []
    assert parsed.records == records


def test_no_client_id_is_a_bsn(records: list[TrajectoryRecord]) -> None:
    client_ids = {r.client_id for r in records}
    assert not [c for c in client_ids if is_bsn(c)]
    # Also the digits alone would not pass, and ids are pseudonyms "C" + 7 digits.
    assert all(c[0] == "C" and c[1:].isdigit() and len(c) == 8 for c in client_ids)
    assert is_bsn("999993847")  # the check itself recognises a (test) BSN


def test_size_and_reporting_date(records: list[TrajectoryRecord]) -> None:
    assert 15_000 <= len(records) <= 25_000
    assert latest_date(records) == date(2023, 12, 31)
    assert all(r.end_date is None or r.end_date >= r.start_date for r in records)
    assert len({r.trajectory_id for r in records}) == len(records)


def test_codes_come_from_the_reference_data(records: list[TrajectoryRecord]) -> None:
    units = {u.code: u for u in generator.CARE_UNITS}
    areas = {a.code: a.municipality for a in reference_data.AREAS}
    for r in records:
        assert r.care_unit in units
        assert areas[r.area] == r.municipality
        assert r.end_reason == "" or r.end_reason in END_REASONS
        assert r.referrer_type in REFERRER_TYPES
        if r.quadrant == "K3":
            assert units[r.care_unit].kind == reference_data.KIND_PROVIDER
        else:
            assert r.care_unit == f"GT-{r.area}"
    assert {r.quadrant for r in records} == {"K1", "K2", "K3"}
    assert {u.code for u in generator.CARE_UNITS} == {u.code for u in reference_data.CARE_UNITS}


def test_realistic_structure(records: list[TrajectoryRecord]) -> None:
    journeys = build_journeys(records, date(2023, 12, 31))
    by_id = {r.trajectory_id: r for r in records}
    multi = [j for j in journeys if len(j.trajectory_ids) > 1]
    assert len(multi) > 0.3 * len(journeys)
    # area team first, then outsourced care, within one journey
    assert any([by_id[t].quadrant for t in j.trajectory_ids][:2] == ["K2", "K3"] for j in multi)
    # clients who move to another HLV municipality during a journey
    assert sum(1 for j in multi if len({by_id[t].municipality for t in j.trajectory_ids}) > 1) >= 20
    # returning clients: a later journey more than 30 days after the previous one closed
    per_client = defaultdict(list)
    for j in journeys:
        per_client[j.client_id].append(j)
    returning = [js for js in per_client.values() if len(js) > 1]
    assert len(returning) > 200
    for js in returning:
        for previous, current in itertools.pairwise(js):
            assert previous.close_date is not None
            assert current.start >= previous.close_date + timedelta(days=31)
    # referrers: mostly zelfverwijzer, then huisarts, gemeente, jeugdarts
    counts: dict[str, int] = defaultdict(int)
    for j in journeys:
        counts[by_id[j.trajectory_ids[0]].referrer_type] += 1
    ranking = sorted(counts, key=lambda c: -counts[c])
    assert ranking[:4] == ["06", "02", "01", "03"]


# --- published flow tables ---------------------------------------------------------------


@pytest.mark.parametrize("municipality", sorted(PUBLISHED_MUNICIPAL_2023H1))
def test_2023h1_municipal_flows_are_exact(h1: KpiSet, municipality: str) -> None:
    row = next(r for r in h1.flows if r.group == municipality)
    published = PUBLISHED_MUNICIPAL_2023H1[municipality]
    assert {f: getattr(row, f) for f in FIELDS} == {f: getattr(published, f) for f in FIELDS}


def test_2023h1_hlv_flows_are_exact(h1: KpiSet) -> None:
    row = h1.flows[0]
    assert row.group == "total"
    published = PUBLISHED_HLV["2023-H1"]
    assert {f: getattr(row, f) for f in FIELDS} == {f: getattr(published, f) for f in FIELDS}


@pytest.mark.parametrize("municipality", sorted(PUBLISHED_MUNICIPAL_2023H1))
def test_2023h1_municipal_monthly_averages_within_1_percent(h1: KpiSet, municipality: str) -> None:
    row = next(r for r in h1.flows if r.group == municipality)
    assert within(float(row.monthly_average), PUBLISHED_MUNICIPAL_2023H1[municipality].monthly_average, 0.01)


def test_2023h1_hlv_average_is_the_sum_of_the_municipalities_not_2434(h1: KpiSet) -> None:
    total, *municipal = h1.flows
    assert abs(total.monthly_average - sum(r.monthly_average for r in municipal)) <= Decimal("0.2")
    published_sum = sum(p.monthly_average for p in PUBLISHED_MUNICIPAL_2023H1.values())
    assert published_sum == 2470
    assert within(float(total.monthly_average), published_sum, 0.01)
    # The published HLV average 2434 cannot be met together with the municipal ones.
    assert not within(float(total.monthly_average), PUBLISHED_HLV["2023-H1"].monthly_average, 0.01)


def test_2023h1_monthly_inflow_in_published_range(h1: KpiSet) -> None:
    inflow = [m.inflow for m in h1.flows[0].months]
    low, high = calibration.PUBLISHED_MONTHLY_INFLOW_RANGE_2023H1
    assert low <= min(inflow) and max(inflow) <= high


@pytest.mark.parametrize("year", sorted(EXACT_YEARLY_CELLS))
def test_yearly_rows_within_1_percent_of_every_published_cell(years: dict[str, KpiSet], year: str) -> None:
    row = years[year].flows[0]
    published = PUBLISHED_HLV[year]
    for name in (*FIELDS, "monthly_average"):
        assert within(float(getattr(row, name)), getattr(published, name), 0.01), name


@pytest.mark.parametrize("year", sorted(EXACT_YEARLY_CELLS))
def test_yearly_rows_match_the_reconcilable_published_cells_exactly(years: dict[str, KpiSet], year: str) -> None:
    row = years[year].flows[0]
    published = PUBLISHED_HLV[year]
    for name in EXACT_YEARLY_CELLS[year]:
        assert getattr(row, name) == getattr(published, name), name


def test_yearly_rows_chain(years: dict[str, KpiSet], h1: KpiSet) -> None:
    ends = [years[y].flows[0].end for y in sorted(years)]
    begins = [*(years[y].flows[0].begin for y in sorted(years)[1:]), h1.flows[0].begin]
    assert ends == begins
    # 2023 starts from the published 2022 end
    assert h1.flows[0].begin == PUBLISHED_HLV["2022"].end == PUBLISHED_HLV["2023-H1"].begin


def test_landgraaf_2022_inflow_is_31_a_month(records: list[TrajectoryRecord]) -> None:
    kpis = compute_kpis(records, parse_period("2022"), engine="reference")
    row = next(r for r in kpis.flows if r.group == "Landgraaf")
    assert round(row.inflow / 12) == calibration.PUBLISHED_LANDGRAAF_INFLOW_PER_MONTH_2022


# --- published journey KPIs --------------------------------------------------------------


def test_mean_journey_duration_near_459_days(h1: KpiSet) -> None:
    mean = float(h1.journeys[0].duration_mean or 0)
    assert within(mean, JOURNEY_TARGETS.duration_mean, 0.05)


def test_end_reasons_near_published_shares(h1: KpiSet) -> None:
    shares = h1.journeys[0].end_reasons
    per_plan = float(shares["31"])
    moved_or_early = float(shares.get("34", 0) + shares.get("35", 0))
    assert 0.75 <= per_plan <= 0.78  # "ruim 75%"
    assert abs(moved_or_early - 0.23) <= 0.03
    assert 0 < 1 - per_plan - moved_or_early <= 0.04


def test_returning_share_near_7_percent(h1: KpiSet) -> None:
    assert abs(float(h1.journeys[0].returning_share or 0) - 0.07) <= 0.015


def test_area_team_share_near_47_percent(h1: KpiSet) -> None:
    assert abs(float(h1.care[0].share("K2") or 0) - 0.47) <= 0.03


def test_top_providers_are_members_or_subcontractors(h1: KpiSet) -> None:
    allowed = {r.care_unit for r in reference_data.PROVIDER_ROLES if r.role in ("lid", "onderaannemer")}
    top = h1.care[0].top_providers
    assert len(top) == 7
    assert all(unit in allowed for unit, _ in top)


# --- the calibration report and other seeds ----------------------------------------------


def test_calibration_report_passes(records: list[TrajectoryRecord]) -> None:
    report = calibration.check(records)
    assert report.as_of == date(2023, 12, 31)
    assert report.ok, [c.to_dict() for c in report.failed]
    assert "| 2019 HLV inflow | 1530 | 1543 | +13 |" in report.markdown()


def test_calibration_report_flags_a_data_set_that_misses(records: list[TrajectoryRecord]) -> None:
    shortened = [r for r in records if not (r.municipality == "GM0986" and r.start_date.year == 2023)]
    report = calibration.check(shortened)
    assert not report.ok
    assert "2023-H1 Voerendaal inflow" in [c.name for c in report.failed]


def test_other_seed_also_hits_the_exact_flows() -> None:
    kpis = compute_kpis(generator.generate(7), parse_period("2023-H1"), engine="reference")
    for row in kpis.flows[1:]:
        published = PUBLISHED_MUNICIPAL_2023H1[row.group]
        assert (row.begin, row.inflow, row.outflow, row.end) == (
            published.begin,
            published.inflow,
            published.outflow,
            published.end,
        )
