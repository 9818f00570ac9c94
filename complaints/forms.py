from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import DisciplinaryMeasure, Role
from accounts.forms import SignatureFields
from accounts.models import User
from core import photos as photo_tools
from requests_app.forms import DateInput, MultiplePhotoField, StagedPhotosMixin
from requests_app.models import RequestType, Service

from . import services
from .enums import ComplaintChannel, Finding
from .models import Complaint


class ComplaintFields(forms.ModelForm):
    too_late = False  # set by clean(): past 4.4's 15 days, the page offers a requête
    service = forms.ModelChoiceField(
        label=_("Service concerné"), queryset=Service.objects.none(), empty_label=_("— Choisissez un service —")
    )

    class Meta:
        model = Complaint
        fields = [
            "complainant_name",
            "complainant_address",
            "complainant_phone",
            "complainant_email",
            "facts_date",
            "service",
            "employee_named",
            "facts",
            "safety_risk",
        ]
        labels = {
            "complainant_name": _("Nom et prénom"),
            "complainant_address": _("Adresse complète"),
            "complainant_phone": _("Téléphone"),
            "complainant_email": _("Courriel"),
            "facts_date": _("Date des faits"),
            "employee_named": _("Employé concerné, si vous le connaissez (nom ou fonction)"),
            "facts": _("Exposé des faits"),
            "safety_risk": _("La situation met en péril la sécurité de personnes ou de biens"),
        }
        help_texts = {
            "facts_date": _("Une plainte se dépose dans les 15 jours suivant les faits."),
            "facts": _("Ce qui s'est passé, où, quand, qui était présent. Restez factuel."),
            "safety_risk": _(
                "Cochez seulement si c'est le cas : la Ville en est avisée en priorité. Le délai de 15 jours après les "
                "faits s'applique toujours; passé ce délai, une situation dangereuse se signale par une requête."
            ),
        }
        widgets = {
            "facts_date": DateInput,
            "facts": forms.Textarea(attrs={"rows": 6}),
            "complainant_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "complainant_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "complainant_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "complainant_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(is_active=True).order_by("name_fr")
        for name in ("complainant_address", "complainant_phone", "complainant_email", "facts"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        facts_date = data.get("facts_date")
        if facts_date:
            try:
                services.check_receivable(facts_date=facts_date, today=timezone.localdate())
            except services.ComplaintTooLate as error:
                self.too_late = True  # the page offers a requête instead (policy 4.1 and 4.4)
                self.add_error("facts_date", error.message)
            except services.ApplicationError as error:
                self.add_error("facts_date", error.message)
        return data

    def complaint_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ComplaintSignatureForm(SignatureFields):
    attestation = forms.BooleanField(
        label=_("J'atteste que les renseignements et les faits de cette plainte sont vrais, et je la signe."),
    )


class ComplaintForm(StagedPhotosMixin, ComplaintSignatureForm, ComplaintFields):
    """The written, signed complaint (policy 4.4): everything, then the signature."""

    photos = MultiplePhotoField(
        label=_("Pièces jointes (facultatif)"),
        required=False,
        help_text=_("Jusqu'à 3 photos JPEG ou PNG de 10 Mo chacune; leur empreinte figure dans le formulaire signé."),
    )
    staged_photos = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if photo_tools.staged_count(data.get("staged_photos", "")) + len(data.get("photos") or []) > 3:
            self.add_error("photos", _("Vous pouvez joindre au plus 3 photos."))
        return data


class VerbalComplaintForm(ComplaintFields):
    channel = forms.ChoiceField(
        label=_("Reçue"),
        choices=[
            (ComplaintChannel.PHONE, ComplaintChannel.PHONE.label),
            (ComplaintChannel.COUNTER, ComplaintChannel.COUNTER.label),
        ],
    )


class PaperForm(forms.Form):
    scan = forms.FileField(label=_("Écrit signé, numérisé (PDF)"))


class InterviewForm(forms.Form):
    held_on = forms.DateField(label=_("Date de la rencontre"), widget=DateInput, initial=timezone.localdate)
    people_met = forms.CharField(label=_("Personne(s) rencontrée(s)"), max_length=300)
    account = forms.CharField(label=_("Ce qui a été dit"), widget=forms.Textarea(attrs={"rows": 4}))
    employee_heard = forms.BooleanField(
        label=_("L'employé visé par la plainte était présent et a été écouté"),
        required=False,
        help_text=_(
            "Politique, article 4.4 : une plainte fondée exige que l'employé visé ait été rencontré et écouté."
        ),
    )


class EvidenceForm(forms.Form):
    description = forms.CharField(label=_("Description de la pièce"), max_length=300)
    file = forms.FileField(label=_("Fichier"))


class EmployeeForm(forms.Form):
    employee = forms.ModelChoiceField(
        label=_("Employé concerné"), queryset=User.objects.filter(is_active=True), required=False
    )


class ShareForm(forms.Form):
    director = forms.ModelChoiceField(
        label=_("Directeur du service de l'employé"),
        queryset=User.objects.filter(is_active=True, groups__name=Role.DIRECTEUR_SERVICE),
    )


class ConcludeForm(forms.Form):
    finding = forms.ChoiceField(label=_("Conclusion"), choices=Finding.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Motifs"), widget=forms.Textarea(attrs={"rows": 3}))
    incident = forms.CharField(
        label=_("Incident consigné au dossier de l'employé (si fondée)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    measure = forms.ChoiceField(
        label=_("Mesure disciplinaire (si fondée)"), required=False, choices=[("", "—"), *DisciplinaryMeasure.choices]
    )
    measure_detail = forms.CharField(label=_("Précision sur la mesure"), required=False, max_length=300)


class ToRequestForm(forms.Form):
    request_type = forms.ModelChoiceField(label=_("Nature de la requête"), queryset=RequestType.objects.active())


class FromRequestForm(forms.Form):
    facts_date = forms.DateField(label=_("Date des faits"), widget=DateInput)
