"""Who may see and do what: row-level scoping in one place (domain.md §2).

``MUNICIPALITY_SCOPE`` is the access table for aggregate figures (KPIs, finance) per
municipality:

| role | municipalities | why |
|---|---|---|
| controller / management | all | JENS back office sees everything |
| intake | all | JENS-wide triage of all incoming requests |
| area manager, care professional | those of their areas | they work in these areas |
| municipality | their own | aggregates of their municipality (HLV totals are shown separately) |
| administrator | all | keeps the figures and the configuration; aggregates are no client content |
| referrer, privacy officer | none | no steering figures |

A superuser without a profile counts as an administrator; any other user without a
profile sees nothing. The staff flag gives no rights here: it only opens the admin
site, where Django's model permissions apply (issue #5: roles decide, not flags).
"""

from __future__ import annotations

from typing import Any

from .models import Profile, Role

__all__ = [
    "FINANCE_ROLES",
    "MUNICIPALITY_SCOPE",
    "can_edit_finance",
    "can_import",
    "can_see_finance",
    "is_active_user",
    "profile_of",
    "role_of",
    "visible_municipality_codes",
]

ALL, OWN, AREAS, NONE = "all", "own", "areas", "none"

MUNICIPALITY_SCOPE: dict[str, str] = {
    Role.CONTROLLER: ALL,
    Role.INTAKE: ALL,
    Role.AREA_MANAGER: AREAS,
    Role.CARE_PROFESSIONAL: AREAS,
    Role.MUNICIPALITY: OWN,
    Role.REFERRER: NONE,
    Role.ADMINISTRATOR: ALL,
    Role.PRIVACY_OFFICER: NONE,
}

#: Roles that see the finance dashboard: the JENS controllers, municipalities for
#: their own figures and the HLV totals, and administrators (who keep the figures).
FINANCE_ROLES: frozenset[str] = frozenset({Role.CONTROLLER, Role.MUNICIPALITY, Role.ADMINISTRATOR})

#: Roles that may import trajectory files.
IMPORT_ROLES: frozenset[str] = frozenset({Role.CONTROLLER})


def is_active_user(user: Any) -> bool:
    """A logged-in, active user (not anonymous)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def profile_of(user: Any) -> Profile | None:
    """The user's profile, or ``None`` (anonymous users and users without a role)."""
    if not is_active_user(user):
        return None
    try:
        return Profile.objects.select_related("municipality").get(user=user)
    except Profile.DoesNotExist:
        return None


def role_of(user: Any) -> str | None:
    """The user's role (a :class:`~basishulp.accounts.models.Role` value) or ``None``;
    a superuser without a profile is an administrator."""
    profile = profile_of(user)
    if profile is not None:
        return profile.role
    if is_active_user(user) and user.is_superuser:
        return Role.ADMINISTRATOR
    return None


def visible_municipality_codes(user: Any) -> list[str] | None:
    """CBS codes whose aggregates ``user`` may see; ``None`` means all municipalities.

    An empty list means none.
    """
    scope = MUNICIPALITY_SCOPE.get(role_of(user) or "", NONE)
    if scope == ALL:
        return None
    profile = profile_of(user)
    if profile is None:
        return []
    if scope == OWN:
        return [profile.municipality.code] if profile.municipality else []
    if scope == AREAS:
        codes = set(profile.areas.values_list("municipality__code", flat=True))
        if profile.municipality:
            codes.add(profile.municipality.code)
        return sorted(codes)
    return []


def can_import(user: Any) -> bool:
    """True for controllers: they may import trajectory files."""
    return role_of(user) in IMPORT_ROLES


def can_see_finance(user: Any) -> bool:
    """May ``user`` open the finance dashboard?"""
    return role_of(user) in FINANCE_ROLES


def can_edit_finance(user: Any) -> bool:
    """May ``user`` export and import the finance figures (all municipalities)?"""
    return role_of(user) == Role.CONTROLLER
