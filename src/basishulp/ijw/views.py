"""Views for iJw messages: the controller's upload of start and stop messages (issue #6).

Thin: the form checks what was uploaded (:mod:`.forms`), the import service judges and
imports each message (:mod:`.services`: all-or-nothing per message, idempotent), the
page shows the outcome per file. The retour messages hold BSNs: they are kept as one
ZIP, encrypted with the BSN keys (``BASISHULP_BSN_KEYS``), in the session of the user
who uploaded them, and are served only to that user and never cached. A new upload
replaces them; logging out drops them.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.fernet import InvalidToken, MultiFernet

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from basishulp.accounts.selectors import can_import
from basishulp.audit.models import AccessLogEntry
from basishulp.audit.services import log_access
from basishulp.crypto import multi_fernet

from .cli import XSD_ENV
from .domain.codes import RETOUR_CODES
from .domain.xsd import SchemaError, Schemas, load_schemas
from .forms import MAX_FILES, MAX_MB, MessagesForm, UploadedMessage
from .services import MessageOutcome, import_messages, read_files

#: The session key of the retour messages of the latest upload.
SESSION_KEY = "ijw_retour"
RETOUR_FILENAME = "ijw-retourberichten.zip"
_BADGE = {"imported": "badge--good", "unchanged": "badge--neutral", "rejected": "badge--bad"}


def _schemas() -> Schemas | None:
    """The iJw schemas of ``settings.IJW_XSD_DIR``; ``None`` when it is not set (the XSD
    check is skipped). Raises :class:`SchemaError` when the directory cannot be used."""
    return load_schemas(settings.IJW_XSD_DIR) if settings.IJW_XSD_DIR else None


def _fernet() -> MultiFernet:
    return multi_fernet(list(settings.BSN_KEYS or []), "BASISHULP_BSN_KEYS", "the retour messages cannot be kept")


def _import(messages: Sequence[UploadedMessage], schemas: Schemas | None, request: HttpRequest) -> list[MessageOutcome]:
    """Write the messages to a private temporary directory, judge and import them; the
    outcomes in upload order, each named as uploaded."""
    with tempfile.TemporaryDirectory(prefix="basishulp-ijw-") as directory:
        names: dict[str, str] = {}
        for number, message in enumerate(messages, start=1):
            path = Path(directory) / f"{number:04d}.xml"
            path.write_bytes(message.data)
            names[str(path)] = message.name
        reports = read_files(list(names), schemas)
    order = {}
    for number, report in enumerate(reports):
        report.file = names[report.file]
        order[id(report)] = number
    outcomes = import_messages(reports, acting_user=request.user, request=request)
    return sorted(outcomes, key=lambda o: order[id(o.report)])


def _rows(outcomes: Sequence[MessageOutcome]) -> list[dict[str, Any]]:
    labels = {"imported": _("imported"), "unchanged": _("unchanged"), "rejected": _("refused")}
    rows = []
    for outcome in outcomes:
        row = outcome.as_json()
        row["status_label"] = labels[outcome.status]
        row["badge"] = _BADGE[outcome.status]
        row["retour"] = [(code, RETOUR_CODES.get(code, "")) for code in outcome.retour_codes]
        row["trajectories"] = list(dict.fromkeys(outcome.trajectories))
        rows.append(row)
    return rows


def _retour_name(file: str, used: set[str]) -> str:
    stem = PurePosixPath(file).stem or "bericht"
    name, number = f"retour_{stem}.xml", 1
    while name in used:
        number += 1
        name = f"retour_{stem}-{number}.xml"
    used.add(name)
    return name


def _keep_retours(request: HttpRequest, outcomes: Sequence[MessageOutcome]) -> int:
    """Keep the retour messages of ``outcomes`` for the download; returns how many."""
    request.session.pop(SESSION_KEY, None)
    retours = [(o.report.file, o.retour) for o in outcomes if o.retour is not None]
    if not retours:
        return 0
    buffer, used = io.BytesIO(), set[str]()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file, retour in retours:
            archive.writestr(_retour_name(file, used), retour)
    request.session[SESSION_KEY] = {
        "user": request.user.pk,
        "files": len(retours),
        "zip": _fernet().encrypt(buffer.getvalue()).decode(),
    }
    return len(retours)


def _page(request: HttpRequest, form: MessagesForm, **context: Any) -> HttpResponse:
    context.update(form=form, xsd_env=XSD_ENV, xsd_configured=bool(settings.IJW_XSD_DIR))
    context.update(max_files=MAX_FILES, max_mb=MAX_MB)
    return render(request, "ijw/upload.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Form to upload JW305/JW307 messages; shows per file what happened and offers the
    retour messages as a ZIP."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return _page(request, MessagesForm())
    form = MessagesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    try:
        schemas = _schemas()
    except SchemaError as exc:
        return _page(request, MessagesForm(), schema_error=str(exc))
    outcomes = _import(form.cleaned_data["files"], schemas, request)
    counts = {status: sum(o.status == status for o in outcomes) for status in _BADGE}
    return _page(
        request,
        MessagesForm(),
        rows=_rows(outcomes),
        counts=counts,
        xsd_checked=schemas is not None,
        retour_files=_keep_retours(request, outcomes),
    )


@login_required
@require_GET
def retour(request: HttpRequest) -> HttpResponse:
    """The retour messages of the user's latest upload as a ZIP (they hold BSNs: the
    download is written to the access log and never cached)."""
    if not can_import(request.user):
        raise PermissionDenied
    kept = request.session.get(SESSION_KEY)
    data = None
    if isinstance(kept, dict) and kept.get("user") == request.user.pk:
        try:
            data = _fernet().decrypt(str(kept.get("zip", "")).encode())
        except InvalidToken:
            data = None
    if data is None:
        return _page(request, MessagesForm(), nothing_to_download=True)
    log_access(request, AccessLogEntry.Event.EXPORT, subject=f"iJw retour messages ({kept['files']} files)")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{RETOUR_FILENAME}"'
    response["Cache-Control"] = "no-store"
    return response
