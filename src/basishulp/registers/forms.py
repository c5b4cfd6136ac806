"""The forms of the registers page: the current situation of a risk, the status of an
assignment, a text of a period and the FTE at a month end. They only check the input;
the services (:mod:`.services`) store it and run the models' validation."""

from __future__ import annotations

import calendar
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from basishulp.trajecten.domain.reference import HLV_CODES
from basishulp.trajecten.models import Municipality

from .models import PERIOD_HELP, Assignment, AssignmentStatus, PeriodText, Risk, clean_period

TEXTAREA = {"rows": 10, "cols": 90}


class PeriodField(forms.CharField):
    """A reporting period, stored as its normalised label (``2023-h1`` -> ``2023-H1``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Period"))
        kwargs.setdefault("help_text", PERIOD_HELP)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return clean_period(value)


class FteField(forms.CharField):
    """FTE with one decimal; a comma or a point as the decimal separator (121,9 or 121.9).
    FTE need no thousands separator, so a point is never read as one."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 8}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip().replace(" ", "")
        if not text:
            return None
        if text.count(",") + text.count(".") > 1:
            raise ValidationError(_("Enter a number with at most one decimal separator, e.g. 121,9."))
        try:
            fte = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                _("“%(value)s” is not a number: enter the FTE, e.g. 121,9.") % {"value": text}
            ) from None
        if not fte.is_finite() or fte < 0:
            raise ValidationError(_("FTE cannot be negative."))
        if fte != fte.quantize(Decimal("0.1")):
            raise ValidationError(_("Enter the FTE with at most one decimal, e.g. 121,9."))
        if fte >= 100000:
            raise ValidationError(_("%(value)s FTE is more than the form accepts: check the number.") % {"value": text})
        return fte.quantize(Decimal("0.1"))


class RiskSituationForm(forms.Form):
    risk = forms.ModelChoiceField(
        label=_("Risk"), queryset=Risk.objects.all(), to_field_name="number", empty_label=_("— choose a risk —")
    )
    period = PeriodField()
    text = forms.CharField(
        label=_("Current situation"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("A blank line between paragraphs. Saving replaces the situation recorded for this period."),
    )


class AssignmentStatusForm(forms.Form):
    assignment = forms.ModelChoiceField(
        label=_("Assignment"),
        queryset=Assignment.objects.select_related("line"),
        to_field_name="code",
        empty_label=_("— choose an assignment —"),
    )
    period = PeriodField()
    status = forms.ChoiceField(label=_("Status"), choices=AssignmentStatus.Status.choices)
    text = forms.CharField(label=_("Status text"), required=False, widget=forms.Textarea(attrs={"rows": 5, "cols": 90}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignment"].label_from_instance = lambda a: f"{a.code} {a.title}"  # type: ignore[attr-defined]


class PeriodTextForm(forms.Form):
    period = PeriodField()
    kind = forms.ChoiceField(label=_("Kind of text"), choices=PeriodText.Kind.choices)
    municipality = forms.ModelChoiceField(
        label=_("For"),
        queryset=Municipality.objects.filter(code__in=HLV_CODES),
        to_field_name="code",
        required=False,
        empty_label=_("HLV (all three municipalities)"),
        help_text=_("A municipality's own text takes the place of the HLV text of the same kind in its report."),
    )
    title = forms.CharField(label=_("Title (optional)"), required=False, max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16, "cols": 90}),
        help_text=_("A blank line between paragraphs; start a line with “- ” for a list item."),
    )


class WorkforceForm(forms.Form):
    """The FTE of each municipality at one month end; an empty field keeps what is stored."""

    date = forms.DateField(
        label=_("Month end"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day of the month the FTE are counted, e.g. 30-06-2023."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = list(Municipality.objects.filter(code__in=HLV_CODES).order_by("code"))
        order = {code: i for i, code in enumerate(HLV_CODES)}
        self.municipalities.sort(key=lambda m: order[m.code])
        for m in self.municipalities:
            self.fields[self.field_name(m)] = FteField(label=_("FTE %(municipality)s") % {"municipality": m.name})

    @staticmethod
    def field_name(municipality: Municipality) -> str:
        return f"fte_{municipality.code}"

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date.day != calendar.monthrange(date.year, date.month)[1]:
            raise ValidationError(_("Enter the last day of a month: FTE are counted at month end (e.g. 30-06-2023)."))
        return date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.municipalities and all(cleaned.get(self.field_name(m)) is None for m in self.municipalities):
            raise ValidationError(_("Enter the FTE of at least one municipality."), code="empty")
        return cleaned

    def values(self) -> dict[Municipality, Decimal | None]:
        return {m: self.cleaned_data.get(self.field_name(m)) for m in self.municipalities}
