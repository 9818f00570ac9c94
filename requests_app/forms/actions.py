"""The forms of the actions on a request: the responsable's (Annexe A) and the Technicien's."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.models import User
from requests_app.enums import RejectionReason
from requests_app.forms.fields import DateInput
from requests_app.forms.requests import CITIZEN_NOTE
from requests_app.models import InterventionCode, ServiceRequest

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


class AssignForm(forms.Form):
    responsable = forms.ModelChoiceField(
        label=_("Responsable"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Laissez vide pour le responsable désigné du service."),
    )
    note = forms.CharField(label=_("Note interne"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsable"].queryset = User.objects.filter(is_active=True, groups__name=Role.RESPONSABLE)


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
