"""Help requests ("hulpvragen") and their append-only history (domain.md §3.1).

A request's current state and facts are kept on :class:`HelpRequest` for lists and
search, but they change only through :mod:`basishulp.toeleiding.services`, which
checks every change against the workflow table (:mod:`.domain.workflow`) and appends
it to :class:`HelpRequestEvent` in the same transaction. Events are never edited.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from basishulp.trajecten.domain.reference import REFERRER_TYPES
from basishulp.trajecten.models import Area, Client, Municipality

from .domain import safety
from .domain.quality import Complaint as DomainComplaint
from .domain.quality import ComplaintCategory
from .domain.workflow import CareType, MatchTarget, State, Triage, WaitReason

STATE_LABELS = {
    State.RECEIVED: _("received"),
    State.DISPATCHED: _("dispatched directly"),
    State.CLARIFYING: _("vraagverheldering"),
    State.TRIAGED: _("triaged"),
    State.MATCHED: _("matched"),
    State.WAITING: _("waiting"),
    State.STARTED: _("care started"),
    State.FEEDBACK_SENT: _("feedback sent"),
    State.CLOSED: _("closed"),
    State.WITHDRAWN: _("withdrawn"),
}


MATCH_LABELS = {
    MatchTarget.K1: _("K1 (voorliggend veld)"),
    MatchTarget.AREA_TEAM: _("area team"),
    MatchTarget.PROVIDER: _("provider (K3)"),
}
WAIT_LABELS = {
    WaitReason.WAITING_LIST: _("waiting list"),
    WaitReason.BRIDGING_CARE: _("bridging care"),
    WaitReason.CLIENT_CHOICE: _("the client chooses to wait"),
}
CARE_TYPE_LABELS = {
    CareType.GGZ: _("GGZ treatment"),
    CareType.PMT_PMK: _("PMT/PMK (psychomotor therapy)"),
    CareType.TREATMENT: _("other treatment"),
    CareType.SUPPORT: _("youth and family support"),
    CareType.OTHER: _("other care"),
}


class HelpRequest(models.Model):
    class Urgency(models.TextChoices):
        NORMAL = "normal", _("normal")
        URGENT = "urgent", _("urgent")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    received_on = models.DateField(_("received on"))
    referrer_type = models.CharField(
        _("referrer type"), max_length=2, choices=[(k, v) for k, v in REFERRER_TYPES.items()]
    )
    referrer_organisation = models.CharField(_("referrer organisation"), max_length=200, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="help_requests")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="help_requests")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="help_requests")
    question = models.TextField(_("question"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    # current state and facts (changed only by the services, with an event)
    state = models.CharField(
        _("state"), max_length=16, choices=[(s.value, STATE_LABELS[s]) for s in State], default=State.RECEIVED
    )
    first_contact_on = models.DateField(_("first contact on"), null=True, blank=True)
    dispatch_target = models.CharField(
        _("dispatched to"), max_length=12, blank=True, choices=[(t.value, label) for t, label in MATCH_LABELS.items()]
    )
    analysis_report = models.TextField(_("analyseverslag"), blank=True)
    triage = models.CharField(_("triage"), max_length=12, blank=True, choices=[(t.value, t.value) for t in Triage])
    municipal_lead = models.CharField(_("regie at the municipality"), max_length=200, blank=True)
    match_targets = models.JSONField(_("matched to"), default=list, blank=True)
    matched_provider = models.CharField(_("matched provider"), max_length=200, blank=True)
    wait_reason = models.CharField(
        _("reason for waiting"),
        max_length=16,
        blank=True,
        choices=[(w.value, label) for w, label in WAIT_LABELS.items()],
    )
    care_type = models.CharField(
        _("type of care"),
        max_length=12,
        blank=True,
        choices=[(c.value, label) for c, label in CARE_TYPE_LABELS.items()],
    )
    family_plan = models.TextField(_("gezinsplan"), blank=True)
    contact_person = models.CharField(_("vast aanspreekpunt"), max_length=200, blank=True)
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)
    care_unit = models.CharField(
        _("care unit"), max_length=50, blank=True, help_text=_("code of the unit whose care started")
    )
    trajectory_id = models.CharField(_("trajectory"), max_length=64, blank=True)
    feedback = models.TextField(
        _("feedback to the referrer"), blank=True, help_text=_("What the referrer reads in the portal.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="submitted_requests",
        verbose_name=_("submitted by (referrer portal)"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["state", "received_on"])]

    def __str__(self) -> str:
        return self.reference

    def match_labels(self) -> list[str]:
        return [str(MATCH_LABELS.get(MatchTarget(t), t)) for t in self.match_targets]


class HelpRequestEvent(models.Model):
    """One step in a request's history: a transition or a change of its facts."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("received")
        TRANSITION = "transition", _("transition")
        FACTS = "facts", _("facts changed")
        FIRST_CONTACT = "first_contact", _("first contact")

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    from_state = models.CharField(_("from"), max_length=16, blank=True)
    to_state = models.CharField(_("to"), max_length=16, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("help request event")
        verbose_name_plural = _("help request events")

    def __str__(self) -> str:
        return f"{self.request} {self.kind} {self.occurred_on}"


COMPLAINT_LABELS = {
    ComplaintCategory.REFERRAL: _("referral and its procedures"),
    ComplaintCategory.CARE: _("offered treatment or support (bejegening, communication)"),
    ComplaintCategory.QUESTIONS: _("general questions on procedures or legislation"),
    ComplaintCategory.PRIVACY: _("privacy (files and communication)"),
}


class Complaint(models.Model):
    """A complaint or expression of discontent, as the complaints officer registers it."""

    category = models.CharField(
        _("category"), max_length=12, choices=[(c.value, label) for c, label in COMPLAINT_LABELS.items()]
    )
    received_on = models.DateField(_("received on"))
    picked_up_on = models.DateField(_("picked up on"), null=True, blank=True)
    escalated = models.BooleanField(_("escalated to the complaints committee"), default=False)
    outcome = models.TextField(_("outcome"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(picked_up_on__isnull=True) | models.Q(picked_up_on__gte=models.F("received_on")),
                name="complaint_picked_up_after_received",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.received_on}"

    def as_domain(self) -> DomainComplaint:
        return DomainComplaint(ComplaintCategory(self.category), self.received_on, self.picked_up_on, self.escalated)


# --- safety and satisfaction registers (domain.md §3.6) ---------------------------------


class VeiligThuisReport(models.Model):
    """A report from Veilig Thuis about a family JENS is to follow up."""

    received_on = models.DateField(_("received on"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("municipality")
    )
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    investigated = models.BooleanField(
        _("not followed up: investigated"), default=False, help_text=_("only for a report that was not followed up")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("no client data: refer to the file instead"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("Veilig Thuis report")
        verbose_name_plural = _("Veilig Thuis reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(followed_up_on__isnull=True) | models.Q(followed_up_on__gte=models.F("received_on")),
                name="vt_followed_up_after_received",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.received_on}"

    def as_domain(self) -> safety.VeiligThuisReport:
        return safety.VeiligThuisReport(self.received_on, self.followed_up_on, self.investigated)


class MeldcodeCase(models.Model):
    """A case where the meldcode was not followed although it should have been."""

    identified_on = models.DateField(_("identified on"))
    investigated_on = models.DateField(_("investigated on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("no client data: refer to the file instead"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-identified_on", "-id"]
        verbose_name = _("meldcode investigation")
        verbose_name_plural = _("meldcode investigations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(investigated_on__isnull=True)
                | models.Q(investigated_on__gte=models.F("identified_on")),
                name="meldcode_investigated_after_identified",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.identified_on}"

    def as_domain(self) -> safety.MeldcodeCase:
        return safety.MeldcodeCase(self.identified_on, self.investigated_on)


class ThemeMeeting(models.Model):
    """A theme meeting on domestic violence and child abuse, with staff attendance."""

    held_on = models.DateField(_("held on"))
    subject = models.CharField(_("subject"), max_length=200)
    invited = models.PositiveIntegerField(_("staff invited"))
    attended = models.PositiveIntegerField(_("staff attended"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("theme meeting")
        verbose_name_plural = _("theme meetings")
        constraints = [
            models.CheckConstraint(condition=models.Q(attended__lte=models.F("invited")), name="attended_le_invited")
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.held_on}"

    def clean(self) -> None:
        if self.attended is not None and self.invited is not None and self.attended > self.invited:
            raise ValidationError({"attended": _("More staff attended than were invited.")})

    def as_domain(self) -> safety.ThemeMeeting:
        return safety.ThemeMeeting(self.held_on, self.invited, self.attended)


SATISFACTION_LABELS = {
    safety.SatisfactionGroup.CLIENTS: _("clients"),
    safety.SatisfactionGroup.STAFF: _("staff"),
    safety.SatisfactionGroup.STAKEHOLDERS: _("stakeholders"),
}


class SatisfactionMeasurement(models.Model):
    """One satisfaction survey result (clients, staff or stakeholders)."""

    group = models.CharField(
        _("group"), max_length=12, choices=[(g.value, label) for g, label in SATISFACTION_LABELS.items()]
    )
    measured_on = models.DateField(_("measured on"))
    score = models.DecimalField(_("mean score"), max_digits=5, decimal_places=2)
    scale_max = models.DecimalField(_("highest score of the scale"), max_digits=5, decimal_places=2, default=10)
    respondents = models.PositiveIntegerField(_("respondents"))
    description = models.CharField(_("survey"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-measured_on", "group"]
        verbose_name = _("satisfaction measurement")
        verbose_name_plural = _("satisfaction measurements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0)
                & models.Q(score__lte=models.F("scale_max"))
                & models.Q(scale_max__gt=0),
                name="score_within_scale",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} {self.measured_on}"

    def clean(self) -> None:
        if self.score is not None and self.scale_max is not None and not 0 <= self.score <= self.scale_max:
            raise ValidationError({"score": _("The score must lie between 0 and the highest score of the scale.")})

    def as_domain(self) -> safety.SatisfactionMeasurement:
        return safety.SatisfactionMeasurement(
            safety.SatisfactionGroup(self.group), self.measured_on, self.score, self.respondents, self.scale_max
        )
