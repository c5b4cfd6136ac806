"""The REST API (issue #5): the same selectors and access table as the pages, hashed
tokens, aggregates protected for municipalities, every record read logged."""

from __future__ import annotations

import hashlib
import json

import pytest

from basishulp.accounts.models import Role
from basishulp.api.models import ApiToken
from basishulp.audit.models import AccessLogEntry
from basishulp.cli import main

pytestmark = pytest.mark.django_db


def _get(client, token, url):
    return client.get(url, HTTP_AUTHORIZATION=f"Token {token}")


def _row(data, table_id, key):
    for section in data["sections"]:
        for table in section["tables"]:
            if table["id"] == table_id:
                return next(r for r in table["rows"] if r["key"] == key)
    raise KeyError(table_id)


def test_a_controller_gets_the_true_counts(client, world):
    data = _get(client, world["tokens"][Role.CONTROLLER], "/api/v1/figures/?scope=HLV&period=2023-H1").json()
    assert data["protected"] is False and data["period"] == "2023-H1"
    # the small data set: 3 clients flow into HLV in 2023-H1 (tests/dashboard/test_dashboard.py)
    assert _row(data, "m-flows", "inflow")["values"][0] == {"kind": "count", "value": 3, "suppressed": False}
    assert _row(data, "m-requests", "total")["values"][0]["value"] == 2


def test_a_municipality_gets_protected_counts_of_its_own_scope_only(client, world):
    token = world["tokens"][Role.MUNICIPALITY]
    data = _get(client, token, "/api/v1/figures/?period=2023-H1").json()
    assert data["protected"] is True and data["scope"] == "GM0917"
    assert _row(data, "m-flows", "inflow")["values"][0] == {"kind": "count", "value": None, "suppressed": True}
    counts = [
        v for s in data["sections"] for t in s["tables"] for r in t["rows"] for v in r["values"] if v["kind"] == "count"
    ]
    assert counts and all(v["value"] is None or (v["value"] % 5 == 0 and v["value"] >= 10) for v in counts)
    assert _get(client, token, "/api/v1/figures/?scope=GM0882").status_code == 403
    assert _get(client, token, "/api/v1/requests/").status_code == 403  # records: never


def test_requests_follow_the_scope_and_every_read_is_logged(client, world):
    own, other = world["own"].reference, world["other"].reference
    listed = _get(client, world["tokens"][Role.INTAKE], "/api/v1/requests/").json()
    assert {r["reference"] for r in listed["results"]} == {own, other}
    assert "bsn" not in json.dumps(listed).lower()
    token = world["tokens"][Role.CARE_PROFESSIONAL]  # Heerlen-Zuid only
    listed = _get(client, token, "/api/v1/requests/").json()
    assert [r["reference"] for r in listed["results"]] == [own]
    assert _get(client, token, f"/api/v1/requests/{own}/").json()["client"] == "OWN-1"
    assert _get(client, token, f"/api/v1/requests/{other}/").status_code == 404
    user = world["users"][Role.CARE_PROFESSIONAL].username
    log = list(AccessLogEntry.objects.filter(username=user).values_list("event", "client", "outcome"))
    assert log == [("search", "", "ok"), ("view", "OWN-1", "ok"), ("view", "OTHER-1", "denied")]


def test_bad_filters_are_refused_with_a_message(client, world):
    response = _get(client, world["tokens"][Role.INTAKE], "/api/v1/requests/?state=nonsense")
    assert response.status_code == 400 and "unknown state" in response.json()["state"][0]


def test_tokens_are_stored_hashed_and_can_be_revoked(client, world, capsys):
    assert main(["api-token", "create", world["users"][Role.CONTROLLER].username, "Power BI", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    token = created["token"]
    record = ApiToken.objects.get(prefix=created["prefix"])
    assert record.digest == hashlib.sha256(token.encode()).hexdigest() and token not in str(vars(record))
    assert _get(client, token, "/api/v1/figures/").status_code == 200
    assert main(["api-token", "revoke", created["prefix"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"revoked": 1}
    response = _get(client, token, "/api/v1/figures/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert _get(client, "not-a-token", "/api/v1/figures/").status_code == 401


def test_a_token_for_an_unknown_user_or_without_a_name_is_refused(world, capsys):
    assert main(["api-token", "create", "nobody", "x"]) == 2
    assert "no active user" in capsys.readouterr().err
    assert main(["api-token", "create", world["users"][Role.CONTROLLER].username, " "]) == 2


def test_lump_sums_for_whoever_may_see_finance(client, world):
    assert _get(client, world["tokens"][Role.MUNICIPALITY], "/api/v1/finance/lump-sums/").status_code == 200
    assert _get(client, world["tokens"][Role.REFERRER], "/api/v1/finance/lump-sums/").status_code == 403


def test_the_session_works_too_and_the_schema_is_published(client, world):
    client.force_login(world["users"][Role.CONTROLLER])
    assert client.get("/api/v1/figures/").status_code == 200
    schema = client.get("/api/v1/schema/?format=json").json()
    assert set(schema["paths"]) == {
        "/api/v1/figures/",
        "/api/v1/finance/lump-sums/",
        "/api/v1/requests/",
        "/api/v1/requests/{reference}/",
    }


def test_the_published_schema_file_is_current():
    from pathlib import Path

    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiYamlRenderer

    generated = OpenApiYamlRenderer().render(SchemaGenerator().get_schema(request=None, public=True)).decode()
    published = (Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text(encoding="utf-8")
    assert generated == published, "docs/openapi.yaml is out of date: run `make api-schema`"


def test_a_token_never_starts_with_a_dash(monkeypatch):
    """Its prefix is typed on the command line: a leading "-" would read as an option."""
    from basishulp.api import auth

    drawn = iter(["-abc", "_def", "Xyz-"])
    monkeypatch.setattr(auth.secrets, "token_urlsafe", lambda n: next(drawn))
    assert auth.new_token() == "Xyz-"
