"""What the city offers: services, types of request with their standard, intervention codes, closures."""

import datetime as dt
from collections.abc import Callable
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.dates import month_day
from requests_app.enums import ProcessSchema


def reads_english() -> bool:
    return (get_language() or "").startswith("en")


def translated_name(name_fr: str, name_en: str, *, english: bool | None = None) -> str:
    """French first; English when the reader's language is English and a translation exists.
    `english`: reads_english(), when the caller asked once for a list of a thousand rows."""
    if english is None:
        english = reads_english()
    return name_en if english and name_en else name_fr


class TranslatedNameMixin:
    """The name in the reader's language (translated_name)."""

    name_fr: str
    name_en: str

    @property
    def name(self) -> str:
        return translated_name(self.name_fr, self.name_en)

    def __str__(self):
        return self.name


class Service(TranslatedNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("nom (français)"), max_length=120)
    name_en = models.CharField(_("nom (anglais)"), max_length=120, blank=True)
    schema = models.CharField(_("schéma de traitement"), max_length=1, choices=ProcessSchema.choices)
    is_active = models.BooleanField(_("actif"), default=True)
    contact_email = models.EmailField(_("courriel du service"), blank=True)
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable de la réception des requêtes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services_received",
    )
    execution_responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable de l'exécution (schéma B)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services_executed",
    )
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("directeur du service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services_directed",
    )

    class Meta:
        verbose_name = _("service municipal")
        verbose_name_plural = _("services municipaux")
        ordering = ["name_fr"]


class RequestTypeQuerySet(models.QuerySet["RequestType"]):
    def active(self) -> Self:
        return self.filter(is_active=True, service__is_active=True)


class RequestType(TranslatedNameMixin, models.Model):
    """« Nature de la requête », with the service standard the city commits to (policy 2.3)."""

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="types")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fr = models.CharField(_("nom (français)"), max_length=120)
    name_en = models.CharField(_("nom (anglais)"), max_length=120, blank=True)
    target_business_days = models.PositiveSmallIntegerField(_("norme de service (jours ouvrables)"))
    is_active = models.BooleanField(_("actif"), default=True)

    objects = RequestTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("type de requête")
        verbose_name_plural = _("types de requête")
        ordering = ["service__name_fr", "name_fr"]


class AttributeDatatype(models.TextChoices):
    """GeoReport v2's datatypes for what a type of request asks beyond the usual fields."""

    STRING = "string", _("texte court")
    TEXT = "text", _("texte long")
    NUMBER = "number", _("nombre")
    DATETIME = "datetime", _("date et heure")
    SINGLE = "singlevaluelist", _("un choix dans une liste")
    MULTI = "multivaluelist", _("plusieurs choix dans une liste")


