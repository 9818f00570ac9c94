"""What the Technicien knows and says again and again: articles of the knowledge base (public ones
are the citizens' « Questions fréquentes ») and standard answers (réponses types)."""

import re
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.text_search import normalize
from requests_app.enums import Status


class ArticleQuerySet(models.QuerySet["Article"]):
    def public(self) -> Self:
        return self.filter(is_public=True)

    def for_search(self) -> Self:
        return self.select_related("service").only(
            "question_fr",
            "question_en",
            "answer_fr",
            "answer_en",
            "search_text",
            "is_public",
            "service__name_fr",
            "service__name_en",
            "service__code",
        )


class Article(models.Model):
    """A question and its answer, in French and English, found by its words."""

    question_fr = models.CharField(_("question (français)"), max_length=250)
    question_en = models.CharField(_("question (anglais)"), max_length=250, blank=True)
    answer_fr = models.TextField(_("réponse (français)"))
    answer_en = models.TextField(_("réponse (anglais)"), blank=True)
    service = models.ForeignKey(
        "requests_app.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Vide : question générale."),
    )
    keywords = models.CharField(
        _("mots-clés"),
        max_length=300,
        blank=True,
        help_text=_("Les mots que les gens emploient, séparés par des virgules."),
    )
    is_public = models.BooleanField(
        _("publique"),
        default=False,
        help_text=_("Affichée aux citoyens dans les Questions fréquentes et suggérée pendant qu'ils écrivent."),
    )
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        permissions = [
            ("read_knowledge_base", _("Lire la base de connaissances")),
        ]
        verbose_name = _("article de la base de connaissances")
        verbose_name_plural = _("base de connaissances")
        ordering = ["question_fr"]

    def __str__(self):
        return self.question

    def compute_search_text(self) -> str:
        # Weighted by repetition: words of the question and the keywords count three times.
        strong = " ".join([self.question_fr, self.question_en, self.keywords])
        return normalize(" ".join([strong, strong, strong, self.answer_fr, self.answer_en]))

    @property
    def question(self) -> str:
        return self.question_en if _english() and self.question_en else self.question_fr

    @property
    def answer(self) -> str:
        return self.answer_en if _english() and self.answer_en else self.answer_fr


class StandardAnswerQuerySet(models.QuerySet["StandardAnswer"]):
    def for_request(self, service_request: Any) -> Self:
        """The answers that fit this request: its service or any, its type or any, its status or any;
        the most specific first."""
        return (
            self.filter(is_active=True)
            .filter(models.Q(service__isnull=True) | models.Q(service_id=service_request.service_id))
            .filter(models.Q(request_type__isnull=True) | models.Q(request_type_id=service_request.request_type_id))
            .filter(models.Q(status="") | models.Q(status=service_request.status))
            .order_by(
                models.F("request_type").desc(nulls_last=True),
                models.F("service").desc(nulls_last=True),
                "-status",
                "title",
            )
        )


PLACEHOLDER = re.compile(r"\{(\w+)\}")


class StandardAnswer(models.Model):
    """A réponse type: inserted into a note to the citizen, then edited before it is sent."""

    title = models.CharField(_("titre"), max_length=120)
    service = models.ForeignKey(
        "requests_app.Service", verbose_name=_("service"), on_delete=models.CASCADE, null=True, blank=True
    )
    request_type = models.ForeignKey(
        "requests_app.RequestType", verbose_name=_("nature"), on_delete=models.CASCADE, null=True, blank=True
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, blank=True)
    text_fr = models.TextField(
        _("texte (français)"),
        help_text=_(
            "Champs remplacés : {numero}, {nature}, {service}, {recue_le}, {date_prevue}, {completee_le}, {lien_suivi}."
        ),
    )
    text_en = models.TextField(_("texte (anglais)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = StandardAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("réponse type")
        verbose_name_plural = _("réponses types")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def text_for(self, language: str) -> tuple[str, str]:
        """The text in the citizen's language when written, else French; and the language used."""
        if language == "en" and self.text_en:
            return self.text_en, "en"
        return self.text_fr, "fr-ca"


def fill(text: str, values: dict[str, str]) -> str:
    """Placeholders replaced; an unknown {name} stays as written, for the person to see and fix."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def placeholder_values(service_request, language: str) -> dict[str, str]:
    written = "F j, Y" if language == "en" else "j F Y"  # the month in letters: « 3 décembre 2026 »

    def day(value):
        return formats.date_format(value, written) if value else ""

    with translation.override(language):
        return {
            "numero": service_request.number,
            "nature": str(service_request.request_type.name) if service_request.request_type_id else "",
            "service": str(service_request.service.name) if service_request.service_id else "",
            "recue_le": day(timezone.localdate(service_request.received_at) if service_request.received_at else None),
            "date_prevue": day(service_request.planned_date),
            "completee_le": day(service_request.completed_on),
            "lien_suivi": settings.PORTAL_BASE_URL
            + reverse("requests:track", kwargs={"token": service_request.tracking_token}),
        }


def _english() -> bool:
    return (get_language() or "").startswith("en")
