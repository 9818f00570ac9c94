"""Every read of a complaint goes through here and is written to the access log (policy 4.5)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from requests_app.models import Service

from .enums import AccessAction
from .models import Complaint, ComplaintAccessLog


def is_investigator(user: User) -> bool:
    """The Directeur du Service aux citoyens is in charge of the investigation (4.4); IT superusers."""
    return user.is_authenticated and user.is_active and (user.is_superuser or user.has_role(Role.DIRECTEUR_SAC))


def sees_receipts(user: User) -> bool:
    """The Technicien knows a complaint was received and its status, nothing of its content."""
    return is_investigator(user) or (user.is_authenticated and user.has_role(Role.TECHNICIEN))


def readable_complaints(user: User) -> QuerySet[Complaint]:
    if not user.is_authenticated or not user.is_active:
        return Complaint.objects.none()
    if is_investigator(user):
        return Complaint.objects.all()
    # A director reads only what the Directeur SAC shared with him, and never a complaint about himself.
    return Complaint.objects.filter(shares__director=user, shares__revoked_at__isnull=True).exclude(employee=user)


def log_access(*, complaint: Complaint, user: User | None, action: str, detail: str) -> None:
    ComplaintAccessLog.objects.create(
        complaint=complaint,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        detail=detail[:200],
    )


def complaint_for_reader(user: User, number: str, *, detail: str, action: str = AccessAction.VIEW) -> Complaint:
    """The complaint if this user may read it (404 otherwise, so its existence is not revealed); logged."""
    complaint = readable_complaints(user).select_related("service", "employee").filter(number=number).first()
    if complaint is None:
        raise Http404
    log_access(complaint=complaint, user=user, action=action, detail=detail)
    return complaint


def complaint_receipts() -> QuerySet[Complaint]:
    """Number, date, service and status: the Technicien's view of the complaints he received."""
    return Complaint.objects.select_related("service").only(
        "number", "received_at", "status", "service__name_fr", "service__name_en", "channel"
    )


def complaint_for_complainant(token: str) -> Complaint | None:
    return Complaint.objects.select_related("service").filter(tracking_token=token).first()


def complaint_counts_by_month(*, services: Iterable[Service], since: dt.date) -> dict[Any, int]:
    """What a dashboard may know of complaints: how many were received per month (local month start
    → count) for these services since `since`. Nothing else, and no access to log: no file is read."""
    rows = (
        Complaint.objects.filter(service__in=services, received_at__gte=since)
        .annotate(month=TruncMonth("received_at"))
        .values_list("month")
        .annotate(count=Count("id"))
    )
    return {timezone.localtime(month).date().replace(day=1): count for month, count in rows}


def tracking_path_for(number: str, email: str) -> str | None:
    """core.tracking's finder: the complainant's own page, by the complaint's number and e-mail."""
    token = (
        Complaint.objects.filter(number=number, complainant_email__iexact=email, anonymized_at__isnull=True)
        .values_list("tracking_token", flat=True)
        .first()
    )
    return reverse("complaints:track", kwargs={"token": token}) if token else None
