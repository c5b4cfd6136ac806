"""The workflow's refusals in the user's language (the core words them in English)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .domain.norms import Status, Step
from .domain.workflow import Problem, State
from .models import STATE_LABELS


def _label(value: str) -> str:
    try:
        return str(STATE_LABELS[State(value)])
    except ValueError:
        return value


def problem_text(problem: Problem) -> str:
    p = dict(problem.params)
    texts = {
        "not_allowed": lambda: (
            _("A request that is %(current)s cannot become %(target)s; possible next steps: %(allowed)s.")
            % {
                "current": _label(p["current"]),
                "target": _label(p["target"]),
                "allowed": ", ".join(_label(s.strip()) for s in p["allowed"].split(",") if s.strip()) or "–",
            }
        ),
        "final": lambda: _("The request is %(current)s: nothing can follow.") % {"current": _label(p["current"])},
        "same": lambda: _("The request is already %(current)s.") % {"current": _label(p["current"])},
        "dispatch_target": lambda: _("Choose who takes the request at once: K1 or the area team."),
        "analysis_report": lambda: _("Add the analyseverslag of the vraagverheldering first."),
        "triage": lambda: _("Choose the triage level: enkelvoudig, meervoudig or complex."),
        "municipal_lead": lambda: _("Record who at the municipality holds the regie (complex request)."),
        "match_targets": lambda: _("Choose at least one match: K1, the area team or a provider."),
        "wait_reason": lambda: _("Choose why the client waits: waiting list, bridging care or the client's choice."),
        "family_plan": lambda: (
            _("A %(triage)s request needs a gezinsplan before care starts.") % {"triage": p["triage"]}
        ),
        "contact_person": lambda: (
            _("A %(triage)s request needs a vast aanspreekpunt before care starts.") % {"triage": p["triage"]}
        ),
        "care_type": lambda: _("Choose the type of care the client waits for."),
        "feedback": lambda: _("Write the feedback for the referrer."),
        "withdraw_reason": lambda: _("Give the reason for withdrawing the request."),
        "care_unit": lambda: _("Choose the area team or provider whose care starts."),
    }
    maker = texts.get(problem.code)
    return maker() if maker else problem.message()


def step_label(step: Step) -> str:
    return {
        Step.FIRST_CONTACT: _("first contact"),
        Step.ASSESSMENT: _("assessment"),
        Step.MATCH: _("zorgmatch"),
        Step.FEEDBACK: _("feedback to the referrer"),
    }[step]


def status_label(status: Status) -> str:
    return {
        Status.MET: _("within the norm"),
        Status.LATE: _("late"),
        Status.OPEN: _("open"),
        Status.NEAR: _("due soon"),
        Status.OVERDUE: _("overdue"),
    }[status]
