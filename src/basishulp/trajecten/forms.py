"""Forms for trajectories."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    """Upload of a ``trajectories.csv`` file (data-formats.md §1)."""

    file = forms.FileField(
        label=_("Trajectories file (CSV)"),
        help_text=_("UTF-8, comma separated, with a header row. The import is all-or-nothing."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
