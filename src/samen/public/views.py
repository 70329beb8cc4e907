"""The public pages under /melden/: thin views around samen.public.services.

No view here reads the client's address or browser (the middleware removed them), uses
a CSRF cookie (see docs/anonymous-channel.md: the session cookie is SameSite=Lax, the
middleware refuses cross-site POSTs and the start pages set no cookie at all) or
remembers the language other than in the `?lang=` of its links.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from samen.core import crypto
from samen.intake import attachments, codes
from samen.intake.models import Signal
from samen.public import languages, services, throttle, uploads
from samen.public.draft import FOLLOW_KEY, RECEIPT_KEY, STEPS, Draft
from samen.public.forms import (
    CONTACT,
    DANGER,
    SINCE,
    WHAT,
    WHO,
    AboutForm,
    ContactForm,
    FollowForm,
    ReplyForm,
    SendForm,
    WhereForm,
)

RECEIPT_CONTEXT = "session.public_receipt"
FOLLOW_CONTEXT = "session.public_follow"


def _step_titles() -> dict[str, str]:
    return {
        "about": _("What is happening?"),
        "where": _("Where is it happening?"),
        "contact": _("Contact"),
        # A context of its own: the staff catalogue has the same words, and it wins.
        "send": pgettext("public step", "Check and send"),
    }


NOTICES = {"lost", "first"}


def _url(name: str, *, notice: str = "", **kwargs: Any) -> str:
    query = QueryDict(mutable=True)
    query["lang"] = translation.get_language()
    if notice:
        query["notice"] = notice
    return f"{reverse(f'public:{name}', kwargs=kwargs or None)}?{query.urlencode()}"


def _redirect(name: str, **kwargs: Any) -> HttpResponseRedirect:
    return HttpResponseRedirect(_url(name, **kwargs))


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    lang = translation.get_language()
    base = {
        "lang": lang,
        "q": f"?lang={lang}",
        "rtl": lang in languages.RTL,
        "unchecked": lang in languages.UNCHECKED,
        "languages": [(code, name, code == lang) for code, name in settings.PUBLIC_LANGUAGES],
        "path": request.path,
        "exit_url": reverse("public:exit"),
        "neutral_url": settings.SAMEN_PUBLIC_EXIT_URL,
        "notice": request.GET.get("notice", "") if request.method == "GET" else "",
    }
    return render(request, template, base | context, status=status)


def _problem(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return _page(request, "public/problem.html", {"message": message}, status=status)


def _read_post(request: HttpRequest) -> tuple[QueryDict, Any] | None:
    """The form data, or None when it is too large or broken (told to the reporter)."""
    uploads.use_memory_only(request)
    try:
        return request.POST, request.FILES
    except (RequestDataTooBig, TooManyFieldsSent, MultiPartParserError, BadRequest):
        return None


def _too_large(request: HttpRequest) -> HttpResponse:
    return _problem(
        request,
        _(
            "What you sent was too large. Your earlier answers are kept. "
            "Please go back and make your text shorter."
        ),
        400,
    )


def _municipality_choices() -> list[tuple[str, str]]:
    return [(str(m.pk), m.name) for m in services.municipalities()]


def _form(step: str, data: QueryDict | None) -> Any:
    if step == "about":
        return AboutForm(data)
    if step == "where":
        return WhereForm(data, municipalities=_municipality_choices())
    return ContactForm(data)


def start(request: HttpRequest) -> HttpResponse:
    return _page(request, "public/start.html", {"available": services.default_municipality()})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    if services.default_municipality() is None:
        return _problem(
            request, _("Reporting is not possible here yet. Please call 0800-7000."), 503
        )
    draft = Draft.load(request.session)
    if request.method == "GET":
        missing = draft.first_missing(step)
        if missing:
            return _redirect("step", step=missing, notice="first")
        if step == "send":
            return _send_page(request, draft, SendForm())
        data = draft.data_for(step)
        return _step_page(request, step, _form(step, data))
    read = _read_post(request)
    if read is None:
        return _too_large(request)
    post, files = read
    # The hidden field says earlier steps were answered; an empty draft means they are
    # gone (the session expired or the browser was closed in between).
    lost = post.get("started") == "1" and not draft.started
    if step == "send":
        return _send(request, draft, post, files, lost=lost)
    form = _form(step, post)
    valid = form.is_valid()
    draft.keep(step, post, valid=valid)
    draft.save(request.session)
    index = STEPS.index(step)
    if "back" in post:
        return _redirect("step", step=STEPS[index - 1]) if index else _redirect("start")
    if lost:
        return _redirect("step", step=draft.first_missing(step) or step, notice="lost")
    if not valid:
        return _step_page(request, step, form)
    following = STEPS[index + 1]
    missing = draft.first_missing(following)
    return _redirect("step", step=missing or following)


def _progress(step: str) -> dict[str, Any]:
    return {
        "step": step,
        "number": STEPS.index(step) + 1,
        "total": len(STEPS),
        "title": _step_titles()[step],
    }


def _step_page(request: HttpRequest, step: str, form: Any) -> HttpResponse:
    return _page(
        request,
        "public/step.html",
        {"form": form, "started": step != STEPS[0], **_progress(step)},
        status=200,
    )


def _summary(draft: Draft) -> list[tuple[str, str, str]]:
    """(question, answer, step) for the check page, from the kept answers."""
    forms = {step: _form(step, draft.data_for(step)) for step in ("about", "where", "contact")}
    data: dict[str, Any] = {}
    for form in forms.values():
        form.is_valid()
        data |= form.cleaned_data
    label = {k: str(v) for k, v in [*WHO, *WHAT, *SINCE, *DANGER, *CONTACT]}
    municipality = dict(forms["where"].fields["municipality"].choices)
    dash = "—"
    return [
        (_("Who is this about?"), label.get(data.get("who", ""), dash), "about"),
        (
            _("What is happening?"),
            ", ".join(label[w] for w in data.get("what", [])) or dash,
            "about",
        ),
        (_("In your own words"), data.get("description") or dash, "about"),
        (_("Since when?"), label.get(data.get("since", ""), dash), "about"),
        (_("Town or city"), str(municipality.get(data.get("municipality", ""), dash)), "where"),
        (_("Address or name of the place"), data.get("place") or dash, "where"),
        (_("Is someone in danger right now?"), label.get(data.get("danger", ""), dash), "where"),
        (_("Contact"), data.get("contact") or label.get(data.get("wanted", ""), dash), "contact"),
    ]


def _send_page(
    request: HttpRequest, draft: Draft, form: SendForm, status: int = 200
) -> HttpResponse:
    return _page(
        request,
        "public/send.html",
        {"form": form, "summary": _summary(draft), "started": True, **_progress("send")},
        status=status,
    )


def _report_from(draft: Draft) -> services.Report:
    about = AboutForm(draft.data_for("about"))
    where = WhereForm(draft.data_for("where"), municipalities=_municipality_choices())
    contact = ContactForm(draft.data_for("contact"))
    # Each step was valid when it was kept; a municipality may have closed since.
    if not (about.is_valid() and where.is_valid() and contact.is_valid()):
        raise ValueError("draft no longer valid")
    chosen = where.cleaned_data["municipality"]
    municipality = (
        services.municipalities().filter(pk=chosen).first() if chosen != "unknown" else None
    ) or services.default_municipality()
    if municipality is None:  # the last municipality was closed while this was typed
        raise ValueError("no municipality")
    return services.Report(
        who=about.cleaned_data["who"],
        what=about.cleaned_data["what"],
        description=about.cleaned_data["description"],
        since=about.cleaned_data["since"],
        municipality=municipality,
        place=where.cleaned_data["place"],
        danger=where.cleaned_data["danger"],
        contact=contact.cleaned_data["contact"],
        language=translation.get_language(),
    )


def _photo(request: HttpRequest, form: Any) -> services.Photo | None:
    upload = form.cleaned_data.get("photo")
    return services.Photo(upload.read()) if upload else None


def _upload_problem(request: HttpRequest, form: Any) -> bool:
    if uploads.too_big(request):
        form.add_error("photo", form.fields["photo"].error_messages["invalid"])
        return True
    return False


def _send(
    request: HttpRequest, draft: Draft, post: QueryDict, files: Any, *, lost: bool
) -> HttpResponse:
    if lost or not draft.started:
        return _redirect("step", step="about", notice="lost")
    missing = draft.first_missing("send")
    if missing:
        return _redirect("step", step=missing, notice="first")
    if "back" in post:
        return _redirect("step", step="contact")
    form = SendForm(post, files)
    if _upload_problem(request, form) or not form.is_valid():
        return _send_page(request, draft, form)
    try:
        report = _report_from(draft)
    except ValueError:
        return _redirect("step", step="where", notice="first")
    if not throttle.report_allowed():
        return _problem(
            request,
            _("It is very busy. Your answers are kept. Please try again in ten minutes."),
            503,
        )
    try:
        _signal, made = services.create_report(report, _photo(request, form))
    except attachments.AttachmentError:
        form.add_error("photo", form.fields["photo"].error_messages["invalid"])
        return _send_page(request, draft, form)
    Draft.clear(request.session)
    request.session[RECEIPT_KEY] = crypto.encrypt(made.code, context=RECEIPT_CONTEXT)
    return _redirect("receipt")


@csrf_exempt
@require_POST
def discard(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return _redirect("start")


def receipt(request: HttpRequest) -> HttpResponse:
    token = request.session.pop(RECEIPT_KEY, None)
    code = None
    if token:
        try:
            code = crypto.decrypt(token, context=RECEIPT_CONTEXT)
        except crypto.DecryptionError:
            code = None
    return _page(request, "public/receipt.html", {"code": code})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm()
    if request.method == "POST":
        read = _read_post(request)
        if read is None:
            return _too_large(request)
        form = FollowForm(read[0])
        if form.is_valid():
            outcome, signal = services.open_report(form.cleaned_data["code"])
            if outcome is services.Opened.OK and signal is not None:
                request.session.cycle_key()
                request.session[FOLLOW_KEY] = crypto.encrypt(str(signal.pk), context=FOLLOW_CONTEXT)
                return _redirect("conversation")
            form.add_error("code", _follow_error(outcome))
    return _page(request, "public/follow.html", {"form": form})


def _follow_error(outcome: services.Opened) -> str:
    if outcome is services.Opened.MALFORMED:
        return _("This is not a complete code. A code has 25 letters and numbers, in 5 groups.")
    if outcome is services.Opened.BLOCKED:
        return _("Too many wrong tries. Please wait 15 minutes and try again.")
    return _("We do not know this code. Please check it and try again.")


def _followed(request: HttpRequest) -> Signal | None:
    token = request.session.get(FOLLOW_KEY)
    if not token:
        return None
    try:
        pk = int(crypto.decrypt(token, context=FOLLOW_CONTEXT))
    except (crypto.DecryptionError, ValueError):
        return None
    return Signal.objects.filter(pk=pk, channel=codes.Channel.ANONYMOUS).first()


def _status_text(signal: Signal) -> str:
    return {
        codes.SignalStatus.RECEIVED: _("We have received your report."),
        codes.SignalStatus.ASSESSING: _("Someone from the municipality is looking at your report."),
        codes.SignalStatus.FOLLOWED_UP: _("The municipality is taking action on your report."),
        codes.SignalStatus.NO_FOLLOW_UP: _(
            "The municipality has looked at your report and is not taking further action now."
        ),
    }.get(signal.status, _("We have received your report."))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest) -> HttpResponse:
    signal = _followed(request)
    if signal is None:
        return _redirect("follow")
    form = ReplyForm()
    if request.method == "POST":
        read = _read_post(request)
        if read is None:
            return _too_large(request)
        form = ReplyForm(*read)
        if not _upload_problem(request, form) and form.is_valid():
            try:
                services.add_information(signal, form.cleaned_data["text"], _photo(request, form))
            except attachments.AttachmentError:
                form.add_error("photo", form.fields["photo"].error_messages["invalid"])
            else:
                return HttpResponseRedirect(_url("conversation") + "&sent=1")
    return _page(
        request,
        "public/conversation.html",
        {
            "form": form,
            "status_text": _status_text(signal),
            "messages_list": services.conversation(signal),
            "sent": request.method == "GET" and request.GET.get("sent") == "1",
        },
    )


@csrf_exempt
@require_POST
def follow_end(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return _redirect("start")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Forget the report in progress and leave for a neutral site (also without JS)."""
    request.session.flush()
    return HttpResponseRedirect(settings.SAMEN_PUBLIC_EXIT_URL)
