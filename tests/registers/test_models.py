"""Validation of the register rows (models' clean and the services)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from basishulp.registers import services
from basishulp.registers.models import BudgetAdjustment, PeriodText, Risk, WorkforceFte
from basishulp.trajecten.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def risk(db):
    return Risk.objects.create(number=1, title="t", description="d")


@pytest.mark.parametrize(("given", "stored"), [("2023-h1", "2023-H1"), (" 2023 ", "2023"), ("2023-Q2", "2023-Q2")])
def test_periods_are_normalised(risk, given, stored) -> None:
    assert services.risk_situation_set(risk=risk, period=given, text="x", acting_user=None).period == stored


@pytest.mark.parametrize("given", ["2023-H3", "H1 2023", "2023-13", ""])
def test_a_wrong_period_is_refused(risk, given) -> None:
    with pytest.raises(ValidationError, match="is not a period: use 2023, 2023-H1, 2023-Q2 or 2023-05"):
        services.risk_situation_set(risk=risk, period=given, text="x", acting_user=None)


def test_fte_at_a_month_end_only() -> None:
    heerlen = Municipality.objects.get(code="GM0917")
    row = WorkforceFte(municipality=heerlen, date=dt.date(2023, 6, 15), fte=D("1.0"))
    with pytest.raises(ValidationError) as exc:
        row.full_clean()
    assert "Enter the last day of a month" in str(exc.value.message_dict["date"])
    WorkforceFte(municipality=heerlen, date=dt.date(2024, 2, 29), fte=D("1.0")).full_clean()
    with pytest.raises(ValidationError):
        WorkforceFte(municipality=heerlen, date=dt.date(2023, 6, 30), fte=D("-0.1")).full_clean()


def test_one_text_per_kind_period_and_municipality() -> None:
    landgraaf = Municipality.objects.get(code="GM0882")
    PeriodText.objects.create(period="2023-H1", kind="hr", text="HLV")
    PeriodText.objects.create(period="2023-H1", kind="hr", municipality=landgraaf, text="L")
    with pytest.raises(ValidationError, match="HLV already has a text of this kind for this period"):
        PeriodText(period="2023-H1", kind="hr", text="again").full_clean()
    with pytest.raises(ValidationError, match="This municipality already has a text"):
        PeriodText(period="2023-H1", kind="hr", municipality=landgraaf, text="again").full_clean()
    # the service replaces instead
    services.period_text_set(period="2023-H1", kind="hr", municipality=None, title="", text="new", acting_user=None)
    assert PeriodText.objects.get(kind="hr", municipality=None).text == "new"


def test_budget_adjustment_decision_date() -> None:
    landgraaf = Municipality.objects.get(code="GM0882")
    row = BudgetAdjustment(municipality=landgraaf, year=2023, amount=D(1), decided_on=dt.date(2019, 1, 1))
    with pytest.raises(ValidationError, match="is far from the year 2023"):
        row.full_clean()
