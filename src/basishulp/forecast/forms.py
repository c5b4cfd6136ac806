"""The form of the scenario pages: a scenario file typed in a text box or uploaded.

The form only gets the text; checking it is the work of
:func:`basishulp.forecast.scenarios.save_scenario`, which reports every problem with its
line and field. An uploaded file takes the place of the text in the box.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

#: A scenario file is a few dozen lines; anything much larger is not one.
MAX_FILE_BYTES = 100_000


class ScenarioForm(forms.Form):
    toml = forms.CharField(
        label=_("Scenario file (TOML)"),
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 18, "cols": 90, "spellcheck": "false", "class": "code-input", "autocapitalize": "off"}
        ),
    )
    file = forms.FileField(
        label=_("Or upload a .toml file"),
        required=False,
        help_text=_("An uploaded file takes the place of the text above."),
        widget=forms.FileInput(attrs={"accept": ".toml,text/plain,application/toml"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload:
            if upload.size is not None and upload.size > MAX_FILE_BYTES:
                self.add_error(
                    "file", _("The file is larger than %(size)s kB: that is not a scenario file.") % {"size": 100}
                )
                return cleaned
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", _("The file is not UTF-8 text: save it as UTF-8 and upload it again."))
                return cleaned
        else:
            text = cleaned.get("toml") or ""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise forms.ValidationError(_("Write the scenario in the box or upload a .toml file."), code="empty")
        cleaned["text"] = text
        return cleaned
