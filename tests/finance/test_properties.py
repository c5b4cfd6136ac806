"""Properties of the finance core on generated inputs (Hypothesis)."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from basishulp.finance.domain.allocation import allocate
from basishulp.finance.domain.indexation import cumulative_factors, index_amounts
from basishulp.finance.domain.meerkosten import decompose

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6)
weights = st.dictionaries(
    names, st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False), min_size=1, max_size=8
).filter(lambda w: sum(w.values()) > 0)
totals = st.integers(min_value=-(10**10), max_value=10**10)


@given(totals, weights)
def test_shares_sum_exactly_to_the_total(total: int, w: dict[str, D]) -> None:
    shares = allocate(total, w)
    assert sum(s.amount for s in shares) == total
    assert [s.name for s in shares] == list(w)


@given(totals, weights)
def test_each_share_is_within_one_euro_of_its_quota(total: int, w: dict[str, D]) -> None:
    weight_sum = sum(w.values())
    for share in allocate(total, w):
        assert abs(share.amount - total * share.weight / weight_sum) < 1
        if share.weight == 0:
            assert share.amount == 0


@given(totals, weights)
def test_a_loss_splits_as_the_mirror_of_a_profit(total: int, w: dict[str, D]) -> None:
    assert [s.amount for s in allocate(-total, w)] == [-s.amount for s in allocate(total, w)]


@given(st.integers(min_value=0, max_value=10**6), weights, st.sampled_from([1, 10, 1000]))
def test_shares_in_units_are_whole_units(total: int, w: dict[str, D], unit: int) -> None:
    shares = allocate(total * unit, w, unit)
    assert all(s.amount % unit == 0 for s in shares)
    assert sum(s.amount for s in shares) == total * unit


@given(
    st.decimals(min_value=1, max_value=10**8, places=0),
    st.integers(min_value=1, max_value=5000),
    st.decimals(min_value=0, max_value=10**8, places=2),
    st.decimals(min_value=1, max_value=10**6, places=0),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["budget-price", "actual-price"]),
)
def test_volume_and_price_effect_add_up(b: D, q: int, c: D, m: D, n: int, ordering: str) -> None:
    d = decompose(b, D(q), c, m, n, ordering)
    assert d.volume_effect + d.price_effect == d.meerkosten
    if ordering == "budget-price":  # the remainder is the price effect as defined
        assert abs(d.price_effect - (d.actual_price - d.budget_price) * m) <= 1


@given(st.integers(min_value=2015, max_value=2025), st.lists(st.decimals(-5, 15, places=3), min_size=1, max_size=8))
def test_cumulative_factor_is_the_product_of_the_years(start: int, pcts: list[D]) -> None:
    series = {start + i: p for i, p in enumerate(pcts)}
    factors = cumulative_factors(series, start)
    product = D(1)
    for year in sorted(series):
        product *= 1 + series[year] / 100
        assert factors[year] == product


@given(st.lists(st.decimals(0, 10, places=3), min_size=2, max_size=6), st.decimals(0, 10**8, places=0))
def test_years_before_the_start_year_keep_the_base(pcts: list[D], base: D) -> None:
    series = {2019 + i: p for i, p in enumerate(pcts)}
    rows = index_amounts(base, series, 2020)
    assert rows[0].year == 2019
    assert rows[0].cumulative == 1
    assert rows[0].amount == int(base)


money = st.decimals(min_value=-(10**7), max_value=10**7, places=2)


@given(st.lists(money, min_size=9, max_size=9), st.lists(money, min_size=9, max_size=9))
def test_statement_columns_add_up(a: list[D], b: list[D]) -> None:
    from basishulp.finance.domain.statement import Statement

    left, right = Statement(*a), Statement(*b)
    total = left + right
    assert total.result == left.result + right.result
    assert total.zorgkosten == left.zorgkosten + right.zorgkosten
