"""The forms of the actions on a request: the responsable's (Annexe A) and the Technicien's."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.models import User
from requests_app.enums import RejectionReason
from requests_app.forms.fields import DateInput
from requests_app.forms.requests import CITIZEN_NOTE
from requests_app.models import InterventionCode, RequestType, ServiceRequest

# --- the responsable (Annexe A) -------------------------------------------------------------


class CompleteForm(forms.Form):
    planned_date = forms.DateField(label=_("Date prévue d'intervention"), required=False, widget=DateInput)
    done_date = forms.DateField(label=_("Date effectuée"), initial=timezone.localdate, widget=DateInput)
    extension = forms.CharField(
        label=_("Votre numéro de poste"),
        max_length=10,
        help_text=_("Pour vous joindre si le dossier demande plus d'information."),
    )
    internal_note = forms.CharField(
        label=_("Note (visible uniquement à l'interne)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    public_note = forms.CharField(
        label=_("Information disponible pour le demandeur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, **CITIZEN_NOTE}),
        help_text=_("Le citoyen lira ce texte : soignez le ton et l'orthographe."),
    )

    def clean_done_date(self):
        done_date = self.cleaned_data["done_date"]
        if done_date > timezone.localdate():
            raise ValidationError(_("La date effectuée ne peut pas être dans le futur."))
        return done_date


class OnHoldForm(forms.Form):
    reason = forms.CharField(label=_("Raison de l'attente"), max_length=300)


class ScheduleForm(forms.Form):
    planned_date = forms.DateField(label=_("Date de l'action à venir"), widget=DateInput)
    note = forms.CharField(label=_("Note interne"), required=False, max_length=500)

    def clean_planned_date(self):
        planned = self.cleaned_data["planned_date"]
        if planned < timezone.localdate():
            raise ValidationError(_("La date de l'action à venir ne peut pas être passée."))
        return planned


class InterventionForm(forms.Form):
    code = forms.ModelChoiceField(
        label=_("Code d'intervention"), queryset=InterventionCode.objects.filter(completes_request=False)
    )
    planned_date = forms.DateField(label=_("Date prévue"), required=False, widget=DateInput)
    done_date = forms.DateField(label=_("Date effectuée"), required=False, widget=DateInput)
    extension = forms.CharField(label=_("Votre numéro de poste"), max_length=10)
    internal_note = forms.CharField(label=_("Note (interne)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    public_note = forms.CharField(
        label=_("Information disponible pour le demandeur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, **CITIZEN_NOTE}),
    )


# --- the Technicien (admin change form) ----------------------------------------------------------


class PersonChoiceField(forms.ModelChoiceField):
    """An employee with what tells two « Pierre Gagnon » apart: the services they answer for."""

    def label_from_instance(self, obj: User) -> str:
        roles = [str(Role(group.name).label) for group in obj.groups.all() if group.name in Role.values]
        services = [service.name for service in obj.services_received.all()]
        services += [service.name for service in obj.services_executed.all() if service.name not in services]
        beside = " · ".join(part for part in (", ".join(roles), ", ".join(services)) if part)
        return f"{obj} — {beside}" if beside else str(obj)


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RequestType) -> str:
        return f"{obj.service.name} — {obj.name}"


def responsables() -> "QuerySet[User]":
    return (
        User.objects.filter(is_active=True, groups__name=Role.RESPONSABLE)
        .prefetch_related("groups", "services_received", "services_executed")
        .order_by("last_name", "first_name", "username")
    )


class AssignForm(forms.Form):
    """Classify and route in one step: the type (so the service), and the person who will act."""

    request_type = TypeChoiceField(label=_("Nature de la requête"), queryset=RequestType.objects.none())
    responsable = PersonChoiceField(
        label=_("Responsable"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Laissez le choix proposé pour le responsable désigné (Annexe C) du service de cette nature."),
    )
    note = forms.CharField(label=_("Note interne"), required=False, max_length=500)

    def __init__(self, *args, service_request: ServiceRequest | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        types = cast(TypeChoiceField, self.fields["request_type"])
        types.queryset = RequestType.objects.active().select_related("service").order_by("service__name_fr", "name_fr")
        people = cast(PersonChoiceField, self.fields["responsable"])
        people.queryset = responsables()
        if service_request is not None:
            self.initial.setdefault("request_type", service_request.request_type_id)
            designated = service_request.service.responsable if service_request.service else None
            people.empty_label = (
                _("Responsable désigné du service (%(name)s)") % {"name": designated}
                if designated
                else _("Responsable désigné du service de la nature choisie")
            )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Motif"), choices=RejectionReason.choices)
    public_note = forms.CharField(
        label=_("Explication au demandeur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, **CITIZEN_NOTE}),
        help_text=_("Par exemple, vers qui se tourner."),
    )


class CloseForm(forms.Form):
    public_note = forms.CharField(
        label=_("Message de clôture au demandeur (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, **CITIZEN_NOTE}),
    )


class MergeForm(forms.Form):
    """Which request the duplicate is joined to: the button pressed carries it."""

    into = forms.ModelChoiceField(queryset=ServiceRequest.objects.all(), widget=forms.HiddenInput)


class UnmergeForm(forms.Form):
    note = forms.CharField(label=_("Pourquoi la séparer (note interne)"), required=False, max_length=500)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Réponse donnée au citoyen"), widget=forms.Textarea(attrs={"rows": 3, **CITIZEN_NOTE})
    )
