"""Demo data: the accounts of every role and ~200 requests in every status, through the real services."""

import datetime as dt
import random

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.enums import Role, SignatureMethod
from accounts.models import User
from accounts.signatures import Signature
from complaints import services as complaint_services
from knowledge.models import Article, StandardAnswer
from knowledge.services import article_save
from legal.enums import AccessForm, ClaimCause, DamageKind
from legal.services import access as access_services
from legal.services import claims as claim_services
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from requests_app import services
from requests_app.enums import Channel, ContactPreference, RejectionReason, RequestKind, Status
from requests_app.models import RequestEvent, RequestType, Service, ServiceRequest
from requests_app.services import designations
from requests_app.services.satisfaction import satisfaction_record
from requests_app.services.standards import standards_refresh

DEMO_PASSWORD = "demo-prevost"

FIRST_NAMES = [
    "Marie",
    "Jean",
    "Sophie",
    "Luc",
    "Isabelle",
    "Mathieu",
    "Chantal",
    "Pierre",
    "Nathalie",
    "Éric",
    "Julie",
    "François",
    "Geneviève",
    "Simon",
    "Catherine",
    "Alexandre",
    "Mélanie",
    "Denis",
]
LAST_NAMES = [
    "Tremblay",
    "Gagnon",
    "Roy",
    "Côté",
    "Bouchard",
    "Gauthier",
    "Morin",
    "Lavoie",
    "Fortin",
    "Gagné",
    "Ouellet",
    "Pelletier",
    "Bélanger",
    "Lévesque",
    "Bergeron",
    "Leblanc",
    "Paquette",
    "Girard",
]
STREETS = [
    "rue Principale",
    "boulevard du Curé-Labelle",
    "rue des Érables",
    "chemin du Lac-Écho",
    "montée Sainte-Thérèse",
    "rue de la Station",
    "rue Shaw",
    "chemin du Lac-René",
    "rue des Morilles",
    "rue du Clos-Prévostois",
    "rue Lesage",
    "montée Rolland",
]
FACTS = {
    "nid-de-poule": "Un gros nid-de-poule s'est formé devant chez moi; les voitures l'évitent par le trottoir.",
    "lumiere-de-rue": "Le lampadaire au coin de la rue ne s'allume plus depuis une semaine; le secteur est sombre.",
    "collecte-manquee": "Le bac de recyclage n'a pas été ramassé lundi alors qu'il était au chemin dès 6 h.",
    "arbre-dangereux": "Un grand peuplier penche dangereusement au-dessus du sentier du parc après la tempête.",
    "taxation-question": "Je ne comprends pas l'augmentation de la taxe foncière sur mon dernier compte.",
    "inscription-loisirs": "Je n'arrive pas à inscrire ma fille au cours de natation de la session d'hiver.",
}
ROLE_ACCOUNTS = [
    ("technicien", "Sylvie", "Charbonneau", Role.TECHNICIEN),
    ("directeur-sac", "Martin", "Desjardins", Role.DIRECTEUR_SAC),
    ("dg", "Hélène", "Prud'homme", Role.DIRECTEUR_GENERAL),
    ("elu", "Paul", "Germain", Role.ELU),
    ("greffier", "Nadia", "Lachance", Role.GREFFIER),
    ("experience-citoyen", "Chantal", "Lafleur", Role.EXPERIENCE_CITOYEN),
]
EXECUTION = {
    "travaux-publics": ("surintendant", "Denis", "Surprenant"),
    "ingenierie": ("ingenieur-en-chef", "Hélène", "Ingénieure"),
}


def _user(username, first, last, role, *, staff=False):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.prevost.local",
            "is_staff": staff,
            "extension": str(200 + len(username)),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=role.value))
    return user


def create_accounts() -> list[str]:
    usernames = []
    for username, first, last, role in ROLE_ACCOUNTS:
        # The DG and the Greffe keep the register of confidentiality incidents, in the admin.
        _user(username, first, last, role, staff=role in (Role.TECHNICIEN, Role.DIRECTEUR_GENERAL, Role.GREFFIER))
        usernames.append(username)
    rng = random.Random(7)
    technicien = User.objects.get(username="technicien")
    for service in Service.objects.order_by("code"):
        director = _user(
            f"directeur-{service.code}", rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), Role.DIRECTEUR_SERVICE
        )
        responsable = _user(
            f"responsable-{service.code}", rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), Role.RESPONSABLE
        )
        execution = _user(*EXECUTION[service.code], Role.RESPONSABLE) if service.code in EXECUTION else None
        if service.director_id is None:
            service.director = director
            service.save(update_fields=["director"])
        if service.responsable_id is None:
            _designate(service, technicien, responsable, execution)
        usernames += [responsable.username, director.username] + ([execution.username] if execution else [])
    return usernames


def _designate(service, technicien, responsable, execution):
    """Annexe C for the demo, through the real signing flow (typed signatures)."""
    designation = designations.designation_start(
        service=service,
        acting_user=technicien,
        reception_responsable=responsable,
        position_email=f"{service.code}@demo.prevost.local",
        extension=responsable.extension,
        designation_date=timezone.localdate(),
        execution_responsable=execution,
    )
    designations.designation_sign_as_employee(
        designation=designation,
        acting_user=responsable,
        signature=Signature(SignatureMethod.TYPED, responsable.get_full_name()),
    )
    designations.designation_sign_as_director(
        designation=designation,
        acting_user=service.director,
        signature=Signature(SignatureMethod.TYPED, service.director.get_full_name()),
    )


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


