"""The reports page (/rapportage/): the form, a run's progress page and the download, for a
JENS controller and for a municipality user (its own municipality's version only). The
runs are made inline here (``BASISHULP_REPORTS_INLINE``): the test database lives in a
transaction another thread cannot see; the browser test makes one in the background."""

from __future__ import annotations

import re

import pytest

from basishulp.accounts.models import Role
from basishulp.reports.models import ReportRun
from basishulp.trajecten.models import Municipality
from tests.factories import ProfileFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _inline(settings):
    settings.BASISHULP_REPORTS_INLINE = True
    settings.BASISHULP_REPORT_PATHS = 100


@pytest.fixture
def controller(demo, client):
    user = ProfileFactory(controller=True, user__username="ctrl-reports").user
    client.cookies["django_language"] = "nl"
    client.force_login(user)
    return client


@pytest.fixture
def landgraaf(demo, client):
    user = ProfileFactory(role=Role.MUNICIPALITY, municipality=Municipality.objects.get(code="GM0882")).user
    client.cookies["django_language"] = "nl"
    client.force_login(user)
    return client


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_controller_chooses_any_version_and_gets_the_report(controller) -> None:
    html = controller.get("/rapportage/").content.decode()
    assert _options(html, "scope") == ["HLV", "GM0917", "GM0882", "GM0986"]
    assert "2023-H1" in _options(html, "period") and "2023-Q2" not in _options(html, "period")
    response = controller.post(
        "/rapportage/", {"period": "2023-H1", "scope": "HLV", "format": "xlsx", "language": "nl"}
    )
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rapportage/{run.pk}/"
    assert run.status == ReportRun.Status.DONE and run.requested_by.username == "ctrl-reports" and run.source == "web"
    page = controller.get(f"/rapportage/{run.pk}/").content.decode()
    assert "Het rapport is klaar" in page and 'http-equiv="refresh"' not in page
    download = controller.get(f"/rapportage/{run.pk}/bestand/")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download["Content-Disposition"] == 'attachment; filename="rapportage-2023-H1-HLV.xlsx"'
    assert download.content[:2] == b"PK"
    run.refresh_from_db()
    assert run.downloads == 1


def test_asking_twice_gives_the_same_run(controller) -> None:
    form = {"period": "2023-H1", "scope": "GM0986", "format": "html", "language": "nl"}
    first = controller.post("/rapportage/", form)
    second = controller.post("/rapportage/", form, follow=True)
    assert ReportRun.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "eerder gemaakt op dezelfde gegevens" in second.content.decode()


def test_a_changed_register_makes_a_new_report(controller) -> None:
    from basishulp.registers.models import PeriodText

    form = {"period": "2023-H1", "scope": "HLV", "format": "html", "language": "nl"}
    controller.post("/rapportage/", form)
    text = PeriodText.objects.filter(period="2023-H1", kind="introduction", municipality=None).get()
    text.text = "Een nieuwe inleiding voor de raad."
    text.save()
    controller.post("/rapportage/", form)
    runs = list(ReportRun.objects.order_by("id"))
    assert len(runs) == 2 and runs[0].data_version != runs[1].data_version
    assert "Een nieuwe inleiding voor de raad." in bytes(runs[1].content).decode()


def test_a_bad_choice_is_refused_with_a_message(controller) -> None:
    response = controller.post("/rapportage/", {"period": "2023-Q2", "scope": "HLV", "format": "pdf", "language": "nl"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_the_municipality_makes_and_reads_only_its_own_version(landgraaf) -> None:
    html = landgraaf.get("/rapportage/").content.decode()
    assert _options(html, "scope") == ["GM0882"]
    refused = landgraaf.post(
        "/rapportage/", {"period": "2023-H1", "scope": "GM0917", "format": "pdf", "language": "nl"}
    )
    assert refused.status_code == 200 and not ReportRun.objects.exists()
    landgraaf.post("/rapportage/", {"period": "2023-H1", "scope": "GM0882", "format": "pdf", "language": "nl"})
    run = ReportRun.objects.get()
    # the PDF is scanned like every response to a municipality user (tests/disclosure_scan.py)
    download = landgraaf.get(f"/rapportage/{run.pk}/bestand/?inline=1")
    assert download["Content-Type"] == "application/pdf" and download.content[:5] == b"%PDF-"
    assert download["Content-Disposition"].startswith("inline;")
    heerlen = ReportRun.objects.create(period="2023-H1", scope="GM0917", format="pdf", data_version="x",
                                       status=ReportRun.Status.DONE, content=b"%PDF-", size=5)  # fmt: skip
    assert landgraaf.get(f"/rapportage/{heerlen.pk}/").status_code == 404
    assert landgraaf.get(f"/rapportage/{heerlen.pk}/bestand/").status_code == 404
    listed = landgraaf.get("/rapportage/").content.decode()
    assert f'data-run="{run.pk}"' in listed and f'data-run="{heerlen.pk}"' not in listed


def test_a_failed_run_says_why(controller) -> None:
    run = ReportRun.objects.create(period="2023-H1", scope="HLV", format="pdf", data_version="x",
                                   status=ReportRun.Status.FAILED, error="er zijn geen trajecten")  # fmt: skip
    page = controller.get(f"/rapportage/{run.pk}/").content.decode()
    assert "Het rapport kon niet worden gemaakt" in page and "er zijn geen trajecten" in page
    assert controller.get(f"/rapportage/{run.pk}/bestand/").status_code == 404


def test_a_running_run_shows_its_progress_and_refreshes(controller) -> None:
    run = ReportRun.objects.create(period="2023-H1", scope="HLV", format="pdf", data_version="x",
                                   status=ReportRun.Status.RUNNING, progress=40, step="Financiën")  # fmt: skip
    page = controller.get(f"/rapportage/{run.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page and '<progress id="progress" max="100" value="40">' in page
    assert "Financiën" in page


def test_an_interrupted_run_is_made_anew(controller) -> None:
    import datetime as dt

    from django.utils import timezone

    form = {"period": "2023-H1", "scope": "GM0986", "format": "html", "language": "nl"}
    controller.post("/rapportage/", form)
    first = ReportRun.objects.get()
    # as if the server stopped while making it, twenty minutes ago
    ReportRun.objects.filter(pk=first.pk).update(
        status=ReportRun.Status.RUNNING, created_at=timezone.now() - dt.timedelta(minutes=20)
    )
    controller.post("/rapportage/", form)
    first.refresh_from_db()
    assert first.status == ReportRun.Status.FAILED and "onderbroken" in first.error
    assert ReportRun.objects.filter(status=ReportRun.Status.DONE).exclude(pk=first.pk).count() == 1
