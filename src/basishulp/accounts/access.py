"""The access table: role × page → allowed, scoped or denied (domain.md §2, issue #5).

Every page of the application (a named URL pattern) has a row here, and
:class:`AccessMiddleware` enforces it before any view runs: a page without a row is
refused (fail closed), a denied role gets 403, an anonymous user is sent to the login
page. *Scoped* means the role may open the page but sees only its own rows or
aggregates: the selectors narrow them (municipality, areas, referrer's own requests),
so no view can forget it. The test ``tests/accounts/test_access_matrix.py`` requests
every URL pattern as every role, in and out of its scope, and compares the answers with
this table; ``docs/access.md`` is generated from it (``make access-doc``) and checked
against it.

Users without a profile: superusers count as administrators, anyone else is denied.
The pages in :data:`AUTHENTICATED` (the two-factor pages) are open to every signed-in
user with a role, or with the staff flag (who must give a second factor for the admin).
The admin site (``/admin/``) has its own rule: staff only, with Django's model
permissions per group (see :mod:`basishulp.accounts.groups`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .models import Role
from .selectors import is_active_user, role_of

__all__ = [
    "ACCESS",
    "AUTHENTICATED",
    "HOME",
    "PUBLIC",
    "ROLE_HOME",
    "Access",
    "AccessMiddleware",
    "access_for",
    "access_markdown",
    "effective_role",
]


class Access(StrEnum):
    ALLOW = "allow"
    SCOPED = "scoped"  # the page opens; the selectors narrow what it shows
    DENY = "deny"


#: Pages anyone may open (logging in and out, choosing the language).
PUBLIC: frozenset[str] = frozenset({"login", "logout", "set_language"})

#: Pages every signed-in user with a role (or the staff flag) may open: setting up and
#: giving the second factor (accounts/two_factor.py). They show only the user's own device.
AUTHENTICATED: frozenset[str] = frozenset({"two_factor:setup", "two_factor:verify"})

A, S, D = Access.ALLOW, Access.SCOPED, Access.DENY
_I, _P, _M, _C = Role.INTAKE, Role.CARE_PROFESSIONAL, Role.AREA_MANAGER, Role.CONTROLLER
_G, _V, _B, _F = Role.MUNICIPALITY, Role.REFERRER, Role.ADMINISTRATOR, Role.PRIVACY_OFFICER

#: page (URL name) -> what each role may do there; a role not listed is denied.
ACCESS: dict[str, dict[str, Access]] = {
    # steering figures: aggregates only; municipalities their own, area roles their areas
    "dashboard:index": {_I: A, _P: S, _M: S, _C: A, _G: S, _B: A},
    "finance:index": {_C: A, _G: S, _B: A},  # administrators keep the figures in the admin
    "finance:export": {_C: A},
    "finance:upload": {_C: A},
    # the forecast (issue #7): municipalities their own municipality or HLV, at the latest
    # month end only, without the realised months, client numbers rounded to 5
    "forecast:index": {_C: A, _G: S, _B: A},
    "forecast:backtest": {_C: A, _B: A},
    # scenarios (issue #7): JENS's own steering work, not shown to municipalities; adding,
    # editing and deleting (POST) on the same pages
    "forecast:scenarios": {_C: A, _B: A},
    "forecast:scenario": {_C: A, _B: A},
    "forecast:scenario_edit": {_C: A, _B: A},
    "forecast:scenario_delete": {_C: A, _B: A},
    "forecast:scenario_download": {_C: A, _B: A},
    # reports (issue #8): JENS controllers every version; a municipality its own version only
    # (the municipality version: counts under disclosure control)
    "reports:index": {_C: A, _G: S, _B: A},
    "reports:run": {_C: A, _G: S, _B: A},
    "reports:download": {_C: A, _G: S, _B: A},
    "trajecten:import": {_C: A},
    # governance registers (issue #8): risks, portfolio, FTE and report texts; JENS's own
    # steering work, kept by controllers (the edit pages, GET shows the form, POST saves)
    "registers:index": {_M: A, _C: A, _B: A},
    "registers:risk_situation": {_C: A},
    "registers:assignment_status": {_C: A},
    "registers:text": {_C: A},
    "registers:fte": {_C: A},
    # reconciliation and benchmark (issue #8): the reconciliation tables carry exact counts,
    # so municipalities are denied; uploads (POST; GET shows the forms) by controllers only
    "comparisons:index": {_M: A, _C: A, _B: A},
    "comparisons:upload": {_C: A},
    # iJw start/stop messages: the same roles as the trajectories import; the result and
    # the retour messages name clients (trajectory ids, BSNs)
    "ijw:upload": {_C: A},
    "ijw:retour": {_C: A},
    # help requests: client records; area roles see their areas
    "toeleiding:inbox": {_I: A, _P: S, _M: S, _C: A},
    "toeleiding:detail": {_I: A, _P: S, _M: S, _C: A},
    "toeleiding:new": {_I: A},
    "toeleiding:quality": {_I: A, _P: A, _M: A, _C: A},
    # the referrer portal: their own requests, and only a referrer's view of them
    "portal:index": {_V: S},
    "portal:new": {_V: A},
    "portal:detail": {_V: S},
    # the access log: the privacy officer only (reading it is logged)
    "audit:index": {_F: A},
    "audit:client": {_F: A},
    # the API (docs/api.md): the same rules as the pages it mirrors; the permission class
    # of the API applies them (a token is only known after DRF has authenticated)
    "api:schema": {_I: A, _P: A, _M: A, _C: A, _G: A, _B: A},
    "api:figures": {_I: A, _P: S, _M: S, _C: A, _G: S, _B: A},
    "api:lump-sums": {_C: A, _G: S, _B: A},
    "api:request-list": {_I: A, _P: S, _M: S, _C: A},
    "api:request-detail": {_I: A, _P: S, _M: S, _C: A},
}

#: Pages with client records: a denied attempt on one is written to the access log.
CLIENT_PAGES: frozenset[str] = frozenset(
    {
        "toeleiding:inbox",
        "toeleiding:detail",
        "toeleiding:new",
        "portal:index",
        "portal:new",
        "portal:detail",
        "audit:index",
        "audit:client",
        "api:request-list",
        "api:request-detail",
        "ijw:upload",
        "ijw:retour",
    }
)

#: The start page sends a role that may not see it to the role's own start page.
HOME = "dashboard:index"
ROLE_HOME: dict[str, str] = {_V: "portal:index", _F: "audit:index"}

ROLE_ORDER: tuple[str, ...] = (_I, _P, _M, _C, _G, _V, _B, _F)


def effective_role(user: Any) -> str | None:
    """The role the access table applies to ``user``: the profile's role; a
    superuser without a profile is an administrator; otherwise ``None``."""
    if not is_active_user(user):
        return None
    role = role_of(user)
    if role is None and user.is_superuser:
        return Role.ADMINISTRATOR
    return role


def access_for(user: Any, page: str) -> Access:
    """What ``user`` may do on ``page`` (a URL name): unknown pages are denied."""
    role = effective_role(user)
    if role is None:
        return Access.DENY
    if page in AUTHENTICATED:
        return Access.ALLOW
    return ACCESS.get(page, {}).get(role, Access.DENY)


class AccessMiddleware:
    """Enforces :data:`ACCESS` for every request before its view runs."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.view_name in CLIENT_PAGES:
            response["Cache-Control"] = "no-store"  # client data never stays in a browser or proxy cache
        return response

    def process_view(self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        page = match.view_name if match else ""
        if page in PUBLIC or (match is not None and "admin" in match.namespaces):
            return None  # the admin checks staff and model permissions itself
        if match is not None and "api" in match.namespaces:
            return None  # the same table, applied by the API's permission class after DRF authentication
        if not is_active_user(request.user):
            return redirect_to_login(request.get_full_path())
        if page in AUTHENTICATED:
            if effective_role(request.user) is None and not request.user.is_staff:
                raise PermissionDenied
            return None
        if access_for(request.user, page) == Access.DENY:
            if page in CLIENT_PAGES:
                from basishulp.audit.services import log_access

                subject = f"{page} {' '.join(str(v) for v in (kwargs or {}).values())}".strip()
                log_access(request, "view", subject=subject, outcome="denied")
            home = ROLE_HOME.get(effective_role(request.user) or "")
            if page == HOME and home:
                return redirect(home)
            raise PermissionDenied
        return None


def access_markdown() -> str:
    """The access table as published in ``docs/access.md``."""
    from django.utils import translation

    with translation.override("en"):
        labels = {r.value: str(r.label) for r in Role}
    lines = [
        "| page | " + " | ".join(labels[r] for r in ROLE_ORDER) + " |",
        "|---|" + "---|" * len(ROLE_ORDER),
    ]
    for page, rules in ACCESS.items():
        lines.append(f"| `{page}` | " + " | ".join(rules.get(r, Access.DENY).value for r in ROLE_ORDER) + " |")
    for page in sorted(AUTHENTICATED):  # every signed-in user with a role
        lines.append(f"| `{page}` | " + " | ".join(Access.ALLOW.value for _r in ROLE_ORDER) + " |")
    return "\n".join(lines) + "\n"
