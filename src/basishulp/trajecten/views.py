"""Views for trajectories: the controller's upload of a trajectories file."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    return render(request, "trajecten/import.html", {})
