from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("à envoyer")
    SENDING = "sending", _("envoi en cours")
    SENT = "sent", _("envoyé")
    FAILED = "failed", _("échec")
