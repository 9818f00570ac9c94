"""Plaintes (policy 4.4, 4.5): the most sensitive thing the portal holds. Read only through
complaints.selectors, which log every access."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import AccessAction, ComplaintChannel, ComplaintStatus, Finding, SignatureMethod


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ComplaintNumberSequence(models.Model):
    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_value}"


class Complaint(models.Model):
    number = models.CharField(_("numéro"), max_length=20, unique=True, editable=False)
    tracking_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    signing_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(_("statut"), max_length=20, choices=ComplaintStatus.choices)
    channel = models.CharField(_("provenance"), max_length=20, choices=ComplaintChannel.choices)
    received_at = models.DateTimeField(_("reçue le"))
    complainant_name = models.CharField(_("nom du plaignant"), max_length=150)
    complainant_address = models.CharField(_("adresse complète"), max_length=250)
    complainant_phone = models.CharField(_("téléphone"), max_length=30)
    complainant_email = models.EmailField(_("courriel"))
    language = models.CharField(_("langue"), max_length=5, default="fr-ca")
    facts_date = models.DateField(_("date des faits"))
    service = models.ForeignKey(
        "requests_app.Service", verbose_name=_("service concerné"), on_delete=models.PROTECT, related_name="complaints"
    )
    employee_named = models.CharField(_("employé concerné (selon le plaignant)"), max_length=150, blank=True)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employé concerné (identifié)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_about",
    )
    facts = models.TextField(_("exposé des faits"))
    safety_risk = models.BooleanField(_("met en péril la sécurité des biens ou des personnes"), default=False)
    source_request = models.ForeignKey(
        "requests_app.ServiceRequest",
        verbose_name=_("requête d'origine"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_with = models.ManyToManyField(  # type: ignore[var-annotated]  # through a model: the plugin cannot tell
        settings.AUTH_USER_MODEL, through="ComplaintShare", through_fields=("complaint", "director"), related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Loi 25: past its retention period the people are removed and the figures kept (retention.py).
    anonymized_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("plainte")
        verbose_name_plural = _("plaintes")
        ordering = ["-received_at"]
        permissions = [("investigate_complaint", _("Enquêter sur les plaintes (Directeur du Service aux citoyens)"))]

    def __str__(self):
        return self.number


class SignedStatement(models.Model):
    """The complaint as signed, frozen: never edited, never re-rendered. A correction is a new one."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="statements")
    method = models.CharField(_("signature"), max_length=20, choices=SignatureMethod.choices)
    signer_name = models.CharField(_("signataire"), max_length=150)
    signature_image = models.FileField(_("image de la signature"), upload_to="complaints/signatures/", blank=True)
    signed_at = models.DateTimeField(_("signée le"))
    content_sha256 = models.CharField(_("empreinte SHA-256 du contenu"), max_length=64)
    pdf = models.FileField(_("formulaire signé (PDF)"), upload_to="complaints/statements/")
    pdf_sha256 = models.CharField(_("empreinte SHA-256 du PDF"), max_length=64)

    class Meta:
        verbose_name = _("déclaration signée")
        verbose_name_plural = _("déclarations signées")
        ordering = ["signed_at"]

    def __str__(self):
        return f"{self.complaint} · {self.signed_at:%Y-%m-%d %H:%M}"


class ComplaintShare(models.Model):
    """The Directeur SAC lets the director of the employee's service review one complaint."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="shares")
    director = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="complaint_shares")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("partage avec un directeur")
        verbose_name_plural = _("partages avec des directeurs")

    def __str__(self):
        return f"{self.complaint} → {self.director}"


class Interview(models.Model):
    """A meeting with an employee concerned (4.4: « seront rencontrés et écoutés »)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="interviews")
    held_on = models.DateField(_("date de la rencontre"))
    people_met = models.CharField(_("personne(s) rencontrée(s)"), max_length=300)
    account = models.TextField(_("ce qui a été dit"))
    employee_heard = models.BooleanField(_("l'employé visé a été rencontré et écouté"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rencontre")
        verbose_name_plural = _("rencontres")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.complaint} · {self.held_on:%Y-%m-%d}"


class Evidence(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    description = models.CharField(_("description"), max_length=300)
    file = models.FileField(_("fichier"), upload_to="complaints/evidence/")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pièce au dossier")
        verbose_name_plural = _("pièces au dossier")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return f"{self.complaint} · {self.description}"


class Conclusion(models.Model):
    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="conclusion")
    finding = models.CharField(_("conclusion"), max_length=20, choices=Finding.choices)
    reasons = models.TextField(_("motifs"))
    # 4.4: « Le ou les employé(s) ciblé(s) par la plainte seront rencontrés et écoutés au cours de l'enquête. »
    employee_heard_on = models.DateField(_("employé visé rencontré et écouté le"), null=True, blank=True)
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    concluded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conclusion de l'enquête")
        verbose_name_plural = _("conclusions des enquêtes")

    def __str__(self):
        return f"{self.complaint} · {self.get_finding_display()}"


class ComplaintEvent(models.Model):
    """The complaint's statuses, one row per change (core.workflow); reads are in the access log."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=ComplaintStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ComplaintStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("étape de la plainte")
        verbose_name_plural = _("étapes de la plainte")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.complaint} · {self.get_to_status_display()}"


class ComplaintAccessLog(models.Model):
    """Who read or changed what, when. Written by the selectors and services; nobody edits it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    detail = models.CharField(_("détail"), max_length=200)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("journal des accès")
        verbose_name_plural = _("journal des accès")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.user or '—'} · {self.get_action_display()} · {self.complaint}"
