"""Shared factory_boy factories with domain traits.

Reference data (the HLV municipalities, areas, area teams, providers) is loaded by the
data migration, so the factories reuse existing codes (``django_get_or_create``).
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model

from basishulp.accounts.models import Profile, Role
from basishulp.trajecten.models import Area, CareUnit, Client, ImportBatch, Municipality, Trajectory

PASSWORD = "test-password-123"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "GM0917"
    name = "Heerlen"


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = "HRL-3"
    name = "Heerlen gebied 3 (Heerlen-Zuid)"
    municipality = factory.SubFactory(MunicipalityFactory)


class CareUnitFactory(DjangoModelFactory):
    class Meta:
        model = CareUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST-PROVIDER-{n}")
    name = factory.LazyAttribute(lambda o: o.code.title())
    kind = CareUnit.Kind.PROVIDER
    area = None

    class Params:
        gebiedsteam = factory.Trait(
            code="GT-HRL-3",
            name="Gebiedsteam Heerlen gebied 3 (Heerlen-Zuid)",
            kind=CareUnit.Kind.AREA_TEAM,
            area=factory.SubFactory(AreaFactory),
        )
        onbekend = factory.Trait(kind=CareUnit.Kind.UNKNOWN)


class ClientFactory(DjangoModelFactory):
    class Meta:
        model = Client
        django_get_or_create = ("pseudonym",)

    pseudonym = factory.Sequence(lambda n: f"P{n:06d}")


class TrajectoryFactory(DjangoModelFactory):
    """A running K2 trajectory in Heerlen gebied 3; ``afgesloten=True`` ends it per plan."""

    class Meta:
        model = Trajectory

    trajectory_id = factory.Sequence(lambda n: f"T{n:06d}")
    client = factory.SubFactory(ClientFactory)
    area = factory.SubFactory(AreaFactory)
    municipality = factory.LazyAttribute(lambda o: o.area.municipality if o.area else MunicipalityFactory())
    care_unit = factory.SubFactory(CareUnitFactory, gebiedsteam=True)
    quadrant = Trajectory.Quadrant.K2
    start_date = dt.date(2023, 1, 1)
    end_date = None
    end_reason = ""
    referrer_type = "02"

    class Params:
        afgesloten = factory.Trait(
            end_date=factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=180)),
            end_reason="31",
        )
        uitbesteed = factory.Trait(
            quadrant=Trajectory.Quadrant.K3,
            care_unit=factory.SubFactory(CareUnitFactory),
        )


class ImportBatchFactory(DjangoModelFactory):
    class Meta:
        model = ImportBatch

    filename = "trajectories.csv"
    status = ImportBatch.Status.DONE

    class Params:
        mislukt = factory.Trait(
            status=ImportBatch.Status.FAILED,
            errors=[{"file": "trajectories.csv", "line": 2, "column": "client_id", "message": "is required but empty"}],
        )


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)


class ProfileFactory(DjangoModelFactory):
    """A user's role; traits ``controller``, ``gemeente`` (Heerlen) and ``gebiedsmanager`` (HRL-3)."""

    class Meta:
        model = Profile
        django_get_or_create = ("user",)
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    role = Role.INTAKE
    municipality = None

    class Params:
        controller = factory.Trait(role=Role.CONTROLLER)
        gemeente = factory.Trait(role=Role.MUNICIPALITY, municipality=factory.SubFactory(MunicipalityFactory))
        verwijzer = factory.Trait(role=Role.REFERRER)
        gebiedsmanager = factory.Trait(role=Role.AREA_MANAGER)

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted:
            obj.areas.set(extracted)
        elif obj.role == Role.AREA_MANAGER:
            obj.areas.set([AreaFactory()])


def user_per_role(municipality: Municipality, area: Area) -> dict[str, object]:
    """One user for every role: the area roles work in ``area``, the municipality user
    belongs to ``municipality``."""
    return {
        Role.INTAKE: ProfileFactory(role=Role.INTAKE).user,
        Role.CARE_PROFESSIONAL: ProfileFactory(role=Role.CARE_PROFESSIONAL, areas=[area]).user,
        Role.AREA_MANAGER: ProfileFactory(role=Role.AREA_MANAGER, areas=[area]).user,
        Role.CONTROLLER: ProfileFactory(role=Role.CONTROLLER).user,
        Role.MUNICIPALITY: ProfileFactory(role=Role.MUNICIPALITY, municipality=municipality).user,
        Role.REFERRER: ProfileFactory(role=Role.REFERRER).user,
        Role.ADMINISTRATOR: ProfileFactory(role=Role.ADMINISTRATOR).user,
        Role.PRIVACY_OFFICER: ProfileFactory(role=Role.PRIVACY_OFFICER).user,
    }
