"""E-mails read from the city's request mailbox (IMAP), one row per message ever processed.

The row is what makes the intake safe to run twice: a message whose Message-ID is here was dealt
with, whatever happened to the mailbox afterwards (requests_app/services/intake.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.enums import InboundOutcome


class InboundEmail(models.Model):
    message_id = models.CharField(_("identifiant du message"), max_length=500, unique=True)
    outcome = models.CharField(_("résultat"), max_length=20, choices=InboundOutcome.choices)
    request = models.ForeignKey(
        "requests_app.ServiceRequest",
        verbose_name=_("demande"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_emails",
    )
    # Only for messages that concern a request: an ignored auto-reply keeps no address (Loi 25).
    sender = models.CharField(_("expéditeur"), max_length=254, blank=True)
    subject = models.CharField(_("objet"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("essais"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    processed_at = models.DateTimeField(_("traité le"), auto_now=True)

    class Meta:
        verbose_name = _("courriel reçu")
        verbose_name_plural = _("courriels reçus")
        ordering = ["-processed_at"]

    def __str__(self):
        return f"{self.get_outcome_display()} · {self.subject or self.message_id}"
