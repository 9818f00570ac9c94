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


class ContactPreference(models.TextChoices):
    EMAIL = "courriel", _("par courriel")
    CALLBACK = "rappel", _("être rappelé par téléphone")


class Status(models.TextChoices):
    RECEIVED = "recue", pgettext_lazy("request status", "reçue")
    ASSIGNED = "assignee", pgettext_lazy("request status", "assignée")
    ON_HOLD = "en_attente", pgettext_lazy("request status", "en attente")
    SCHEDULED = "action_a_venir", pgettext_lazy("request status", "action à venir")
    COMPLETED = "completee", pgettext_lazy("request status", "complétée")
    CLOSED = "fermee", pgettext_lazy("request status", "fermée")
    REJECTED = "non_recevable", pgettext_lazy("request status", "non recevable")
    RECLASSIFIED = "reclassee", pgettext_lazy("request status", "reclassée en plainte")


# The requêtes non complétées (RNC) of policy 4.1: what a responsable still owes.
NOT_COMPLETED_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.ON_HOLD, Status.SCHEDULED)
OPEN_STATUSES = (*NOT_COMPLETED_STATUSES, Status.COMPLETED)
IN_SERVICE_STATUSES = (Status.ASSIGNED, Status.ON_HOLD, Status.SCHEDULED)
FINAL_STATUSES = (Status.CLOSED, Status.REJECTED, Status.RECLASSIFIED)


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
