"""Forms for the finance figures."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WorkbookForm(forms.Form):
    """Upload of the yearly figures as an Excel workbook (docs/finance.md)."""

    file = forms.FileField(
        label=_("Workbook (.xlsx)"),
        help_text=_("The sheets Budgetregels, Indexwaarden and/or Staten, as exported. The import is all-or-nothing."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
