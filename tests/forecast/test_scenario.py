"""Scenarios (issue #7, docs/scenarios.md): reading the file (every field's problem,
with its line), applying the changes to the yearly outlook (worked out by hand on
paths set directly), and every kind of change against the base forecast on the demo
data, run with the same seed; saving and the report appendix."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from django.utils import translation

from basishulp.forecast.domain.costs import CostInputs, unit_costs, year_outlook
from basishulp.forecast.domain.model import MAX_AGE, Fit, Forecast
from basishulp.forecast.domain.scenario import (
    CapAtNorm,
    IndexChoice,
    InflowShock,
    MemberExit,
    ScenarioError,
    ShiftK3K2,
    Tariff,
    apply_to_outlook,
    factor_percentages,
    parse_scenario,
)

from .scenario_data import XONAR_REVENUE_2024, demo_database

D = Decimal
HEAD = 'name = "Test"\ndescription = "The assumptions in words."\ncutoff = 2023-06-30\n'
JUNE_2023 = 2023 * 12 + 5
DOCS = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"


def block(kind: str, *lines: str) -> str:
    """A [[changes]] block; after HEAD its header is on line 5, ``kind`` on 6, fields from 7."""
    return "\n".join(["", "[[changes]]", f'kind = "{kind}"', *lines]) + "\n"


SHOCK = block("inflow_shock", "extra_per_month = 55", 'from = "2023-09"', "months = 4")


def errors(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, source="scenario.toml")
    return info.value.errors


# --- reading the file ----------------------------------------------------------------------------


def test_a_valid_file_is_read():
    spec = parse_scenario(HEAD + SHOCK)
    assert (spec.name, spec.description, spec.cutoff.isoformat(), spec.municipality) == (
        "Test",
        "The assumptions in words.",
        "2023-06-30",
        None,
    )
    assert spec.changes == (InflowShock(D(55), 2023 * 12 + 8, 4),)
    assert spec.adjustments().extra_inflow == {2023 * 12 + m: 55.0 for m in (8, 9, 10, 11)}


def test_the_example_in_the_docs_is_valid():
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", text, re.S)
    assert example is not None
    spec = parse_scenario(example.group(1))
    assert {c.kind for c in spec.changes} == {
        "inflow_shock",
        "inflow_factor",
        "longer_journeys",
        "tariff",
        "index",
        "member_exit",
        "shift_k3_k2",
        "cap_at_norm",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the top of the file
        (HEAD.replace('name = "Test"\n', "") + SHOCK, "scenario.toml: name: missing; give the scenario a name"),
        (HEAD.replace('"Test"', '"  "') + SHOCK, "scenario.toml, line 1: name: give the scenario a name"),
        (HEAD.replace('"Test"', '"' + "x" * 101 + '"') + SHOCK, "scenario.toml, line 1: name: at most 100 characters"),
        (
            HEAD.replace('description = "The assumptions in words."\n', "") + SHOCK,
            "scenario.toml: description: missing; state the assumptions of the scenario in words",
        ),
        (
            HEAD.replace('"The assumptions in words."', "12") + SHOCK,
            "scenario.toml, line 2: description: state the assumptions",
        ),
        (
            HEAD.replace("cutoff = 2023-06-30\n", "") + SHOCK,
            "scenario.toml: cutoff: missing; give a date as YYYY-MM-DD",
        ),
        (
            HEAD.replace("2023-06-30", '"30-06-2023"') + SHOCK,
            "scenario.toml, line 3: cutoff: '30-06-2023' is not a date; give a date as YYYY-MM-DD",
        ),
        (HEAD.replace("2023-06-30", "2023-06-30T12:00:00") + SHOCK, "scenario.toml, line 3: cutoff: give a date"),
        (
            HEAD + 'municipality = "Maastricht"\n' + SHOCK,
            "scenario.toml, line 4: municipality: 'Maastricht' is not known; give HLV (the default), a municipality "
            "name (Heerlen, Landgraaf, Voerendaal) or its GM code",
        ),
        (HEAD + "until = 2023-06-01\n" + SHOCK, "scenario.toml, line 4: until: give a date after the cut-off date"),
        (HEAD + "until = 2040-01-01\n" + SHOCK, "scenario.toml, line 4: until: give a date at most 10 years after"),
        (HEAD + 'colour = "red"\n' + SHOCK, "scenario.toml, line 4: colour: unknown field; a scenario has name"),
        (HEAD, "scenario.toml: changes: missing; give at least one [[changes]] block"),
        (HEAD + "changes = []\n", "scenario.toml, line 4: changes: give at least one [[changes]] block"),
        # the kind
        (HEAD + "\n[[changes]]\npercent = 5\n", "scenario.toml, line 5: changes[1].kind: missing; give the kind"),
        (
            HEAD + block("tarif", "percent = 5"),
            "scenario.toml, line 6: changes[1].kind: unknown kind 'tarif'; the kinds are inflow_shock, inflow_factor, "
            "longer_journeys, tariff, index, member_exit, shift_k3_k2, cap_at_norm",
        ),
        (
            HEAD + block("tariff", "percent = 5", "from_year = 2024", "months = 4"),
            "scenario.toml, line 9: changes[1].months: unknown field; a change of kind tariff has percent, from_year",
        ),
        # inflow_shock
        (
            HEAD + block("inflow_shock", 'from = "2023-09"', "months = 4"),
            "scenario.toml, line 5: changes[1].extra_per_month: missing; give the extra journeys a month",
        ),
        (
            HEAD + SHOCK.replace("= 55", '= "55"'),
            "scenario.toml, line 7: changes[1].extra_per_month: give the extra journeys a month, a number above 0 and "
            "at most 1000, e.g. 55 (write the number without quotes)",
        ),
        (HEAD + SHOCK.replace("= 55", "= 0"), "scenario.toml, line 7: changes[1].extra_per_month: give the extra"),
        (HEAD + SHOCK.replace("= 55", "= 5000"), "scenario.toml, line 7: changes[1].extra_per_month: give the extra"),
        (HEAD + SHOCK.replace("= 55", "= nan"), "scenario.toml, line 7: changes[1].extra_per_month: give the extra"),
        (
            HEAD + SHOCK.replace('"2023-09"', '"2023-13"'),
            "scenario.toml, line 8: changes[1].from: '2023-13' is not a month; give the first month of the shock as "
            '"YYYY-MM" in quotes, e.g. "2023-07"',
        ),
        (
            HEAD + SHOCK.replace('"2023-09"', '"2023-06"'),
            "scenario.toml, line 8: changes[1].from: the shock must start after the data: give 2023-07 or later",
        ),
        (
            HEAD + SHOCK.replace("months = 4", "months = 61"),
            "scenario.toml, line 9: changes[1].months: give a whole number of months from 1 to 60",
        ),
        (HEAD + SHOCK.replace("months = 4", "months = 2.5"), "scenario.toml, line 9: changes[1].months: give a whole"),
        (
            HEAD + SHOCK.replace("months = 4", 'months = "4"'),
            "scenario.toml, line 9: changes[1].months: give a whole number of months from 1 to 60 (write the number",
        ),
        (
            HEAD + SHOCK.replace("months = 4\n", ""),
            "scenario.toml, line 5: changes[1].months: missing; give a whole number of months from 1 to 60",
        ),
        # inflow_factor, longer_journeys
        (
            HEAD + block("inflow_factor", "factor = 3"),
            "scenario.toml, line 7: changes[1].factor: give a factor from 0.5 to 2, e.g. 1.10 for 10% more inflow",
        ),
        (HEAD + block("inflow_factor", "factor = true"), "scenario.toml, line 7: changes[1].factor: give a factor"),
        (HEAD + block("inflow_factor"), "scenario.toml, line 5: changes[1].factor: missing; give a factor"),
        (
            HEAD + block("longer_journeys", "percent = -60"),
            "scenario.toml, line 7: changes[1].percent: give how many percent longer journeys last, from -50 to 200",
        ),
        # tariff
        (
            HEAD + block("tariff", "percent = 150", "from_year = 2024"),
            "scenario.toml, line 7: changes[1].percent: give the increase in percent, from -50 to 100",
        ),
        (
            HEAD + block("tariff", "percent = 5", "from_year = 2022"),
            "scenario.toml, line 8: changes[1].from_year: give a year from 2023 (the first forecast year) on",
        ),
        (HEAD + block("tariff", "percent = 5"), "scenario.toml, line 5: changes[1].from_year: missing; give a year"),
        # index
        (
            HEAD + block("index", 'series = ""'),
            "scenario.toml, line 7: changes[1].series: give the name of an index series in quotes",
        ),
        (
            HEAD + block("index", 'series = "Maastricht"') + block("index", 'series = "CBS"'),
            "scenario.toml, line 10: changes[2].kind: a scenario has at most one change of kind index (see changes[1])",
        ),
        # member_exit
        (
            HEAD + block("member_exit", "year = 2025", "exit_fee = 1000"),
            "scenario.toml, line 5: changes[1].member: missing; give the care unit code of the member",
        ),
        (
            HEAD + block("member_exit", 'member = "XONAR"', "year = 2019", "exit_fee = 1000"),
            "scenario.toml, line 8: changes[1].year: give a year from 2023 (the first forecast year) on",
        ),
        (
            HEAD + block("member_exit", 'member = "XONAR"', "year = 2025", "exit_fee = -5"),
            "scenario.toml, line 9: changes[1].exit_fee: give the exit fee in euros, a number of 0 or more",
        ),
        (
            HEAD + block("member_exit", 'member = "XONAR"', "year = 2025", "exit_fee = 5", "cost_percent = 200"),
            "scenario.toml, line 10: changes[1].cost_percent: give the change of the costs in percent, from -50 to 100",
        ),
        (
            HEAD
            + block("member_exit", 'member = "XONAR"', "year = 2025", "exit_fee = 5")
            + block("member_exit", 'member = "xonar"', "year = 2026", "exit_fee = 5"),
            "scenario.toml, line 13: changes[2].member: XONAR already leaves in changes[1]",
        ),
        # shift_k3_k2
        (
            HEAD + block("shift_k3_k2", "percent = 0", "price_difference = 400", "from_year = 2024"),
            "scenario.toml, line 7: changes[1].percent: give the share of all client-months that moves from K3 to K2",
        ),
        (
            HEAD + block("shift_k3_k2", "percent = 10", "price_difference = -1", "from_year = 2024"),
            "scenario.toml, line 8: changes[1].price_difference: give how many euros a client-month in K2 is cheaper",
        ),
        (
            HEAD + block("shift_k3_k2", "percent = 10", "price_difference = 400"),
            "scenario.toml, line 5: changes[1].from_year: missing; give a year from 2023",
        ),
        # cap_at_norm
        (
            HEAD + block("cap_at_norm", "norm = 2100"),
            "scenario.toml, line 7: changes[1].norm: unknown field; a change of kind cap_at_norm has no fields",
        ),
        (
            HEAD + block("cap_at_norm") + block("cap_at_norm"),
            "scenario.toml, line 9: changes[2].kind: a scenario has at most one change of kind cap_at_norm",
        ),
        # inline tables: the line of ``changes``
        (
            HEAD + 'changes = [{kind = "inflow_shock", extra_per_month = 55, from = "2023-09", months = 0}]\n',
            "scenario.toml, line 4: changes[1].months: give a whole number of months from 1 to 60",
        ),
        # not TOML at all
        (HEAD + "\n[[changes]\n", "scenario.toml, line 5: this is not valid TOML: Expected ']]'"),
    ],
)
def test_every_problem_names_the_file_the_line_and_the_field(text, expected):
    found = errors(text)
    assert any(e.startswith(expected) for e in found), found


def test_every_problem_is_reported_at_once_in_file_order():
    text = HEAD.replace("2023-06-30", '"2023-02-30"') + block("tariff", "percent = 500") + block("oops")
    assert errors(text) == [
        "scenario.toml, line 3: cutoff: '2023-02-30' is not a date; give a date as YYYY-MM-DD, e.g. 2023-06-30",
        "scenario.toml, line 5: changes[1].from_year: missing; give a year from the first forecast year on, e.g. 2024",
        "scenario.toml, line 7: changes[1].percent: give the increase in percent, from -50 to 100, e.g. 5 for 5%",
        "scenario.toml, line 10: changes[2].kind: unknown kind 'oops'; the kinds are inflow_shock, inflow_factor, "
        "longer_journeys, tariff, index, member_exit, shift_k3_k2, cap_at_norm",
    ]


def test_a_multi_line_description_does_not_confuse_the_lines():
    text = 'name = "T"\ndescription = """\n[[changes]]\n"""\ncutoff = 2023-06-30\n' + SHOCK.replace("= 4", "= 0")
    assert errors(text) == ["scenario.toml, line 11: changes[1].months: give a whole number of months from 1 to 60"]


def test_the_municipality_by_name_or_code_and_the_adjustments_combine():
    text = (
        HEAD
        + 'municipality = "landgraaf"\nuntil = 2024-12-31\n'
        + SHOCK
        + block("inflow_shock", "extra_per_month = 10.5", 'from = "2023-12"', "months = 2")
        + block("inflow_factor", "factor = 1.1")
        + block("inflow_factor", "factor = 0.9")
        + block("longer_journeys", "percent = 10")
    )
    spec = parse_scenario(text)
    assert spec.municipality == "GM0882" and spec.until is not None
    assert parse_scenario(HEAD + 'municipality = "GM0986"\n' + SHOCK).municipality == "GM0986"
    assert parse_scenario(HEAD + 'municipality = "hlv"\n' + SHOCK).municipality is None
    adjustments = spec.adjustments()
    assert adjustments.extra_inflow[2023 * 12 + 11] == 65.5  # the two shocks add up in December
    assert adjustments.extra_inflow[2024 * 12] == 10.5
    assert adjustments.inflow_factor == pytest.approx(0.99)
    assert adjustments.duration_factor == pytest.approx(1.1)
    assert spec.as_json()["changes"][1] == {
        "kind": "inflow_shock",
        "extra_per_month": 10.5,
        "from": "2023-12",
        "months": 2,
    }


def test_factor_series_become_yearly_percentages():
    factors = {2019: D("0.99385"), 2020: D("1.01671"), 2021: D("1.0472"), 2022: D("1.0786"), 2024: D("1.2")}
    percentages = factor_percentages(factors)
    assert set(percentages) == {2020, 2021, 2022}  # no year before 2019, none for 2024 (2023 missing)
    assert percentages[2020] == (D("1.01671") / D("0.99385") - 1) * 100
    assert float(percentages[2021]) == pytest.approx(2.998889, abs=1e-6)  # 1.0472 / 1.01671 - 1


# --- the changes applied to the yearly outlook, by hand ------------------------------------------


def _fit(last: int) -> Fit:
    return Fit(
        last=last,
        level=100.0,
        trend=0.0,
        season=(1.0,) * 12,
        dispersion=1.0,
        growth_sd=0.1,
        hazards=(0.05,) * MAX_AGE,
        at_risk=(100.0,) * MAX_AGE,
        events=(5.0,) * MAX_AGE,
        open_ages={},
    )


#: 18 forecast months (2023-07 .. 2024-12) of 5 paths; the realised months 2023-01 .. 06 had 2400 in care.
PATHS = np.array([[2000 + 100 * p + 10 * m for m in range(18)] for p in range(5)], dtype=float)
FORECAST = Forecast(_fit(JUNE_2023), (), PATHS)
HISTORY = {2023 * 12 + m: 2400 for m in range(6)}
INPUTS = CostInputs(
    base_year=2023,
    base_cost=D(1300),
    index={2024: D(3)},
    lump_sums={2023: D(33_577_000), 2024: D(34_000_000)},
    norm_prices={2023: D(1332)},
)
YEARS = [2023, 2024]


def _apply(*changes):
    spec = replace(parse_scenario(HEAD + SHOCK), changes=tuple(changes))
    return apply_to_outlook(spec, FORECAST, HISTORY, INPUTS, YEARS)


def test_without_changes_after_the_forecast_the_outlook_is_the_base():
    outlook, effects = _apply(InflowShock(D(55), JUNE_2023 + 3, 4), IndexChoice("Maastricht"))
    assert outlook == year_outlook(FORECAST, HISTORY, INPUTS, YEARS)
    assert [(e.cost_factor, e.saving_per_client_month, e.exit_fees) for e in effects] == [(1, 0, 0)] * 2


def test_a_tariff_raises_the_costs_from_its_year_by_exactly_its_percentage():
    base = year_outlook(FORECAST, HISTORY, INPUTS, YEARS)
    outlook, effects = _apply(Tariff(D(5), 2024))
    assert outlook[0] == base[0]  # 2023 untouched
    assert abs(outlook[1].costs - base[1].costs * D("1.05")) <= 1
    assert outlook[1].unit_cost == (unit_costs(INPUTS, [2024])[2024] * D("1.05")).quantize(D(1))
    assert outlook[1].lump_sum == base[1].lump_sum  # a tariff is not in the lump sum
    assert outlook[1].result == base[1].result - (outlook[1].costs - base[1].costs)
    assert outlook[1].client_months == base[1].client_months
    assert effects[1].cost_factor == D("1.05")
    # two tariffs compound
    outlook, _ = _apply(Tariff(D(5), 2023), Tariff(D(2), 2024))
    assert abs(outlook[1].costs - base[1].costs * D("1.05") * D("1.02")) <= 1


def test_the_k3_k2_shift_saves_its_share_times_the_price_difference_per_client_month():
    base = year_outlook(FORECAST, HISTORY, INPUTS, YEARS)
    outlook, effects = _apply(ShiftK3K2(D(10), D(400), 2024))
    assert effects[1].saving_per_client_month == D(40)
    assert outlook[0] == base[0]
    expected = base[1].costs - D(40) * D(base[1].client_months)
    assert abs(outlook[1].costs - expected) <= 1
    with pytest.raises(ScenarioError) as info:
        _apply(ShiftK3K2(D(100), D(2000), 2024))
    assert info.value.errors == [
        "scenario.toml, line 5: changes[1].price_difference: the saving leaves no cost per client-month in 2024 "
        "(it would be -661 euros)"
    ]


def test_a_member_exit_adds_its_fee_to_the_result_of_its_year_and_changes_the_costs_from_then():
    base = year_outlook(FORECAST, HISTORY, INPUTS, YEARS)
    outlook, effects = _apply(MemberExit("XONAR", 2023, D(250_000), D(2)))
    assert outlook[0].result == base[0].result - (outlook[0].costs - base[0].costs) + 250_000
    assert outlook[0].result_80 == (
        base[0].result_80[0] - (outlook[0].costs_80[1] - base[0].costs_80[1]) + 250_000,
        base[0].result_80[1] - (outlook[0].costs_80[0] - base[0].costs_80[0]) + 250_000,
    )
    assert abs(outlook[0].costs - base[0].costs * D("1.02")) <= 1
    assert abs(outlook[1].costs - base[1].costs * D("1.02")) <= 1  # the cost change stays
    assert outlook[1].result == base[1].result - (outlook[1].costs - base[1].costs)  # the fee only once
    assert [e.exit_fees for e in effects] == [250_000, 0]


def test_the_cap_at_the_norm_never_costs_more_than_the_norm_and_counts_the_waiting():
    base = year_outlook(FORECAST, HISTORY, INPUTS, YEARS)
    outlook, effects = _apply(CapAtNorm())
    norms = [row.client_norm for row in base]
    assert norms == [D(2101), (D(34_000_000) / (12 * unit_costs(INPUTS, [2024])[2024])).quantize(D(1))]
    unit_2024 = unit_costs(INPUTS, [2024])[2024]
    # a full forecast year: at most norm x 12 x unit cost
    assert outlook[1].costs <= norms[1] * 12 * unit_2024 + 1
    assert outlook[1].client_months <= 12 * norms[1]
    # by hand: the median path (p = 2) has 2200 + 10 m in care in month m of the forecast
    months_2024 = [2000 + 200 + 10 * m for m in range(6, 18)]
    assert effects[1].waiting_client_months == sum(max(0.0, x - float(norms[1])) for x in months_2024)
    # the cut-off year: the realised months stay, the forecast months are capped
    months_2023 = [2200 + 10 * m for m in range(6)]
    assert effects[0].waiting_client_months == sum(max(0.0, x - 2101) for x in months_2023)
    assert outlook[0].client_months == 6 * 2400 + sum(min(x, 2101.0) for x in months_2023)
    assert outlook[0].costs <= (6 * 2400 + 6 * norms[0]) * D(1300)
    assert all(o.costs <= b.costs for o, b in zip(outlook, base, strict=True))


# --- against the base forecast on the demo data -------------------------------------------------

N = 300  # paths: enough for the effects below, quick enough for a test


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker):
        yield


def _spec(*blocks: str, head: str = HEAD):
    return parse_scenario(head + "".join(blocks))


@pytest.fixture(scope="module")
def shock(demo, django_db_blocker):
    from basishulp.forecast.scenarios import compare

    with django_db_blocker.unblock(), translation.override("en"):  # module scope: before the autouse one
        return compare(_spec(SHOCK), paths=N)


def _paths(run) -> np.ndarray:
    return np.asarray(run.forecast.paths)


def _years(document: dict) -> dict:
    return {y["year"]: y for y in document["years"]}


@pytest.mark.django_db
def test_the_same_seed_gives_identical_base_runs(shock):
    import datetime as dt

    from basishulp.forecast.services import run_forecast

    again = run_forecast(dt.date(2023, 6, 30), paths=N)
    assert again.as_json() == shock.base.as_json()
    assert np.array_equal(_paths(again), _paths(shock.base))


@pytest.mark.django_db
def test_an_inflow_shock_of_55_for_4_months_adds_at_most_220_clients(shock):
    extra = (_paths(shock.scenario) - _paths(shock.base)).mean(axis=0)
    months = shock.base.forecast.months
    assert list(extra[:2]) == [0.0, 0.0]  # July and August: nothing changed yet (the same random numbers)
    # the simulations part ways once the shock starts, so the difference of the means has a little noise
    assert max(extra) <= 220 + 5
    assert max(extra) >= 200
    # by hand: 55 journeys a month, each still in care with the survival of the fitted hazards
    fit = shock.base.fit
    start = 2023 * 12 + 8
    expected = []
    for m in (x.month for x in months):
        total = 0.0
        for s in range(start, min(m, start + 3) + 1):
            survive = 1.0
            for t in range(s, m):
                survive *= 1 - fit.hazards[t - s] * fit.closing_season[t % 12]
            total += 55 * survive
        expected.append(total)
    # (the paths draw their hazards around the fit, which keeps a few more in care in the tail, and there
    # is the noise above: a few clients)
    assert np.allclose(extra, expected, rtol=0.06, atol=6)
    # the extra costs are the extra client-months at the year's cost per client-month: close in the years of
    # the shock, where the effect is large against the spread of the paths; over all years within 15% (the
    # yearly figures are medians of the paths, which carry more noise than the mean when the effect is small)
    document = shock.as_json()
    base, scenario = _years(document["base"]), _years(document["scenario_run"])
    first = months[0].month
    by_hand = {}
    for diff in document["difference"]["years"]:
        year = diff["year"]
        columns = [m - first for m in range(year * 12, year * 12 + 12) if m >= first]
        by_hand[year] = float(extra[columns].sum()) * scenario[year]["unit_cost"]
        assert diff["result"] == -diff["costs"]
        assert diff["average_clients"] == scenario[year]["average_clients"] - base[year]["average_clients"]
    costs = {d["year"]: d["costs"] for d in document["difference"]["years"]}
    assert costs[2023] == pytest.approx(by_hand[2023], rel=0.1)
    assert costs[2024] == pytest.approx(by_hand[2024], rel=0.1)
    assert sum(costs.values()) == pytest.approx(sum(by_hand.values()), rel=0.15)
    assert document["difference"]["years"][1]["average_clients"] > 100  # 2024 carries most of it


@pytest.mark.django_db
def test_an_inflow_factor_raises_the_inflow_by_its_factor(demo):
    from basishulp.forecast.scenarios import compare

    result = compare(_spec(block("inflow_factor", "factor = 1.10")), paths=N)
    base = sum(m.inflow for m in result.base.forecast.months)
    scenario = sum(m.inflow for m in result.scenario.forecast.months)
    assert scenario / base == pytest.approx(1.10, abs=0.01)
    assert all(d["costs"] > 0 for d in result.difference()[1:])


@pytest.mark.django_db
def test_longer_journeys_raise_the_clients_in_care(demo):
    from basishulp.forecast.scenarios import compare

    result = compare(_spec(block("longer_journeys", "percent = 10")), paths=N)
    base, scenario = _paths(result.base).mean(axis=0), _paths(result.scenario).mean(axis=0)
    assert all(scenario[1:] > base[1:])
    # towards the end the stock approaches 10% more (stock = inflow x duration), not beyond
    assert 1.03 < scenario[-1] / base[-1] < 1.105
    assert all(d["average_clients"] > 0 and d["costs"] > 0 and d["result"] < 0 for d in result.difference())


@pytest.mark.django_db
def test_a_tariff_of_5_percent_raises_the_costs_by_exactly_5_percent(demo):
    from basishulp.forecast.scenarios import compare

    result = compare(_spec(block("tariff", "percent = 5", "from_year = 2024")), paths=N)
    base, scenario = _years(result.base.as_json()), _years(result.scenario_json())
    assert np.array_equal(_paths(result.scenario), _paths(result.base))  # the same seed, the same clients
    assert scenario[2023] == {**base[2023], "exit_fees": 0, "waiting_client_months": None}
    for year in range(2024, 2028):
        assert abs(scenario[year]["costs"] - base[year]["costs"] * 1.05) <= 1
        assert scenario[year]["lump_sum"] == base[year]["lump_sum"]
        assert scenario[year]["result"] - base[year]["result"] == base[year]["costs"] - scenario[year]["costs"]
    assert result.difference()[0] == {"year": 2023, "costs": 0, "result": 0, "average_clients": 0}


@pytest.mark.django_db
def test_another_index_series_is_converted_from_factors(demo):
    from basishulp.forecast.scenarios import compare

    result = compare(_spec(block("index", 'series = "Maastricht"')), paths=N)
    base, scenario = _years(result.base.as_json()), _years(result.scenario_json())
    cost = result.base.cost_inputs.base_cost  # the 2023 unit cost (base year): no index yet
    maastricht_2022 = D("1.0786") / D("1.0472") - 1  # the last published percentage, for later years
    assert scenario[2024]["unit_cost"] == int((cost * (1 + maastricht_2022)).quantize(D(1)))
    assert base[2024]["unit_cost"] == int((cost * D("1.03089")).quantize(D(1)))
    assert result.scenario.index_name == "Maastricht"
    assert np.array_equal(_paths(result.scenario), _paths(result.base))
    assert any("factor series" in note for note in result.scenario.assumptions)


@pytest.mark.django_db
def test_a_member_exit_adds_the_fee_and_the_fee_may_not_exceed_last_years_revenue(demo):
    from basishulp.forecast.scenarios import check, compare

    fee_ok = block("member_exit", 'member = "XONAR"', "year = 2025", "exit_fee = 250000", "cost_percent = 1")
    result = compare(_spec(fee_ok), paths=N)
    base, scenario = _years(result.base.as_json()), _years(result.scenario_json())
    assert scenario[2025]["exit_fees"] == 250_000
    assert abs(scenario[2025]["costs"] - base[2025]["costs"] * 1.01) <= 1
    assert scenario[2025]["result"] == base[2025]["result"] - (scenario[2025]["costs"] - base[2025]["costs"]) + 250_000
    assert scenario[2024]["costs"] == base[2024]["costs"]
    assert "Xonar leaves the cooperative in 2025" in result.changes()[0]["text"]

    too_much = block("member_exit", 'member = "XONAR"', "year = 2025", f"exit_fee = {XONAR_REVENUE_2024 + 1}")
    problems = [str(p) for p in check(_spec(too_much))]
    assert problems == [
        "scenario.toml, line 9: changes[1].exit_fee: 2000001 euros is more than the revenue of Xonar in the "
        "cooperative in 2024 (2000000 euros); an exit fee may never exceed it"
    ]
    with pytest.raises(ScenarioError):
        compare(_spec(too_much), paths=N)
    # without a known revenue the fee is taken, and the notes say it was not checked
    unknown = block("member_exit", 'member = "MONDRIAAN"', "year = 2024", "exit_fee = 99000000")
    assert check(_spec(unknown)) == []


@pytest.mark.django_db
def test_the_k3_k2_shift_lowers_the_costs_by_the_saving_per_client_month(demo):
    from basishulp.forecast.scenarios import compare

    result = compare(_spec(block("shift_k3_k2", "percent = 10", "price_difference = 400", "from_year = 2025")), N)
    base_years = {y.year: y for y in result.base.years}
    for year, own in ((y.year, y) for y in result.scenario.years):
        saving = D(40) * D(base_years[year].client_months) if year >= 2025 else D(0)
        assert abs(own.costs - (base_years[year].costs - saving)) <= 1


@pytest.mark.django_db
def test_the_cap_at_the_norm_keeps_the_costs_within_the_norm(demo):
    from basishulp.forecast.scenarios import compare

    result = compare(_spec(block("cap_at_norm")), paths=N)
    realised = {y.year: y for y in result.base.years}
    for own, effect in zip(result.scenario.years, result.effects, strict=True):
        assert own.client_norm is not None and effect.waiting_client_months is not None
        unit = effect.unit_cost
        in_history = sum(
            n for i, n in enumerate(result.base.history.in_care) if (result.base.history.first + i) // 12 == own.year
        )
        limit = (in_history + (12 - own.realised_months) * own.client_norm) * unit
        assert own.costs <= limit + 1
        if own.realised_months == 0:
            assert own.costs <= own.client_norm * 12 * unit + 1
        assert own.costs <= realised[own.year].costs
    # the demo has more clients in care than the norm allows: some wait every year
    assert all(e.waiting_client_months > 0 for e in result.effects)
    assert result.scenario_json()["years"][1]["waiting_client_months"] > 0


@pytest.mark.django_db
def test_the_database_checks_name_the_field_and_line(demo):
    from basishulp.forecast.scenarios import check

    spec = _spec(
        block("index", 'series = "CBS"'),
        block("member_exit", 'member = "NOBODY"', "year = 2025", "exit_fee = 1"),
        block("tariff", "percent = 5", "from_year = 2031"),
        block("inflow_shock", "extra_per_month = 5", 'from = "2028-01"', "months = 2"),
    )
    assert [str(p) for p in check(spec)] == [
        "scenario.toml, line 7: changes[1].series: there is no index series 'CBS'; known: Maastricht, OVA/PPC (90/10)",
        "scenario.toml, line 11: changes[2].member: there is no care unit with code 'NOBODY'; members with a "
        "revenue: ALCANDER, KORAAL, MEANDER, MONDRIAAN, RADAR, WELSUN, XONAR",
        "scenario.toml, line 18: changes[3].from_year: 2031 is after the end of the forecast (2027-12-31); give a "
        "year from 2023 to 2027",
        "scenario.toml, line 23: changes[4].from: the shock starts after the end of the forecast (2027-12-31)",
    ]


# --- saved scenarios and the appendix -------------------------------------------------------------


@pytest.mark.django_db
def test_saving_checks_first_and_saves_all_or_nothing(demo):
    from django.contrib.auth import get_user_model

    from basishulp.forecast.models import Scenario
    from basishulp.forecast.scenarios import load, save_scenario

    user = get_user_model().objects.create_user("ctrl-scenario")
    saved = save_scenario(HEAD + SHOCK, user)
    assert (saved.name, saved.description, saved.created_by) == ("Test", "The assumptions in words.", user)
    assert load(saved) == parse_scenario(HEAD + SHOCK)
    # a bad file, or a problem only the database shows: nothing changes
    for bad in (HEAD + SHOCK.replace("= 4", "= 0"), HEAD + block("index", 'series = "CBS"')):
        with pytest.raises(ScenarioError) as info:
            save_scenario(bad, user, saved)
        assert info.value.errors
        saved.refresh_from_db()
        assert saved.toml == HEAD + SHOCK
    # the name is unique
    with pytest.raises(ScenarioError) as info:
        save_scenario(HEAD + block("cap_at_norm"), None)
    assert info.value.errors == [
        "scenario.toml, line 1: name: there is already a saved scenario with this name; choose another"
    ]
    # replacing keeps the creator
    text = HEAD.replace('"Test"', '"Renamed"') + block("cap_at_norm")
    again = save_scenario(text, None, saved)
    assert again.pk == saved.pk and Scenario.objects.count() == 1
    saved.refresh_from_db()
    assert (saved.name, saved.toml, saved.created_by) == ("Renamed", text, user)
    assert saved.updated_at >= saved.created_at


@pytest.mark.django_db
def test_the_appendix_has_the_changes_in_words_and_the_table(shock):
    from django.utils import translation

    from basishulp.forecast.scenarios import appendix

    with translation.override("en"):
        result = appendix(shock.spec, comparison=shock)
    assert result["name"] == "Test" and result["description"] == "The assumptions in words."
    assert result["changes"] == ["Inflow shock: 55 extra journeys a month for 4 months from 2023-09"]
    assert [r["year"] for r in result["rows"]] == [2023, 2024, 2025, 2026, 2027]
    row = result["rows"][1]
    assert row["difference"]["costs"] == row["scenario"]["costs"] - row["base"]["costs"]
    assert result["difference"] == shock.difference()
    assert result["headings"]["costs"] == "Expected costs"
    assert result["paths"] == N and result["scope"] == "HLV"
