"""Keys of the organisations allowed to file requests through the Open311 GeoReport v2 API."""

import hashlib
from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet["ApiKey"]):
    def active(self) -> Self:
        return self.filter(revoked_at__isnull=True)

    def for_raw_key(self, raw: str) -> "ApiKey | None":
        return self.active().filter(key_hash=hash_key(raw)).first() if raw else None


class ApiKey(models.Model):
    """Only the key's SHA-256 is stored: the key itself is shown once, when it is issued."""

    organisation = models.CharField(_("organisation"), max_length=150)
    contact_email = models.EmailField(_("courriel de la personne-ressource"), blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(_("début de la clé"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("émise le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("clé d'API Open311")
        verbose_name_plural = _("clés d'API Open311")
        ordering = ["organisation"]

    def __str__(self):
        return f"{self.organisation} ({self.key_prefix}…)"
