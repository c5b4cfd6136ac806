"""Reads of help requests, scoped to who may see them (domain.md §2).

Intake and controllers see every request; area managers and care professionals
see the requests of their areas; only intake acts on them. Every other role,
administrators included, sees none (roles decide, not the staff flag).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from basishulp.accounts.models import Role
from basishulp.accounts.selectors import profile_of, role_of
from basishulp.trajecten import bsn
from basishulp.trajecten.models import CareUnit

from .domain.norms import NormShares, Status, StepResult, measure, shares_by_group
from .domain.waiting import Spell
from .domain.workflow import FINAL, State, WaitReason
from .models import HelpRequest, HelpRequestEvent
from .services import norm_events

__all__ = [
    "PER_PAGE",
    "InboxPage",
    "InboxRow",
    "can_act",
    "can_view",
    "inbox",
    "looks_like_bsn",
    "norm_summary",
    "spells_of",
    "visible_requests",
    "waiting_spells",
]

_ALL_ROLES = {Role.INTAKE, Role.CONTROLLER}
_AREA_ROLES = {Role.AREA_MANAGER, Role.CARE_PROFESSIONAL}  # the requests of their areas


def can_view(user: Any) -> bool:
    return role_of(user) in _ALL_ROLES | _AREA_ROLES


def can_act(user: Any) -> bool:
    return role_of(user) == Role.INTAKE


def looks_like_bsn(value: str) -> bool:
    try:
        bsn.normalise(value)
    except bsn.BSNError:
        return False
    return True


def visible_requests(user: Any) -> QuerySet[HelpRequest]:
    qs = HelpRequest.objects.select_related("municipality", "area", "client")
    if not can_view(user):
        return qs.none()
    profile = profile_of(user)
    assert profile is not None  # can_view: a role
    if profile.role in _ALL_ROLES:
        return qs
    return qs.filter(area__in=profile.areas.all())


@dataclass
class InboxRow:
    request: HelpRequest
    norm: StepResult | None  # the first step that is overdue, near or open


@dataclass
class InboxPage:
    rows: list[InboxRow]
    page: Page[Any]  # Django's page: number, has_next, paginator.count, ...


_URGENCY = {Status.OVERDUE: 0, Status.NEAR: 1, Status.OPEN: 2}
PER_PAGE = 50


def _row(request: HelpRequest, as_of: date) -> InboxRow:
    open_steps = [r for r in measure(norm_events(request), as_of) if r.status in _URGENCY]
    open_steps.sort(key=lambda r: (_URGENCY[r.status], r.due))
    return InboxRow(request, open_steps[0] if open_steps else None)


def inbox(user: Any, as_of: date, query: str = "", state: str = "open", page: int | str = 1) -> InboxPage:
    """One page of the inbox. Open requests (the default) come most urgent first:
    overdue, then due soon, then open, each by due date; other selections (``"all"``
    or one state) newest first. Searched by reference, client pseudonym, BSN or referrer."""
    qs = visible_requests(user).prefetch_related("events")
    if state == "open":
        qs = qs.exclude(state__in=[s.value for s in FINAL])
    elif state != "all":
        qs = qs.filter(state=state)
    q = query.strip()
    if q and looks_like_bsn(q):  # a BSN is looked up by its keyed digest, never stored or compared in the clear
        qs = qs.filter(client__bsn_digest=bsn.digest(q))
    elif q:
        qs = qs.filter(
            Q(reference__icontains=q) | Q(client__pseudonym__iexact=q) | Q(referrer_organisation__icontains=q)
        )
    if state == "open":  # every open request is measured to sort by urgency
        rows = [_row(r, as_of) for r in qs]
        rows.sort(key=lambda row: (
            _URGENCY[row.norm.status] if row.norm else len(_URGENCY), row.norm.due if row.norm else date.max,
            row.request.received_on,
        ))  # fmt: skip
        paged = Paginator(rows, PER_PAGE).get_page(page)
        return InboxPage(list(paged.object_list), paged)
    paged = Paginator(qs, PER_PAGE).get_page(page)
    return InboxPage([_row(r, as_of) for r in paged.object_list], paged)


def norm_summary(user: Any, as_of: date, start: date, end: date, by: str = "municipality") -> dict[str, NormShares]:
    """Shares within norm of the requests received in ``[start, end]`` that ``user``
    may see: for all of them (key ``"HLV"``) and per municipality, area or month."""
    groups: dict[str, list[list[StepResult]]] = {"HLV": []}
    qs = visible_requests(user).filter(received_on__range=(start, end)).prefetch_related("events")
    for request in qs:
        results = measure(norm_events(request), as_of)
        groups["HLV"].append(results)
        if by == "municipality":
            key = request.municipality.name
        elif by == "area":
            key = request.area.name if request.area else "–"
        else:
            key = request.received_on.strftime("%Y-%m")
        groups.setdefault(key, []).append(results)
    return shares_by_group(groups)


#: Request ids per query (below SQLite's limit of bound parameters).
ID_CHUNK = 900


def waiting_spells(user: Any) -> list[Spell]:
    """Every stay on the waiting list of the requests ``user`` may see."""
    return spells_of(visible_requests(user))


def spells_of(requests: QuerySet[HelpRequest]) -> list[Spell]:
    """Every stay on the waiting list of ``requests`` (see :mod:`.domain.waiting`),
    read with few queries: the requests that ever waited, and their transitions."""
    waited = requests.filter(events__to_state=State.WAITING).distinct()
    fields = ("id", "reference", "area__name", "matched_provider", "match_targets", "dispatch_target",
              "wait_reason", "care_type")  # fmt: skip
    rows = list(waited.values(*fields))
    transitions: dict[int, list[tuple[dt.date, int, str]]] = defaultdict(list)
    ids = [row["id"] for row in rows]
    # by id lists, not a subquery: PostgreSQL plans "IN (SELECT DISTINCT … JOIN …)" as a
    # nested loop when its statistics are stale (seen: minutes on the demo data)
    for start in range(0, len(ids), ID_CHUNK):
        events = HelpRequestEvent.objects.filter(
            request_id__in=ids[start : start + ID_CHUNK], kind=HelpRequestEvent.Kind.TRANSITION
        ).values_list("request_id", "occurred_on", "pk", "to_state")
        for request_id, occurred_on, pk, to_state in events:
            transitions[request_id].append((occurred_on, pk, to_state))
    names = dict(CareUnit.objects.values_list("code", "name"))
    return [spell for row in rows for spell in _spells(row, sorted(transitions[row["id"]]), names)]


def _spells(row: dict[str, Any], transitions: list[tuple[dt.date, int, str]], names: dict[str, str]) -> list[Spell]:
    """The stays on the waiting list of one request, from its transitions in order."""
    matched_on = next((on for on, _pk, to in transitions if to in (State.MATCHED, State.DISPATCHED)), None)
    targets = {*(row["match_targets"] or []), row["dispatch_target"]}
    provider = names.get(row["matched_provider"], row["matched_provider"]) or (
        "gebiedsteam" if "area_team" in targets else "K1 (voorliggend veld)" if "k1" in targets else "–"
    )
    spells = []
    for i, (on, _pk, to) in enumerate(transitions):
        if to != State.WAITING:
            continue
        after = next(((o, t) for o, _p, t in transitions[i + 1 :] if t in (State.STARTED, State.WITHDRAWN)), None)
        spells.append(
            Spell(
                request=row["reference"], area=row["area__name"] or "–", provider=provider, matched_on=matched_on,
                start=on, end=after[0] if after else None, started_care=after is not None and after[1] == State.STARTED,
                bridging=row["wait_reason"] == WaitReason.BRIDGING_CARE, care_type=row["care_type"],
            )
        )  # fmt: skip
    return spells
