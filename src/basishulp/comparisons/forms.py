"""Upload forms of the comparisons page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .domain.published import SOURCE_MAX_LENGTH

_CSV = forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"})


class PublishedUploadForm(forms.Form):
    """Published figures as CSV (docs/comparisons.md §2)."""

    file = forms.FileField(
        label=_("Published figures (CSV)"),
        help_text=_(
            "Columns source, period, scope, measure, value and optionally cause; separated by ; or ,. "
            "The import is all-or-nothing."
        ),
        widget=_CSV,
    )


class CbsUploadForm(forms.Form):
    """A StatLine CSV export (docs/comparisons.md §3)."""

    file = forms.FileField(
        label=_("CBS StatLine export (CSV)"),
        help_text=_(
            "Perioden, Regio's and the young people with youth care and/or the young people aged 0 to 17. "
            "The import is all-or-nothing."
        ),
        widget=_CSV,
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=SOURCE_MAX_LENGTH,
        help_text=_("Stored with the figures; empty: CBS StatLine and the file name."),
    )
