"""The access table (``accounts/access.py``) for API operations.

``AccessMiddleware`` leaves the ``api`` namespace to this permission class, because a
token is only known after DRF has authenticated the request. The rule is the same
table: the operation's URL name, the user's role, allow/scoped/deny. A denied attempt
on client records is written to the access log.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from basishulp.accounts.access import CLIENT_PAGES, Access, access_for


class AccessTablePermission(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        match = request.resolver_match
        page = match.view_name if match else ""
        if access_for(request.user, page) != Access.DENY:
            return True
        if page in CLIENT_PAGES:
            from basishulp.audit.services import log_access

            subject = f"{page} {' '.join(str(v) for v in (match.kwargs or {}).values())}".strip()
            log_access(request, "view", subject=subject, outcome="denied")
        return False
