from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
