from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Each role is a Django group of that exact name; accounts.roles says what each may do."""

    TECHNICIEN = "Technicien du Service aux citoyens", _("Technicien du Service aux citoyens")
    RESPONSABLE = "Responsable", _("Responsable de la réception des requêtes")
    DIRECTEUR_SERVICE = "Directeur de service", _("Directeur de service")
    DIRECTEUR_SAC = "Directeur du Service aux citoyens", _("Directeur du Service aux citoyens")
    EXPERIENCE_CITOYEN = "Responsable de l'Expérience citoyen", _("Responsable de l'Expérience citoyen")
    DIRECTEUR_GENERAL = "Directeur général", _("Directeur général")
    GREFFIER = "Greffier", _("Greffier (Greffe)")
    ELU = "Élu", _("Élu")


class Language(models.TextChoices):
    FRENCH = "fr-ca", "Français"
    ENGLISH = "en", "English"


class DisciplinaryMeasure(models.TextChoices):
    """Graduated measures (policy 4.7: « gradation des sanctions »)."""

    VERBAL_WARNING = "avertissement_verbal", _("avertissement verbal")
    WRITTEN_WARNING = "avertissement_ecrit", _("avertissement écrit")
    SUSPENSION = "suspension", _("suspension")
    DISMISSAL = "congediement", _("congédiement")
    OTHER = "autre", _("autre mesure")


class SignatureMethod(models.TextChoices):
    DRAWN = "dessinee", _("signature tracée")
    TYPED = "dactylographiee", _("nom dactylographié")
    PAPER = "papier", _("écrit papier signé, numérisé")


class Availability(models.TextChoices):
    """Annexe B: the status every employee with an office phone keeps up to date."""

    AVAILABLE = "disponible", _("disponible")
    IN_MEETING = "reunion", _("en réunion")
    OUT_OF_OFFICE = "absent", _("absent du bureau")
