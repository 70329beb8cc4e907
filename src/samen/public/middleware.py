"""Privacy for the public channel: forget who is asking before anything else can look.

Placed first in MIDDLEWARE, so that no later middleware, view, log handler or error
report sees the client's address, forwarding headers, user agent or referrer of a
request to /melden/. `request.META` is the WSGI environ itself, so a server access log
written from the environ after the response does not see them either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import translation

from samen.public import languages

PUBLIC_PREFIX = "/melden/"
# The channel's own static files are requested by the same people: strip there too.
STRIPPED_PREFIXES = (PUBLIC_PREFIX, "/static/public/")

IDENTIFYING = frozenset(
    {
        "REMOTE_HOST",
        "REMOTE_PORT",
        "REMOTE_USER",
        "HTTP_X_FORWARDED_FOR",
        "HTTP_X_FORWARDED",
        "HTTP_FORWARDED",
        "HTTP_FORWARDED_FOR",
        "HTTP_X_REAL_IP",
        "HTTP_X_CLIENT_IP",
        "HTTP_CLIENT_IP",
        "HTTP_TRUE_CLIENT_IP",
        "HTTP_CF_CONNECTING_IP",
        "HTTP_X_CLUSTER_CLIENT_IP",
        "HTTP_X_ORIGINAL_FORWARDED_FOR",
        "HTTP_VIA",
        "HTTP_USER_AGENT",
        "HTTP_REFERER",
        "HTTP_FROM",
        "HTTP_DNT",
    }
)
IDENTIFYING_PREFIXES = ("HTTP_SEC_CH_", "HTTP_X_FORWARDED_")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)


def strip_identifying(meta: dict[str, Any]) -> None:
    for key in list(meta):
        if key in IDENTIFYING or key.startswith(IDENTIFYING_PREFIXES):
            del meta[key]
    # Some code indexes REMOTE_ADDR directly; an empty value tells it nothing.
    meta["REMOTE_ADDR"] = ""


def _cross_site(request: HttpRequest) -> bool:
    """A form POST from another site (the public views need no CSRF cookie, see docs)."""
    if request.META.get("HTTP_SEC_FETCH_SITE") in {"cross-site", "same-site"}:
        return True
    origin = request.META.get("HTTP_ORIGIN")
    # 'null' is what browsers send under Referrer-Policy: no-referrer; it is allowed.
    if not origin or origin == "null":
        return False
    return origin != f"{request.scheme}://{request.get_host()}"


class PublicPrivacyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not path.startswith(STRIPPED_PREFIXES):
            return self.get_response(request)
        strip_identifying(request.META)
        public = path.startswith(PUBLIC_PREFIX)
        if public and request.method == "POST" and _cross_site(request):
            response: HttpResponse = HttpResponseForbidden(b"", content_type="text/plain")
        else:
            response = self.get_response(request)
        if public:
            response["Cache-Control"] = "no-store, max-age=0"
            response["Referrer-Policy"] = "no-referrer"
            response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
            response["X-Robots-Tag"] = "noarchive"
        return response

    def process_view(self, request: HttpRequest, *args: object) -> None:
        # Runs after LocaleMiddleware chose a staff language; the public pages choose
        # among their own languages instead.
        if request.path_info.startswith(PUBLIC_PREFIX):
            code = languages.choose(request)
            translation.activate(code)
            request.LANGUAGE_CODE = code
