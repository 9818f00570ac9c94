from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestKind(models.TextChoices):
    RESPONSABLE = "responsable", _("liste RNC au responsable")
    REMINDER = "rappel", _("rappel avant l'échéance")
    ELUS = "elus", _("rapport mensuel aux élus")


class DigestStatus(models.TextChoices):
    PENDING = "pending", _("à préparer")
    GENERATING = "generating", _("en préparation")
    QUEUED = "queued", _("remis à l'envoi")
    FAILED = "failed", _("échec")
