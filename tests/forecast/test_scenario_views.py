"""The scenario pages (issue #7): /prognose/scenarios/ (the list and the form to add one),
the comparison, editing, deleting and downloading a scenario.

Data: the demo data of :mod:`tests.forecast.scenario_data`, loaded once for the module.
The comparison is computed with :data:`PATHS` simulated futures (the page's default is
1000) and compared with :func:`basishulp.forecast.scenarios.compare` called directly:
both use the same seed, so the figures are the same.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from basishulp.forecast import pages, scenario_pages
from basishulp.forecast.domain.scenario import ScenarioError, parse_scenario
from basishulp.forecast.models import Scenario
from tests.dashboard.htmltables import table_rows
from tests.factories import MunicipalityFactory, ProfileFactory

from .scenario_data import demo_database

PATHS = 100
LIST_URL = "/prognose/scenarios/"
HEAD = 'name = "Lockdown rebound"\ndescription = "55 extra journeys a month, as after 2020."\ncutoff = 2023-06-30\n'
SHOCK = '\n[[changes]]\nkind = "inflow_shock"\nextra_per_month = 55\nfrom = "2023-09"\nmonths = 4\n'
EXIT_AND_CAP = (
    '\n[[changes]]\nkind = "member_exit"\nmember = "XONAR"\nyear = 2025\nexit_fee = 250000\n'
    '\n[[changes]]\nkind = "cap_at_norm"\n'
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker):
        yield


@pytest.fixture(autouse=True)
def _fast_and_fresh(monkeypatch):
    monkeypatch.setattr(scenario_pages, "SCENARIO_PATHS", PATHS)
    monkeypatch.setattr(pages, "FORECAST_PATHS", PATHS)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def controller(demo, db):
    return ProfileFactory(controller=True, user__username="ctrl-scenarios").user


@pytest.fixture
def nl(client, controller):
    client.cookies["django_language"] = "nl"
    client.force_login(controller)
    return client


def _dutch(value) -> str:
    """Whole number, half up, Dutch grouping (independent of the page's filters)."""
    n = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", ".")


def _signed(value: int) -> str:
    return ("+" if value > 0 else "") + _dutch(value)


def _first(cell: str) -> str:
    """The figure of a cell without the 80% range after it."""
    return cell.split(" ")[0]


def _textarea(html: str) -> str:
    import html as htmllib

    return htmllib.unescape(re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", html, re.S).group(1))


def _save(text: str, user=None) -> Scenario:
    from basishulp.forecast.scenarios import save_scenario

    return save_scenario(text, user)


# ---------------------------------------------------------------------- the list and adding


def test_the_empty_list_explains_a_scenario_and_the_form_starts_with_an_example(nl):
    response = nl.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="scenarios-empty"' in html and 'href="#scenario-form"' in html
    assert 'id="scenario-list"' not in html
    example = _textarea(html)
    # the example is an inflow shock from the latest month end of the data (31 December 2023)
    spec = parse_scenario(example)
    assert spec.cutoff.isoformat() == "2023-12-31"
    assert [c.kind for c in spec.changes] == ["inflow_shock"]
    assert example.startswith("# ") and 'from = "2024-03"' in example
    assert "2020" in spec.description
    # and it saves as it is
    response = nl.post(LIST_URL, {"toml": example})
    assert response.status_code == 302
    assert Scenario.objects.get().toml == example


def test_a_valid_scenario_is_saved_and_the_comparison_shows_base_scenario_and_difference(nl, controller):
    from basishulp.forecast.scenarios import compare

    response = nl.post(LIST_URL, {"toml": HEAD + SHOCK})
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/prognose/scenarios/{scenario.pk}/"
    assert (scenario.name, scenario.created_by, scenario.toml) == ("Lockdown rebound", controller, HEAD + SHOCK)

    response = nl.get(response["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "is opgeslagen" in html or "is saved" in html  # the message after saving
    assert "<h1>Lockdown rebound" in html and "55 extra journeys a month, as after 2020." in html
    assert len(re.findall(r"<li>", re.search(r'id="scenario-changes">(.*?)</ul>', html, re.S).group(1))) == 1

    result = compare(parse_scenario(HEAD + SHOCK), paths=PATHS)
    rows = {r["year"]: r for r in result.rows()}
    assert list(rows) == [2023, 2024, 2025, 2026, 2027]
    for key in ("average_clients", "client_norm", "unit_cost", "costs", "lump_sum", "result"):
        table = table_rows(html, f"scenario-{key}")
        assert len(table[0]) == 4 and len(table) == 6, key  # year, base, scenario, difference
        for row in table[1:]:
            year = int(row[0][:4])
            base, scenario_value = rows[year]["base"][key], rows[year]["scenario"][key]
            assert _first(row[1]) == _dutch(base), (key, year)
            assert _first(row[2]) == _dutch(scenario_value), (key, year)
            assert row[3] == _signed(scenario_value - base), (key, year)
    # the difference of the page is that of the comparison computed directly
    costs = {int(r[0][:4]): r[3] for r in table_rows(html, "scenario-costs")[1:]}
    assert costs == {d["year"]: _signed(d["costs"]) for d in result.difference()}
    assert costs[2024] != "0"  # the shock has an effect
    # no exit fees or waiting in this scenario
    assert 'id="scenario-exit_fees"' not in html and 'id="scenario-waiting_client_months"' not in html

    # the chart: the realised months, the base and the scenario, each with a band
    svg = re.search(r'<svg[^>]*id="chart-scenario".*?</svg>', html, re.S).group(0)
    assert svg.count('class="band band-band80"') == 1  # the base's 80% band, shaded
    assert svg.count('class="line line-scenario-high80"') == 1 and svg.count('class="line line-scenario-low80"') == 1
    assert svg.count('class="point point-median"') == len(result.base.forecast.months)
    assert svg.count('class="point point-scenario"') == len(result.scenario.forecast.months)
    assert svg.count('class="point point-history"') == scenario_pages.HISTORY_MONTHS
    assert "<title" in svg and "<desc" in svg
    months = table_rows(html, "scenario-months")[1:]
    assert len(months) == scenario_pages.HISTORY_MONTHS + len(result.base.forecast.months)
    first = months[scenario_pages.HISTORY_MONTHS]
    b, s = result.base.forecast.months[0], result.scenario.forecast.months[0]
    assert first[2] == _dutch(b.in_care) and first[4] == _dutch(s.in_care)
    # the notes of the computation and the download link
    for note in result.scenario.assumptions:
        assert note[1:] in html, note
    assert f'href="/prognose/scenarios/{scenario.pk}/bestand.toml"' in html


def test_exit_fees_and_waiting_client_months_are_shown_when_the_scenario_has_them(nl):
    from basishulp.forecast.scenarios import compare

    scenario = _save(HEAD + EXIT_AND_CAP)
    html = nl.get(f"/prognose/scenarios/{scenario.pk}/").content.decode()
    result = compare(scenario, paths=PATHS)
    years = {y["year"]: y for y in result.scenario_json()["years"]}
    fees = table_rows(html, "scenario-exit_fees")
    assert len(fees[0]) == 2  # year and scenario only
    assert {int(r[0][:4]): r[1] for r in fees[1:]} == {y: _dutch(v["exit_fees"]) for y, v in years.items()}
    assert {int(r[0][:4]): r[1] for r in fees[1:]}[2025] == "250.000"
    waiting = table_rows(html, "scenario-waiting_client_months")
    assert {int(r[0][:4]): r[1] for r in waiting[1:]} == {
        y: _dutch(v["waiting_client_months"]) for y, v in years.items()
    }
    assert "Xonar" in re.search(r'id="scenario-changes">(.*?)</ul>', html, re.S).group(1)


def test_an_uploaded_file_takes_the_place_of_the_text(nl):
    upload = SimpleUploadedFile("shock.toml", (HEAD + SHOCK).encode(), content_type="application/toml")
    response = nl.post(LIST_URL, {"toml": "ignored", "file": upload})
    assert response.status_code == 302
    assert Scenario.objects.get().toml == HEAD + SHOCK


def test_an_invalid_scenario_lists_every_problem_with_its_line_and_saves_nothing(nl):
    text = (
        'name = "Bad"\ncutoff = 2023-06-30\n'  # no description
        '\n[[changes]]\nkind = "inflow_shock"\nextra_per_month = 55\nfrom = "2023-09"\nmonths = 0\n'
        '\n[[changes]]\nkind = "tarif"\npercent = 5\n'
    )
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text)
    expected = info.value.problems
    assert len(expected) >= 3

    response = nl.post(LIST_URL, {"toml": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert Scenario.objects.count() == 0
    shown = table_rows(html, "scenario-problem-table")[1:]
    assert shown == [["–" if p.line is None else str(p.line), p.field or "–", p.message] for p in expected]
    assert {p.line for p in expected} >= {8, 11}  # months = 0, the unknown kind
    assert _textarea(html) == text  # shown again, to correct


def test_a_problem_only_the_database_shows_is_listed_too(nl):
    text = HEAD + '\n[[changes]]\nkind = "index"\nseries = "CBS"\n'
    html = nl.post(LIST_URL, {"toml": text}).content.decode()
    shown = table_rows(html, "scenario-problem-table")[1:]
    assert len(shown) == 1 and shown[0][:2] == ["7", "changes[1].series"]
    assert "there is no index series 'CBS'" in shown[0][2]
    assert Scenario.objects.count() == 0


def test_an_empty_form_or_a_file_that_is_not_text_saves_nothing(nl):
    html = nl.post(LIST_URL, {"toml": "  \n"}).content.decode()
    assert 'class="alert alert--error"' in html and Scenario.objects.count() == 0
    upload = SimpleUploadedFile("x.toml", b"\xff\xfe\x00bad", content_type="application/toml")
    html = nl.post(LIST_URL, {"file": upload}).content.decode()
    assert 'class="field-error"' in html and Scenario.objects.count() == 0


def test_the_list_shows_the_saved_scenarios_with_their_changes_in_words_and_who_saved_them(nl, controller):
    _save(HEAD + SHOCK, controller)
    html = nl.get(LIST_URL).content.decode()
    rows = table_rows(html, "scenario-list")
    assert len(rows) == 2 and 'id="scenarios-empty"' not in html
    name, description, changes, saved, _actions = rows[1]
    assert name.startswith("Lockdown rebound") and "HLV" in name
    assert description == "55 extra journeys a month, as after 2020."
    assert "55" in changes and "2023-09" in changes
    assert saved.startswith("ctrl-scenarios")
    # the add form is there too, with the example
    assert "inflow_shock" in _textarea(html)


# ---------------------------------------------------------------------- edit, delete, download


def test_editing_replaces_the_file_and_the_comparison_follows(nl, controller):
    scenario = _save(HEAD + SHOCK, controller)
    url = f"/prognose/scenarios/{scenario.pk}/"
    before = nl.get(url).content.decode()
    edit = nl.get(url + "bewerken/")
    assert edit.status_code == 200 and _textarea(edit.content.decode()) == HEAD + SHOCK

    # a problem: shown with its line, nothing changes
    bad = (HEAD + SHOCK).replace("months = 4", "months = 99")
    html = nl.post(url + "bewerken/", {"toml": bad}).content.decode()
    assert table_rows(html, "scenario-problem-table")[1][:2] == ["9", "changes[1].months"]
    scenario.refresh_from_db()
    assert scenario.toml == HEAD + SHOCK

    text = (
        (HEAD + SHOCK)
        .replace("extra_per_month = 55", "extra_per_month = 110")
        .replace('"Lockdown rebound"', '"Twice the rebound"')
    )
    response = nl.post(url + "bewerken/", {"toml": text})
    assert response.status_code == 302 and response["Location"] == url
    scenario.refresh_from_db()
    assert (scenario.name, scenario.toml, scenario.created_by) == ("Twice the rebound", text, controller)
    after = nl.get(url).content.decode()  # not the cached page of the old file
    assert "<h1>Twice the rebound" in after
    old = {r[0]: r[3] for r in table_rows(before, "scenario-average_clients")[1:]}
    new = {r[0]: r[3] for r in table_rows(after, "scenario-average_clients")[1:]}
    assert old != new


def test_deleting_asks_first_and_then_deletes(nl):
    scenario = _save(HEAD + SHOCK)
    url = f"/prognose/scenarios/{scenario.pk}/verwijderen/"
    response = nl.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "Lockdown rebound" in html
    assert re.search(r'<form method="post" action="' + url, html)
    assert Scenario.objects.filter(pk=scenario.pk).exists()  # a GET deletes nothing

    response = nl.post(url)
    assert response.status_code == 302 and response["Location"] == LIST_URL
    assert not Scenario.objects.filter(pk=scenario.pk).exists()
    assert nl.get(f"/prognose/scenarios/{scenario.pk}/").status_code == 404
    html = nl.get(LIST_URL).content.decode()
    assert 'id="scenarios-empty"' in html


def test_the_scenario_file_can_be_downloaded_as_saved(nl):
    scenario = _save(HEAD + SHOCK)
    response = nl.get(f"/prognose/scenarios/{scenario.pk}/bestand.toml")
    assert response.status_code == 200
    assert response.content.decode() == HEAD + SHOCK
    assert response["Content-Type"] == "application/toml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lockdown-rebound.toml"'


# ---------------------------------------------------------------------- cache, errors, access


def test_the_comparison_is_computed_once_per_change(nl, monkeypatch):
    from basishulp.forecast import scenarios

    calls = []
    original = scenarios.compare

    def counting(*args, **kwargs):
        calls.append(kwargs.get("paths"))
        return original(*args, **kwargs)

    monkeypatch.setattr(scenario_pages, "compare", counting)
    scenario = _save(HEAD + SHOCK)
    url = f"/prognose/scenarios/{scenario.pk}/"
    first = nl.get(url).content.decode()
    second = nl.get(url).content.decode()
    assert calls == [PATHS]
    assert table_rows(first, "scenario-costs") == table_rows(second, "scenario-costs")
    scenario.save()  # a new updated_at: computed again
    nl.get(url)
    assert calls == [PATHS, PATHS]


def test_a_scenario_the_database_no_longer_allows_shows_its_problems(nl):
    scenario = Scenario.objects.create(
        name="Old index", description="d", toml=HEAD + '\n[[changes]]\nkind = "index"\nseries = "CBS"\n'
    )
    response = nl.get(f"/prognose/scenarios/{scenario.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    error = re.search(r'id="scenario-error">(.*?)</div>', html, re.S).group(1)
    assert "changes[1].series" in error and "CBS" in error
    assert 'id="chart-scenario"' not in html
    assert f'href="/prognose/scenarios/{scenario.pk}/bewerken/"' in html


def test_municipalities_and_other_roles_cannot_open_or_post_the_scenario_pages(client, demo, db):
    scenario = _save(HEAD + SHOCK)
    municipality = MunicipalityFactory(code="GM0882", name="Landgraaf")
    users = [
        ProfileFactory(gemeente=True, municipality=municipality, user__username="gem-lgf").user,
        ProfileFactory(user__username="intake-x").user,
    ]
    urls = [
        LIST_URL,
        f"/prognose/scenarios/{scenario.pk}/",
        f"/prognose/scenarios/{scenario.pk}/bewerken/",
        f"/prognose/scenarios/{scenario.pk}/verwijderen/",
        f"/prognose/scenarios/{scenario.pk}/bestand.toml",
    ]
    for user in users:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        assert client.post(LIST_URL, {"toml": HEAD.replace("Lockdown", "Other") + SHOCK}).status_code == 403
        assert client.post(urls[3]).status_code == 403
    assert list(Scenario.objects.values_list("name", flat=True)) == ["Lockdown rebound"]


def test_the_forecast_page_links_to_the_scenarios_for_controllers_only(nl, client):
    html = nl.get("/prognose/").content.decode()
    assert f'href="{LIST_URL}"' in html
    municipality = MunicipalityFactory(code="GM0882", name="Landgraaf")
    client.force_login(ProfileFactory(gemeente=True, municipality=municipality, user__username="gem-l2").user)
    html = client.get("/prognose/").content.decode()
    assert f'href="{LIST_URL}"' not in html


def test_the_assumptions_keep_their_paragraphs_and_lose_the_editors_line_breaks():
    from basishulp.forecast.templatetags.forecast_ui import paragraphs

    text = "\nAfter the lockdowns\nthe inflow rose.\n\n  A second <paragraph>.\n"
    assert paragraphs(text) == "<p>After the lockdowns the inflow rose.</p><p>A second &lt;paragraph&gt;.</p>"
    assert paragraphs("") == ""