@transaction.atomic
def seed(*, count: int, only_if_empty: bool) -> tuple[list[str], int]:
    """Accounts, designations, requests and complaints in one transaction. Returns usernames, requests made."""
    usernames = create_accounts()
    made = 0 if only_if_empty and ServiceRequest.objects.exists() else create_requests(count)
    create_knowledge()
    create_addresses()
    standards_refresh()  # what the nightly job would have published
    # Demo messages are not for real mailboxes: mark them sent before the commit queues them.
    OutboundEmail.objects.filter(status=OutboxStatus.PENDING).update(status=OutboxStatus.SENT, sent_at=timezone.now())
    return usernames, made


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
DEMO_ARTICLES = [
    (
        "travaux-publics",
        "Une lumière de rue est éteinte ou clignote : que faire?",
        "A street light is out or flickering: what should I do?",
        "Faites une requête « Lumière de rue défectueuse » en indiquant l'adresse ou le numéro inscrit sur le poteau. "
        "L'équipe des travaux publics remplace les lampes chaque semaine.",
        "File a « Street light » request with the address or the number written on the pole. Public works replace "
        "lamps every week.",
        "lampadaire, lumière, éclairage, poteau, brûlée",
        True,
    ),
    (
        "environnement",
        "Ma collecte n'a pas été faite : que faire?",
        "My garbage was not picked up: what should I do?",
        "Vérifiez d'abord le calendrier des collectes : les jours changent après un jour férié. Si la collecte est "
        "manquée, faites une requête « Collecte manquée » avant midi le lendemain; le bac doit rester en bordure.",
        "First check the collection calendar: days change after a holiday. If it was missed, file a « Missed "
        "collection » request before noon the next day; leave the bin at the curb.",
        "poubelle, ordures, recyclage, bac, vidanges, compost",
        True,
    ),
    (
        "urbanisme",
        "Ai-je besoin d'un permis pour couper un arbre?",
        "Do I need a permit to cut down a tree?",
        "Oui, l'abattage d'un arbre de plus de 10 cm de diamètre demande un certificat d'autorisation. La demande "
        "se fait au Service de l'urbanisme; le délai est d'environ deux semaines.",
        "Yes, cutting a tree over 10 cm in diameter requires a permit from the Planning department; allow about "
        "two weeks.",
        "abattage, arbre, permis, coupe, certificat",
        True,
    ),
    (
        None,
        "Appel sur un bris d'aqueduc en dehors des heures : qui joindre?",
        "",
        "Transférer à la ligne d'urgence des travaux publics (jour et nuit). Noter l'adresse exacte et si l'eau "
        "coule dans la rue ou dans une maison.",
        "",
        "aqueduc, fuite, eau, urgence, soir, fin de semaine",
        False,
    ),
]

DEMO_ANSWERS = [
    (
        "Travaux planifiés",
        None,
        "action_a_venir",
        "Bonjour, votre demande {numero} ({nature}) est planifiée pour le {date_prevue}. Vous pouvez suivre son "
        "avancement ici : {lien_suivi}",
        "Hello, your request {numero} ({nature}) is scheduled for {date_prevue}. Follow it here: {lien_suivi}",
    ),
    (
        "Travaux terminés",
        None,
        "",
        "Bonjour, l'intervention demandée ({nature}) a été effectuée le {completee_le}. Merci de nous avoir "
        "signalé la situation.",
        "Hello, the work you asked for ({nature}) was done on {completee_le}. Thank you for letting us know.",
    ),
    (
        "Hors compétence : route du ministère",
        "travaux-publics",
        "",
        "Bonjour, cette route relève du ministère des Transports du Québec. Nous leur avons transmis votre "
        "signalement; vous pouvez aussi les joindre par Québec 511.",
        "Hello, this road is the responsibility of the Québec Ministry of Transport. We have forwarded your "
        "report; you can also reach them through Québec 511.",
    ),
]


def create_knowledge() -> None:

    if Article.objects.exists():
        return
    services = {service.code: service for service in Service.objects.all()}
    for code, question_fr, question_en, answer_fr, answer_en, keywords, public in DEMO_ARTICLES:
        article_save(
            article=Article(
                service=services.get(code) if code else None,
                question_fr=question_fr,
                question_en=question_en,
                answer_fr=answer_fr,
                answer_en=answer_en,
                keywords=keywords,
                is_public=public,
            )
        )
    for title, code, status, text_fr, text_en in DEMO_ANSWERS:
        StandardAnswer.objects.create(
            title=title, service=services.get(code) if code else None, status=status, text_fr=text_fr, text_en=text_en
        )


def create_addresses() -> int:
    """A civic-address table for the demo streets, as an import of the property roll would give
    (real Prévost addresses come from `manage.py import_addresses`)."""
    from requests_app.services.addresses import addresses_import

    lines = ["identifiant;numero;rue;code_postal;latitude;longitude"]
    for index, street in enumerate(STREETS):
        for step, number in enumerate(range(100, 3000, 50)):
            latitude = 45.845 + index * 0.004 + step * 0.0003
            longitude = -74.11 + index * 0.003
            lines.append(f"DEMO-{index:02d}-{number};{number};{street};J0R 1T0;{latitude:.6f};{longitude:.6f}")
    result = addresses_import("\n".join(lines))
    return result.created
