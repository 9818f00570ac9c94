from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.enums import SignatureMethod  # noqa: F401  (signatures belong to people, not to complaints)


class ComplaintStatus(models.TextChoices):
    AWAITING_SIGNATURE = "attente_ecrit", _("en attente d'un écrit signé")
    RECEIVED = "recue", pgettext_lazy("complaint status", "reçue")
    INVESTIGATING = "enquete", _("en enquête")
    CONCLUDED = "conclue", _("conclue")
    RECLASSIFIED = "reclassee", _("reclassée en requête")


OPEN_COMPLAINT_STATUSES = (ComplaintStatus.AWAITING_SIGNATURE, ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING)


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("formulaire en ligne")
    PHONE = "telephone", _("téléphone (verbale)")
    COUNTER = "comptoir", _("comptoir")
    PAPER = "papier", _("écrit papier")
    REQUEST = "requete", _("reclassée depuis une requête")


class Finding(models.TextChoices):
    FOUNDED = "fondee", _("fondée")
    UNFOUNDED = "non_fondee", _("non fondée")


class AccessAction(models.TextChoices):
    VIEW = "view", _("consultation")
    DOWNLOAD = "download", _("téléchargement")
    CHANGE = "change", _("modification")
    SHARE = "share", _("partage")
