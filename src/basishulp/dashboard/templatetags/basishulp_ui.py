"""Template helpers shared by every page: Dutch/English number formatting and the nav.

- ``{{ value|number }}`` / ``{{ value|number:1 }}``: localised with grouping (1.699; 2.434,2).
- ``{{ value|signed }}``: with an explicit sign (+80, -12, 0); decimals are kept to one.
- ``{{ share|percent }}``: a fraction as a percentage with one decimal (0.452 -> 45,2%).
- ``{% can_import_data as flag %}``: whether to show the import link to the current user.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


def _format(value: int | float | Decimal, decimals: int | None) -> str:
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def number(value: Any, decimals: int | None = None) -> str:
    if value is None or value == "":
        return "–"
    if decimals is None:
        decimals = 1 if isinstance(value, Decimal | float) and value != int(value) else 0
        if isinstance(value, Decimal) and value.as_tuple().exponent == -1:  # type: ignore[operator]
            decimals = 1
    return _format(value, int(decimals))


@register.filter
def signed(value: Any) -> str:
    if value is None:
        return "–"
    decimals = 1 if isinstance(value, Decimal | float) else 0
    text = _format(abs(value), decimals)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"-{text}"
    return text


@register.filter
def percent(value: Any, decimals: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return _format(Decimal(str(value)) * 100, int(decimals)) + "%"


@register.filter
def signed_percent(value: Any) -> str:
    if value is None:
        return "–"
    text = percent(abs(value))
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"-{text}"
    return text


@register.simple_tag(takes_context=True)
def can_import_data(context: template.Context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return False
    from basishulp.dashboard.selectors import user_can_import

    return user_can_import(user)


@register.simple_tag(takes_context=True)
def can_see_finance_tag(context: template.Context) -> bool:
    from basishulp.accounts.selectors import can_see_finance

    request = context.get("request")
    return bool(request is not None and can_see_finance(request.user))


@register.filter
def euro(value: Any) -> str:
    """Whole euros, half away from zero, Dutch grouping: 28.579.461 (– when absent)."""
    if value is None or value == "":
        return "–"
    from basishulp.finance.domain.money import round_euro

    return _format(round_euro(Decimal(value)), 0)


@register.filter
def item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (``None`` when absent)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def can_see_requests_tag(context: template.Context) -> bool:
    from basishulp.toeleiding.selectors import can_view

    request = context.get("request")
    return bool(request is not None and can_view(request.user))


@register.simple_tag(takes_context=True)
def may_open(context: template.Context, page: str) -> bool:
    """May the current user open ``page`` (a URL name)? From the access table."""
    from basishulp.accounts.access import Access, access_for

    request = context.get("request")
    return bool(request is not None and access_for(request.user, page) != Access.DENY)


@register.filter
def shown(value: Any, kind: str = "count") -> str:
    """A value of a municipality's table (:mod:`basishulp.dashboard.municipal`), marked
    up so that the response scan can check it: a published count as
    ``<data class="count" value="15">15</data>`` (``<8`` when suppressed), a share as a
    percentage, days and differences as whole numbers."""
    from django.utils.html import format_html

    from basishulp.kpi.domain.disclosure import SUPPRESSED_BELOW, Cell

    if isinstance(value, Cell):
        if value.value is None:
            return format_html('<data class="count suppressed" value="">&lt;{}</data>', SUPPRESSED_BELOW)
        return format_html('<data class="count" value="{}">{}</data>', value.value, _format(value.value, 0))
    if value is None:
        return "–"
    if kind == "share":
        return format_html('<data class="share" value="{}">{}</data>', value, percent(value, 0))
    if kind == "diff":
        return format_html('<data class="diff" value="{}">{}</data>', value, signed(value))
    return format_html('<data class="{}" value="{}">{}</data>', kind, value, _format(value, 0))
