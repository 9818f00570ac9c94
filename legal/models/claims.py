"""Réclamations: a claim for damage, handled by the Greffe, seen in full only by the Greffe and the DG.

A claim is not a `ServiceRequest`: its statuses, its legal clocks and its readers differ, and keeping it
apart means no list, digest or export built for requêtes can leak a claimant's injury or amount.
"""

import secrets
from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.numbering import YearlySequence
from legal.enums import OPEN_CLAIM_STATUSES, ClaimCause, ClaimDocumentKind, ClaimStatus, DamageKind
from requests_app.enums import Channel


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ClaimNumberSequence(YearlySequence):
    pass


class ClaimQuerySet(models.QuerySet["Claim"]):
    def open(self) -> Self:
        return self.filter(status__in=OPEN_CLAIM_STATUSES)


class Claim(models.Model):
    number = models.CharField(_("numéro"), max_length=20, unique=True, editable=False)
    tracking_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(_("statut"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.RECEIVED)
    channel = models.CharField(_("provenance"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    received_at = models.DateTimeField(_("reçue le"))
    language = models.CharField(_("langue"), max_length=5, default="fr-ca")

    claimant_name = models.CharField(_("nom et prénom"), max_length=150)
    claimant_address = models.CharField(_("adresse complète"), max_length=250)
    claimant_phone = models.CharField(_("téléphone"), max_length=30)
    claimant_email = models.EmailField(_("courriel"), blank=True)

    damage_kind = models.CharField(_("nature du dommage"), max_length=20, choices=DamageKind.choices)
    cause_kind = models.CharField(_("cause du dommage"), max_length=20, choices=ClaimCause.choices)
    event_date = models.DateField(_("date de l'événement"))
    event_time = models.TimeField(_("heure de l'événement"), null=True, blank=True)
    event_place = models.CharField(_("lieu exact de l'événement"), max_length=250)
    cause = models.TextField(_("cause, selon vous"))
    damage_description = models.TextField(_("description des dommages"))
    amount_claimed = models.DecimalField(
        _("montant réclamé ($)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    insurer_name = models.CharField(_("votre assureur"), max_length=150, blank=True)
    insurer_policy = models.CharField(_("numéro de police"), max_length=60, blank=True)

    # The clocks as told to the claimant in the acknowledgement: frozen at filing, never recomputed,
    # so a closure added later cannot change what the city said.
    notice_deadline = models.DateField(_("échéance de l'avis écrit"), null=True, blank=True)
    prescription_date = models.DateField(_("date de prescription du recours"))
    notice_is_late = models.BooleanField(_("avis reçu après l'échéance"), default=False)

    concerned_service = models.ForeignKey(
        "requests_app.Service",
        verbose_name=_("service municipal concerné"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    insurer_reference = models.CharField(_("référence de l'assureur de la Ville"), max_length=80, blank=True)
    amount_paid = models.DecimalField(_("montant versé ($)"), max_digits=10, decimal_places=2, null=True, blank=True)
    decision_reasons = models.TextField(_("motifs communiqués au réclamant"), blank=True)

    acknowledgement_pdf = models.FileField(_("avis de réclamation (PDF)"), upload_to="claims/acknowledgements/")
    acknowledgement_sha256 = models.CharField(_("empreinte SHA-256 de l'avis"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Loi 25: past its retention period the claimant is removed and the figures kept (services/retention.py).
    anonymized_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True, editable=False)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        permissions = [
            ("handle_claims", _("Traiter les réclamations (Greffe)")),
        ]
        verbose_name = _("réclamation")
        verbose_name_plural = _("réclamations")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self):
        return self.number


def _document_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"claims/documents/{secrets.token_hex(16)}.{extension}"


class ClaimDocument(models.Model):
    """A photo, an invoice or an estimate; the claimant may add them after filing, from the link."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type de pièce"), max_length=20, choices=ClaimDocumentKind.choices)
    file = models.FileField(_("fichier"), upload_to=_document_path)
    content_type = models.CharField(max_length=40)
    added_by_claimant = models.BooleanField(default=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pièce justificative")
        verbose_name_plural = _("pièces justificatives")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return f"{self.claim} · {self.get_kind_display()}"


class ClaimEvent(models.Model):
    """The claim's history: every status change, consultation and note, with who and when."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    text = models.TextField(_("texte"), blank=True)
    public = models.BooleanField(_("visible par le réclamant"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.claim} · {self.at:%Y-%m-%d %H:%M}"


class ClaimConsultation(models.Model):
    """The Greffe asks the operating service concerned for its findings (what it saw, what it did).

    The service reads the facts of the event, never the claimant's identity or the amount.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="consultations")
    service = models.ForeignKey(
        "requests_app.Service", verbose_name=_("service consulté"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("question du Greffe"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    findings = models.TextField(_("constatations du service"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consultation d'un service")
        verbose_name_plural = _("consultations des services")
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return f"{self.claim} · {self.service}"
