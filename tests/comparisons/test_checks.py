"""The internal checks of published sets (pure): table cases and invariants."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from basishulp.comparisons.domain.published import PublishedValue, arithmetic_checks

CODES = ("GM0917", "GM0882", "GM0986")


def _set(source: str, period: str, scope: str, begin: int, inflow: int, outflow: int) -> list[PublishedValue]:
    values = {
        "begin": begin,
        "inflow": inflow,
        "subtotal": begin + inflow,
        "outflow": outflow,
        "end": begin + inflow - outflow,
    }
    return [PublishedValue(source, period, scope, m, Decimal(v)) for m, v in values.items()]


flows = st.tuples(st.integers(0, 5000), st.integers(0, 3000)).flatmap(
    lambda bi: st.tuples(st.just(bi[0]), st.just(bi[1]), st.integers(0, bi[0] + bi[1]))
)


@given(st.lists(flows, min_size=3, max_size=3), st.integers(-50, 50).filter(lambda d: d != 0))
def test_a_consistent_set_adds_up_and_one_wrong_cell_shows_its_difference(parts, delta):
    figures = []
    for code, (begin, inflow, outflow) in zip(CODES, parts, strict=True):
        figures += _set("R", "2023-H1", code, begin, inflow, outflow)
    totals = [sum(p[i] for p in parts) for i in range(3)]
    figures += _set("R", "2023-H1", "HLV", *totals)
    assert all(check.ok for check in arithmetic_checks(figures))
    wrong = [f if (f.scope, f.measure) != ("HLV", "subtotal") else PublishedValue(
        f.source, f.period, f.scope, f.measure, f.value + delta) for f in figures]  # fmt: skip
    failed = [c for c in arithmetic_checks(wrong) if not c.ok]
    # the subtotal is in three sums: begin + inflow, subtotal - outflow, and the municipalities' subtotals
    assert sorted((c.kind, c.difference) for c in failed) == sorted(
        [("subtotal", Decimal(delta)), ("end", Decimal(-delta)), ("municipalities", Decimal(delta))]
    )


def test_begin_is_checked_against_the_end_of_the_previous_period_same_source_first():
    figures = [
        PublishedValue("Jaarverslag 2022", "2022", "HLV", "end", Decimal(2482)),
        PublishedValue("Halfjaar 2023", "2022", "HLV", "end", Decimal(2480)),
        PublishedValue("Halfjaar 2023", "2023-H1", "HLV", "begin", Decimal(2482)),
        PublishedValue("Jaarverslag 2023", "2023", "HLV", "begin", Decimal(2482)),
    ]
    begins = [c for c in arithmetic_checks(figures) if c.kind == "begin"]
    assert [(c.source, c.reference, c.difference) for c in begins] == [
        ("Halfjaar 2023", "2022", Decimal(2)),  # its own source says 2,480
        ("Jaarverslag 2023", "2022 (Halfjaar 2023)", Decimal(2)),  # another source: the first by name
    ]


def test_averages_may_differ_by_rounding():
    def average(scope, value):
        return PublishedValue("R", "2023-H1", scope, "monthly_average", Decimal(value))

    figures = [average("HLV", 2471), average("GM0917", 1659), average("GM0882", 660), average("GM0986", 151)]
    (check,) = arithmetic_checks(figures)
    assert (check.computed, check.difference, check.ok) == (Decimal(2470), Decimal(1), True)
    figures[0] = average("HLV", 2434)
    (check,) = arithmetic_checks(figures)
    assert (check.difference, check.ok) == (Decimal(-36), False)
