"""API fixtures: the small data set, two help requests in two areas, one token per role."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.dashboard.conftest import controller, heerlen_user, small_data  # noqa: F401


@pytest.fixture
def world(small_data):  # noqa: F811
    from basishulp.accounts.models import Role
    from basishulp.api.auth import create_token
    from basishulp.toeleiding.services import receive
    from basishulp.trajecten.models import Area, Municipality
    from tests.factories import user_per_role

    heerlen, landgraaf = Municipality.objects.get(code="GM0917"), Municipality.objects.get(code="GM0882")
    hrl3, lgf1 = Area.objects.get(code="HRL-3"), Area.objects.get(code="LGF-1")
    users = user_per_role(heerlen, hrl3)
    own = receive(received_on=dt.date(2023, 5, 1), referrer_type="02", municipality=heerlen, area=hrl3,
                  client_pseudonym="OWN-1", question="q", submitted_by=users[Role.REFERRER])  # fmt: skip
    other = receive(received_on=dt.date(2023, 5, 2), referrer_type="01", municipality=landgraaf, area=lgf1,
                    client_pseudonym="OTHER-1", question="q", submitted_by=users[Role.REFERRER])  # fmt: skip
    tokens = {role: create_token(user, f"test {role}")[1] for role, user in users.items()}
    return {"own": own, "other": other, "users": users, "tokens": tokens}
