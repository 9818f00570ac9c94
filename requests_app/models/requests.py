"""A citizen's demand, what was done about it, and its history."""

import secrets
import uuid
from pathlib import PurePath
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from requests_app.enums import (
    FINAL_STATUSES,
    NOT_COMPLETED_STATUSES,
    OPEN_STATUSES,
    CallbackOutcome,
    CallbackWindow,
    Channel,
    ContactPreference,
    EventKind,
    RejectionReason,
    RequestKind,
    Status,
)

from .catalog import InterventionCode, RequestType, Service


def new_tracking_token() -> str:
    return secrets.token_urlsafe(32)


class RequestQuerySet(models.QuerySet["ServiceRequest"]):
    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def not_completed(self) -> Self:
        """The RNC of policy 4.1."""
        return self.filter(status__in=NOT_COMPLETED_STATUSES)

    def for_service(self, service) -> Self:
        return self.filter(service=service)

    def visible_to(self, user) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("requests_app.see_all"):
            return self
        return self.filter(
            Q(service__responsable=user)
            | Q(service__execution_responsable=user)
            | Q(service__director=user)
            | Q(responsable=user)
        )

    def awaiting_callback(self) -> Self:
        """Citizens who asked to be called back and have not been reached yet, oldest first, with
        their attempts counted and the last one's outcome (one query for the whole list)."""
        attempts = CallbackAttempt.objects.filter(request=OuterRef("pk")).order_by("-made_at", "-pk")
        return (
            self.filter(contact_preference=ContactPreference.CALLBACK, anonymized_at__isnull=True)
            # Once closed, rejected or reclassified, the closing notice is the responsable's call.
            .exclude(status__in=FINAL_STATUSES)
            .exclude(callback_attempts__outcome=CallbackOutcome.REACHED)
            .annotate(
                attempt_count=Count("callback_attempts"),
                last_outcome=Subquery(attempts.values("outcome")[:1]),
                last_attempt_at=Subquery(attempts.values("made_at")[:1]),
            )
            .select_related("service", "request_type")
            .order_by("received_at", "pk")
        )

    def without_duplicates(self) -> Self:
        """One row per problem: duplicates joined to a main request are counted there (#10)."""
        return self.exclude(status=Status.MERGED)

    def with_list_relations(self) -> Self:
        return self.select_related("service", "request_type", "responsable")


