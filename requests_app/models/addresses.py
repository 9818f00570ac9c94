"""The city's civic addresses, loaded from the property roll or Adresses Québec (CSV), so that a
place typed by a citizen becomes a known address with a position and an identifier (Open311
`address_id`)."""

import re
from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text_search import normalize


class AddressQuerySet(models.QuerySet["Address"]):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def matching(self, text: str) -> Self:
        """Every word typed, in any order, accents and case aside: « 2870 cure » finds
        « 2870, boulevard du Curé-Labelle »."""
        queryset = self.active()
        # Words only: punctuation says nothing, and a NUL byte is refused by PostgreSQL.
        for word in re.findall(r"\w[\w'-]*", normalize(text))[:6]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class Address(models.Model):
    source_id = models.CharField(_("identifiant"), max_length=64, unique=True)
    civic_number = models.PositiveIntegerField(_("numéro civique"))
    civic_suffix = models.CharField(_("suffixe"), max_length=10, blank=True)
    street = models.CharField(_("rue"), max_length=150)
    postal_code = models.CharField(_("code postal"), max_length=7, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Normalised « 2870 boulevard du cure-labelle j0r1t0 », what the autocomplete searches.
    search_text = models.CharField(max_length=250, editable=False, db_index=True)
    is_active = models.BooleanField(_("en vigueur"), default=True)

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("adresse civique")
        verbose_name_plural = _("adresses civiques")
        ordering = ["street", "civic_number", "civic_suffix"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.civic_number}{self.civic_suffix}, {self.street}"

    def compute_search_text(self) -> str:
        return normalize(f"{self.civic_number}{self.civic_suffix} {self.street} {self.postal_code}")[:250]
