"""Annexe C: the designation of each service's Responsable de la réception des requêtes."""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import SignatureMethod


class DesignationQuerySet(models.QuerySet["Designation"]):
    def in_force(self) -> Self:
        return self.filter(effective_at__isnull=False, superseded_at__isnull=True)


class Designation(models.Model):
    """Filled in at the first designation and at every change; takes effect once the employee and
    the director have both signed. A designation in force is superseded, never edited."""

    service = models.ForeignKey(
        "requests_app.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="designations"
    )
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("directeur du service"), on_delete=models.PROTECT, related_name="+"
    )
    reception_responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable de la réception des requêtes"),
        on_delete=models.PROTECT,
        related_name="reception_designations",
    )
    position_email = models.EmailField(_("adresse courriel du poste"))
    extension = models.CharField(_("numéro de poste (téléphone)"), max_length=10)
    execution_responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable de l'exécution (schéma B)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="execution_designations",
    )
    designation_date = models.DateField(_("date"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("préparée par"), on_delete=models.PROTECT, related_name="+"
    )
    employee_signed_at = models.DateTimeField(_("signée par l'employé le"), null=True, blank=True)
    employee_signature_method = models.CharField(max_length=20, choices=SignatureMethod.choices, blank=True)
    employee_signature = models.FileField(upload_to="designations/signatures/", blank=True)
    employee_signed_name = models.CharField(max_length=150, blank=True)
    director_signed_at = models.DateTimeField(_("signée par le directeur le"), null=True, blank=True)
    director_signature_method = models.CharField(max_length=20, choices=SignatureMethod.choices, blank=True)
    director_signature = models.FileField(upload_to="designations/signatures/", blank=True)
    director_signed_name = models.CharField(max_length=150, blank=True)
    effective_at = models.DateTimeField(_("en vigueur depuis"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("remplacée le"), null=True, blank=True)
    pdf = models.FileField(_("Annexe C signée (PDF)"), upload_to="designations/pdf/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        verbose_name = _("désignation (Annexe C)")
        verbose_name_plural = _("désignations (Annexe C)")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(effective_at__isnull=False, superseded_at__isnull=True),
                name="one_designation_in_force_per_service",
            ),
        ]

    def __str__(self):
        return f"{self.service} · {self.reception_responsable} · {self.designation_date:%Y-%m-%d}"

    @property
    def state(self) -> str:
        if self.superseded_at:
            return "superseded"
        if self.effective_at:
            return "in_force"
        if self.employee_signed_at:
            return "awaiting_director"
        return "awaiting_employee"
