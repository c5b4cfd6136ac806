"""The comparisons page and its uploads: who may open them, all-or-nothing uploads."""

from __future__ import annotations

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from basishulp.comparisons.models import CbsFigure, PublishedFigure
from basishulp.comparisons.source_data import SAMPLE_CBS_FILE, load_demo_benchmark, load_demo_published

pytestmark = pytest.mark.django_db

INDEX, UPLOAD = reverse("comparisons:index"), reverse("comparisons:upload")
PUBLISHED = "bron;periode;gebied;maat;waarde\nRapport 2022;2022;HLV;begin;2.565\nRapport 2022;2022;HLV;end;2.482\n"


def _csv(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_page_for_a_controller(client_nl, users, tiny_data):
    load_demo_published()
    load_demo_benchmark()
    client_nl.force_login(users["controller"])
    response = client_nl.get(INDEX, {"period": "2023-H1", "year": "2023"})
    assert response.status_code == 200
    html = response.content.decode()
    for table_id in ("reconciliation-table", "reconciliation_checks-table", "benchmark-table"):
        assert f'id="{table_id}"' in html
    assert "2.306 + 1.530 = 3.836" in html and "klopt niet" in html
    assert "<svg" in html and "Zuid-Limburg (CR)" in html
    assert 'action="/vergelijking/inlezen/"' in html and "csrfmiddlewaretoken" in html


def test_the_page_without_any_data(client_nl, users):
    client_nl.force_login(users["administrator"])
    response = client_nl.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voor deze periode en eerdere perioden zijn geen cijfers gepubliceerd." in html
    assert "Er zijn nog geen CBS-cijfers" in html
    assert 'id="published-upload"' not in html  # uploads are for controllers only


def test_a_bad_period_falls_back_with_a_message(client_nl, users):
    load_demo_published()
    client_nl.force_login(users["area_manager"])
    response = client_nl.get(INDEX, {"period": "2023-H7", "year": "twee"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "is geen periode" in html and "is geen jaar" in html
    assert '<option value="2023-H1" selected>' in html  # the latest published period


def test_municipalities_and_other_roles_are_refused(client, users):
    for role in ("municipality", "intake"):
        client.force_login(users[role])
        assert client.get(INDEX).status_code == 403, role
        assert client.post(UPLOAD, {"kind": "cbs"}).status_code == 403, role
    client.force_login(users["administrator"])
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"kind": "published", "published-file": _csv("p.csv", PUBLISHED)}).status_code == 403
    assert PublishedFigure.objects.count() == 0


def test_uploading_published_figures(client_nl, users):
    client_nl.force_login(users["controller"])
    assert client_nl.get(UPLOAD).status_code == 200
    response = client_nl.post(
        UPLOAD, {"kind": "published", "published-file": _csv("rapport.csv", PUBLISHED)}, follow=True
    )
    assert response.redirect_chain == [(INDEX, 302)]
    assert "rapport.csv ingelezen: 2 nieuw, 0 gewijzigd, 0 ongewijzigd." in response.content.decode()
    assert PublishedFigure.objects.count() == 2


def test_a_bad_upload_lists_every_error_and_stores_nothing(client_nl, users):
    client_nl.force_login(users["controller"])
    text = PUBLISHED + "Rapport 2022;2022;Maastricht;end;1\n"
    response = client_nl.post(UPLOAD, {"kind": "published", "published-file": _csv("fout.csv", text)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "fout.csv is niet geïmporteerd: 1 fout" in html
    assert '<td>fout.csv</td><td class="num">4</td><td>scope</td>' in html
    assert PublishedFigure.objects.count() == 0


def test_uploading_a_cbs_export(client_nl, users):
    client_nl.force_login(users["controller"])
    upload = _csv("statline.csv", SAMPLE_CBS_FILE.read_text(encoding="utf-8"))
    response = client_nl.post(UPLOAD, {"kind": "cbs", "cbs-file": upload, "cbs-source": "CBS 85099NED, mei 2024"})
    assert response.status_code == 302
    assert CbsFigure.objects.count() == 15
    assert set(CbsFigure.objects.values_list("source", flat=True)) == {"CBS 85099NED, mei 2024"}
    bad = _csv("leeg.csv", "")
    response = client_nl.post(UPLOAD, {"kind": "cbs", "cbs-file": bad})
    assert response.status_code == 200  # the form: an empty file is no file
    response = client_nl.post(UPLOAD, {"kind": "other"})
    assert "Kies een van de twee formulieren." in response.content.decode()