class RequestTypeAttribute(models.Model):
    """Something specific a type of request asks (the size of a pothole, the colour of a bin): published
    in the Open311 service definition (metadata) and accepted on POST as attribute[code]."""

    request_type = models.ForeignKey(
        RequestType, verbose_name=_("type de requête"), on_delete=models.CASCADE, related_name="attributes"
    )
    code = models.SlugField(_("code"), max_length=40)
    description_fr = models.CharField(_("question (français)"), max_length=200)
    description_en = models.CharField(_("question (anglais)"), max_length=200, blank=True)
    datatype = models.CharField(_("type de réponse"), max_length=20, choices=AttributeDatatype.choices)
    required = models.BooleanField(_("obligatoire"), default=False)
    order = models.PositiveSmallIntegerField(_("ordre"), default=1)
    choices_text = models.TextField(
        _("choix"),
        blank=True,
        help_text=_(
            "Pour une liste : un choix par ligne, sous la forme « clé | libellé », par exemple « bleu | Bac bleu »."
        ),
    )

    class Meta:
        verbose_name = _("question propre au type")
        verbose_name_plural = _("questions propres au type")
        ordering = ["request_type", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["request_type", "code"], name="attribute_code_once_per_type")]

    def __str__(self):
        return self.code

    @property
    def description(self) -> str:
        if (get_language() or "").startswith("en") and self.description_en:
            return self.description_en
        return self.description_fr

    @property
    def is_list(self) -> bool:
        return self.datatype in (AttributeDatatype.SINGLE, AttributeDatatype.MULTI)

    def values(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.choices_text.splitlines():
            key, _sep, name = line.partition("|")
            if key.strip():
                pairs.append((key.strip(), name.strip() or key.strip()))
        return pairs

    def clean(self):
        if self.is_list and not self.values():
            raise ValidationError({"choices_text": _("Une liste demande au moins un choix.")})


class InterventionCode(TranslatedNameMixin, models.Model):
    COMPLETED = 238  # Annexe A: « Code 238 – Demande complétée »

    code = models.PositiveIntegerField(_("code"), unique=True)
    name_fr = models.CharField(_("libellé (français)"), max_length=120)
    name_en = models.CharField(_("libellé (anglais)"), max_length=120, blank=True)
    completes_request = models.BooleanField(_("complète la demande"), default=False)

    class Meta:
        verbose_name = _("code d'intervention")
        verbose_name_plural = _("codes d'intervention")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.name}"


class ClosureDay(models.Model):
    """A day the city is closed beyond the statutory holidays (computed in business_days)."""

    date = models.DateField(_("date"), unique=True)
    label = models.CharField(_("motif"), max_length=120)

    class Meta:
        verbose_name = _("jour de fermeture municipale")
        verbose_name_plural = _("jours de fermeture municipale")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} — {self.label}"


def _validate_month_day(value: str) -> None:
    try:
        day = dt.date(2001, *month_day(value))  # a common year: a closure on 29 February would skip three years in four
    except (TypeError, ValueError):
        day = None
    if day is None:
        raise ValidationError(_("Écrivez un jour de l'année sous la forme MM-JJ, par exemple 12-24."), code="invalid")


month_day_validators: list[Callable[[Any], None]] = [
    RegexValidator(r"^\d{2}-\d{2}$", _("Écrivez un jour de l'année sous la forme MM-JJ, par exemple 12-24.")),
    _validate_month_day,
]


class RecurringClosure(models.Model):
    """A closure that comes back every year, in force out of the box: Prévost closes its offices from
    24 December to 2 January. A period that ends earlier in the year than it starts spans the new year."""

    label = models.CharField(_("motif"), max_length=120)
    starts_on = models.CharField(
        _("premier jour (MM-JJ)"), max_length=5, validators=month_day_validators, help_text=_("Par exemple 12-24.")
    )
    ends_on = models.CharField(
        _("dernier jour (MM-JJ)"),
        max_length=5,
        validators=month_day_validators,
        help_text=_(
            "Inclus. Un jour plus tôt dans l'année que le premier (01-02) fait passer la fermeture au Nouvel An."
        ),
    )
    is_active = models.BooleanField(_("en vigueur"), default=True)

    class Meta:
        verbose_name = _("fermeture annuelle")
        verbose_name_plural = _("fermetures annuelles")
        ordering = ["starts_on"]

    def __str__(self):
        return f"{self.label} ({self.starts_on} → {self.ends_on})"


class RecurringClosureSkip(models.Model):
    """A year the annual closure does not apply (the Technicien enters that year's days by hand, if any)."""

    closure = models.ForeignKey(RecurringClosure, on_delete=models.CASCADE, related_name="skipped_years")
    year = models.PositiveSmallIntegerField(
        _("année où elle ne s'applique pas"), help_text=_("L'année où elle commence.")
    )

    class Meta:
        verbose_name = _("année sans cette fermeture")
        verbose_name_plural = _("années sans cette fermeture")
        constraints = [models.UniqueConstraint(fields=["closure", "year"], name="recurring_closure_skip_once")]

    def __str__(self):
        return str(self.year)
