from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.intake import codes

register = template.Library()


@register.filter
def reason_text(reason: dict) -> str:
    """One triage reason in words, with its points."""
    code, points = reason.get("code"), reason.get("points", 0)
    if code == "immediate_danger":
        return _("Someone is in danger now: call 112, then act at once.")
    if code == "minor":
        return _("A minor is involved (+%(points)d): no coercion needs to be shown.") % {
            "points": points
        }
    if code == "repeat_location":
        return _("Another signal named this location in the last 180 days (+%(points)d).") % {
            "points": points
        }
    if code == "indicators":
        counts = reason.get("counts", {})
        parts = [
            ngettext("%(n)d strong", "%(n)d strong", counts.get("strong", 0))
            % {"n": counts.get("strong", 0)},
            ngettext("%(n)d medium", "%(n)d medium", counts.get("medium", 0))
            % {"n": counts.get("medium", 0)},
            ngettext("%(n)d weak", "%(n)d weak", counts.get("weak", 0))
            % {"n": counts.get("weak", 0)},
        ]
        return _("Signals ticked: %(parts)s (+%(points)d).") % {
            "parts": ", ".join(parts),
            "points": points,
        }
    return str(code)


@register.filter
def form_labels(values: list[str]) -> str:
    labels = dict(codes.ExploitationForm.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)
