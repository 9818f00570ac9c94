"""The monthly follow-up of policy 4.1: who received which list, once, and what they answered."""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digests.enums import DigestKind, DigestStatus


class DigestDeliveryQuerySet(models.QuerySet["DigestDelivery"]):
    def due(self, now) -> Self:
        return self.filter(status=DigestStatus.PENDING, next_attempt_at__lte=now)


class DigestDelivery(models.Model):
    """One digest for one recipient for one month. The unique constraint is what makes a rerun,
    a second beat process or a retried task unable to send it twice."""

    month = models.DateField(_("mois"), help_text=_("Premier jour du mois du suivi."))
    kind = models.CharField(_("type d'envoi"), max_length=20, choices=DigestKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.PROTECT,
        related_name="digest_deliveries",
    )
    scheduled_for = models.DateField(_("date prévue"))
    is_late = models.BooleanField(_("envoyé en retard"), default=False)
    status = models.CharField(_("état"), max_length=12, choices=DigestStatus.choices, default=DigestStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    generated_at = models.DateTimeField(_("préparé le"), null=True, blank=True)
    email = models.ForeignKey(
        "outbox.OutboundEmail",
        verbose_name=_("courriel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resend_count = models.PositiveSmallIntegerField(_("renvois"), default=0)
    last_resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dernier renvoi par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    last_resent_at = models.DateTimeField(_("dernier renvoi le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = DigestDeliveryQuerySet.as_manager()

    class Meta:
        permissions = [
            ("read_elus_report", _("Lire le rapport mensuel aux élus")),
        ]
        verbose_name = _("envoi mensuel RNC")
        verbose_name_plural = _("envois mensuels RNC")
        ordering = ["-month", "kind", "recipient__username"]
        constraints = [
            models.UniqueConstraint(fields=["month", "kind", "recipient"], name="digest_once_per_month_kind_recipient"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="digest_due")]

    def __str__(self):
        return f"{self.month:%Y-%m} · {self.get_kind_display()} · {self.recipient}"


class DigestItem(models.Model):
    """A request listed in a responsable's digest: the list the follow-up screen answers."""

    delivery = models.ForeignKey(DigestDelivery, on_delete=models.CASCADE, related_name="items")
    request = models.ForeignKey("requests_app.ServiceRequest", on_delete=models.CASCADE, related_name="digest_items")
    service = models.ForeignKey("requests_app.Service", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["delivery", "request"], name="digest_item_once")]

    def __str__(self):
        return f"{self.delivery} · {self.request}"
