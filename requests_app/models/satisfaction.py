"""How it went, in the citizen's words: one answer per request, by the link in the closure e-mail."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SatisfactionResponse(models.Model):
    request = models.OneToOneField("requests_app.ServiceRequest", on_delete=models.CASCADE, related_name="satisfaction")
    rating = models.PositiveSmallIntegerField(_("note (1 à 5)"))
    comment = models.TextField(_("commentaire"), blank=True)
    answered_at = models.DateTimeField(_("répondu le"), auto_now_add=True)

    class Meta:
        permissions = [
            ("read_satisfaction", _("Lire les résultats des sondages de satisfaction")),
        ]
        verbose_name = _("réponse au sondage de satisfaction")
        verbose_name_plural = _("réponses au sondage de satisfaction")
        constraints = [models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="rating_1_to_5")]
        indexes = [models.Index(fields=["answered_at"])]

    def __str__(self):
        return f"{self.request} · {self.rating}"
