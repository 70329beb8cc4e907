"""The questions of the public channel, in plain words, and their checks.

Every message a reporter can see is our own text in the reporter's language: Django's
built-in messages exist in fewer languages than the channel offers. Typed text is
cleaned rather than refused: invisible control characters and direction overrides are
removed, so a message cannot hide or reorder text on the coordinator's screen.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from samen.intake.attachments import MAX_BYTES

LONG_TEXT = 5000
# Bidirectional embeddings, overrides and isolates: can make text read differently.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
JPEG, PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"


def clean_text(value: str) -> str:
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    kept = (
        ch
        for ch in text
        if ch in "\n\t"
        or (unicodedata.category(ch) not in {"Cc", "Cs"} and ch not in _BIDI_CONTROLS)
    )
    return "".join(kept).strip()


WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    # Before RadioSelect: CheckboxSelectMultiple is a subclass of it.
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.ClearableFileInput: "p-file",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
}


class PublicForm(forms.Form):
    """Utrecht classes, and help and errors tied to their field for screen readers.

    No `required` attribute: the browser would answer in its own language, not the
    reporter's; the server's messages are in the language the reporter chose.
    """

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._annotate()

    def full_clean(self) -> None:
        super().full_clean()
        self._annotate()

    def _annotate(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs["class"] = next(
                (c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind)), ""
            )
            auto_id = self[name].auto_id
            described = [f"{auto_id}_help"] if field.help_text else []
            if self.is_bound and hasattr(self, "_errors") and self._errors and name in self._errors:
                described.append(f"{auto_id}_error")
                widget.attrs["aria-invalid"] = "true"
            else:
                widget.attrs.pop("aria-invalid", None)
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)


def _messages(**extra: Any) -> dict[str, Any]:
    return {
        "required": _("Please answer this question."),
        "invalid_choice": _("Please choose one of the answers."),
        "invalid_list": _("Please choose one of the answers."),
        "max_length": _("This is too long. Please make it shorter."),
        **extra,
    }


class PlainText(forms.CharField):
    """Free text, cleaned before the length check and before anything stores it."""

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", _messages())
        super().__init__(max_length=max_length, strip=False, **kwargs)
        # The NUL check is redundant after cleaning, and its message is Django's.
        self.validators = [
            v for v in self.validators if type(v).__name__ != "ProhibitNullCharactersValidator"
        ]

    def to_python(self, value: Any) -> str:
        return clean_text(str(value)) if value not in self.empty_values else ""


class PhotoField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        message = _("We cannot use this file. Please choose a photo (JPEG or PNG) under 10 MB.")
        kwargs.setdefault(
            "error_messages",
            dict.fromkeys(("invalid", "missing", "empty", "max_length", "contradiction"), message),
        )
        super().__init__(required=False, **kwargs)
        self.widget.attrs["accept"] = "image/jpeg,image/png"

    def clean(self, data: Any, initial: Any = None) -> UploadedFile | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        head = upload.read(8)
        upload.seek(0)
        if upload.size > MAX_BYTES or not head.startswith((JPEG, PNG)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return upload


WHO = [("me", _("Myself")), ("other", _("Someone else"))]
WHAT = [
    ("work", _("Work: very long days, little or no pay, or papers taken away")),
    ("sex", _("Sex: forced to have sex or do sex work")),
    ("crime", _("Crime: forced to sell drugs, steal or open bank accounts")),
    ("other", _("Something else")),
]
SINCE = [
    ("recent", _("Less than a month")),
    ("months", _("1 to 12 months")),
    ("years", _("More than a year")),
    ("unknown", _("I do not know")),
]
DANGER = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("I do not know"))]
CONTACT = [("no", _("No, I want to stay anonymous")), ("yes", _("Yes, you may contact me"))]


class AboutForm(PublicForm):
    who = forms.ChoiceField(
        label=_("Who is this about?"), choices=WHO, widget=forms.RadioSelect,
        error_messages=_messages(),
    )  # fmt: skip
    what = forms.MultipleChoiceField(
        label=_("What is happening? Tick what fits."),
        help_text=_("You may tick more than one, or none."),
        choices=WHAT, widget=forms.CheckboxSelectMultiple, required=False,
        error_messages=_messages(),
    )  # fmt: skip
    description = PlainText(
        label=_("Tell us in your own words what is happening."),
        help_text=_("Who, what, when. Write in your own language if you like."),
        max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip
    since = forms.ChoiceField(
        label=_("Since when is this happening?"), choices=SINCE, widget=forms.RadioSelect,
        required=False, error_messages=_messages(),
    )  # fmt: skip


class WhereForm(PublicForm):
    municipality = forms.ChoiceField(
        label=_("In which town or city is this happening?"), error_messages=_messages()
    )
    place = PlainText(
        label=_("Address or name of the place"),
        help_text=_("Only if you know it. For example a street, a shop or a farm."),
        max_length=300, required=False,
    )  # fmt: skip
    danger = forms.ChoiceField(
        label=_("Is someone in danger right now?"),
        help_text=_("If someone is in danger right now, call 112 first."),
        choices=DANGER, widget=forms.RadioSelect, error_messages=_messages(),
    )  # fmt: skip

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.choices = [("unknown", _("I do not know")), *municipalities]  # type: ignore[attr-defined]


class ContactForm(PublicForm):
    wanted = forms.ChoiceField(
        label=_("May we contact you?"), choices=CONTACT, widget=forms.RadioSelect,
        error_messages=_messages(),
    )  # fmt: skip
    contact = PlainText(
        label=_("Phone number or e-mail address"),
        help_text=_("Only if it is safe for you. Someone else may see your phone or mail."),
        max_length=200, required=False,
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("wanted") == "yes" and not data.get("contact"):
            self.add_error("contact", _("Please write how we can reach you, or choose 'No'."))
        if data.get("wanted") == "no":
            data["contact"] = ""
        return data


class SendForm(PublicForm):
    photo = PhotoField(
        label=_("Photo (optional)"),
        help_text=_("We remove the hidden data from the photo, such as place and date."),
    )


class FollowForm(PublicForm):
    code = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("25 letters and numbers, for example ABCDE-FGH23-JKLM4-NPQR5-STUV6."),
        max_length=200, strip=True, error_messages=_messages(),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].validators = []
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )


class ReplyForm(PublicForm):
    text = PlainText(
        label=_("Your message"), max_length=LONG_TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip
    photo = PhotoField(
        label=_("Photo (optional)"),
        help_text=_("We remove the hidden data from the photo, such as place and date."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not data.get("text") and not data.get("photo"):
            self.add_error("text", _("Please write a message or add a photo."))
        return data
