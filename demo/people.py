"""The demo city's people: an account per role, the responsables and their signed designations."""

import random

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.enums import Role, SignatureMethod
from accounts.models import User
from accounts.signatures import Signature
from requests_app.models import Service
from requests_app.services import designations

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
