"""Writes of the finance figures that keep their history (:class:`~.models.FigureChange`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from .models import FigureChange

__all__ = ["record_change", "snapshot"]


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The editable field values of ``obj`` (foreign keys by their text)."""
    values = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        values[f.name] = _plain(getattr(obj, f.name))
    return values


def record_change(
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    user: Any = None,
    via: str = FigureChange.Via.FORM,
    source_file: str = "",
) -> FigureChange | None:
    """Log a change of ``obj``; ``before`` is its :func:`snapshot` before the change
    (``None`` when created). Nothing is logged when no value changed."""
    after = snapshot(obj) if action != FigureChange.Action.DELETED else {}
    if action == FigureChange.Action.CREATED:
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
    elif action == FigureChange.Action.DELETED:
        changes = {k: [v, None] for k, v in (before or {}).items() if v not in (None, "")}
    else:
        changes = {k: [before.get(k) if before else None, v] for k, v in after.items() if (before or {}).get(k) != v}
        if not changes:
            return None
    return FigureChange.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        via=via,
        action=action,
        model=obj._meta.label_lower,
        object_id=obj.pk,
        figure=str(obj)[:200],
        changes=changes,
        source_file=source_file[:255],
    )
