"""Published service standards and how well they were kept: one row per request type, recomputed nightly."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardResult(models.Model):
    # None: the standard for answering citizens' e-mails (3 business days), not a type's completion.
    request_type = models.OneToOneField(
        "requests_app.RequestType", on_delete=models.CASCADE, related_name="standard_result", null=True
    )
    target_business_days = models.PositiveSmallIntegerField(_("norme (jours ouvrables)"))
    window_start = models.DateField(_("début de la période"))
    window_end = models.DateField(_("fin de la période"))
    received = models.PositiveIntegerField(_("demandes reçues"))
    completed = models.PositiveIntegerField(_("demandes complétées"))
    assessed = models.PositiveIntegerField(_("demandes évaluées"))
    within_standard = models.PositiveIntegerField(_("complétées dans la norme"))
    median_days = models.DecimalField(_("délai médian (jours ouvrables)"), max_digits=6, decimal_places=1, null=True)
    computed_at = models.DateTimeField(_("calculé le"))

    class Meta:
        verbose_name = _("résultat d'une norme de service")
        verbose_name_plural = _("résultats des normes de service")

    def __str__(self):
        return f"{self.request_type or 'courriels'} · {self.window_end:%Y-%m-%d}"

    @property
    def share_within(self) -> float | None:
        """Completed within the standard, out of what can be judged: completed, or still open past it."""
        return self.within_standard / self.assessed if self.assessed else None

    @property
    def percent_within(self) -> int | None:
        share = self.share_within
        return None if share is None else round(share * 100)
