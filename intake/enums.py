from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundOutcome(models.TextChoices):
    NEW_REQUEST = "nouvelle", _("nouvelle demande")
    REPLY = "reponse", _("ajouté à une demande")
    AUTO_REPLY = "automatique", _("réponse automatique ignorée")
    BOUNCE = "retour", _("retour de courriel non distribué")
    FAILED = "echec", _("échec du traitement")
