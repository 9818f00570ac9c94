"""Prévost's catalogue on a fresh install: services, request types, intervention codes (Annexe A),
the Open311 questions of some types, the holiday closure. Idempotent; the data migration and the
tests (after a flush) call `catalog_seed`. Takes an app registry: historical models in a migration."""

SERVICES = [
    ("experience-citoyen", "Expérience citoyen", "Citizen Experience", "C"),
    ("travaux-publics", "Travaux publics", "Public Works", "B"),
    ("ingenierie", "Ingénierie", "Engineering", "B"),
    ("urbanisme", "Urbanisme", "Urban Planning", "C"),
    ("environnement", "Environnement", "Environment", "C"),
    ("securite-communautaire", "Sécurité communautaire", "Community Safety", "C"),
    ("loisirs-culture", "Loisirs, culture et vie communautaire", "Recreation, Culture and Community Life", "A"),
    ("tresorerie-taxation", "Trésorerie / Taxation", "Treasury / Taxation", "A"),
]

TYPES = {
    "experience-citoyen": [
        ("commentaire-service", "Commentaire sur les services", "Comment on city services", 5),
        ("suggestion", "Suggestion d'amélioration", "Suggestion", 10),
    ],
    "travaux-publics": [
        ("nid-de-poule", "Nid-de-poule", "Pothole", 5),
        ("lumiere-de-rue", "Lumière de rue défectueuse", "Street light out", 10),
        ("deneigement", "Déneigement ou déglaçage", "Snow removal or de-icing", 2),
        ("signalisation", "Panneau de signalisation endommagé", "Damaged road sign", 5),
        ("fosse-ponceau", "Fossé ou ponceau obstrué", "Blocked ditch or culvert", 10),
        ("arbre-dangereux", "Arbre dangereux sur un terrain public", "Dangerous tree on public land", 3),
    ],
    "ingenierie": [
        ("aqueduc-fuite", "Fuite d'aqueduc", "Water main leak", 2),
        ("qualite-eau", "Pression ou qualité de l'eau", "Water pressure or quality", 5),
        ("egout-refoulement", "Égout ou refoulement", "Sewer backup", 2),
    ],
    "urbanisme": [
        ("permis-question", "Question sur un permis", "Permit question", 10),
        ("terrain-neglige", "Terrain mal entretenu", "Neglected property", 15),
        ("infraction-reglement", "Infraction au règlement d'urbanisme", "Zoning by-law violation", 20),
    ],
    "environnement": [
        ("collecte-manquee", "Collecte manquée", "Missed collection", 2),
        ("bac-brise", "Bac roulant brisé ou volé", "Broken or stolen cart", 10),
        ("abattage-arbre", "Permis d'abattage d'arbre", "Tree cutting permit", 15),
        ("compostage", "Compostage et écocentre", "Composting and eco-centre", 10),
    ],
    "securite-communautaire": [
        ("animal-errant", "Animal errant", "Stray animal", 2),
        ("vitesse", "Vitesse excessive dans une rue", "Speeding on a street", 10),
        ("bruit", "Bruit ou nuisance", "Noise or nuisance", 5),
    ],
    "loisirs-culture": [
        ("inscription-loisirs", "Inscription aux activités de loisirs", "Recreation registration", 3),
        ("equipement-parc", "Équipement de parc brisé", "Broken park equipment", 10),
        ("location-salle", "Location de salle", "Hall rental", 5),
    ],
    "tresorerie-taxation": [
        ("taxation-question", "Question sur le compte de taxes", "Tax bill question", 5),
        ("changement-adresse", "Changement d'adresse postale", "Change of mailing address", 5),
        ("remboursement-taxes", "Demande de remboursement", "Refund request", 15),
    ],
}

CODES = [
    (201, "Inspection effectuée", "Inspection done", False),
    (202, "Bon de travail émis", "Work order issued", False),
    (203, "Citoyen contacté", "Citizen contacted", False),
    (204, "Transmise à un fournisseur", "Sent to a contractor", False),
    (205, "En attente de matériel", "Waiting for material", False),
    (238, "Demande complétée", "Request completed", True),
]


# The Greffe receives réclamations (issue 9) and copies of by-laws.
GREFFE = ("greffe", "Greffe", "City Clerk's Office", "C")
GREFFE_TYPES = [
    ("copie-document", "Copie d'un règlement ou d'un procès-verbal", "Copy of a by-law or of council minutes", 5)
]

ATTRIBUTES = [
    # (type, code, question fr, question en, datatype, required, choices)
    (
        "nid-de-poule",
        "taille",
        "Taille approximative du nid-de-poule",
        "Approximate size of the pothole",
        "singlevaluelist",
        False,
        "petit | Petit (moins de 30 cm)\nmoyen | Moyen (30 à 60 cm)\ngrand | Grand (plus de 60 cm)",
    ),
    (
        "collecte-manquee",
        "bac",
        "Quel bac n'a pas été ramassé?",
        "Which cart was not picked up?",
        "singlevaluelist",
        False,
        "bleu | Bac bleu (recyclage)\nbrun | Bac brun (matières organiques)\nnoir | Bac noir ou vert (déchets)",
    ),
    (
        "bac-brise",
        "couleur",
        "Couleur du bac",
        "Colour of the cart",
        "singlevaluelist",
        True,
        "bleu | Bleu\nbrun | Brun\nnoir | Noir ou vert",
    ),
]


def _services(apps):
    Service = apps.get_model("requests_app", "Service")
    RequestType = apps.get_model("requests_app", "RequestType")
    InterventionCode = apps.get_model("requests_app", "InterventionCode")
    types = {**TYPES, GREFFE[0]: GREFFE_TYPES}
    for code, name_fr, name_en, schema in [*SERVICES, GREFFE]:
        service, _ = Service.objects.update_or_create(
            code=code, defaults={"name_fr": name_fr, "name_en": name_en, "schema": schema}
        )
        for type_code, type_fr, type_en, days in types[code]:
            RequestType.objects.update_or_create(
                code=type_code,
                defaults={"service": service, "name_fr": type_fr, "name_en": type_en, "target_business_days": days},
            )
    for code, name_fr, name_en, completes in CODES:
        InterventionCode.objects.update_or_create(
            code=code, defaults={"name_fr": name_fr, "name_en": name_en, "completes_request": completes}
        )


def _closures(apps):
    # Prévost closes its offices every year from 24 December to 2 January: in force on a fresh install.
    RecurringClosure = apps.get_model("requests_app", "RecurringClosure")
    RecurringClosure.objects.get_or_create(
        starts_on="12-24", ends_on="01-02", defaults={"label": "Congé des Fêtes (fermeture des bureaux)"}
    )


def _attributes(apps):
    RequestType = apps.get_model("requests_app", "RequestType")
    RequestTypeAttribute = apps.get_model("requests_app", "RequestTypeAttribute")
    for order, (type_code, code, question_fr, question_en, datatype, required, choices) in enumerate(ATTRIBUTES):
        request_type = RequestType.objects.filter(code=type_code).first()
        if request_type is not None:
            RequestTypeAttribute.objects.get_or_create(
                request_type=request_type,
                code=code,
                defaults={
                    "description_fr": question_fr,
                    "description_en": question_en,
                    "datatype": datatype,
                    "required": required,
                    "order": order + 1,
                    "choices_text": choices,
                },
            )


def catalog_seed(apps) -> None:
    _services(apps)
    _closures(apps)
    _attributes(apps)
