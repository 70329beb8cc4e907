"""Forms of case work. They render through core's Utrecht form renderer (`{{ form }}`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samen.cases import codes, workflow
from samen.cases.models import Case, CasePerson, Consent
from samen.cases.notifications import CASE_ROLES
from samen.core.models import BUSINESS_TYPES, Organisation, User
from samen.intake import codes as intake_codes
from samen.intake.forms import NATIONALITIES, CleanText


def _text(label: Any, *, required: bool = True, rows: int = 3, **kwargs: Any) -> CleanText:
    return CleanText(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=4000,
        **kwargs,
    )


class VersionedForm(forms.Form):
    """Carries the case version the user saw, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class OpenCaseForm(forms.Form):
    NEW, EXISTING = "new", "existing"
    mode = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[(NEW, _("Open a new case")), (EXISTING, _("Add the signal to an existing case"))],
        initial=NEW,
        widget=forms.RadioSelect,
    )
    case = forms.ModelChoiceField(
        label=_("Existing case"),
        queryset=Case.objects.none(),
        required=False,
        empty_label=_("Choose a case"),
        help_text=_("Only open cases that your municipality leads."),
    )
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=intake_codes.ExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    youth = forms.BooleanField(label=_("Youth case (loverboy approach)"), required=False)
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"),
        choices=codes.Confidentiality.choices,
        initial=codes.Confidentiality.CASE_CONFIDENTIAL,
        required=False,
        help_text=_("For a new case."),
    )

    def __init__(self, *args: Any, cases: QuerySet[Case] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if cases is not None:
            self.fields["case"].queryset = cases

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mode") == self.EXISTING and not data.get("case"):
            self.add_error("case", _("Choose the case to add the signal to."))
        data["confidentiality"] = (
            data.get("confidentiality") or codes.Confidentiality.CASE_CONFIDENTIAL
        )
        return data


class CaseDetailsForm(VersionedForm):
    exploitation_forms = OpenCaseForm.base_fields["exploitation_forms"]
    youth = OpenCaseForm.base_fields["youth"]
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"), choices=codes.Confidentiality.choices
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class StatusForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("New status"), choices=[], widget=forms.RadioSelect)
    reason = _text(_("Explanation"), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (s.value, s.label) for s in workflow.allowed_next(case.status)
        ]


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=codes.PersonRole.choices)
    victim_status = forms.ChoiceField(
        label=_("Victim status"),
        choices=[("", _("Not applicable")), *codes.VictimStatus.choices],
        required=False,
        help_text=_("Only for a possible victim."),
    )
    name = CleanText(label=_("Name or alias"), required=False, max_length=200)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2009-03-31.")},
    )
    age = forms.IntegerField(
        label=_("Age"),
        required=False,
        min_value=0,
        max_value=110,
        help_text=_("Decides who signs a consent: the person from 16, a parent or guardian below."),
    )
    phone = CleanText(label=_("Phone number"), required=False, max_length=40)
    address = CleanText(label=_("Address"), required=False, max_length=300)
    nationality = forms.ChoiceField(label=_("Nationality"), choices=NATIONALITIES, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("victim_status") and data.get("role") != codes.PersonRole.POSSIBLE_VICTIM:
            self.add_error("victim_status", _("Only a possible victim has a victim status."))
        return data


class PersonEditForm(VersionedForm):
    """The person's details under optimistic locking; the victim status has its own page."""

    role = PersonForm.base_fields["role"]
    name = PersonForm.base_fields["name"]
    date_of_birth = PersonForm.base_fields["date_of_birth"]
    age = PersonForm.base_fields["age"]
    phone = PersonForm.base_fields["phone"]
    address = PersonForm.base_fields["address"]
    nationality = PersonForm.base_fields["nationality"]


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Consent for"), choices=Consent.Purpose.choices)
    given = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Consent given")), ("no", _("Consent refused"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    signed_by = forms.ChoiceField(label=_("Signed by"), choices=Consent.Signer.choices)
    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2026-03-31.")},
    )


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: CasePerson) -> str:
        return f"{obj.get_role_display()}: {obj.name or '—'}"


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Partner"), queryset=Organisation.objects.none(), empty_label=_("Choose a partner")
    )
    purpose = CleanText(label=_("Purpose"), max_length=300)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=codes.LegalBasis.choices)
    information = _text(
        _("Information shared"),
        required=False,
        help_text=_("Share only what the partner needs for this purpose."),
    )
    persons = PersonChoice(
        label=_("Persons shared"),
        queryset=CasePerson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The partner sees only these persons after accepting."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = (
            Organisation.objects.filter(is_active=True)
            .exclude(type__in=BUSINESS_TYPES)
            .exclude(pk=case.lead_municipality_id)
        )
        self.fields["persons"].queryset = case.persons.all()


class RespondForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("yes", _("Accept")), ("no", _("Decline"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = _text(_("Reason"), required=False, help_text=_("Required when you decline."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("accept") is False and not data.get("reason"):
            self.add_error("reason", _("Give the reason for declining."))
        return data


class CloseReferralForm(forms.Form):
    done = forms.BooleanField(label=_("The referral was carried out"), required=False)
    successful = forms.BooleanField(label=_("It was successful"), required=False)
    result = _text(_("Result and why"))


class RevokeForm(forms.Form):
    reason = _text(_("Why do you revoke this referral?"))


class NoteForm(forms.Form):
    text = _text(_("Note"), rows=4)
    shared_with_partners = forms.BooleanField(
        label=_("Partners with an accepted referral may read this note"), required=False
    )


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=codes.OutcomeKind.choices)
    on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2026-03-31.")},
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=CasePerson.objects.none(),
        required=False,
        empty_label=_("The case as a whole"),
    )
    remark = _text(_("Remark"), required=False)

    def __init__(self, *args: Any, persons: QuerySet[CasePerson], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.get_role_display()}: {p.name or '—'}"
        )


class EmergencyAccessForm(forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=20)
    reason = _text(
        _("Why do you need access now?"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _(
            "Your access lasts %(hours)d hours and the privacy officer is told. "
            "Write the reason for them."
        ) % {"hours": settings.SAMEN_EMERGENCY_ACCESS_HOURS}


class TaskForm(forms.Form):
    title = _text(_("Task"), rows=2)
    owner_organisation = forms.ModelChoiceField(
        label=_("Owning organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_("The lead municipality or a partner with an accepted referral."),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Everyone of that organisation who works on cases"),
    )
    due_on = forms.DateField(
        label=_("Deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2026-03-31.")},
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True,
            memberships__organisation__in=organisations,
            memberships__role__in=CASE_ROLES,
            memberships__is_active=True,
        ).distinct()
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"invalid": _("Enter a date and time, for example 2026-03-31 14:00.")},
    )
    place = CleanText(label=_("Place or video link"), max_length=200)
    agenda = _text(_("Agenda"), rows=5)
    participants = forms.ModelMultipleChoiceField(
        label=_("Invited organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They see the case while it is open, this meeting and their own tasks; "
            "persons only through a referral."
        ),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = (
            Organisation.objects.filter(is_active=True, region=case.lead_municipality.region_id)
            .exclude(type__in=BUSINESS_TYPES)
            .exclude(pk=case.lead_municipality_id)
        )


class MinutesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    minutes = _text(_("Minutes"), rows=8)


class DecisionForm(forms.Form):
    text = _text(_("Decision"), rows=2)
    owner_organisation = forms.ModelChoiceField(
        label=_("Becomes a task for"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("No task"),
    )
    due_on = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2026-03-31.")},
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("owner_organisation") and not data.get("due_on"):
            self.add_error("due_on", _("A task needs a deadline."))
        if data.get("due_on") and not data.get("owner_organisation"):
            self.add_error("owner_organisation", _("Choose who does the task."))
        return data


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Add a document"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB. Location and camera data are removed."),
        error_messages={"required": _("Choose a file first."), "empty": _("The file is empty.")},
    )
    shared_with_partners = forms.BooleanField(
        label=_("Partners with an accepted referral may open this document"), required=False
    )


class VictimStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Victim status"), choices=codes.VictimStatus.choices, widget=forms.RadioSelect
    )


class CaseSearchForm(forms.Form):
    """Filters of the case list (GET). A person's name is searched through NameSearchForm,
    sent by POST, so that a name never appears in an address or a server log."""

    OPEN, ALL = "open", "all"
    q = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=20,
        help_text=_("The whole number or a part of it."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(OPEN, _("Open")), (ALL, _("All")), *codes.CaseStatus.choices],
    )
    form = forms.ChoiceField(
        label=_("Form of exploitation"),
        required=False,
        choices=[("", _("Any")), *intake_codes.ExploitationForm.choices],
    )
    youth = forms.ChoiceField(
        label=_("Youth case"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Youth cases only")), ("no", _("No youth cases"))],
    )
    # The blind index of a name searched through NameSearchForm, never the name itself.
    person = forms.RegexField(regex=r"^[0-9a-f]{40}$", required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("q", "status", "form", "youth"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid value counts as not given."""
        if not self.is_valid():
            return {"status": self.OPEN}
        data = {k: v for k, v in self.cleaned_data.items() if v}
        data.setdefault("status", self.OPEN)
        return data


class NameSearchForm(forms.Form):
    name = CleanText(
        label=_("Name of a person involved"),
        max_length=200,
        help_text=_(
            "Exactly as recorded; capitals and extra spaces do not matter. Only persons "
            "you may see are searched."
        ),
    )