class ServiceRequest(models.Model):
    number = models.CharField(_("numéro"), max_length=20, unique=True, editable=False)
    tracking_token = models.CharField(max_length=64, unique=True, default=new_tracking_token, editable=False)
    kind = models.CharField(_("catégorie"), max_length=20, choices=RequestKind.choices, default=RequestKind.REQUEST)
    channel = models.CharField(_("provenance"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    received_at = models.DateTimeField(_("date de réception"), db_index=True)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    request_type = models.ForeignKey(
        RequestType, verbose_name=_("nature de la requête"), on_delete=models.PROTECT, null=True, blank=True
    )
    description = models.TextField(_("exposé des faits"))
    location_address = models.CharField(_("adresse du lieu"), max_length=200, blank=True)
    # Set when the place is a known civic address (chosen in the autocomplete or by Open311 address_id).
    address = models.ForeignKey(
        "requests_app.Address",
        verbose_name=_("adresse civique"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    media_url = models.URLField(_("lien vers une photo (API)"), max_length=500, blank=True)

    requester_name = models.CharField(_("nom du demandeur"), max_length=150)
    requester_address = models.CharField(_("adresse du demandeur"), max_length=250, blank=True)
    requester_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    requester_email = models.EmailField(_("courriel"), blank=True)
    contact_preference = models.CharField(
        _("suivi souhaité"), max_length=20, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    callback_window = models.CharField(
        _("moment préféré pour le rappel"), max_length=12, choices=CallbackWindow.choices, blank=True, default=""
    )
    language = models.CharField(_("langue du demandeur"), max_length=5, default="fr-ca")

    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_reason = models.CharField(_("raison du statut"), max_length=300, blank=True)
    rejection_reason = models.CharField(
        _("motif de non-recevabilité"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_requests",
    )
    planned_date = models.DateField(_("date d'intervention prévue"), null=True, blank=True)
    completed_on = models.DateField(_("date de complétion"), null=True, blank=True)
    closed_at = models.DateTimeField(_("date de fermeture"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("jointe à la demande"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        editable=False,
    )
    # Loi 25: past its retention period the person is removed and the figures kept (services/retention.py).
    anonymized_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        permissions = [
            ("triage", _("Trier et router les demandes (Technicien)")),
            ("see_all", _("Lire toutes les demandes, de tous les services")),
        ]
        # The table keeps its first name: the benchmarks' SQL and the performance notes use it.
        db_table = "requests_app_request"
        verbose_name = _("demande")
        verbose_name_plural = _("demandes")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "-received_at"], name="request_status_received"),
            models.Index(fields=["service", "status", "received_at"], name="request_service_status"),
        ]
        constraints = [
            # A joined duplicate always says where it went, and only a joined one does.
            models.CheckConstraint(
                condition=Q(status=Status.MERGED, duplicate_of__isnull=False)
                | (~Q(status=Status.MERGED) & Q(duplicate_of__isnull=True)),
                name="request_merged_has_main",
            ),
        ]

    def __str__(self):
        return self.number

    def validate_constraints(self, exclude=None):
        # Django builds each check constraint's query before it finds the constraint names a field
        # the caller left out, then ignores the FieldError: the citizen's form leaves out the status,
        # and building that query was a fifteenth of a submission (issue 20). Skipped here exactly
        # when Django would skip it.
        left_out = set(exclude or ())
        if left_out and all(
            isinstance(constraint, models.CheckConstraint) and constraint.condition.referenced_base_fields & left_out
            for constraint in self._meta.constraints
        ):
            return
        super().validate_constraints(exclude=exclude)

    # What the outbox records as the owner of the e-mails about this request (it knows no model).
    OUTBOX_PREFIX = "request:"

    @property
    def outbox_owner(self) -> str:
        return f"{self.OUTBOX_PREFIX}{self.pk}"

    @classmethod
    def id_of_owner(cls, owner: str) -> int | None:
        kind, _, key = owner.partition(":")
        return int(key) if f"{kind}:" == cls.OUTBOX_PREFIX and key.isdigit() else None

    @classmethod
    def ids_of_owners(cls, owners) -> list[int]:
        return [pk for pk in map(cls.id_of_owner, owners) if pk is not None]

    @property
    def last_callback_outcome(self) -> str:
        """Label of the last call, on rows from awaiting_callback() (annotated)."""
        outcome = getattr(self, "last_outcome", None)
        return str(CallbackOutcome(outcome).label) if outcome else ""

    @property
    def is_not_completed(self) -> bool:
        return self.status in NOT_COMPLETED_STATUSES

    def can_be_handled_by(self, user) -> bool:
        """The service's responsable, the employee it was assigned to, or the execution responsable of a
        schéma B service (Surintendant, Ingénieur en chef) acts on it (Annexe A)."""
        return user.is_authenticated and (
            self.responsable_id == user.pk
            or (
                self.service is not None
                and user.pk in (self.service.responsable_id, self.service.execution_responsable_id)
            )
        )


class RequestNumberSequence(models.Model):
    """Last number given per year: « 2026-000123 » is readable on the phone and never reused."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_value}"


class RequestEvent(models.Model):
    """One row per thing that happened to a request: the history the Technicien reads."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("événement"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(_("de"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("à"), max_length=20, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.PROTECT, null=True, blank=True
    )
    note = models.TextField(_("note interne"), blank=True)
    public_note = models.TextField(_("message au demandeur"), blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("historique")
        verbose_name_plural = _("historique")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request} · {self.get_kind_display()}"


class Intervention(models.Model):
    """Annexe A: what a service did, with a note for colleagues and one for the citizen."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="interventions")
    code = models.ForeignKey(InterventionCode, verbose_name=_("code d'intervention"), on_delete=models.PROTECT)
    planned_date = models.DateField(_("date prévue"), null=True, blank=True)
    done_date = models.DateField(_("date effectuée"), null=True, blank=True)
    extension = models.CharField(_("numéro de poste"), max_length=10, blank=True)
    internal_note = models.TextField(_("note (interne)"), blank=True)
    public_note = models.TextField(_("information disponible pour le demandeur"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("inscrite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request} · {self.code}"


class CallbackAttempt(models.Model):
    """One call to a citizen who asked to be called back, and how it went."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="callback_attempts")
    outcome = models.CharField(_("résultat"), max_length=20, choices=CallbackOutcome.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.PROTECT)
    made_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("tentative de rappel")
        verbose_name_plural = _("tentatives de rappel")
        ordering = ["made_at", "pk"]

    def __str__(self):
        return f"{self.request} · {self.get_outcome_display()}"


def photo_upload_to(instance, filename):
    # Random names: a file name says nothing about the citizen and cannot be guessed.
    suffix = PurePath(filename).suffix.lower()
    return f"requests/photos/{uuid.uuid4().hex}{suffix}"


class RequestPhoto(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_upload_to)
    content_type = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.request} · photo {self.pk}"


def attachment_upload_to(instance, filename):
    suffix = PurePath(filename).suffix.lower()
    return f"requests/documents/{uuid.uuid4().hex}{suffix}"


class RequestAttachment(models.Model):
    """A document (PDF) that came with a request by e-mail; photos go to RequestPhoto, cleaned."""

    request = models.ForeignKey("requests_app.ServiceRequest", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("fichier"), upload_to=attachment_upload_to)
    filename = models.CharField(_("nom du fichier"), max_length=150)
    content_type = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document joint")
        verbose_name_plural = _("documents joints")
        ordering = ["pk"]

    def __str__(self):
        return self.filename


class Follower(models.Model):
    """A citizen who reported the same problem and chose to follow this request instead of filing
    another one: told of each public step by e-mail, counted once in every figure (no request)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(_("courriel"))
    language = models.CharField(_("langue"), max_length=5, default="fr-ca")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("personne qui suit la demande")
        verbose_name_plural = _("personnes qui suivent la demande")
        constraints = [models.UniqueConstraint(fields=["request", "email"], name="follow_once")]

    def __str__(self):
        return f"{self.request} · {self.email}"
