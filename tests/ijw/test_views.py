"""The controller's upload page for iJw start and stop messages (issue #6)."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from lxml import etree

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from basishulp.audit.models import AccessLogEntry
from basishulp.ijw.domain.writer import write_message
from basishulp.ijw.forms import MAX_FILES
from basishulp.ijw.models import ReceivedMessage
from basishulp.trajecten.models import CareUnit, ImportBatch, Municipality, Trajectory
from tests.factories import ProfileFactory

from . import build

pytestmark = pytest.mark.django_db

URL = reverse("ijw:upload")
RETOUR = reverse("ijw:retour")


@pytest.fixture
def provider(db):
    Municipality.objects.get_or_create(code="GM0917", defaults={"name": "Heerlen"})
    return CareUnit.objects.create(code="TESTZORG", name="Testzorg", kind=CareUnit.Kind.PROVIDER, agb_code=build.AGB)


@pytest.fixture
def controller_client(client):
    client.force_login(ProfileFactory(controller=True).user)
    return client


def xml(message=None, name: str | None = None) -> SimpleUploadedFile:
    message = message or build.start()
    return SimpleUploadedFile(
        name or f"{message.kind}_{message.identificatie}.xml", write_message(message), content_type="text/xml"
    )


def zipped(files: dict[str, bytes], name: str = "berichten.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in files.items():
            archive.writestr(entry, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def invalid_start():
    """Begins after its Dagtekening: TR134, a within-message rule (retour 0001)."""
    return build.start(build.start_product(begin="2025-04-01"), ident="ST-BAD")


def _stored() -> tuple[int, int]:
    return Trajectory.objects.count(), ReceivedMessage.objects.count()


def test_the_form_and_what_it_accepts(controller_client):
    response = controller_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert 'type="file"' in html and " multiple" in html and 'accept=".xml,.zip' in html
    assert 'id="empty-state"' in html and "JW305" in html and "JW307" in html and "500" in html
    assert response["Cache-Control"] == "no-store"
    assert f'href="{URL}"' in html  # the navigation link


def test_a_valid_start_becomes_a_trajectory_listed_on_the_page(controller_client, provider):
    response = controller_client.post(URL, {"files": [xml()]})
    assert response.status_code == 200
    trajectory = Trajectory.objects.get()
    assert trajectory.care_unit == provider and trajectory.municipality.code == "GM0917"
    html = response.content.decode()
    assert 'data-status="imported"' in html and "JW305_ST-0001.xml" in html
    assert trajectory.trajectory_id in html and "0200" in html
    assert 'id="retour-download"' in html
    assert ReceivedMessage.objects.get().filename == "JW305_ST-0001.xml"  # the name as uploaded
    batch = ImportBatch.objects.get()
    assert batch.imported_by.profile.role == "controller" and batch.filename == "JW305_ST-0001.xml"
    # the change of the client's record is in the access log, with the page as origin
    from basishulp.audit.models import AccessLogEntry

    (entry,) = AccessLogEntry.objects.filter(event="change")
    assert entry.client == trajectory.client.pseudonym and entry.origin.endswith(f"POST {URL}")
    # the same file again changes nothing
    again = controller_client.post(URL, {"files": [xml()]})
    assert 'data-status="unchanged"' in again.content.decode() and Trajectory.objects.count() == 1


def test_an_invalid_start_is_refused_and_nothing_is_stored(controller_client, provider):
    response = controller_client.post(URL, {"files": [xml(invalid_start())]})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="rejected"' in html and "JW305_ST-BAD.xml" in html
    assert "TR134" in html and "/Bericht/Client/StartProducten/StartProduct[1]" in html and "0001" in html
    assert _stored() == (0, 0)
    assert ImportBatch.objects.get().status == ImportBatch.Status.FAILED


def test_one_refused_message_does_not_stop_the_others(controller_client, provider):
    other = build.start(ident="ST-0002", bsn=build.BSN_B)
    response = controller_client.post(URL, {"files": [xml(invalid_start()), xml(other)]})
    html = response.content.decode()
    assert html.count('data-status="rejected"') == 1 and html.count('data-status="imported"') == 1
    assert _stored() == (1, 1)


def test_a_zip_of_messages(controller_client, provider):
    start, stop = build.start(), build.stop()
    upload = zipped(
        {
            "map/JW307_SP-0001.xml": write_message(stop),  # the stop first: the Dagtekening orders them
            "JW305_ST-0001.xml": write_message(start),
            "__MACOSX/._JW305_ST-0001.xml": b"\x00\x05\x16\x07",  # what a Mac adds: ignored
        }
    )
    response = controller_client.post(URL, {"files": [upload]})
    html = response.content.decode()
    assert html.count('data-status="imported"') == 2, html
    assert "berichten.zip/map/JW307_SP-0001.xml" in html and "berichten.zip/JW305_ST-0001.xml" in html
    trajectory = Trajectory.objects.get()
    assert trajectory.end_date is not None and trajectory.end_reason == "31"


@pytest.mark.parametrize(
    ("upload", "named"),
    [
        (SimpleUploadedFile("notities.txt", b"hello", content_type="text/plain"), "notities.txt"),
        (SimpleUploadedFile("kapot.zip", b"not a zip", content_type="application/zip"), "kapot.zip"),
        (SimpleUploadedFile("leeg.xml", b"", content_type="text/xml"), "leeg.xml"),
        (zipped({"JW305.xml": b"<x/>", "lees mij.pdf": b"%PDF"}), "berichten.zip/lees mij.pdf"),
        (zipped({}, name="leeg.zip"), "leeg.zip"),
    ],
)
def test_anything_but_xml_refuses_the_whole_upload_naming_the_file(controller_client, provider, upload, named):
    response = controller_client.post(URL, {"files": [xml(), upload]})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="upload-errors"' in html and named in html and 'id="result"' not in html
    assert _stored() == (0, 0) and ImportBatch.objects.count() == 0


def test_the_refusal_in_dutch_names_the_file(controller_client, provider):
    response = controller_client.post(
        URL, {"files": [SimpleUploadedFile("notities.txt", b"x")]}, headers={"accept-language": "nl"}
    )
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "notities.txt is geen XML- of ZIP-bestand: alleen .xml- en .zip-bestanden worden aangenomen." in html


def test_an_upload_without_files(controller_client):
    response = controller_client.post(URL, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="upload-errors"' in html and 'aria-invalid="true"' in html
    assert ImportBatch.objects.count() == 0


def test_the_limits(controller_client, provider, monkeypatch):
    too_many = zipped({f"m{n}.xml": b"<x/>" for n in range(MAX_FILES + 1)})
    response = controller_client.post(URL, {"files": [too_many]})
    assert 'id="upload-errors"' in response.content.decode() and str(MAX_FILES) in response.content.decode()
    monkeypatch.setattr("basishulp.ijw.forms.MAX_BYTES", 2000)
    bomb = zipped({"groot.xml": b" " * 100_000})  # small as uploaded, large unpacked
    assert bomb.size < 2000
    response = controller_client.post(URL, {"files": [bomb]})
    assert 'id="upload-errors"' in response.content.decode()
    assert _stored() == (0, 0) and ImportBatch.objects.count() == 0


def test_more_separate_files_than_allowed_get_the_form_message(controller_client, provider):
    files = [SimpleUploadedFile(f"m{n}.xml", b"<x/>") for n in range(MAX_FILES + 1)]
    response = controller_client.post(URL, {"files": files})
    assert response.status_code == 200 and 'id="upload-errors"' in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_the_xsd_note(controller_client, provider):
    with override_settings(IJW_XSD_DIR=""):
        html = controller_client.post(URL, {"files": [xml()]}).content.decode()
    assert 'id="xsd-note"' in html and "BASISHULP_IJW_XSD_DIR" in html


def test_a_schema_directory_that_cannot_be_used_imports_nothing(controller_client, provider, tmp_path):
    with override_settings(IJW_XSD_DIR=str(tmp_path / "nowhere")):
        html = controller_client.post(URL, {"files": [xml()]}).content.decode()
    assert 'id="schema-error"' in html and _stored() == (0, 0)


def test_the_retour_zip_is_for_the_uploader_only(controller_client, client, provider):
    refused = invalid_start()
    controller_client.post(URL, {"files": [xml(), xml(refused)]})
    response = controller_client.get(RETOUR)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == 'attachment; filename="ijw-retourberichten.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        retours = {name: etree.fromstring(archive.read(name)) for name in archive.namelist()}
    assert set(retours) == {"retour_JW305_ST-0001.xml", "retour_JW305_ST-BAD.xml"}
    codes = {name: [c.text for c in r.iter("{*}RetourCode")] for name, r in retours.items()}
    assert codes["retour_JW305_ST-BAD.xml"] == ["0001"] and set(codes["retour_JW305_ST-0001.xml"]) == {"0200"}
    client_element = retours["retour_JW305_ST-0001.xml"].find(".//{*}Client")
    assert build.BSN_A in etree.tostring(client_element).decode()  # why it is served with care
    entry = AccessLogEntry.objects.get(event="export")
    assert "retour" in entry.subject and build.BSN_A not in entry.subject
    # the session keeps it encrypted: no BSN in the stored session
    session = controller_client.session
    assert build.BSN_A not in str(dict(session))
    # another controller (another session) gets nothing
    client.force_login(ProfileFactory(controller=True).user)
    other = client.get(RETOUR)
    assert other.status_code == 200 and other["Content-Type"].startswith("text/html")
    assert 'id="nothing-to-download"' in other.content.decode()


def test_a_download_without_an_upload(controller_client):
    response = controller_client.get(RETOUR)
    assert response.status_code == 200 and 'id="nothing-to-download"' in response.content.decode()
    assert controller_client.post(RETOUR).status_code == 405


@pytest.mark.parametrize("traits", [{"gemeente": True}, {"verwijzer": True}, {"gebiedsmanager": True}, {}])
def test_other_roles_get_403(client, provider, traits):
    client.force_login(ProfileFactory(**traits).user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"files": [xml()]}).status_code == 403
    assert client.get(RETOUR).status_code == 403
    assert _stored() == (0, 0)


def test_anonymous_is_sent_to_login(client):
    for url in (URL, RETOUR):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_post_needs_the_csrf_token(provider):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(ProfileFactory(controller=True).user)
    assert csrf_client.post(URL, {"files": [xml()]}).status_code == 403
    assert _stored() == (0, 0)


def test_an_unknown_sender_shows_the_warning(controller_client, provider):
    message = dataclasses.replace(build.start(agb="11112222"), ontvanger="0363")
    html = controller_client.post(URL, {"files": [xml(message)]}).content.decode()
    assert 'data-status="imported"' in html and "issue--warning" in html and "AGB-11112222" in html
