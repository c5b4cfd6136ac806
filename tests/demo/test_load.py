"""Loading the demo data into the database (``demo-data`` without ``--csv``, ``demo --no-serve``)."""

from __future__ import annotations

import argparse
import json

import pytest

from basishulp.demo.cli import demo_command, demo_data_command

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_data_loads_the_database_and_is_idempotent(capsys) -> None:
    from basishulp.trajecten.models import Client, Trajectory

    assert demo_data_command(argparse.Namespace(csv=None, seed=None, json=True)) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["file"] is None
    assert first["import"]["created"] == first["trajectories"] == Trajectory.objects.count()
    assert Client.objects.filter(trajectories__isnull=False).distinct().count() == first["clients"]
    assert Client.objects.filter(trajectories__isnull=True).count() > 0  # new clients of open or withdrawn requests
    assert first["import"]["warnings"] == []  # every code is in the reference data
    assert {u["username"] for u in first["users"]} >= {"controller", "heerlen"}

    assert demo_data_command(argparse.Namespace(csv=None, seed=None, json=True)) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["import"]["created"] == 0
    assert second["import"]["unchanged"] == first["trajectories"]


def test_demo_without_serving_prints_url_and_logins(capsys) -> None:
    from basishulp.trajecten.models import Trajectory

    assert demo_command(argparse.Namespace(addr="127.0.0.1:8000", no_serve=True)) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out
    assert "controller" in out and "demo-controller" in out
    loaded = Trajectory.objects.count()
    assert loaded > 15_000

    # an older demo database gets the registers, published figures and CBS sample too
    from basishulp.registers.models import Risk

    Risk.objects.all().delete()
    assert demo_command(argparse.Namespace(addr="127.0.0.1:8000", no_serve=True)) == 0
    again = capsys.readouterr().out
    assert "already holds trajectories" in again and "basishulp report --period 2023-H1" in again
    assert Trajectory.objects.count() == loaded
    assert Risk.objects.count() == 11
