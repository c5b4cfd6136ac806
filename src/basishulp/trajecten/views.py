"""Views for trajectories: the controller's upload of a trajectories file."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from basishulp.accounts.selectors import can_import

from . import selectors, services
from .domain.csvfile import TrajectoryFileError
from .forms import ImportForm


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Form to upload ``trajectories.csv``; shows the counts, or every error with line and column."""
    if not can_import(request.user):
        raise PermissionDenied
    context: dict[str, Any] = {}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            filename = os.path.basename(upload.name or "upload.csv")
            tmp = tempfile.NamedTemporaryFile(prefix="basishulp-import-", suffix=".csv", delete=False)  # noqa: SIM115
            try:
                with tmp:
                    for chunk in upload.chunks():
                        tmp.write(chunk)
                try:
                    context["batch"] = services.trajectories_import(
                        path=tmp.name, filename=filename, acting_user=request.user
                    )
                except TrajectoryFileError as exc:
                    context["filename"] = filename
                    context["errors"] = exc.errors
            finally:
                os.unlink(tmp.name)
            form = ImportForm()
    else:
        form = ImportForm()
    context["form"] = form
    context["latest"] = selectors.latest_import()
    return render(request, "trajecten/import.html", context)
