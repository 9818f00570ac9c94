"""A year of requests at every stage, with their history, and three reports of the same pothole."""

import datetime as dt
import random

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from demo.files import _create_claims_and_access_requests, _create_complaints, _create_satisfaction
from demo.people import FACTS, FIRST_NAMES, LAST_NAMES, STREETS
from requests_app import services
from requests_app.enums import Channel, ContactPreference, RejectionReason, RequestKind, Status
from requests_app.models import RequestEvent, RequestType, ServiceRequest


def _target_status(rng: random.Random, age_days: int) -> str:
    if age_days < 3:
        return rng.choice([Status.RECEIVED, Status.RECEIVED, Status.ASSIGNED])
    if age_days < 30:
        return rng.choice(
            [Status.ASSIGNED, Status.ON_HOLD, Status.SCHEDULED, Status.COMPLETED, Status.CLOSED, Status.RECEIVED]
        )
    return rng.choice(
        [
            Status.CLOSED,
            Status.CLOSED,
            Status.CLOSED,
            Status.COMPLETED,
            Status.ON_HOLD,
            Status.ASSIGNED,
            Status.REJECTED,
        ]
    )


def create_requests(count: int, *, random_seed: int = 2026) -> int:
    rng = random.Random(random_seed)
    technicien = User.objects.get(username="technicien")
    types = list(RequestType.objects.select_related("service__responsable"))
    now = timezone.now()
    today = timezone.localdate()
    for index in range(max(count - len(DUPLICATE_REPORTS), 0)):
        age_days = int(rng.triangular(0, 150, 10))
        received_at = now - dt.timedelta(days=age_days, hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
        request_type = rng.choice(types)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        address = f"{rng.randint(100, 3999)}, {rng.choice(STREETS)}"
        kind = RequestKind.INFORMATION if index % 12 == 0 else RequestKind.REQUEST
        request = services.request_submit(
            data={
                "kind": kind,
                "request_type": request_type,
                "description": FACTS.get(request_type.code, f"Demande concernant : {request_type.name_fr.lower()}."),
                "location_address": address,
                "requester_name": f"{first} {last}",
                "requester_address": f"{address}, Prévost (Québec) J0R 1T0",
                "requester_phone": f"450 224-{rng.randint(1000, 9999)}",
                "requester_email": f"{slugify(first)}.{slugify(last)}{index}@exemple.ca",
                "contact_preference": rng.choice(ContactPreference.values),
            },
            channel=rng.choice(
                [Channel.WEB, Channel.WEB, Channel.PHONE, Channel.EMAIL, Channel.COUNTER, Channel.FIELD]
            ),
            received_at=received_at,
        )
        if kind == RequestKind.INFORMATION:
            if age_days > 0:
                services.request_answer(
                    service_request=request,
                    acting_user=technicien,
                    answer="Les informations demandées vous ont été données par téléphone.",
                )
        else:
            _advance(rng, request, _target_status(rng, age_days), technicien, today, received_at)
        _spread_history(request, received_at, now)
    _create_duplicates(technicien, now)
    _create_complaints(technicien, now)
    _create_claims_and_access_requests(technicien)
    _create_satisfaction(rng)
    return count


def _advance(rng, request, target, technicien, today, received_at):
    if target == Status.RECEIVED:
        return
    if target == Status.REJECTED:
        services.request_reject(
            service_request=request,
            acting_user=technicien,
            reason=RejectionReason.PRIVATE_DISPUTE,
            public_note="Ce différend relève d'un litige privé entre voisins.",
        )
        return
    request = services.request_assign(service_request=request, acting_user=technicien)
    responsable = request.responsable
    if target == Status.ON_HOLD:
        services.request_put_on_hold(
            service_request=request,
            acting_user=responsable,
            reason=rng.choice(["Dégel printanier", "Attente de pièces", "Attente du fournisseur"]),
        )
    elif target == Status.SCHEDULED:
        services.request_schedule(
            service_request=request, acting_user=responsable, planned_date=today + dt.timedelta(days=rng.randint(1, 20))
        )
    elif target in (Status.COMPLETED, Status.CLOSED):
        done = min(today, timezone.localdate(received_at) + dt.timedelta(days=rng.randint(1, 12)))
        services.request_complete(
            service_request=request,
            acting_user=responsable,
            done_date=done,
            extension=responsable.extension or "221",
            internal_note="Équipe 2 dépêchée; travaux faits en 30 minutes.",
            public_note="Les travaux ont été effectués. Merci de votre signalement.",
        )
        if target == Status.CLOSED:
            services.request_close(service_request=ServiceRequest.objects.get(pk=request.pk), acting_user=technicien)


def _spread_history(service_request, received_at, now):
    """Give the history plausible times between reception and now instead of all 'now'."""
    events = list(RequestEvent.objects.filter(request=service_request).order_by("pk").values_list("pk", flat=True))
    step = (now - received_at) / (len(events) + 1)
    for position, pk in enumerate(events):
        RequestEvent.objects.filter(pk=pk).update(created_at=received_at + step * position)
    ServiceRequest.objects.filter(pk=service_request.pk, closed_at__isnull=False).update(
        closed_at=received_at + step * len(events)
    )


DUPLICATE_REPORTS = ((30, "Hélène Dubé", 2284), (20, "Marc Lavoie", 2290), (2, "Julie Roy", 2288))


def _create_duplicates(technicien, now):
    """The same pothole reported three times: one report joined to the first, one still waiting in
    the Technicien's queue with the first offered as a likely duplicate."""
    pothole = RequestType.objects.get(code="nid-de-poule")
    reports = []
    for hours_ago, name, number in DUPLICATE_REPORTS:
        reports.append(
            services.request_submit(
                data={
                    "request_type": pothole,
                    "description": "Gros trou dans la chaussée, la roue de mon auto y est tombée.",
                    "location_address": f"{number}, boulevard du Curé-Labelle",
                    "requester_name": name,
                    "requester_email": f"{slugify(name)}@exemple.ca",
                },
                channel=Channel.WEB,
                received_at=now - dt.timedelta(hours=hours_ago),
            )
        )
    main = services.request_assign(service_request=reports[0], acting_user=technicien)
    services.request_merge(service_request=reports[1], acting_user=technicien, into=main)
