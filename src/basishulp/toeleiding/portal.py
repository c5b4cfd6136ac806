"""The referrer portal ("verwijzersportaal", issue #5): referrers submit help requests
and follow their own, and nothing else.

A referrer (GP practice, youth doctor, municipal access team, GI, school) logs in with
an account of their own; the request carries the referrer type and organisation of
that account. They see only the requests they submitted, and of those only what a
referrer needs: the reference, the date, their own question, a coarse status and the
feedback written for them. Never the triage, the family plan, the contact person, the
analysis report or where the care takes place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters

from basishulp.accounts.models import Role
from basishulp.accounts.selectors import profile_of, role_of
from basishulp.audit.models import AccessLogEntry
from basishulp.audit.services import log_access
from basishulp.trajecten.models import Municipality

from .domain.workflow import State
from .models import HelpRequest
from .services import RequestError, receive
from .views import visible_or_404

Event = AccessLogEntry.Event

__all__ = ["PORTAL_STATUS", "portal_detail", "portal_index", "portal_new", "referrer_requests"]

#: The status a referrer sees: coarser than the workflow's, and nothing about the care.
PORTAL_STATUS: dict[str, Any] = {
    State.RECEIVED: gettext_lazy("received"),
    State.DISPATCHED: gettext_lazy("being handled"),
    State.CLARIFYING: gettext_lazy("being handled"),
    State.TRIAGED: gettext_lazy("being handled"),
    State.MATCHED: gettext_lazy("care is being arranged"),
    State.WAITING: gettext_lazy("care is being arranged"),
    State.STARTED: gettext_lazy("care has started"),
    State.FEEDBACK_SENT: gettext_lazy("feedback given"),
    State.CLOSED: gettext_lazy("feedback given"),
    State.WITHDRAWN: gettext_lazy("withdrawn"),
}


def referrer_requests(user: Any) -> QuerySet[HelpRequest]:
    """The requests ``user`` submitted through the portal (none for other roles)."""
    if role_of(user) != Role.REFERRER:
        return HelpRequest.objects.none()
    return HelpRequest.objects.filter(submitted_by=user).select_related("municipality", "client")


class PortalRequestForm(forms.Form):
    bsn = forms.CharField(
        label=gettext_lazy("BSN of the child"), max_length=20,
        help_text=gettext_lazy("Checked with the 11-proef; stored encrypted."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )  # fmt: skip
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("municipality where the child lives"), queryset=Municipality.objects.all()
    )
    question = forms.CharField(
        label=gettext_lazy("question"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("What is going on, and what help is asked for."),
    )  # fmt: skip
    urgency = forms.ChoiceField(label=gettext_lazy("urgency"), choices=HelpRequest.Urgency.choices)


def _feedback_visible(request: HelpRequest) -> bool:
    return request.state in (State.FEEDBACK_SENT, State.CLOSED) and bool(request.feedback)


def portal_index(request: HttpRequest) -> HttpResponse:
    rows = [
        {"request": r, "status": PORTAL_STATUS[State(r.state)], "feedback": _feedback_visible(r)}
        for r in referrer_requests(request.user).order_by("-received_on", "-id")
    ]
    return render(request, "portal/index.html", {"rows": rows})


@sensitive_post_parameters("bsn")
def portal_new(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    assert profile is not None  # the access table lets referrers only
    form = PortalRequestForm(request.POST or None)
    errors: list[str] = []
    if not profile.referrer_type:
        errors.append(_("Your account has no referrer type yet; ask the administrator to set it."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = receive(
                received_on=timezone.localdate(), referrer_type=profile.referrer_type,
                referrer_organisation=profile.organisation, municipality=data["municipality"],
                client_pseudonym="", bsn=data["bsn"], question=data["question"], urgency=data["urgency"],
                user=request.user, submitted_by=request.user,
            )  # fmt: skip
        except RequestError as exc:
            errors = exc.messages
        else:
            log_access(
                request, Event.CREATE, client=created.client.pseudonym, subject=f"help request {created.reference}"
            )
            messages.success(request, _("Your referral %(ref)s has been received.") % {"ref": created.reference})
            return redirect("portal:detail", reference=created.reference)
    return render(request, "portal/new.html", {"form": form, "errors": errors, "profile": profile})


def portal_detail(request: HttpRequest, reference: str) -> HttpResponse:
    help_request = visible_or_404(request, referrer_requests(request.user), reference)
    log_access(request, Event.VIEW, client=help_request.client.pseudonym, subject=f"help request {reference}")
    feedback_on = None
    if _feedback_visible(help_request):
        event = help_request.events.filter(to_state=State.FEEDBACK_SENT).order_by("-occurred_on").first()
        feedback_on = event.occurred_on if event else None
    context = {
        "req": help_request, "status": PORTAL_STATUS[State(help_request.state)],
        "feedback": help_request.feedback if _feedback_visible(help_request) else "", "feedback_on": feedback_on,
    }  # fmt: skip
    return render(request, "portal/detail.html", context)
