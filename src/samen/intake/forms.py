"""The guided intake, step by step. Each step is one small form; the draft between
steps is kept encrypted in the session (see views), so nothing typed is lost."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from samen.core.models import Organisation, OrganisationType
from samen.intake import codes

TEXT_LIMIT = 5000
NATIONALITIES = [
    ("", _("Unknown")),
    ("NL", _("Dutch")),
    ("PL", _("Polish")),
    ("RO", _("Romanian")),
    ("BG", _("Bulgarian")),
    ("HU", _("Hungarian")),
    ("UA", _("Ukrainian")),
    ("RU", _("Russian")),
    ("LT", _("Lithuanian")),
    ("NG", _("Nigerian")),
    ("ER", _("Eritrean")),
    ("SY", _("Syrian")),
    ("MA", _("Moroccan")),
    ("TR", _("Turkish")),
    ("CN", _("Chinese")),
    ("VN", _("Vietnamese")),
    ("TH", _("Thai")),
    ("PH", _("Filipino")),
    ("IN", _("Indian")),
    ("BR", _("Brazilian")),
    ("CO", _("Colombian")),
    ("XX", _("Other")),
]


def _no_control_characters(value: str) -> None:
    if any(ord(c) < 32 and c not in "\n\r\t" for c in value):
        raise forms.ValidationError(_("Remove the invisible control characters from this text."))


class CleanText(forms.CharField):
    """Free text: trimmed, bounded, without control characters; HTML is escaped on output."""

    def __init__(self, *args: Any, max_length: int = TEXT_LIMIT, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(_no_control_characters)
        self.error_messages["max_length"] = _(
            "Use at most %(limit_value)d characters (now %(show_value)d)."
        )


class PersonForm(forms.Form):
    role = forms.ChoiceField(
        label=_("This person is"),
        choices=codes.PersonRole.choices,
        initial=codes.PersonRole.POSSIBLE_VICTIM,
    )
    age = forms.IntegerField(
        label=_("Age"),
        required=False,
        min_value=0,
        max_value=110,
        help_text=_("If you know it. Otherwise choose an age group."),
        error_messages={
            "invalid": _("Enter the age as a whole number, for example 17."),
            "min_value": _("An age cannot be below 0."),
            "max_value": _("Enter an age of at most 110."),
        },
    )
    age_band = forms.ChoiceField(
        label=_("Age group"), choices=codes.AgeBand.choices, initial=codes.AgeBand.UNKNOWN
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=codes.Gender.choices, initial=codes.Gender.UNKNOWN
    )
    nationality = forms.ChoiceField(label=_("Nationality"), choices=NATIONALITIES, required=False)
    language = CleanText(label=_("Language spoken"), required=False, max_length=60)
    name = CleanText(
        label=_("Name or alias"),
        required=False,
        max_length=200,
        help_text=_("Only if you know it. Stored encrypted."),
    )
    phone = CleanText(label=_("Phone number"), required=False, max_length=40)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        age, band = data.get("age"), data.get("age_band")
        if age is not None and band and band != codes.AgeBand.UNKNOWN:
            low, _sep, high = band.partition("-")
            high_age = int(high) if high else 200
            if not (int(low.rstrip("+")) <= age <= high_age):
                self.add_error("age_band", _("The age group does not match the age."))
        return data


class BasePersonFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        victims = [
            f
            for f in self.forms
            if f.cleaned_data and f.cleaned_data.get("role") == codes.PersonRole.POSSIBLE_VICTIM
        ]
        if not victims:
            raise forms.ValidationError(
                _("Describe at least one possible victim, even if you know little.")
            )


PersonFormSet = forms.formset_factory(
    PersonForm,
    formset=BasePersonFormSet,
    extra=0,
    min_num=1,
    max_num=10,
    validate_min=True,
    validate_max=True,
)


class WhereForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose a municipality"),
        error_messages={"required": _("Choose the municipality where this happens.")},
    )
    location_type = forms.ChoiceField(
        label=_("Type of location"),
        choices=[("", _("Choose a type")), *codes.LocationType.choices],
        error_messages={"required": _("Choose the type of location; 'Other or unknown' is fine.")},
    )
    address = CleanText(
        label=_("Address or place"),
        required=False,
        max_length=300,
        help_text=_("Street and number, name of the park or hotel, or a description."),
    )

    def __init__(self, *args: Any, region_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Organisation.objects.filter(type=OrganisationType.MUNICIPALITY, is_active=True)
        if region_id:
            queryset = queryset.filter(region_id=region_id)
        self.fields["municipality"].queryset = queryset


class WhatForm(forms.Form):
    exploitation = forms.MultipleChoiceField(
        label=_("Which forms of exploitation may this be?"),
        choices=codes.ExploitationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one; 'Not clear yet' is fine.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Unknown")), *codes.Sector.choices]
    )
    setting = forms.ChoiceField(
        label=_("Which list of signals fits best?"),
        choices=codes.Setting.choices,
        initial=codes.Setting.GENERAL,
        help_text=_("The next step shows the signals for this situation, and the general ones."),
    )
    description = CleanText(
        label=_("What did you see or hear?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Facts: what, when, how often, who. Stored encrypted."),
        error_messages={"required": _("Describe in a few sentences what you noticed.")},
    )


class IndicatorsForm(forms.Form):
    indicators = forms.MultipleChoiceField(
        label=_("Which signals did you notice?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Signals prompt action; they never prove trafficking. "
            "Tick only what you noticed yourself."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = choices


class UrgencyForm(forms.Form):
    immediate_danger = forms.TypedChoiceField(
        label=_("Is someone in danger right now?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    minor_involved = forms.BooleanField(
        label=_("A person under 18 is involved"),
        required=False,
        help_text=_("Also tick this if you are not sure the person is an adult."),
    )
    awareness = forms.ChoiceField(
        label=_("Does the person know about this report?"),
        choices=codes.Awareness.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the person knows about this report.")},
    )
    written_consent = forms.BooleanField(
        label=_("The person gave written consent for registration with CoMensha"),
        required=False,
        help_text=_(
            "Care workers need written consent to register someone with CoMensha. "
            "From 16 the person signs; below 16 a parent or guardian."
        ),
    )
    reporter_contact = CleanText(
        label=_("How can the coordinator reach you?"),
        max_length=300,
        help_text=_("Your name and phone number or e-mail, for questions about this signal."),
        error_messages={"required": _("Give a phone number or e-mail address for questions.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("written_consent") and data.get("awareness") != codes.Awareness.AGREES:
            self.add_error(
                "written_consent",
                _(
                    "Written consent is only possible when the person knows about the report "
                    "and agrees."
                ),
            )
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=codes.Decision.choices, widget=forms.RadioSelect
    )
    reason = CleanText(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write down why you decide this; it is part of the record.")},
    )
    forward_to = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only when forwarding."),
        empty_label=_("Choose a partner"),
    )
    message_to_reporter = CleanText(
        label=_("Question to the reporter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Only when asking for more information. The reporter sees this text."),
    )

    def __init__(self, *args: Any, partners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["forward_to"].queryset = partners

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == codes.Decision.FORWARD and not data.get("forward_to"):
            self.add_error("forward_to", _("Choose the partner you forward this signal to."))
        if decision == codes.Decision.ASK_REPORTER and not data.get("message_to_reporter"):
            self.add_error("message_to_reporter", _("Write the question for the reporter."))
        return data


class ReplyForm(forms.Form):
    text = CleanText(
        label=_("Your answer or extra information"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
        error_messages={"required": _("Write your answer before sending.")},
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Add a photo or document"),
        help_text=_(
            "JPEG, PNG or PDF, at most 10 MB. Location and camera data are removed from photos."
        ),
        error_messages={"required": _("Choose a file first."), "empty": _("The file is empty.")},
    )


class MessageForm(forms.Form):
    text = CleanText(
        label=_("Message to the reporter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The reporter reads this on their follow-up page. Write no details of others."),
        error_messages={"required": _("Write the message before sending.")},
    )
