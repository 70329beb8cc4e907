"""Notifications in the application, announced by an e-mail that names no person and no
case: only what kind of thing waits, and a link to the application (need to know)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samen.cases.models import Notification
from samen.core.access import ROLE_PERMISSIONS, Permission
from samen.core.models import Membership, Organisation, Role, User

CASE_ROLES = [role for role in Role if Permission.WORK_ON_CASES in ROLE_PERMISSIONS[role]]


def case_workers_of(organisation: Organisation) -> QuerySet[Membership]:
    """The members who act on cases for this organisation (coordinators, case workers)."""
    return Membership.objects.filter(
        organisation=organisation,
        role__in=CASE_ROLES,
        is_active=True,
        user__is_active=True,
    ).select_related("user", "organisation")


def privacy_officers_of(*organisations: Organisation) -> list[Membership]:
    """The active privacy officers of these organisations, each membership once."""
    return list(
        Membership.objects.filter(
            organisation__in=[o.pk for o in organisations],
            role=Role.PRIVACY_OFFICER,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user", "organisation")
        .order_by("pk")
    )


def notify(
    memberships: Iterable[Membership], kind: str, url: str, *, base_url: str
) -> list[Notification]:
    """One notification per member; the e-mails leave after the change is committed."""
    rows = Notification.objects.bulk_create(
        Notification(recipient=m.user, organisation=m.organisation, kind=kind, url=url)
        for m in memberships
    )
    addresses = sorted({n.recipient.email for n in rows if n.recipient.email})
    if addresses:
        link = base_url.rstrip("/") + reverse("cases:notifications")
        transaction.on_commit(lambda: send_notification_email.enqueue(kind, addresses, link))
    return rows


@task
def send_notification_email(kind: str, addresses: list[str], link: str) -> int:
    """One mail per address, so that recipients do not see each other."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Samen: something new for you")
        body = "\n\n".join(
            [
                str(Notification.Kind(kind).label),
                _("Log in to Samen to see it: %(link)s") % {"link": link},
                _("This e-mail contains no details, to protect the people involved."),
            ]
        )
    for address in addresses:
        send_mail(subject, body, None, [address])
    return len(addresses)


def unread_for(user: User, organisation: Organisation) -> QuerySet[Notification]:
    return Notification.objects.filter(
        recipient=user, organisation=organisation, read_at__isnull=True
    )


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
