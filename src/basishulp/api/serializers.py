"""What the API returns. Aggregates are the tables of :mod:`basishulp.dashboard.municipal`
(protected for municipalities); records are help requests, for staff roles only.
No serializer has a BSN field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from basishulp.kpi.domain.disclosure import Cell
from basishulp.toeleiding.models import HelpRequest


class ValueSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["count", "share", "days", "diff"])
    value = serializers.FloatField(allow_null=True, help_text="null: suppressed (a count of 0 to 7) or not available")
    suppressed = serializers.BooleanField(help_text="a count shown as <8")


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    values = ValueSerializer(many=True)


class TableSerializer(serializers.Serializer):
    id = serializers.CharField()
    caption = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = RowSerializer(many=True)


class SectionSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    tables = TableSerializer(many=True)


class FiguresSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text="HLV or a CBS municipality code")
    scope_label = serializers.CharField()
    period = serializers.CharField(allow_null=True, help_text="2023, 2023-H1 or 2023-Q2")
    period_label = serializers.CharField()
    previous_label = serializers.CharField()
    as_of = serializers.DateField(allow_null=True)
    protected = serializers.BooleanField(help_text="true: disclosure control applied (municipality users)")
    messages = serializers.ListField(child=serializers.CharField())
    sections = SectionSerializer(many=True)


def value_json(value: Any, kind: str) -> dict[str, Any]:
    if isinstance(value, Cell):
        return {"kind": kind, "value": value.value, "suppressed": value.value is None}
    if isinstance(value, Decimal):
        return {"kind": kind, "value": float(value), "suppressed": False}
    return {"kind": kind, "value": value, "suppressed": False}


def figures_json(figures: Any) -> dict[str, Any]:
    return {
        "scope": figures.scope,
        "scope_label": str(figures.scope_label),
        "period": figures.period.label if figures.period else None,
        "period_label": figures.period_label,
        "previous_label": figures.previous_label,
        "as_of": figures.as_of.isoformat() if figures.as_of else None,
        "protected": figures.protected,
        "messages": [str(m) for m in figures.messages],
        "sections": [
            {
                "id": section_id,
                "title": str(title),
                "tables": [
                    {
                        "id": t.id,
                        "caption": str(t.caption),
                        "columns": [str(c) for c in t.columns],
                        "rows": [
                            {"key": r.key, "label": str(r.label), "values": [value_json(v, k) for v, k in r.pairs]}
                            for r in t.rows
                        ],
                    }
                    for t in tables
                ],
            }
            for section_id, title, tables in figures.sections
        ],
    }


class LumpSumSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    municipalities = serializers.DictField(
        child=serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True),
        help_text="lump sum per municipality (name), in euros; null: not in the data",
    )
    total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    taakstelling = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class HelpRequestListSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code")
    area = serializers.CharField(source="area.code", allow_null=True, default=None)
    client = serializers.CharField(source="client.pseudonym", help_text="the client's pseudonym (never a BSN)")

    class Meta:
        model = HelpRequest
        fields = [
            "reference",
            "received_on",
            "state",
            "urgency",
            "triage",
            "referrer_type",
            "municipality",
            "area",
            "client",
            "care_type",
        ]


class HelpRequestDetailSerializer(HelpRequestListSerializer):
    class Meta(HelpRequestListSerializer.Meta):
        fields = [
            *HelpRequestListSerializer.Meta.fields,
            "referrer_organisation",
            "question",
            "first_contact_on",
            "dispatch_target",
            "match_targets",
            "matched_provider",
            "wait_reason",
        ]
