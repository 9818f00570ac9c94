from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProcessSchema(models.TextChoices):
    A = "A", _("A — taxation et loisirs")
    B = "B", _("B — infrastructures (réception et exécution distinctes)")
    C = "C", _("C — autres services")


class RequestKind(models.TextChoices):
    REQUEST = "requete", _("requête")
    INFORMATION = "information", _("accueil, information ou commentaire")


class Channel(models.TextChoices):
    WEB = "web", _("portail web")
    PHONE = "telephone", _("téléphone")
    EMAIL = "courriel", _("courriel")
    COUNTER = "comptoir", _("comptoir")
    FIELD = "terrain", _("terrain")
    API = "api", _("API Open311")


# What staff can record by hand: not the web form, not the API.
STAFF_CHANNELS = [
    (Channel.PHONE, Channel.PHONE.label),
    (Channel.EMAIL, Channel.EMAIL.label),
    (Channel.COUNTER, Channel.COUNTER.label),
    (Channel.FIELD, Channel.FIELD.label),
]


class ContactPreference(models.TextChoices):
    EMAIL = "courriel", _("par courriel")
    CALLBACK = "rappel", _("être rappelé par téléphone")


class CallbackWindow(models.TextChoices):
    ANY_TIME = "", _("n'importe quand pendant les heures d'ouverture")
    MORNING = "avant-midi", _("en avant-midi")
    AFTERNOON = "apres-midi", _("en après-midi")


class CallbackOutcome(models.TextChoices):
    REACHED = "joint", _("joint : demande réglée ou précisée")
    MESSAGE = "message", _("message laissé")
    NO_ANSWER = "sans-reponse", _("pas de réponse")
    WRONG_NUMBER = "mauvais-numero", _("numéro erroné")


class Status(models.TextChoices):
    RECEIVED = "recue", pgettext_lazy("request status", "reçue")
    ASSIGNED = "assignee", pgettext_lazy("request status", "assignée")
    ON_HOLD = "en_attente", pgettext_lazy("request status", "en attente")
    SCHEDULED = "action_a_venir", pgettext_lazy("request status", "action à venir")
    COMPLETED = "completee", pgettext_lazy("request status", "complétée")
    CLOSED = "fermee", pgettext_lazy("request status", "fermée")
    REJECTED = "non_recevable", pgettext_lazy("request status", "non recevable")
    RECLASSIFIED = "reclassee", pgettext_lazy("request status", "reclassée en plainte")
    MERGED = "fusionnee", pgettext_lazy("request status", "jointe à une autre demande")


# The requêtes non complétées (RNC) of policy 4.1: what a responsable still owes.
NOT_COMPLETED_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.ON_HOLD, Status.SCHEDULED)
OPEN_STATUSES = (*NOT_COMPLETED_STATUSES, Status.COMPLETED)
IN_SERVICE_STATUSES = (Status.ASSIGNED, Status.ON_HOLD, Status.SCHEDULED)
FINAL_STATUSES = (Status.CLOSED, Status.REJECTED, Status.RECLASSIFIED, Status.MERGED)
# A duplicate joined to its main request is one problem, not two: it is never counted on its own.
NOT_COUNTED_STATUSES = (Status.REJECTED, Status.RECLASSIFIED, Status.MERGED)


class RejectionReason(models.TextChoices):
    OUT_OF_SCOPE = "hors_competence", _("hors compétence municipale")
    PRIVATE_DISPUTE = "litige_prive", _("litige privé entre citoyens")
    DUPLICATE = "doublon", _("doublon d'une autre demande")
    INSUFFICIENT = "information_insuffisante", _("information insuffisante")
    OTHER = "autre", _("autre raison")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("demande reçue")
    CLASSIFIED = "classified", _("classification modifiée")
    ASSIGNED = "assigned", _("assignée au responsable")
    ON_HOLD = "on_hold", _("mise en attente")
    SCHEDULED = "scheduled", _("action planifiée")
    INTERVENTION = "intervention", _("intervention inscrite")
    COMPLETED = "completed", _("complétée")
    CLOSED = "closed", _("fermée")
    ANSWERED = "answered", _("répondue au premier contact")
    REJECTED = "rejected", _("déclarée non recevable")
    RECLASSIFIED = "reclassified", _("reclassée")
    CALLBACK = "callback", _("rappel téléphonique")
    MERGED = "merged", _("jointe à une autre demande")
    DUPLICATE_JOINED = "duplicate_joined", _("doublon joint à cette demande")
    UNMERGED = "unmerged", _("séparée de la demande principale")
    EMAIL_RECEIVED = "email", _("courriel reçu du demandeur")
    EMAIL_BOUNCED = "bounce", _("courriel non distribué")


