"""The access matrix: every URL pattern × every role × own and other scope, compared with
the access table (basishulp.accounts.access). A new URL without a row fails here.

Expected answers follow from the table alone:
- deny → 403; allow → 200 in and out of the role's scope;
- scoped → 200 in scope; out of scope 404 (a request of another area), 403 (another
  municipality's figures) or 200 without the other's rows (a list);
- anonymous → the login page; a user without a role → 403.
"""

from __future__ import annotations

import datetime as dt

import pytest

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from basishulp.accounts.access import ACCESS, AUTHENTICATED, HOME, PUBLIC, ROLE_HOME, Access, access_markdown
from basishulp.accounts.models import Role
from basishulp.forecast import scenario_pages
from basishulp.forecast.models import Scenario
from basishulp.reports.models import ReportRun
from basishulp.toeleiding.services import receive
from basishulp.trajecten.models import Area, Municipality
from tests.factories import ProfileFactory, UserFactory, user_per_role

pytestmark = pytest.mark.django_db


def _url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # the admin site: staff and model permissions (test_admin.py)
            names |= _url_names(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and p.name:
            names.add(namespace + p.name)
    return names


def test_every_page_has_a_row_and_every_row_a_page() -> None:
    assert _url_names() >= AUTHENTICATED, "pages for every signed-in user that do not exist"
    assert not AUTHENTICATED & (set(ACCESS) | PUBLIC), "a page is in more than one category"
    pages = _url_names() - PUBLIC - AUTHENTICATED
    assert pages - set(ACCESS) == set(), "pages without a row in the access table"
    assert set(ACCESS) - pages == set(), "rows for pages that do not exist"


def test_the_published_table_is_the_table() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "access.md").read_text(encoding="utf-8")
    assert access_markdown() in doc, "docs/access.md is out of date: run `make access-doc`"


SCENARIO_TOML = 'name = "Matrix"\ndescription = "d"\ncutoff = 2023-06-30\n\n[[changes]]\nkind = "cap_at_norm"\n'
SCENARIO_PAGES = (
    "forecast:scenario",
    "forecast:scenario_edit",
    "forecast:scenario_delete",
    "forecast:scenario_download",
)


@pytest.fixture
def world(small_data, monkeypatch):
    """Two help requests: one in Heerlen-Zuid (HRL-3, 'own' for the area roles and for
    Heerlen), one in Landgraaf (LGF-1, 'other'). One user per role. A saved scenario
    (compared with few simulated futures: only the answer counts here)."""
    monkeypatch.setattr(scenario_pages, "SCENARIO_PATHS", 20)
    heerlen, landgraaf = Municipality.objects.get(code="GM0917"), Municipality.objects.get(code="GM0882")
    hrl3, lgf1 = Area.objects.get(code="HRL-3"), Area.objects.get(code="LGF-1")
    users = user_per_role(heerlen, hrl3)
    other_referrer = ProfileFactory(role=Role.REFERRER).user
    own = receive(received_on=dt.date(2023, 5, 1), referrer_type="02", municipality=heerlen, area=hrl3,
                  client_pseudonym="OWN-1", question="q", submitted_by=users[Role.REFERRER])  # fmt: skip
    other = receive(received_on=dt.date(2023, 5, 2), referrer_type="02", municipality=landgraaf, area=lgf1,
                    client_pseudonym="OTHER-1", question="q", submitted_by=other_referrer)  # fmt: skip
    scenario = Scenario.objects.create(name="Matrix", description="d", toml=SCENARIO_TOML)
    runs = {
        code: ReportRun.objects.create(period="2023-H1", scope=code, format="html", status=ReportRun.Status.DONE,
                                       content=b"<!DOCTYPE html><p>rapport</p>", size=29, data_version="matrix")
        for code in ("GM0917", "GM0882")
    }  # fmt: skip
    return {"own": own, "other": other, "users": users, "scenario": scenario, "runs": runs}


