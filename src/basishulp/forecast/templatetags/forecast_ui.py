"""Template helpers of the forecast pages.

- ``{{ value|clients }}``: a client number of the forecast. For municipality users the
  page holds a :class:`~basishulp.kpi.domain.disclosure.Cell` (a multiple of 5, or
  ``<8``), marked up as a published count so that the response scan checks it; for the
  other roles a whole number with grouping.
- ``{{ value|pct }}``: a percentage with one decimal (12,3%).
- ``{{ text|paragraphs }}``: text as written in a file (a scenario's assumptions): a
  blank line starts a new paragraph, a single line break is a space (the file's lines
  are wrapped for the editor, not for the page).
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils import formats
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from basishulp.dashboard.templatetags.basishulp_ui import shown
from basishulp.kpi.domain.disclosure import Cell

register = template.Library()


@register.filter
def clients(value: Any) -> str:
    if isinstance(value, Cell):
        return shown(value)
    if value is None or value == "":
        return "–"
    return formats.number_format(round(value), decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def pct(value: Any, decimals: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return formats.number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True) + "%"


@register.filter
def paragraphs(value: Any) -> SafeString:
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n", str(value or "").strip())]
    return format_html_join("", "<p>{}</p>", ((p,) for p in parts if p))  # escapes each part
