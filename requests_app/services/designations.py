"""Annexe C: a designation is prepared, signed by the employee, then by the director; only then does
it take effect, and from that moment the service's new requests go to the new responsable."""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from accounts.signatures import Signature
from core import pdf
from core.errors import ApplicationError
from outbox.services import outbox_enqueue
from requests_app.enums import ProcessSchema
from requests_app.models import Designation, Service


def can_start_designation(user: User, service: Service) -> bool:
    return (
        user.is_superuser
        or user.has_perm("requests_app.triage")
        or (service.director_id is not None and service.director_id == user.pk)
    )


@transaction.atomic
def designation_start(
    *,
    service: Service,
    acting_user: User,
    reception_responsable: User,
    position_email: str,
    extension: str,
    designation_date: dt.date,
    execution_responsable: User | None = None,
) -> Designation:
    """The director, or the Technicien on his behalf, fills in the Annexe C form."""
    if not can_start_designation(acting_user, service):
        raise ApplicationError(_("Seul le directeur du service, ou le Technicien en son nom, prépare une désignation."))
    if service.director is None:
        raise ApplicationError(_("Inscrivez d'abord le directeur du service %(service)s.") % {"service": service})
    if service.schema == ProcessSchema.B and execution_responsable is None:
        raise ApplicationError(_("Un service du schéma B désigne aussi le responsable de l'exécution des requêtes."))
    if service.schema != ProcessSchema.B:
        execution_responsable = None
    designation = Designation(
        service=service,
        director=service.director,
        reception_responsable=reception_responsable,
        position_email=position_email,
        extension=extension,
        designation_date=designation_date,
        execution_responsable=execution_responsable,
        started_by=acting_user,
    )
    designation.full_clean()
    designation.save()
    _notify_signer(designation, reception_responsable, "employee")
    return designation


def _store_signature(designation: Designation, prefix: str, signature: Signature) -> None:
    setattr(designation, f"{prefix}_signed_at", timezone.now())
    setattr(designation, f"{prefix}_signature_method", signature.method)
    setattr(designation, f"{prefix}_signed_name", signature.signer_name)
    if signature.image_png:
        getattr(designation, f"{prefix}_signature").save(
            f"{designation.pk}-{prefix}.png", ContentFile(signature.image_png), save=False
        )


@transaction.atomic
def designation_sign_as_employee(*, designation: Designation, acting_user: User, signature: Signature) -> Designation:
    locked = Designation.objects.select_for_update().get(pk=designation.pk)
    if acting_user.pk != locked.reception_responsable_id:
        raise ApplicationError(_("Seul l'employé désigné signe à cette ligne, depuis son propre compte."))
    if locked.state != "awaiting_employee":
        raise ApplicationError(_("Cette désignation n'attend pas la signature de l'employé."))
    _store_signature(locked, "employee", signature)
    locked.save()
    _notify_signer(locked, locked.director, "director")
    return locked


@transaction.atomic
def designation_sign_as_director(*, designation: Designation, acting_user: User, signature: Signature) -> Designation:
    locked = Designation.objects.select_for_update().select_related("service").get(pk=designation.pk)
    if acting_user.pk != locked.director_id:
        raise ApplicationError(_("Seul le directeur du service signe à cette ligne, depuis son propre compte."))
    if locked.state != "awaiting_director":
        raise ApplicationError(_("L'employé désigné doit signer avant le directeur."))
    _store_signature(locked, "director", signature)
    locked.save()
    _take_effect(locked)
    return locked


def _take_effect(designation: Designation) -> None:
    now = timezone.now()
    service = Service.objects.select_for_update().get(pk=designation.service_id)
    Designation.objects.in_force().filter(service=service).update(superseded_at=now)
    designation.effective_at = now
    with translation.override("fr-ca"):
        content = pdf.render_designation_pdf({"designation": designation, "service": service})
    designation.pdf.save(f"annexe-c-{service.code}-{now:%Y%m%d%H%M%S}.pdf", ContentFile(content), save=False)
    designation.pdf_sha256 = hashlib.sha256(content).hexdigest()
    designation.save()
    service.responsable = designation.reception_responsable
    service.execution_responsable = designation.execution_responsable
    service.contact_email = designation.position_email
    service.save(update_fields=["responsable", "execution_responsable", "contact_email"])
    for technicien in User.objects.filter(is_active=True, groups__name=Role.TECHNICIEN).exclude(email=""):
        outbox_enqueue(
            dedupe_key=f"designation:{designation.pk}:technicien:{technicien.pk}",
            to=technicien.email,
            template="designation_in_force",
            language=technicien.language,
            context={"designation": designation, "service": service},
            attachments=[(f"annexe-c-{service.code}.pdf", content, "application/pdf")],
        )


def _notify_signer(designation: Designation, signer: User, role: str) -> None:
    if not signer.email:
        return
    with translation.override(signer.language):
        path = reverse("staff:designation_detail", kwargs={"pk": designation.pk})
    outbox_enqueue(
        dedupe_key=f"designation:{designation.pk}:sign:{role}",
        to=signer.email,
        template="designation_to_sign",
        language=signer.language,
        context={"designation": designation, "signer": signer, "path": path},
    )
