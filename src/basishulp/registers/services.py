"""Writes of the governance registers from the forms (keyword-only, one transaction).

Each service sets the row for its key (risk and period, assignment and period, kind,
period and municipality, municipality and date): it creates it or replaces its
values, runs the model's validation (``full_clean``) and records who changed it
(``updated_by``). A :class:`~django.core.exceptions.ValidationError` leaves nothing
changed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models, transaction

from basishulp.trajecten.models import Municipality

from .models import Assignment, AssignmentStatus, PeriodText, Risk, RiskSituation, WorkforceFte, clean_period

__all__ = ["assignment_status_set", "period_text_set", "risk_situation_set", "workforce_fte_set"]

M = TypeVar("M", bound=models.Model)


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "is_authenticated", False) else None


def _store(obj: M, values: dict[str, Any], acting_user: Any) -> M:
    for name, value in values.items():
        setattr(obj, name, value)
    if hasattr(obj, "updated_by_id"):
        obj.updated_by = _user(acting_user)  # type: ignore[attr-defined]
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def risk_situation_set(*, risk: Risk, period: str, text: str, acting_user: Any) -> RiskSituation:
    """Set the current situation of ``risk`` in ``period``."""
    label = clean_period(period)
    obj = RiskSituation.objects.filter(risk=risk, period=label).first() or RiskSituation(risk=risk, period=label)
    return _store(obj, {"text": text.strip()}, acting_user)


@transaction.atomic
def assignment_status_set(
    *, assignment: Assignment, period: str, status: str, text: str, acting_user: Any
) -> AssignmentStatus:
    """Set the status (and its text) of ``assignment`` in ``period``."""
    label = clean_period(period)
    obj = AssignmentStatus.objects.filter(assignment=assignment, period=label).first() or AssignmentStatus(
        assignment=assignment, period=label
    )
    return _store(obj, {"status": status, "text": text.strip()}, acting_user)


@transaction.atomic
def period_text_set(
    *, period: str, kind: str, municipality: Municipality | None, title: str, text: str, acting_user: Any
) -> PeriodText:
    """Set the text of ``kind`` for ``period`` and ``municipality`` (``None``: HLV)."""
    label = clean_period(period)
    obj = PeriodText.objects.filter(period=label, kind=kind, municipality=municipality).first() or PeriodText(
        period=label, kind=kind, municipality=municipality
    )
    return _store(obj, {"title": title.strip(), "text": text.strip()}, acting_user)


@transaction.atomic
def workforce_fte_set(
    *, date: dt.date, values: dict[Municipality, Decimal | None], source: str = "", acting_user: Any
) -> list[WorkforceFte]:
    """Set the FTE at ``date`` (a month end) of each municipality in ``values``; a
    municipality whose value is ``None`` keeps what it had."""
    stored = []
    for municipality, fte in values.items():
        if fte is None:
            continue
        obj = WorkforceFte.objects.filter(municipality=municipality, date=date).first() or WorkforceFte(
            municipality=municipality, date=date
        )
        changes: dict[str, Any] = {"fte": fte}
        if source:
            changes["source"] = source
        stored.append(_store(obj, changes, acting_user))
    return stored
