"""Complaints, claims, access requests and satisfaction answers, so every screen has something to show."""

import datetime as dt

from django.utils import timezone

from accounts.enums import SignatureMethod
from accounts.models import User
from accounts.signatures import Signature
from complaints import services as complaint_services
from demo.people import FIRST_NAMES, LAST_NAMES
from legal.enums import AccessForm, ClaimCause, DamageKind
from legal.services import access as access_services
from legal.services import claims as claim_services
from requests_app.enums import RequestKind, Status
from requests_app.models import Service, ServiceRequest
from requests_app.services.satisfaction import satisfaction_record


def _create_complaints(technicien, now):
    """A few complaints in several states, so the confidential side can be seen in the demo."""
    investigator = User.objects.get(username="directeur-sac")
    public_works = Service.objects.get(code="travaux-publics")
    today = timezone.localdate()
    for index, (name, facts) in enumerate(
        [
            (
                "Lucie Beaulieu",
                "Le chauffeur de la déneigeuse a été impoli lorsque je lui ai demandé de ne pas bloquer "
                "mon entrée, le matin du 3.",
            ),
            ("Gilles Thibault", "L'employé au comptoir a refusé de prendre ma demande de permis sans explication."),
        ]
    ):
        complaint = complaint_services.complaint_submit(
            data={
                "complainant_name": name,
                "complainant_address": "45, rue des Érables, Prévost",
                "complainant_phone": "450 224-0000",
                "complainant_email": f"plaignant{index}@exemple.ca",
                "facts_date": today - dt.timedelta(days=3),
                "service": public_works,
                "employee_named": "chauffeur de la déneigeuse" if index == 0 else "",
                "facts": facts,
            },
            signature=Signature(SignatureMethod.TYPED, name),
        )
        if index == 0:
            complaint_services.complaint_start_investigation(complaint=complaint, acting_user=investigator)
    waiting = ServiceRequest.objects.filter(status=Status.RECEIVED, kind=RequestKind.REQUEST).exclude(
        requester_email=""
    )
    candidate = waiting.order_by("received_at").first()
    if candidate is not None:
        complaint_services.complaint_from_request(
            service_request=candidate, acting_user=technicien, facts_date=today - dt.timedelta(days=2)
        )


def _create_claims_and_access_requests(technicien):
    """Claims and access requests at several steps, one access request overdue, for the Greffe and the DG."""
    greffier = User.objects.get(username="greffier")
    today = timezone.localdate()
    claims = [
        (
            DamageKind.PROPERTY,
            ClaimCause.SEWER_BACKUP,
            6,
            "1050, rue Principale",
            "Sous-sol inondé, tapis et meubles perdus.",
        ),
        (
            DamageKind.PROPERTY,
            ClaimCause.ROAD_SURFACE,
            20,
            "Chemin du Lac-Écho, face au 880",
            "Pneu et jante avant droits.",
        ),
        (
            DamageKind.BODILY,
            ClaimCause.OTHER,
            40,
            "Trottoir de la rue de la Station",
            "Chute sur un trottoir glacé; poignet.",
        ),
    ]
    for index, (damage, cause, days_ago, place, description) in enumerate(claims):
        claim = claim_services.claim_submit(
            data={
                "damage_kind": damage,
                "cause_kind": cause,
                "event_date": today - dt.timedelta(days=days_ago),
                "event_time": None,
                "event_place": place,
                "cause": "Selon le réclamant, l'état des installations de la Ville.",
                "damage_description": description,
                "amount_claimed": None,
                "claimant_name": rng_name(index),
                "claimant_address": f"{100 + index}, rue des Pins, Prévost",
                "claimant_phone": "450 224-0000",
                "claimant_email": f"reclamant{index}@exemple.ca",
                "insurer_name": "",
                "insurer_policy": "",
                "language": "fr-ca",
            },
            acting_user=technicien if index == 2 else None,
            channel="telephone" if index == 2 else "web",
        )
        if index == 1:
            claim_services.claim_start_analysis(claim=claim, acting_user=greffier)
    for index, days_ago in enumerate((2, 16, 24)):
        access_services.access_request_submit(
            data={
                "documents_requested": "Les procès-verbaux du comité consultatif d'urbanisme de 2025.",
                "requester_name": rng_name(index + 3),
                "requester_address": f"{200 + index}, rue des Érables, Prévost",
                "requester_phone": "",
                "requester_email": f"demandeur{index}@exemple.ca",
                "language": "fr-ca",
            },
            form=AccessForm.WRITTEN,
            received_on=today - dt.timedelta(days=days_ago),
        )


def rng_name(index: int) -> str:
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 3) % len(LAST_NAMES)]}"


SATISFACTION_COMMENTS = [
    "Réglé en deux jours, merci!",
    "On m'a rappelé rapidement, très courtois.",
    "Il a fallu relancer deux fois avant que quelqu'un se déplace.",
    "",
    "",
]


def _create_satisfaction(rng):
    """Answers to the closure survey on part of the closed requests, for the Expérience citoyen page."""
    for request in ServiceRequest.objects.filter(status=Status.CLOSED).order_by("pk")[:40]:
        if rng.random() < 0.6:
            rating = rng.choices([5, 4, 3, 2, 1], weights=[40, 30, 15, 10, 5])[0]
            comment = rng.choice(SATISFACTION_COMMENTS) if rating != 3 else ""
            satisfaction_record(service_request=request, rating=rating, comment=comment)


# Examples for the demo only: the city's own answers are written by the Technicien in the admin.
