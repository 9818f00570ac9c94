"""Reads of réclamations and access requests: what each reader may see, in a fixed number of queries."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from legal import clocks as legal_clocks
from legal.enums import ClaimDocumentKind, ClaimStatus
from legal.models import AccessRequest, Claim, ClaimConsultation, ClaimDocument, ClaimEvent


def claim_for_claimant(token: str) -> Claim | None:
    return Claim.objects.filter(tracking_token=token).first()


def claim_public_events(claim: Claim) -> QuerySet[ClaimEvent]:
    """Status changes and the Greffe's messages to the claimant; never who wrote them nor internal steps."""
    return claim.events.filter(Q(public=True) | Q(from_status="", to_status=ClaimStatus.RECEIVED)).only(
        "at", "to_status", "text", "public"
    )


def claims_for_handlers(status: str = "") -> QuerySet[Claim]:
    claims = Claim.objects.select_related("concerned_service").order_by("-received_at")
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    return claims


def claim_receipts() -> QuerySet[Claim]:
    """What the Technicien may know of a claim: that it exists, when it came, where it stands."""
    return Claim.objects.only("number", "received_at", "status", "channel").order_by("-received_at")


def claim_detail_queryset() -> QuerySet[Claim]:
    return Claim.objects.select_related("concerned_service", "created_by").prefetch_related(
        "documents", "events__by", "consultations__service", "consultations__answered_by"
    )


def consultations_for(user: User) -> QuerySet[ClaimConsultation]:
    """Consultations addressed to a service the user answers for (reception, execution, director)."""
    if not user.is_authenticated:
        return ClaimConsultation.objects.none()
    return (
        ClaimConsultation.objects.filter(
            Q(service__responsable=user) | Q(service__execution_responsable=user) | Q(service__director=user)
        )
        .select_related("service", "claim", "answered_by")
        .only(
            # The facts of the event, never the claimant's identity, contact or amount.
            "question",
            "asked_at",
            "findings",
            "answered_at",
            "answered_by__first_name",
            "answered_by__last_name",
            "answered_by__username",
            "service__name_fr",
            "service__name_en",
            "service__responsable_id",
            "service__execution_responsable_id",
            "service__director_id",
            "claim__number",
            "claim__event_date",
            "claim__event_time",
            "claim__event_place",
            "claim__cause_kind",
            "claim__cause",
            "claim__damage_kind",
            "claim__damage_description",
        )
        .order_by("answered_at", "-asked_at")
    )


def consultation_photos(consultation: ClaimConsultation) -> QuerySet[ClaimDocument]:
    return ClaimDocument.objects.filter(claim_id=consultation.claim_id, kind=ClaimDocumentKind.PHOTO)


# --- access requests ----------------------------------------------------------------------------------


def access_for_requester(token: str) -> AccessRequest | None:
    return AccessRequest.objects.filter(tracking_token=token).prefetch_related("letters").first()


def access_register() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.prefetch_related("provisions").order_by("-received_on", "-pk")


def access_receipts() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.only("number", "received_on", "status", "form").order_by("-received_on", "-pk")


def access_detail_queryset() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.select_related("decided_by", "created_by").prefetch_related("letters", "provisions")


def access_overdue(today: dt.date | None = None) -> list[AccessRequest]:
    """Open requests past their deadline: art. 52 deems them refused; the responsable must see them all."""
    today = today or timezone.localdate()
    latest_received = today - dt.timedelta(days=legal_clocks.ACCESS_ANSWER_DAYS + 1)
    candidates = AccessRequest.objects.open().filter(received_on__lte=latest_received).order_by("received_on")
    return [a for a in candidates if a.deadline < today]


def access_due_soon(today: dt.date | None = None, *, within_days: int = 5) -> list[AccessRequest]:
    today = today or timezone.localdate()
    return [
        a
        for a in AccessRequest.objects.open().order_by("received_on")
        if today <= a.deadline <= today + dt.timedelta(days=within_days)
    ]


def legal_counts(month_start: dt.date, today: dt.date) -> dict[str, int]:
    """What the élus may know of claims and access requests: counts for the month, nothing else."""
    month_end = month_start + relativedelta(months=1)
    start = timezone.make_aware(dt.datetime.combine(month_start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(month_end, dt.time.min))
    claims = Claim.objects.aggregate(
        received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
        late=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end, notice_is_late=True)),
    )
    access = AccessRequest.objects.aggregate(
        received=Count("pk", filter=Q(received_on__gte=month_start, received_on__lt=month_end)),
        decided=Count("pk", filter=Q(decided_on__gte=month_start, decided_on__lt=month_end)),
    )
    return {
        "claims_received": claims["received"],
        "claims_late_notice": claims["late"],
        "access_received": access["received"],
        "access_decided": access["decided"],
        "access_overdue": len(access_overdue(today)),
    }


def tracking_path_for(number: str, email: str) -> str | None:
    """core.tracking's finder: a claim (RC-…) or an access request (AI-…) by its number and e-mail."""
    for model, url_name, email_field in (
        (Claim, "claims:track", "claimant_email"),
        (AccessRequest, "access:track", "requester_email"),
    ):
        token = (
            model.objects.filter(number=number, anonymized_at__isnull=True, **{f"{email_field}__iexact": email})
            .values_list("tracking_token", flat=True)
            .first()
        )
        if token:
            return reverse(url_name, kwargs={"token": token})
    return None