def _urls(page: str, world) -> tuple[str, str | None]:
    """The page in the role's scope, and out of it (``None``: the page has no 'other')."""
    if page in ("toeleiding:detail", "portal:detail", "api:request-detail"):
        return (reverse(page, args=[world["own"].reference]), reverse(page, args=[world["other"].reference]))
    if page in ("dashboard:index", "api:figures"):
        return reverse(page) + "?scope=GM0917&period=2023-H1", reverse(page) + "?scope=GM0882&period=2023-H1"
    if page == "forecast:index":
        return reverse(page) + "?scope=GM0917", reverse(page) + "?scope=GM0882"
    if page == "toeleiding:inbox":
        return reverse(page) + "?state=all", reverse(page) + "?state=all"
    if page == "api:request-list":
        return reverse(page), reverse(page)
    if page == "portal:index":
        return reverse(page), reverse(page)
    if page in SCENARIO_PAGES:
        return reverse(page, args=[world["scenario"].pk]), None
    if page in ("reports:run", "reports:download"):
        return reverse(page, args=[world["runs"]["GM0917"].pk]), reverse(page, args=[world["runs"]["GM0882"].pk])
    if page == "audit:client":
        return reverse(page, args=[world["own"].client.pseudonym]), None
    return reverse(page), None


def _out_of_scope_ok(page: str, response, world) -> bool:
    if page in ("toeleiding:detail", "portal:detail", "api:request-detail", "reports:run", "reports:download"):
        return response.status_code == 404
    if page in ("dashboard:index", "api:figures", "forecast:index"):
        return response.status_code == 403
    if page in ("toeleiding:inbox", "portal:index", "api:request-list"):
        html = response.content.decode()
        return response.status_code == 200 and world["other"].reference not in html
    raise AssertionError(f"no out-of-scope rule for {page}")


def test_every_page_for_every_role_in_and_out_of_scope(client, world) -> None:
    checked, mismatches = 0, []
    for page, rules in ACCESS.items():
        own_url, other_url = _urls(page, world)
        for role, user in world["users"].items():
            client.force_login(user)
            expected = rules.get(role, Access.DENY)
            response = client.get(own_url)
            want = 403 if expected == Access.DENY else 200
            if expected == Access.DENY and page == HOME and role in ROLE_HOME:
                want = 302  # the start page sends the role to its own start page
            if response.status_code != want:
                mismatches.append((page, role, "own", expected.value, response.status_code))
            checked += 1
            if other_url is None:
                continue
            response = client.get(other_url)
            if expected == Access.DENY:
                ok = response.status_code == want
            elif expected == Access.ALLOW:
                ok = response.status_code == 200 and (
                    page not in ("toeleiding:inbox", "api:request-list")
                    or world["other"].reference in response.content.decode()
                )
            else:
                ok = _out_of_scope_ok(page, response, world)
            if not ok:
                mismatches.append((page, role, "other", expected.value, response.status_code))
            checked += 1
    assert mismatches == []
    assert checked >= len(ACCESS) * len(Role)


def test_anonymous_and_roleless_users(client, world) -> None:
    for page in ACCESS:
        url, _other = _urls(page, world)
        response = client.get(url)
        if page.startswith("api:"):  # the API answers 401 and names its scheme; no login page
            assert response.status_code == 401 and response["WWW-Authenticate"] == "Token", page
            continue
        assert response.status_code == 302 and response["Location"].startswith("/login/"), page
    referrer = world["users"][Role.REFERRER]
    client.force_login(referrer)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("portal:index")
    client.force_login(UserFactory(is_staff=True))  # a staff flag without a role opens nothing
    for page in ACCESS:
        assert client.get(_urls(page, world)[0]).status_code == 403, page


def test_the_pages_for_every_signed_in_user(client, world) -> None:
    """The two-factor pages (AUTHENTICATED): every role opens them; without a device the
    code page sends to the set-up page. Anonymous users go to the login page, a user
    without a role gets 403 unless the staff flag asks them for a second factor."""
    assert {"two_factor:setup", "two_factor:verify"} == AUTHENTICATED
    setup, verify = reverse("two_factor:setup"), reverse("two_factor:verify")
    for page in AUTHENTICATED:
        response = client.get(reverse(page))
        assert response.status_code == 302 and response["Location"].startswith("/login/"), page
    for role, user in world["users"].items():
        client.force_login(user)
        assert client.get(setup).status_code == 200, role
        response = client.get(verify)
        assert response.status_code == 302 and response["Location"].startswith(setup + "?"), role
    client.force_login(UserFactory())
    assert client.get(setup).status_code == 403 and client.get(verify).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get(setup).status_code == 200
