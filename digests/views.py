"""The monthly follow-up on the staff side: answer the RNC list, watch the answers, read the élus' report."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Count, Q, When
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core import pdf
from digests import services as digests
from digests.enums import DigestKind
from digests.models import DigestDelivery, DigestItem
from requests_app.enums import Status
from requests_app.selectors import age_and_overdue


@login_required
def follow_up(request):
    """Policy 4.2.3: the responsable answers for every listed request before the month's last business day."""
    delivery = (
        DigestDelivery.objects.filter(recipient=request.user, kind=DigestKind.RESPONSABLE, generated_at__isnull=False)
        .order_by("-month")
        .first()
    )
    items = []
    if delivery is not None:
        items = list(
            DigestItem.objects.filter(delivery=delivery)
            .select_related("request__request_type", "service")
            .annotate(
                answered=Case(When(digests.answered_condition(), then=True), default=False, output_field=BooleanField())
            )
            .order_by("request__received_at", "pk")
        )
    today = timezone.localdate()
    rows = [(item, *age_and_overdue(item.request, today)) for item in items]
    return render(
        request,
        "requests_app/staff/rnc_follow_up.html",
        {
            "delivery": delivery,
            "rows": rows,
            "answered": sum(item.answered for item in items),
            "waiting_technicien": sum(item.request.status == Status.RECEIVED for item in items),
            "deadline": digests.business_days.deadline_date(delivery.month.year, delivery.month.month)
            if delivery
            else None,
            "today": today,
            "actionable": (Status.ASSIGNED, Status.ON_HOLD, Status.SCHEDULED),
        },
    )


def _month_param(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("mois", "") + "-01")
    except ValueError:
        return timezone.localdate().replace(day=1)


@login_required
def progress(request):
    """How much of each service's list has been answered, for the Technicien who closes the loop."""
    if not (request.user.has_perm("requests_app.triage") or request.user.has_perm("requests_app.see_all")):
        raise PermissionDenied
    month = _month_param(request)
    per_service = (
        DigestItem.objects.filter(delivery__month=month, delivery__kind=DigestKind.RESPONSABLE)
        .values("service__name_fr", "delivery__recipient__first_name", "delivery__recipient__last_name")
        .annotate(
            listed=Count("pk"),
            unanswered=Count("pk", filter=digests.unanswered_condition()),
            waiting_technicien=Count("pk", filter=Q(request__status=Status.RECEIVED)),
        )
        .order_by("service__name_fr")
    )
    rows = []
    for row in per_service:
        answered = row["listed"] - row["unanswered"] - row["waiting_technicien"]
        owed = row["listed"] - row["waiting_technicien"]
        rows.append({**row, "answered": answered, "share": round(100 * answered / owed) if owed else 100})
    deliveries = DigestDelivery.objects.filter(month=month).select_related("recipient", "email").order_by("kind")
    return render(
        request,
        "requests_app/staff/rnc_progress.html",
        {
            "month": month,
            "rows": rows,
            "deliveries": deliveries,
            "deadline": digests.business_days.deadline_date(month.year, month.month),
        },
    )


def _elus_context(request):
    if not request.user.has_perm("digests.read_elus_report"):
        raise PermissionDenied
    today = timezone.localdate()
    return digests.elus_context(today.replace(day=1), today)


@login_required
def elus_report(request):
    return render(request, "requests_app/staff/elus_report.html", _elus_context(request))


@login_required
def elus_report_pdf(request):
    context = _elus_context(request)
    response = HttpResponse(pdf.render_elus_digest_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-elus-{context["month"]:%Y-%m}.pdf"'
    return response
