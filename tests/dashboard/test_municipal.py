"""The municipality's figures (issue #5): aggregates under disclosure control only."""

from __future__ import annotations

import re

import pytest

from basishulp.dashboard.municipal import build_municipal_figures, cells
from basishulp.kpi.domain.disclosure import Cell

from .conftest import HEERLEN, LANDGRAAF
from .htmltables import table_dict

pytestmark = pytest.mark.django_db


def _get(client, user, query=""):
    client.force_login(user)
    return client.get(f"/{query}")


def test_a_municipality_gets_protected_figures_of_its_own_municipality(client_nl, heerlen_user, small_data):
    response = _get(client_nl, heerlen_user, "?period=2023-H1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cijfers voor de gemeente" in html and 'id="flow-table"' not in html  # not the JENS dashboard
    flows = table_dict(html, "m-flows")
    # the small test data have 2 clients of Heerlen flowing in: far below 8
    assert flows["Instroom"][0] == "<8"
    for value in re.findall(r'<data class="count" value="(\d+)"', html):
        assert int(value) % 5 == 0 and int(value) >= 10
    options = re.findall(r'<option value="(GM\d{4}|HLV)"', html)
    assert options == ["HLV", HEERLEN]


@pytest.mark.parametrize("scope", [LANDGRAAF, "GM9999", "x"])
def test_another_municipality_is_refused(client_nl, heerlen_user, small_data, scope):
    assert _get(client_nl, heerlen_user, f"?scope={scope}").status_code == 403


@pytest.mark.parametrize(
    "query",
    ["?period=2023-05", "?from=2023-01-01&to=2023-06-29", "?period=2023-01-01..2023-06-29", "?period=nonsense"],
)
def test_only_fixed_periods_can_be_chosen(client_nl, heerlen_user, small_data, query):
    html = _get(client_nl, heerlen_user, query).content.decode()
    assert "kunnen gemeenten niet kiezen" in html or "geen eigen data" in html
    assert 'name="from"' not in html and 'value="2023-05"' not in html


def test_same_question_same_answer_and_other_key_other_noise(heerlen_user, small_data):
    first = build_municipal_figures(heerlen_user, {"period": "2023"}, key=b"k1")
    again = build_municipal_figures(heerlen_user, {"period": "2023"}, key=b"k1")
    assert [v for *_r, v in cells(first)] == [v for *_r, v in cells(again)]
    for *_where, value in cells(first):
        assert not isinstance(value, int) or isinstance(value, bool) is False


def test_every_count_is_published_or_suppressed(heerlen_user, small_data):
    figures = build_municipal_figures(heerlen_user, {"period": "2023-H1"})
    kinds = {}
    for table_id, row, i, value in cells(figures):
        kinds.setdefault(row.kinds[i], 0)
        kinds[row.kinds[i]] += 1
        if row.kinds[i] == "count":
            assert value is None or isinstance(value, Cell)
            if isinstance(value, Cell) and value.value is not None:
                assert value.value % 5 == 0 and value.value >= 10, (table_id, row.key)
    assert kinds["count"] > 20


@pytest.mark.parametrize("period", ["2023-H1", "2019"])  # with and without help requests
def test_the_rows_do_not_depend_on_the_data(heerlen_user, small_data, period):
    """A row that appears only where a category occurs would tell that it occurred."""
    figures = build_municipal_figures(heerlen_user, {"period": period})
    referrers = [row.key for t, row, i, _v in cells(figures) if t == "m-referrers" and i == 0]
    assert referrers == ["01", "02", "03", "04", "05", "06", "08", "other"]


def test_the_top_providers_are_chosen_on_published_figures(heerlen_user, small_data):
    # the small data have a handful of clients: no provider reaches a published figure,
    # so none is listed (the true top would have listed the providers that have clients)
    figures = build_municipal_figures(heerlen_user, {"period": "2023"})
    rows = [row for t, row, i, _v in cells(figures) if t == "m-providers" and i == 0]
    assert rows == []


def test_the_top_providers_on_larger_data(db, heerlen_user):
    from basishulp.trajecten.models import CareUnit
    from basishulp.trajecten.services import trajectories_import

    from .conftest import _rec

    sizes = {"P1": 90, "P2": 70, "P3": 60, "P4": 50, "P5": 45, "P6": 40, "P7": 35, "P8": 30, "P9": 1}
    for code in sizes:
        CareUnit.objects.create(code=code, name=f"Aanbieder {code}", kind=CareUnit.Kind.PROVIDER)
    records = [
        _rec(f"T-{code}-{i}", f"c-{code}-{i}", HEERLEN, code, "K3", "2023-02-01", "2023-05-01", "31")
        for code, n in sizes.items()
        for i in range(n)
    ]
    trajectories_import(records=records, filename="providers.csv")
    figures = build_municipal_figures(heerlen_user, {"period": "2023-H1"})
    listed = [(row.key, v.value) for t, row, i, v in cells(figures) if t == "m-providers" and i == 0]
    assert len(listed) == 7
    values = [v for _name, v in listed]
    assert all(v is not None and v >= 10 for v in values) and values == sorted(values, reverse=True)
    assert "Aanbieder P9" not in {name for name, _v in listed}
    assert {"Aanbieder P1", "Aanbieder P2"} <= {name for name, _v in listed}
