"""Demandes d'accès à l'information (Loi sur l'accès, A-2.1): the Directeur général is the
Responsable de l'accès; the greffier may act for him. Deadlines here are calendar days (art. 47)."""

import secrets
from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.numbering import YearlySequence
from legal import clocks as legal_clocks
from legal.enums import OPEN_ACCESS_STATUSES, AccessDecision, AccessForm, AccessStatus, LetterKind
from requests_app.enums import Channel


def new_token() -> str:
    return secrets.token_urlsafe(32)


class AccessNumberSequence(YearlySequence):
    pass


class LegalProvision(models.Model):
    """A provision a refusal may rely on; its text is attached to the decision letter (policy 4.6)."""

    law = models.CharField(_("loi"), max_length=40, default="A-2.1")
    article = models.CharField(_("article"), max_length=20)
    title = models.CharField(_("objet"), max_length=200)
    text = models.TextField(_("texte de la disposition"))
    official_text = models.BooleanField(
        _("texte officiel"), default=False, help_text=_("Cochez une fois le texte officiel de LégisQuébec collé.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("disposition de loi")
        verbose_name_plural = _("dispositions de loi")
        ordering = ["law", "pk"]  # seeded in article order; "14" sorts before "9" as text
        constraints = [models.UniqueConstraint(fields=["law", "article"], name="unique_provision")]

    def __str__(self):
        return f"{self.law}, art. {self.article} — {self.title}"


class AccessRequestQuerySet(models.QuerySet["AccessRequest"]):
    def open(self) -> Self:
        return self.filter(status__in=OPEN_ACCESS_STATUSES)


class AccessRequest(models.Model):
    number = models.CharField(_("numéro"), max_length=20, unique=True, editable=False)
    tracking_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    form = models.CharField(_("forme de la demande"), max_length=10, choices=AccessForm.choices)
    channel = models.CharField(_("provenance"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("statut"), max_length=20, choices=AccessStatus.choices, default=AccessStatus.RECEIVED)
    received_on = models.DateField(_("date de réception"))
    language = models.CharField(_("langue"), max_length=5, default="fr-ca")

    requester_name = models.CharField(_("nom et prénom"), max_length=150)
    requester_address = models.CharField(_("adresse postale"), max_length=250)
    requester_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    requester_email = models.EmailField(_("courriel"), blank=True)
    documents_requested = models.TextField(_("documents demandés"))

    extended_on = models.DateField(_("délai prolongé le"), null=True, blank=True)
    extension_reason = models.TextField(_("motif de la prolongation"), blank=True)
    decision = models.CharField(_("décision"), max_length=20, choices=AccessDecision.choices, blank=True)
    decided_on = models.DateField(_("date de la décision"), null=True, blank=True)
    decision_text = models.TextField(_("réponse au requérant"), blank=True)
    refusal_reasons = models.TextField(_("motifs du refus"), blank=True)
    provisions = models.ManyToManyField(
        LegalProvision, verbose_name=_("dispositions invoquées"), blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Loi 25: past its retention period the requester is removed and the figures kept (services/retention.py).
    anonymized_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True, editable=False)

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        permissions = [
            ("handle_access_requests", _("Traiter les demandes d'accès (responsable de l'accès)")),
        ]
        verbose_name = _("demande d'accès à l'information")
        verbose_name_plural = _("demandes d'accès à l'information")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["status", "received_on"])]

    def __str__(self):
        return self.number

    @property
    def deadline(self):
        return legal_clocks.access_answer_deadline(self.received_on, extended=self.extended_on is not None)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACCESS_STATUSES

    @property
    def days_taken(self) -> int | None:
        return (self.decided_on - self.received_on).days if self.decided_on else None


class AccessEvent(models.Model):
    """The request's history of statuses: who received, extended, decided or recorded the withdrawal."""

    access_request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=AccessStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AccessStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("étape de la demande d'accès")
        verbose_name_plural = _("étapes de la demande d'accès")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.access_request} · {self.get_to_status_display()}"


class AccessLetter(models.Model):
    """A letter to the requester, frozen as sent: sent by e-mail when there is an address, printed for
    mail otherwise (policy 4.6: « donner avis au requérant, par courrier »)."""

    access_request = models.ForeignKey(AccessRequest, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("lettre"), max_length=20, choices=LetterKind.choices)
    pdf = models.FileField(_("lettre (PDF)"), upload_to="access/letters/")
    pdf_sha256 = models.CharField(max_length=64)
    emailed = models.BooleanField(_("envoyée par courriel"), default=False)
    printed_at = models.DateTimeField(_("imprimée pour la poste le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lettre au requérant")
        verbose_name_plural = _("lettres aux requérants")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["access_request", "kind"], name="one_letter_per_kind")]

    def __str__(self):
        return f"{self.access_request} · {self.get_kind_display()}"
