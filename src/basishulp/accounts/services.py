"""Writes for accounts: demo users.

The demo users have **known passwords** and exist for the local demo only
(``basishulp demo``). Never call :func:`ensure_demo_users` on a production database
(OWASP ASVS 6.3.2: no default accounts).
"""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction

from basishulp.trajecten.models import Area, Municipality

from .models import Profile, Role

__all__ = ["DEMO_USERS", "DemoUser", "ensure_demo_users"]


class DemoUser(NamedTuple):
    username: str
    password: str
    description: str  # Dutch, shown on the demo start screen
    role: str
    municipality: str = ""  # CBS code for municipality users
    superuser: bool = False
    areas: tuple[str, ...] = ()  # area codes for care professionals and area managers
    organisation: str = ""  # referrers
    referrer_type: str = ""  # referrers: COD327
    email: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "controller",
        "demo-controller",
        "Controller JENS: alle gemeenten, alle cijfers; importeert trajecten, beheert de financiële cijfers",
        Role.CONTROLLER,
    ),
    DemoUser(
        "intake",
        "demo-intake",
        "Instroomteam JENS: neemt hulpvragen aan, triageert en matcht",
        Role.INTAKE,
    ),
    DemoUser(
        "heerlen",
        "demo-heerlen",
        "Gemeente Heerlen: alleen geaggregeerde cijfers van Heerlen",
        Role.MUNICIPALITY,
        "GM0917",
    ),
    DemoUser(
        "landgraaf",
        "demo-landgraaf",
        "Gemeente Landgraaf: alleen geaggregeerde cijfers van Landgraaf",
        Role.MUNICIPALITY,
        "GM0882",
    ),
    DemoUser(
        "voerendaal",
        "demo-voerendaal",
        "Gemeente Voerendaal: alleen geaggregeerde cijfers van Voerendaal",
        Role.MUNICIPALITY,
        "GM0986",
    ),
    DemoUser(
        "zorgprofessional",
        "demo-zorgprofessional",
        "Zorgprofessional gebiedsteam Heerlen-Zuid: hulpvragen van gebied 3",
        Role.CARE_PROFESSIONAL,
        areas=("HRL-3",),
    ),
    DemoUser(
        "gebiedsmanager",
        "demo-gebiedsmanager",
        "Gebiedsmanager Heerlen-Zuid: hulpvragen en cijfers van gebied 3 en 4",
        Role.AREA_MANAGER,
        areas=("HRL-3", "HRL-4"),
    ),
    DemoUser(
        "verwijzer",
        "demo-verwijzer",
        "Huisarts (verwijzersportaal): meldt aan en volgt alleen de eigen aanmeldingen",
        Role.REFERRER,
        organisation="Huisartsenpraktijk De Linde (demo)",
        referrer_type="02",
        email="verwijzer@example.org",
    ),
    DemoUser(
        "privacy",
        "demo-privacy",
        "Functionaris gegevensbescherming: leest het toegangslog, verder geen cliëntgegevens",
        Role.PRIVACY_OFFICER,
    ),
    DemoUser(
        "beheer",
        "demo-beheer",
        "Functioneel beheerder (superuser): beheeromgeving",
        Role.ADMINISTRATOR,
        superuser=True,
    ),
)


@transaction.atomic
def ensure_demo_users() -> list[tuple[str, str, str]]:
    """Create or reset the demo users; returns ``(username, password, description)``.

    Idempotent: existing demo users get their known password, role and municipality
    back. Needs the municipalities of the reference data (migration
    ``trajecten.0003_reference_data``).
    """
    user_model = get_user_model()
    result: list[tuple[str, str, str]] = []
    for demo in DEMO_USERS:
        user, _ = user_model.objects.get_or_create(username=demo.username)
        user.is_active = True
        user.is_staff = demo.superuser
        user.is_superuser = demo.superuser
        user.email = demo.email
        user.set_password(demo.password)
        user.save()
        municipality = None
        if demo.municipality:
            # Reference data from the trajecten data migration (read only).
            municipality = Municipality.objects.get(code=demo.municipality)
        profile, _created = Profile.objects.update_or_create(
            user=user,
            defaults={"role": demo.role, "municipality": municipality, "organisation": demo.organisation,
                      "referrer_type": demo.referrer_type},
        )  # fmt: skip
        profile.areas.set(Area.objects.filter(code__in=demo.areas))
        result.append((demo.username, demo.password, demo.description))
    return result
