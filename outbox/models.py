"""E-mails are written here in the same transaction as the change that causes them.

A request accepted is a row before any e-mail exists; an e-mail is a row before any task tries
to send it. A task claims the row, sends, marks it sent: a lost broker message or a crashed
worker leaves a row that the flush job picks up again.
"""

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from outbox.enums import OutboxStatus


class OutboundEmailQuerySet(models.QuerySet["OutboundEmail"]):
    def due(self, now) -> Self:
        return self.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)


class OutboundEmail(models.Model):
    dedupe_key = models.CharField(max_length=120, unique=True)
    to = models.EmailField(_("destinataire"))
    subject = models.CharField(_("objet"), max_length=250)
    body_text = models.TextField(_("texte"))
    body_html = models.TextField(_("HTML"), blank=True)
    # Written by the worker before it sends when the change could not wait for it (issue 20: the
    # acknowledgement of a submission): the templates' name, the reader's language and the context
    # as plain values taken with the change, so the e-mail says what was true when it was queued.
    template = models.CharField(_("modèle"), max_length=60, blank=True)
    language = models.CharField(_("langue"), max_length=10, blank=True)
    context = models.JSONField(default=dict, blank=True)
    # The demand it is about, as its app names it ("request:42"): the outbox knows no domain model.
    owner = models.CharField(_("au sujet de"), max_length=40, blank=True, db_index=True)
    status = models.CharField(_("état"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("courriel sortant")
        verbose_name_plural = _("courriels sortants")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.to} · {self.subject or self.template}"


class OutboundAttachment(models.Model):
    """A file sent with an outbound e-mail (a digest's PDF and CSV), kept in private storage."""

    email = models.ForeignKey(OutboundEmail, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="outbox/%Y/%m/")
    filename = models.CharField(max_length=120)
    mimetype = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self):
        return self.filename
