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
