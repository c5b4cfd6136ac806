"""Writes of help requests: receive, record the first contact, change facts, move
through the workflow. Every write appends a :class:`~.models.HelpRequestEvent` in the
same transaction; an illegal transition raises :class:`~.domain.workflow.TransitionError`
with every reason, and nothing is stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from basishulp.trajecten import bsn as bsn_tools
from basishulp.trajecten.domain.csvfile import is_bsn
from basishulp.trajecten.domain.reference import REFERRER_TYPES
from basishulp.trajecten.models import Area, CareUnit, Client, Municipality

from .domain.workflow import (
    CareType,
    MatchTarget,
    Problem,
    RequestFacts,
    State,
    TransitionError,
    Triage,
    WaitReason,
    check,
)
from .models import HelpRequest, HelpRequestEvent

__all__ = [
    "FACT_FIELDS",
    "RequestError",
    "change_facts",
    "norm_events",
    "receive",
    "record_first_contact",
    "transition",
]

#: The facts a request collects on its way; changed with :func:`change_facts` or
#: together with a transition.
FACT_FIELDS = (
    "dispatch_target",
    "analysis_report",
    "triage",
    "municipal_lead",
    "match_targets",
    "matched_provider",
    "wait_reason",
    "care_type",
    "family_plan",
    "contact_person",
    "withdraw_reason",
    "care_unit",
    "feedback",
)

_CHOICES: dict[str, set[str]] = {
    "dispatch_target": {t.value for t in MatchTarget} | {""},
    "triage": {t.value for t in Triage} | {""},
    "wait_reason": {w.value for w in WaitReason} | {""},
    "care_type": {c.value for c in CareType} | {""},
}

#: The date a state is reached, under the event name the process norms use.
NORM_EVENT = {
    State.DISPATCHED: "dispatched",
    State.TRIAGED: "assessed",
    State.MATCHED: "matched",
    State.STARTED: "started",
    State.FEEDBACK_SENT: "feedback",
}


class RequestError(ValueError):
    """Bad input for a help request (one message per problem)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


def _facts(request: HelpRequest, changes: dict[str, Any]) -> RequestFacts:
    return RequestFacts.from_values({f: changes.get(f, getattr(request, f)) for f in FACT_FIELDS})


def _clean_changes(changes: dict[str, Any]) -> dict[str, Any]:
    problems = []
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in FACT_FIELDS:
            problems.append(_("unknown field %(name)r") % {"name": name})
            continue
        if name == "match_targets":
            targets = list(dict.fromkeys(value or []))
            bad = [t for t in targets if t not in {m.value for m in MatchTarget}]
            if bad:
                problems.append(
                    _("unknown match %(bad)s: use k1, area_team or provider") % {"bad": ", ".join(map(str, bad))}
                )
            clean[name] = targets
            continue
        text = "" if value is None else str(value).strip()
        if name == "care_unit" and text and not CareUnit.objects.filter(code=text).exists():
            problems.append(_("unknown care unit %(unit)r") % {"unit": text})
        if name in _CHOICES and text not in _CHOICES[name]:
            allowed = ", ".join(sorted(c for c in _CHOICES[name] if c))
            problems.append(
                _("invalid %(field)s %(value)r: use %(allowed)s")
                % {"field": name.replace("_", " "), "value": text, "allowed": allowed}
            )
        clean[name] = text
    if problems:
        raise RequestError(problems)
    return clean


def _check_date(request: HelpRequest, on: dt.date) -> None:
    last = request.events.aggregate(last=Max("occurred_on"))["last"] or request.received_on
    if on < last:
        raise RequestError(
            [
                _("the date %(on)s is before the last step of this request (%(last)s)")
                % {"on": on.isoformat(), "last": last.isoformat()}
            ]
        )


