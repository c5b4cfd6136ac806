"""Forms of the intake screens."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from basishulp.trajecten.domain.reference import REFERRER_TYPES
from basishulp.trajecten.models import Area, CareUnit, Municipality

from .domain.workflow import MatchTarget, State, Triage
from .models import CARE_TYPE_LABELS, MATCH_LABELS, WAIT_LABELS, HelpRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what a date input expects


class NewRequestForm(forms.Form):
    received_on = forms.DateField(label=_("received on"), widget=DATE, initial=timezone.localdate)
    referrer_type = forms.ChoiceField(label=_("referrer type"), choices=list(REFERRER_TYPES.items()))
    referrer_organisation = forms.CharField(label=_("referrer organisation"), required=False, max_length=200)
    municipality = forms.ModelChoiceField(label=_("municipality"), queryset=Municipality.objects.all())
    area = forms.ModelChoiceField(label=_("area"), queryset=Area.objects.all(), required=False)
    client_pseudonym = forms.CharField(
        label=_("client (pseudonym)"), max_length=64, required=False,
        help_text=_("The client's pseudonym; leave it empty for a new client known only by BSN."),
    )  # fmt: skip
    bsn = forms.CharField(
        label=_("BSN (optional)"), max_length=20, required=False,
        help_text=_("Checked with the 11-proef and stored encrypted; never shown in lists."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )  # fmt: skip
    question = forms.CharField(label=_("question"), widget=forms.Textarea(attrs={"rows": 3}))
    urgency = forms.ChoiceField(label=_("urgency"), choices=HelpRequest.Urgency.choices)


class FirstContactForm(forms.Form):
    on = forms.DateField(label=_("date of the first contact"), widget=DATE, initial=timezone.localdate)


#: The facts asked for when moving to a state.
FIELDS_FOR: dict[State, tuple[str, ...]] = {
    State.DISPATCHED: ("dispatch_target",),
    State.CLARIFYING: (),
    State.TRIAGED: ("analysis_report", "triage", "municipal_lead"),
    State.MATCHED: ("match_targets", "matched_provider", "care_type"),
    State.WAITING: ("wait_reason", "care_type"),
    State.STARTED: ("care_unit", "family_plan", "contact_person"),
    State.FEEDBACK_SENT: ("feedback",),
    State.CLOSED: (),
    State.WITHDRAWN: ("withdraw_reason",),
}


class StepForm(forms.Form):
    """One step of the workflow with the facts it needs (all optional here: the
    workflow says what is missing, with every reason at once)."""

    on = forms.DateField(label=_("date"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    dispatch_target = forms.ChoiceField(
        label=_("dispatched to"), required=False,
        choices=[("", "—"), (MatchTarget.K1.value, MATCH_LABELS[MatchTarget.K1]),
                 (MatchTarget.AREA_TEAM.value, MATCH_LABELS[MatchTarget.AREA_TEAM])],
    )  # fmt: skip
    analysis_report = forms.CharField(
        label=_("analyseverslag"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    triage = forms.ChoiceField(
        label=_("triage"), required=False, choices=[("", "—"), *[(t.value, t.value) for t in Triage]]
    )
    municipal_lead = forms.CharField(label=_("regie at the municipality"), required=False, max_length=200)
    match_targets = forms.MultipleChoiceField(
        label=_("matched to"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(t.value, label) for t, label in MATCH_LABELS.items()],
    )  # fmt: skip
    matched_provider = forms.CharField(label=_("matched provider"), required=False, max_length=200)
    wait_reason = forms.ChoiceField(
        label=_("reason for waiting"), required=False,
        choices=[("", "—"), *[(w.value, label) for w, label in WAIT_LABELS.items()]],
    )  # fmt: skip
    care_type = forms.ChoiceField(
        label=_("type of care"), required=False,
        choices=[("", "—"), *[(c.value, label) for c, label in CARE_TYPE_LABELS.items()]],
    )  # fmt: skip
    family_plan = forms.CharField(label=_("gezinsplan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    contact_person = forms.CharField(label=_("vast aanspreekpunt"), required=False, max_length=200)
    withdraw_reason = forms.CharField(label=_("reason for withdrawal"), required=False, max_length=500)
    feedback = forms.CharField(
        label=_("feedback to the referrer"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The referrer reads this in the portal: only what they need to know."),
    )  # fmt: skip
    care_unit = forms.ChoiceField(label=_("care unit"), required=False, help_text=_("its trajectory is created"))

    def __init__(self, *args: object, target: State, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        keep = {"on", "note", *FIELDS_FOR[target]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.target = target
        if "care_unit" in self.fields:
            units = CareUnit.objects.exclude(kind=CareUnit.Kind.UNKNOWN).order_by("kind", "name")
            self.fields["care_unit"].choices = [("", "—"), *[(u.code, u.name) for u in units]]

    def facts(self) -> dict[str, object]:
        return {k: v for k, v in self.cleaned_data.items() if k in FIELDS_FOR[self.target] and v not in ("", [], None)}
