"""The reports page's view model: what a user may make (periods, scopes), the form, and
the runs they may see. Municipality users make and see only their own municipality's
version; JENS controllers and administrators every version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from basishulp.accounts.selectors import visible_municipality_codes
from basishulp.dashboard.selectors import period_label
from basishulp.kpi.domain.periods import parse_period
from basishulp.trajecten.domain.reference import HLV_CODES, municipality_name

from .models import ReportRun

__all__ = ["ReportForm", "ReportsPage", "build_reports_page", "may_see", "period_choices", "scope_choices"]

HLV = "HLV"


def scope_choices(user: Any) -> list[tuple[str, str]]:
    codes = visible_municipality_codes(user)
    if codes is None:
        return [(HLV, _("HLV (JENS report, exact figures)"))] + [
            (c, _("%(name)s (municipality version)") % {"name": municipality_name(c)}) for c in HLV_CODES
        ]
    return [(c, _("%(name)s (municipality version)") % {"name": municipality_name(c)}) for c in codes if c in HLV_CODES]


def period_choices() -> list[tuple[str, str]]:
    """Years and half-years that have data, complete ones only, newest first. The first
    and the latest date in the data (as the dashboard's) come from one aggregate query."""
    from django.db.models import Max, Min

    from basishulp.trajecten.models import Trajectory

    span = Trajectory.objects.aggregate(first=Min("start_date"), started=Max("start_date"), ended=Max("end_date"))
    first = span["first"]
    if first is None:
        return []
    as_of = max(d for d in (span["started"], span["ended"]) if d is not None)
    choices = []
    for year in range(as_of.year, first.year - 1, -1):
        for label in (f"{year}-H2", f"{year}-H1", f"{year}"):
            period = parse_period(label)
            if period.end <= as_of and period.end >= first:
                choices.append((label, f"{label} — {period_label(period)}"))
    return choices


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Period"))
    scope = forms.ChoiceField(label=gettext_lazy("Report"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("pdf", "PDF"), ("xlsx", "Excel"), ("html", gettext_lazy("Web page (HTML)"))],
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=[("nl", "Nederlands"), ("en", "English")], initial="nl"
    )

    def __init__(self, *args: Any, user: Any = None, periods: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = periods if periods is not None else period_choices()
        self.fields["scope"].choices = scope_choices(user)


def may_see(user: Any, run: ReportRun) -> bool:
    codes = visible_municipality_codes(user)
    return codes is None or run.scope in codes


@dataclass
class ReportsPage:
    form: ReportForm
    runs: list[ReportRun] = field(default_factory=list)
    empty: bool = False


def build_reports_page(user: Any, data: Any = None) -> ReportsPage:
    periods = period_choices()
    form = ReportForm(data, user=user, periods=periods)
    codes = visible_municipality_codes(user)
    runs = ReportRun.objects.select_related("requested_by").defer("content")
    if codes is not None:
        runs = runs.filter(scope__in=codes)
    return ReportsPage(form=form, runs=list(runs[:30]), empty=not periods)
