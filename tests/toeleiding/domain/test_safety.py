"""Safety agreements and satisfaction (seed 001 §7): expected values worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from basishulp.toeleiding.domain.safety import (
    MeldcodeCase,
    SatisfactionGroup,
    SatisfactionMeasurement,
    ThemeMeeting,
    VeiligThuisReport,
    meldcode_investigated,
    safety_table,
    satisfaction_summary,
    theme_attendance,
    theme_meetings,
    theme_meetings_norm,
    veilig_thuis_followed_up,
    veilig_thuis_investigated,
)

D = dt.date
H1 = (D(2023, 1, 1), D(2023, 6, 30))
AS_OF = D(2023, 7, 15)


def test_veilig_thuis_follow_up_counts_what_was_known_on_the_reporting_date() -> None:
    reports = [
        VeiligThuisReport(D(2023, 1, 1), D(2023, 1, 3)),  # first day of the period
        VeiligThuisReport(D(2023, 6, 30), AS_OF),  # last day, followed up on the reporting date
        VeiligThuisReport(D(2023, 6, 29), AS_OF + dt.timedelta(days=1), investigated=True),  # known only later
        VeiligThuisReport(D(2022, 12, 31), None),  # before the period
        VeiligThuisReport(D(2023, 7, 1), None),  # after it
    ]
    followed = veilig_thuis_followed_up(reports, *H1, AS_OF)
    assert (followed.numerator, followed.denominator, followed.value, followed.met) == (2, 3, Decimal("0.667"), False)
    investigated = veilig_thuis_investigated(reports, *H1, AS_OF)
    assert (investigated.numerator, investigated.denominator, investigated.met) == (1, 1, True)


def test_nothing_to_measure_is_not_applicable() -> None:
    all_followed = [VeiligThuisReport(D(2023, 2, 1), D(2023, 2, 2))]
    assert veilig_thuis_investigated(all_followed, *H1, AS_OF).value is None
    assert veilig_thuis_investigated(all_followed, *H1, AS_OF).met is None
    assert veilig_thuis_followed_up([], *H1, AS_OF).value is None
    assert meldcode_investigated([], *H1, AS_OF).met is None
    assert theme_attendance([], *H1).value is None


def test_meldcode_cases() -> None:
    cases = [MeldcodeCase(D(2023, 3, 1), D(2023, 3, 20)), MeldcodeCase(D(2023, 6, 1), D(2023, 8, 1))]
    result = meldcode_investigated(cases, *H1, AS_OF)
    assert (result.numerator, result.denominator, result.value, result.met) == (1, 2, Decimal("0.500"), False)


@pytest.mark.parametrize(
    ("start", "end", "norm"),
    [
        (D(2023, 1, 1), D(2023, 6, 30), 2),
        (D(2023, 1, 1), D(2023, 12, 31), 4),
        (D(2023, 4, 1), D(2023, 6, 30), 1),
        (D(2023, 5, 1), D(2023, 5, 31), 0),  # 4/12 = 0.33 rounds to 0
        (D(2023, 1, 1), D(2023, 2, 28), 1),  # 8/12 = 0.67 rounds to 1
    ],
)
def test_theme_meetings_norm_pro_rata(start: dt.date, end: dt.date, norm: int) -> None:
    assert theme_meetings_norm(start, end) == norm


def test_theme_meetings_norm_refuses_a_backward_period() -> None:
    with pytest.raises(ValueError, match="ends"):
        theme_meetings_norm(D(2023, 6, 30), D(2023, 1, 1))


def test_attendance_must_be_more_than_80_percent() -> None:
    exactly = [ThemeMeeting(D(2023, 3, 1), 10, 8)]
    assert (theme_attendance(exactly, *H1).value, theme_attendance(exactly, *H1).met) == (Decimal("0.800"), False)
    above = [ThemeMeeting(D(2023, 3, 1), 1000, 801)]
    assert (theme_attendance(above, *H1).value, theme_attendance(above, *H1).met) == (Decimal("0.801"), True)
    # pooled over the meetings, not averaged per meeting: (9 + 1) / (10 + 2) = 0.833
    pooled = [ThemeMeeting(D(2023, 3, 1), 10, 9), ThemeMeeting(D(2023, 4, 1), 2, 1)]
    assert theme_attendance(pooled, *H1).value == Decimal("0.833")
    held = theme_meetings(pooled, *H1)
    assert (held.value, held.norm, held.met, held.is_share) == (2, 2, True, False)


def test_invalid_registers_are_refused() -> None:
    with pytest.raises(ValueError, match="attended"):
        ThemeMeeting(D(2023, 1, 1), invited=5, attended=6)
    with pytest.raises(ValueError, match="negative"):
        ThemeMeeting(D(2023, 1, 1), invited=-1, attended=0)
    with pytest.raises(ValueError, match="between 0 and"):
        SatisfactionMeasurement(SatisfactionGroup.CLIENTS, D(2023, 1, 1), Decimal(11), 5)
    with pytest.raises(ValueError, match="positive"):
        SatisfactionMeasurement(SatisfactionGroup.CLIENTS, D(2023, 1, 1), Decimal(0), 5, scale_max=Decimal(0))
    with pytest.raises(ValueError, match="respondents"):
        SatisfactionMeasurement(SatisfactionGroup.CLIENTS, D(2023, 1, 1), Decimal(7), -1)


def test_the_h1_2023_table_of_the_report() -> None:
    """Seed 001 §7: meldcode 100%, every Veilig Thuis report followed up, so their
    investigation is not applicable; no theme meetings yet (agreed in July 2023)."""
    reports = [VeiligThuisReport(D(2023, m, 10), D(2023, m, 12)) for m in range(1, 7)]
    cases = [MeldcodeCase(D(2023, 4, 3), D(2023, 4, 14))]
    table = {i.key: i for i in safety_table(reports, cases, [], *H1, AS_OF)}
    assert list(table) == [
        "theme_meetings", "theme_attendance", "meldcode_investigated",
        "veilig_thuis_followed_up", "veilig_thuis_investigated",
    ]  # fmt: skip
    assert (table["theme_meetings"].value, table["theme_meetings"].norm, table["theme_meetings"].met) == (0, 2, False)
    assert table["theme_attendance"].met is None
    assert table["meldcode_investigated"].value == Decimal("1.000")
    assert table["veilig_thuis_followed_up"].value == Decimal("1.000")
    assert table["veilig_thuis_investigated"].value is None


def test_satisfaction_is_weighted_by_respondents_on_a_scale_of_10() -> None:
    rows = [
        SatisfactionMeasurement(SatisfactionGroup.CLIENTS, D(2023, 3, 1), Decimal("4.0"), 30, Decimal(5)),  # = 8.0
        SatisfactionMeasurement(SatisfactionGroup.CLIENTS, D(2023, 5, 1), Decimal("7.0"), 10),
        SatisfactionMeasurement(SatisfactionGroup.CLIENTS, D(2022, 4, 1), Decimal("6.5"), 20),  # a year earlier
        SatisfactionMeasurement(SatisfactionGroup.STAFF, D(2023, 2, 1), Decimal("7.0"), 0),
    ]
    result = {r.group: r for r in satisfaction_summary(rows, *H1)}
    assert list(result) == list(SatisfactionGroup)
    clients = result[SatisfactionGroup.CLIENTS]
    # (8.0 * 30 + 7.0 * 10) / 40 = 7.75, rounded half up to 7.8
    assert (clients.measurements, clients.respondents, clients.score, clients.previous) == (
        2, 40, Decimal("7.8"), Decimal("6.5")
    )  # fmt: skip
    assert result[SatisfactionGroup.STAFF].score is None  # nobody answered
    assert result[SatisfactionGroup.STAKEHOLDERS].measurements == 0


days = st.dates(D(2022, 1, 1), D(2024, 12, 31))
reports_st = st.lists(st.builds(VeiligThuisReport, days, st.none() | days, st.booleans()), max_size=30)
meetings_st = st.lists(
    st.integers(0, 50).flatmap(lambda n: st.builds(ThemeMeeting, days, st.just(n), st.integers(0, n))), max_size=10
)
cases_st = st.lists(st.builds(MeldcodeCase, days, st.none() | days), max_size=10)


@given(reports_st, cases_st, meetings_st, days, days, days)
def test_shares_stay_within_bounds(reports, cases, meetings, a, b, as_of) -> None:
    start, end = min(a, b), max(a, b)
    for i in safety_table(reports, cases, meetings, start, end, as_of):
        assert (i.met is None) == (i.value is None)
        if i.is_share:
            assert 0 <= i.numerator <= i.denominator
            assert i.value is None or Decimal(0) <= i.value <= Decimal(1)
