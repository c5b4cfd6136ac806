"""The demo data for the scenario tests, loaded once per test module.

Loading takes ~2 s (the generated trajectories and the published money figures), too
slow for every test. :func:`demo_database` loads it inside a transaction that stays
open for the module and is rolled back at its end; each test's own transaction (the
``db`` fixture) is then a savepoint inside it, so the tests see the data and still
cannot change it for the next test, and other modules never see it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

#: A member revenue that is not in the published figures: the cap on Xonar's exit fee in 2025.
XONAR_REVENUE_2024 = Decimal(2_000_000)


@contextmanager
def demo_database(django_db_blocker: Any) -> Iterator[None]:
    from django.db import connection, transaction

    from basishulp.demo.generator import generate
    from basishulp.finance.models import MemberRevenue
    from basishulp.finance.source_data import load_source_figures
    from basishulp.trajecten.models import CareUnit
    from basishulp.trajecten.services import trajectories_import
    from tests.dbstate import settle

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            trajectories_import(records=generate(), filename="demo-data")
            load_source_figures()
            MemberRevenue.objects.create(
                care_unit=CareUnit.objects.get(code="XONAR"), year=2024, revenue=XONAR_REVENUE_2024
            )
            settle(connection)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