def _next_reference(year: int) -> str:
    prefix = f"HV-{year}-"
    last = (
        HelpRequest.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


@transaction.atomic
def receive(
    *,
    received_on: dt.date,
    referrer_type: str,
    municipality: Municipality,
    client_pseudonym: str,
    question: str,
    bsn: str = "",
    area: Area | None = None,
    referrer_organisation: str = "",
    urgency: str = HelpRequest.Urgency.NORMAL,
    user: Any = None,
    submitted_by: Any = None,
) -> HelpRequest:
    """Register a new request (state *received*) for the client with pseudonym
    ``client_pseudonym``, or the client with BSN ``bsn``, or both (then they must
    belong together). A BSN is stored encrypted, never in the history."""
    problems = []
    pseudonym = client_pseudonym.strip()
    by_bsn: Client | None = None
    if is_bsn(pseudonym):
        problems.append(_("the client id looks like a BSN (passes the 11-proef); enter it in the BSN field"))
    if bsn.strip():
        try:
            number = bsn_tools.normalise(bsn)
        except bsn_tools.BSNError as exc:
            problems.append(_("BSN: %(problem)s") % {"problem": exc})
        else:
            by_bsn = Client.objects.filter(bsn_digest=bsn_tools.digest(number)).first()
            if by_bsn is not None and pseudonym and by_bsn.pseudonym != pseudonym:
                problems.append(_("this BSN belongs to another client than the pseudonym entered"))
            if by_bsn is None and pseudonym:
                other = Client.objects.filter(pseudonym=pseudonym).exclude(bsn_encrypted="").first()
                if other is not None:
                    problems.append(_("this client already has another BSN recorded"))
            pseudonym = pseudonym or (by_bsn.pseudonym if by_bsn else bsn_tools.pseudonym_for(number))
    elif not pseudonym:
        problems.append(_("the client's pseudonym or BSN is required"))
    if referrer_type not in REFERRER_TYPES:
        problems.append(
            _("unknown referrer type %(type)r (COD327: %(codes)s)")
            % {"type": referrer_type, "codes": ", ".join(REFERRER_TYPES)}
        )
    if not question.strip():
        problems.append(_("the question is required"))
    if area is not None and area.municipality_id != municipality.pk:
        problems.append(
            _("area %(area)s is not in %(municipality)s") % {"area": area.code, "municipality": municipality.name}
        )
    if urgency not in HelpRequest.Urgency.values:
        problems.append(_("unknown urgency %(urgency)r") % {"urgency": urgency})
    if received_on > timezone.localdate():
        problems.append(_("the received date is in the future"))
    if problems:
        raise RequestError(problems)
    client, _created = Client.objects.get_or_create(pseudonym=pseudonym)
    bsn_recorded = False
    if bsn.strip() and not client.bsn_encrypted:
        client.bsn_encrypted = bsn_tools.encrypt(bsn)
        client.bsn_digest = bsn_tools.digest(bsn)
        client.save(update_fields=["bsn_encrypted", "bsn_digest"])
        bsn_recorded = True
    request = HelpRequest.objects.create(
        reference=_next_reference(received_on.year),
        received_on=received_on,
        referrer_type=referrer_type,
        referrer_organisation=referrer_organisation.strip(),
        municipality=municipality,
        area=area,
        client=client,
        question=question.strip(),
        urgency=urgency,
        created_by=_user(user),
        submitted_by=_user(submitted_by),
    )
    HelpRequestEvent.objects.create(
        request=request, kind=HelpRequestEvent.Kind.RECEIVED, occurred_on=received_on,
        to_state=State.RECEIVED, user=request.created_by,
        changes={"bsn": "recorded"} if bsn_recorded else {},
    )  # fmt: skip
    return request


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def record_first_contact(request: HelpRequest, on: dt.date, user: Any = None, note: str = "") -> HelpRequest:
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.first_contact_on is not None:
        raise RequestError(
            [_("the first contact is already recorded (%(on)s)") % {"on": request.first_contact_on.isoformat()}]
        )
    _check_date(request, on)
    request.first_contact_on = on
    request.save(update_fields=["first_contact_on"])
    HelpRequestEvent.objects.create(
        request=request, kind=HelpRequestEvent.Kind.FIRST_CONTACT, occurred_on=on, note=note, user=_user(user),
        changes={"first_contact_on": [None, on.isoformat()]},
    )  # fmt: skip
    return request


def _apply(request: HelpRequest, changes: dict[str, Any]) -> dict[str, list[Any]]:
    diff = {}
    for name, value in changes.items():
        before = getattr(request, name)
        if before != value:
            diff[name] = [before, value]
            setattr(request, name, value)
    return diff


@transaction.atomic
def change_facts(
    request: HelpRequest, user: Any = None, on: dt.date | None = None, note: str = "", **changes: Any
) -> HelpRequest:
    """Change facts without changing the state (e.g. add the gezinsplan)."""
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.state in (State.CLOSED, State.WITHDRAWN):
        raise RequestError([_("the request is %(state)s: it can no longer be changed") % {"state": request.state}])
    clean = _clean_changes(changes)
    day = on or timezone.localdate()
    _check_date(request, day)
    diff = _apply(request, clean)
    if not diff:
        return request
    request.save(update_fields=list(diff))
    HelpRequestEvent.objects.create(
        request=request, kind=HelpRequestEvent.Kind.FACTS, occurred_on=day, changes=diff, note=note, user=_user(user)
    )
    return request


@transaction.atomic
def transition(
    request: HelpRequest,
    target: State | str,
    user: Any = None,
    on: dt.date | None = None,
    note: str = "",
    **changes: Any,
) -> HelpRequest:
    """Move ``request`` to ``target``, with the facts that step needs; raises
    :class:`TransitionError` (every reason) or :class:`RequestError`."""
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    try:
        target = State(target)
    except ValueError:
        raise RequestError([_("unknown state %(state)r") % {"state": target}]) from None
    clean = _clean_changes(changes)
    problems: list[Problem] = check(State(request.state), target, _facts(request, clean))
    if problems:
        raise TransitionError(problems)
    day = on or timezone.localdate()
    _check_date(request, day)
    before = request.state
    diff = _apply(request, clean)
    request.state = target
    if target == State.STARTED:
        request.trajectory_id = _start_trajectory(request, day, user)
        diff["trajectory_id"] = ["", request.trajectory_id]
    request.save(update_fields=[*diff, "state"])
    HelpRequestEvent.objects.create(
        request=request, kind=HelpRequestEvent.Kind.TRANSITION, occurred_on=day, from_state=before,
        to_state=target, changes=diff, note=note, user=_user(user),
    )  # fmt: skip
    if target == State.FEEDBACK_SENT and request.submitted_by_id:
        reference, recipient = request.reference, request.submitted_by
        transaction.on_commit(lambda: notify_feedback(reference, recipient))
    return request


def notify_feedback(reference: str, recipient: Any) -> bool:
    """Tell the referrer who submitted a request through the portal that there is
    feedback. The mail names the request's reference and the portal only: no client
    data, no question, no feedback text (those stay behind the login)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils import translation

    if not recipient.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Feedback on your referral %(reference)s") % {"reference": reference}
        body = _(
            "There is feedback on your referral %(reference)s to Basishulp Jeugd.\n\n"
            "Log in to the referrer portal to read it: %(url)s\n\n"
            "This message contains no client data."
        ) % {"reference": reference, "url": settings.PORTAL_URL}
    send_mail(subject, body, None, [recipient.email], fail_silently=True)
    return True


def _start_trajectory(request: HelpRequest, on: dt.date, user: Any) -> str:
    """Create the trajectory of the care that starts, through the trajectory import
    (so it gets its history and import batch like any other trajectory)."""
    from basishulp.trajecten.domain.records import TrajectoryRecord
    from basishulp.trajecten.services import trajectories_import

    unit = CareUnit.objects.get(code=request.care_unit)
    if unit.kind == CareUnit.Kind.AREA_TEAM:
        quadrant = "K1" if request.dispatch_target == MatchTarget.K1 else "K2"
    else:
        quadrant = "K3"
    trajectory_id = f"{request.reference}-1"
    record = TrajectoryRecord(
        trajectory_id=trajectory_id, client_id=request.client.pseudonym, municipality=request.municipality.code,
        care_unit=unit.code, quadrant=quadrant, start_date=on, area=request.area.code if request.area else "",
        referrer_type=request.referrer_type,
    )  # fmt: skip
    trajectories_import(records=[record], filename=f"hulpvraag {request.reference}", acting_user=_user(user))
    return trajectory_id


def norm_events(request: HelpRequest) -> dict[str, dt.date]:
    """The dates the process norms measure (:mod:`.domain.norms`)."""
    events: dict[str, dt.date] = {"received": request.received_on}
    if request.first_contact_on:
        events["first_contact"] = request.first_contact_on
    transitions = [e for e in request.events.all() if e.kind == HelpRequestEvent.Kind.TRANSITION]
    for event in sorted(transitions, key=lambda e: (e.occurred_on, e.pk)):
        name = NORM_EVENT.get(State(event.to_state))
        if name and name not in events:
            events[name] = event.occurred_on
    return events


@transaction.atomic
def load_planned(plans: list[Any]) -> int:
    """Store generated requests with their whole history in bulk (demo data): the
    generator has checked every step with the workflow table already. Returns the
    number of requests stored; requests already present (same client and received
    date) are left alone, so loading twice adds nothing."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    areas = {a.code: a for a in Area.objects.all()}
    wanted = {p.client for p in plans}
    clients = {c.pseudonym: c for c in Client.objects.filter(pseudonym__in=wanted)}
    Client.objects.bulk_create([Client(pseudonym=p) for p in sorted(wanted - set(clients))])  # new clients
    clients = {c.pseudonym: c for c in Client.objects.filter(pseudonym__in=wanted)}
    existing = set(HelpRequest.objects.values_list("client__pseudonym", "received_on"))
    counters: dict[int, int] = {}
    requests, histories = [], []
    for plan in plans:
        if (plan.client, plan.received_on) in existing:
            continue
        year = plan.received_on.year
        if year not in counters:
            last = HelpRequest.objects.filter(reference__startswith=f"HV-{year}-").order_by("-reference").first()
            counters[year] = int(last.reference.rsplit("-", 1)[1]) if last else 0
        counters[year] += 1
        fields = {k: v for k, v in plan.facts.items() if k in FACT_FIELDS}
        requests.append(
            HelpRequest(
                reference=f"HV-{year}-{counters[year]:05d}", received_on=plan.received_on,
                referrer_type=plan.referrer_type, municipality=municipalities[plan.municipality],
                area=areas.get(plan.area), client=clients[plan.client], question=plan.question,
                state=plan.state, first_contact_on=plan.first_contact_on, trajectory_id=plan.trajectory_id, **fields,
            )
        )  # fmt: skip
        histories.append(plan)
    HelpRequest.objects.bulk_create(requests, batch_size=500)
    by_key = {
        (r.client.pseudonym, r.received_on): r
        for r in HelpRequest.objects.select_related("client").filter(reference__in=[r.reference for r in requests])
    }
    events = []
    for plan in histories:
        request = by_key[(plan.client, plan.received_on)]
        events.append(HelpRequestEvent(request=request, kind=HelpRequestEvent.Kind.RECEIVED,
                                       occurred_on=plan.received_on, to_state=State.RECEIVED))  # fmt: skip
        state = State.RECEIVED
        for step in plan.steps:
            if step.target is None:
                events.append(HelpRequestEvent(request=request, kind=HelpRequestEvent.Kind.FIRST_CONTACT,
                                               occurred_on=step.on,
                                               changes={"first_contact_on": [None, step.on.isoformat()]}))  # fmt: skip
                continue
            events.append(
                HelpRequestEvent(request=request, kind=HelpRequestEvent.Kind.TRANSITION, occurred_on=step.on,
                                 from_state=state, to_state=step.target,
                                 changes={k: [None, v] for k, v in step.changes.items()})
            )  # fmt: skip
            state = step.target
    HelpRequestEvent.objects.bulk_create(events, batch_size=1000)
    return len(requests)
