from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .enums import Availability, DisciplinaryMeasure, Language, Role


class User(AbstractUser):
    """A city employee or elected official. Citizens have no account: they follow by link."""

    language = models.CharField(_("langue"), max_length=5, choices=Language.choices, default=Language.FRENCH)
    extension = models.CharField(_("poste téléphonique"), max_length=10, blank=True)
    availability = models.CharField(
        _("disponibilité"), max_length=12, choices=Availability.choices, default=Availability.AVAILABLE
    )
    back_at = models.DateTimeField(_("de retour vers"), null=True, blank=True)
    availability_changed_at = models.DateTimeField(_("statut changé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        # One query per user per request, whatever the number of role checks made on the page.
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.role_names for role in roles)


class DisciplinaryRecord(models.Model):
    """The employee's file: an incident and its measure, written only for a founded complaint (4.4.1)."""

    employee = models.ForeignKey(
        User, verbose_name=_("employé"), on_delete=models.PROTECT, related_name="disciplinary_records"
    )
    incident = models.TextField(_("incident"))
    measure = models.CharField(_("mesure disciplinaire"), max_length=30, choices=DisciplinaryMeasure.choices)
    measure_detail = models.CharField(_("précision sur la mesure"), max_length=300, blank=True)
    source_reference = models.CharField(_("dossier d'origine"), max_length=40)
    decided_on = models.DateField(_("décidée le"))
    recorded_by = models.ForeignKey(User, verbose_name=_("inscrite par"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("inscrite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("inscription au dossier de l'employé")
        verbose_name_plural = _("dossier disciplinaire")
        ordering = ["-decided_on"]

    def __str__(self):
        return f"{self.employee} · {self.get_measure_display()} · {self.decided_on:%Y-%m-%d}"


class RightsChange(models.Model):
    """Every change of an account's rights, by whom (policy 4.1: the Technicien manages the rights)."""

    actor = models.ForeignKey(User, verbose_name=_("par"), on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(User, verbose_name=_("compte"), on_delete=models.PROTECT, related_name="rights_changes")
    change = models.CharField(_("changement"), max_length=300)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("changement de droits")
        verbose_name_plural = _("journal des changements de droits")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.actor} → {self.target} · {self.change}"


class ConfidentialityIncident(models.Model):
    """The register of confidentiality incidents that A-2.1 (art. 63.11) requires of a public body,
    with what the Règlement sur les incidents de confidentialité asks it to hold. Kept by the person
    responsible for the protection of personal information (the DG) and the Greffe; never deleted."""

    occurred_on = models.DateField(_("date de l'incident (ou début de la période)"))
    occurred_until = models.DateField(_("fin de la période"), null=True, blank=True)
    discovered_on = models.DateField(_("date où la Ville en a pris connaissance"))
    circumstances = models.TextField(_("circonstances"))
    information_concerned = models.TextField(_("renseignements personnels visés"))
    people_concerned = models.PositiveIntegerField(_("nombre de personnes concernées (ou estimation)"))
    serious_injury_risk = models.BooleanField(_("risque de préjudice sérieux"))
    risk_assessment = models.TextField(_("évaluation du risque (sensibilité, conséquences, probabilité)"))
    cai_notified_on = models.DateField(_("avis à la Commission d'accès à l'information le"), null=True, blank=True)
    people_notified_on = models.DateField(_("avis aux personnes concernées le"), null=True, blank=True)
    public_notice = models.BooleanField(_("avis public"), default=False)
    measures = models.TextField(_("mesures prises pour diminuer le risque et éviter la répétition"))
    recorded_by = models.ForeignKey(
        User, verbose_name=_("inscrit par"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)

    class Meta:
        verbose_name = _("incident de confidentialité")
        verbose_name_plural = _("registre des incidents de confidentialité")
        ordering = ["-discovered_on", "-pk"]

    def __str__(self):
        return f"{self.discovered_on:%Y-%m-%d} — {self.information_concerned[:60]}"

    @property
    def notices_pending(self) -> bool:
        """A serious risk must be told to the CAI and to the people concerned, promptly (art. 63.8)."""
        return self.serious_injury_risk and (self.cai_notified_on is None or self.people_notified_on is None)


class RoleSecurity(models.Model):
    """What a role asks at login. A superuser decides, role by role, whether the second factor is
    required; every staff account may turn it on for itself anyway (accounts.second_factor)."""

    group = models.OneToOneField(
        "auth.Group", verbose_name=_("rôle"), on_delete=models.CASCADE, related_name="security"
    )
    second_factor_required = models.BooleanField(_("second facteur exigé"), default=False)

    class Meta:
        verbose_name = _("exigence de connexion d'un rôle")
        verbose_name_plural = _("exigences de connexion des rôles")
        ordering = ["group__name"]

    def __str__(self):
        return self.group.name