class InboundOutcome(models.TextChoices):
    NEW_REQUEST = "nouvelle", _("nouvelle demande")
    REPLY = "reponse", _("ajouté à une demande")
    AUTO_REPLY = "automatique", _("réponse automatique ignorée")
    BOUNCE = "retour", _("retour de courriel non distribué")
    FAILED = "echec", _("échec du traitement")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("à envoyer")
    SENDING = "sending", _("envoi en cours")
    SENT = "sent", _("envoyé")
    FAILED = "failed", _("échec")


class DigestKind(models.TextChoices):
    RESPONSABLE = "responsable", _("liste RNC au responsable")
    REMINDER = "rappel", _("rappel avant l'échéance")
    ELUS = "elus", _("rapport mensuel aux élus")


class DigestStatus(models.TextChoices):
    PENDING = "pending", _("à préparer")
    GENERATING = "generating", _("en préparation")
    QUEUED = "queued", _("remis à l'envoi")
    FAILED = "failed", _("échec")


# --- réclamations (policy 4.1; Loi sur les cités et villes, art. 585–586, 604.1) ----------------


class DamageKind(models.TextChoices):
    PROPERTY = "biens", _("dommages matériels (biens, véhicule, propriété)")
    BODILY = "corporel", _("préjudice corporel (blessure)")
    OTHER = "autre", _("autre perte")


class ClaimCause(models.TextChoices):
    """What the claimant believes caused the damage; two causes carry their own rules."""

    SNOW_REMOVAL = "deneigement", _("opérations de déneigement")
    ROAD_SURFACE = "chaussee", _("état de la chaussée (pneus, suspension, jantes)")
    SEWER_BACKUP = "refoulement", _("refoulement d'égout")
    WATER_MAIN = "aqueduc", _("bris ou travaux d'aqueduc")
    TREE = "arbre", _("arbre ou branche de la Ville")
    CITY_VEHICLE = "vehicule", _("véhicule ou équipement de la Ville")
    OTHER = "autre", _("autre cause")


class ClaimStatus(models.TextChoices):
    RECEIVED = "recue", pgettext_lazy("claim status", "reçue")
    ANALYSIS = "analyse", _("en analyse")
    INSURER = "assureur", _("transmise à l'assureur")
    ACCEPTED = "acceptee", pgettext_lazy("claim status", "acceptée")
    REFUSED = "refusee", pgettext_lazy("claim status", "refusée")
    WITHDRAWN = "desistement", _("désistement")


OPEN_CLAIM_STATUSES = (ClaimStatus.RECEIVED, ClaimStatus.ANALYSIS, ClaimStatus.INSURER)


class ClaimDocumentKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    INVOICE = "facture", _("facture")
    ESTIMATE = "estimation", _("estimation")
    OTHER = "autre", _("autre pièce")


# --- demandes d'accès à l'information (Loi sur l'accès, A-2.1) -----------------------------------


class AccessForm(models.TextChoices):
    """Art. 45: only a decision on a written request can be reviewed."""

    WRITTEN = "ecrite", _("écrite")
    VERBAL = "verbale", _("verbale")


class AccessStatus(models.TextChoices):
    RECEIVED = "recue", pgettext_lazy("access request status", "reçue")
    EXTENDED = "prolongee", _("délai prolongé")
    ANSWERED = "repondue", _("décision rendue")
    WITHDRAWN = "retiree", _("retirée par le requérant")


OPEN_ACCESS_STATUSES = (AccessStatus.RECEIVED, AccessStatus.EXTENDED)


class AccessDecision(models.TextChoices):
    ACCEPTED = "acceptee", _("accès accordé")
    PARTIAL = "partielle", _("accès accordé en partie")
    REFUSED = "refusee", _("accès refusé")
    NOT_HELD = "non_detenu", _("document non détenu par la Ville")


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "accuse", _("accusé de réception (art. 46)")
    EXTENSION = "prolongation", _("avis de prolongation (art. 47)")
    DECISION = "decision", _("décision (art. 47, 50, 51)")
