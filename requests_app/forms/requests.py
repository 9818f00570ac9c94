"""The request as the citizen files it, as the Technicien types it for someone, and the tracking lookup."""

import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import photos as photo_tools
from requests_app.enums import STAFF_CHANNELS, Channel, ContactPreference, RequestKind
from requests_app.forms.fields import (
    CatalogChoiceField,
    MultiplePhotoField,
    StagedPhotosMixin,
    _chosen_address,
    _pin,
    canadian_phone,
    meaningful_place,
    meaningful_statement,
)
from requests_app.models import Service, ServiceRequest
from requests_app.selectors import active_catalog, request_types_by_service

# How a phone fills in the citizen's fields: the right keyboard, the browser's autofill.
CITIZEN_WIDGETS = {
    "description": forms.Textarea(attrs={"rows": 5}),
    "contact_preference": forms.RadioSelect,
    "requester_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    "requester_email": forms.EmailInput(attrs={"autocomplete": "email"}),
    "requester_name": forms.TextInput(attrs={"autocomplete": "name"}),
    "requester_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
}


def _contact_errors(form: forms.Form, data: dict, *, email_message=None) -> None:
    """The way to reach the person they chose must be given; one message per problem: an e-mail
    already refused as invalid is not also said to be missing."""
    preference = data.get("contact_preference")
    if (
        preference == ContactPreference.EMAIL
        and not data.get("requester_email")
        and "requester_email" not in form.errors
    ):
        form.add_error(
            "requester_email", email_message or _("Indiquez votre courriel pour recevoir le suivi par courriel.")
        )
    if (
        preference == ContactPreference.CALLBACK
        and not data.get("requester_phone")
        and "requester_phone" not in form.errors
    ):
        form.add_error("requester_phone", _("Indiquez un numéro de téléphone pour être rappelé."))


class RequestForm(StagedPhotosMixin, forms.ModelForm):
    """The citizen's requête form: service then type, the facts, the place, how to reach them."""

    # The querysets only list the choices on a page; a posted choice is checked against the catalogue.
    # Built here once, not per form: each filter() cost a tenth of a millisecond per submission.
    service = CatalogChoiceField(
        label=_("Service concerné"),
        queryset=Service.objects.filter(is_active=True).order_by("name_fr"),
        pick=lambda catalog: catalog.services,
        empty_label=_("— Choisissez —"),
        required=False,  # the nature names its service: choosing it first is enough
    )
    request_type = CatalogChoiceField(
        label=_("Nature de la requête"),
        queryset=request_types_by_service(),
        pick=lambda catalog: catalog.types,
        empty_label=_("— Choisissez —"),
    )
    photos = MultiplePhotoField(
        label=_("Photos (facultatif)"),
        required=False,
        help_text=_(
            "Jusqu'à 3 photos JPEG ou PNG de 10 Mo chacune. Les données de localisation de l'appareil sont retirées."
        ),
    )
    staged_photos = forms.CharField(required=False, widget=forms.HiddenInput)
    # Filled by js/address-autocomplete.js when the citizen picks a known civic address.
    # An identifier that is not (or no longer) a known address is dropped, never shown as an error on a
    # field the citizen cannot see: the typed place is what counts.
    address = forms.CharField(required=False, widget=forms.HiddenInput)
    # Filled by js/request-map.js when the citizen places a pin (the map is optional, off by default).
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ServiceRequest
        fields = [
            "service",
            "request_type",
            "description",
            "location_address",
            "address",
            "latitude",
            "longitude",
            "requester_name",
            "requester_address",
            "requester_phone",
            "requester_email",
            "contact_preference",
            "callback_window",
        ]
        labels = {
            "description": _("Exposé des faits"),
            "location_address": _("Lieu concerné (adresse ou intersection)"),
            "requester_name": _("Nom et prénom"),
            "requester_address": _("Votre adresse complète"),
            "requester_phone": _("Téléphone"),
            "requester_email": _("Courriel"),
            "contact_preference": _("Comment souhaitez-vous être informé du suivi?"),
            "callback_window": _("Si vous préférez être rappelé : à quel moment?"),
        }
        help_texts = {
            "description": _("Décrivez la situation : ce que vous avez constaté, depuis quand, tout détail utile."),
            "location_address": _("Par exemple : 2870, boulevard du Curé-Labelle, ou le coin de deux rues."),
            "requester_email": _("Vous recevrez un accusé de réception et un lien pour suivre votre demande."),
        }
        widgets = CITIZEN_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        catalog = functools.cache(active_catalog)  # one version read for both choices
        self.fields["service"].catalog = self.fields["request_type"].catalog = catalog
        self.fields["description"].required = True
        self.fields["location_address"].required = True
        self.fields["location_address"].widget.attrs.update(
            {
                "data-address-url": reverse("requests:address_search"),
                "data-address-list-label": _("Adresses civiques proposées"),
                "data-address-count": _(
                    "{n} adresses proposées : flèches haut et bas pour choisir, Entrée pour retenir."
                ),
                "data-address-chosen": _("Adresse retenue :"),
            }
        )
        self.fields["contact_preference"].choices = ContactPreference.choices

    def clean_requester_phone(self):
        return canadian_phone(self.cleaned_data.get("requester_phone", ""))

    def clean_location_address(self):
        return meaningful_place(self.cleaned_data.get("location_address", ""))

    def clean_description(self):
        return meaningful_statement(self.cleaned_data.get("description", ""))

    def clean(self):
        data = super().clean()
        service, request_type = data.get("service"), data.get("request_type")
        if service is None and request_type is not None:
            data["service"] = service = request_type.service
        elif service is None and "service" not in self.errors and "request_type" not in self.errors:
            self.add_error("service", _("Choisissez le service concerné, ou directement la nature de la requête."))
        if service and request_type and request_type.service_id != service.pk:
            self.add_error("request_type", _("Cette nature de requête ne relève pas du service choisi."))
        _contact_errors(self, data)
        data["address"] = _chosen_address(data.get("address") or "", data.get("location_address", ""))
        data["latitude"], data["longitude"] = _pin(data.get("latitude", ""), data.get("longitude", ""))
        staged = photo_tools.staged_count(data.get("staged_photos", ""))
        if staged + len(data.get("photos") or []) > settings.PHOTO_MAX_COUNT:
            self.add_error("photos", _("Vous pouvez joindre au plus 3 photos."))
        return data

    def request_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def _get_validation_exclusions(self):
        # The model's validation would check again, one query each, that the service and the type
        # chosen from their querysets exist (issue 20: two of a submission's fourteen queries).
        return super()._get_validation_exclusions() | {"service", "request_type"}


class StaffIntakeForm(RequestForm):
    """Policy 4.3: what the Technicien notes for a demand received by phone, e-mail, counter or field."""

    kind = forms.ChoiceField(label=_("Catégorie"), choices=RequestKind.choices, initial=RequestKind.REQUEST)
    channel = forms.ChoiceField(label=_("Provenance"), choices=STAFF_CHANNELS, initial=Channel.PHONE)
    received_at = forms.DateTimeField(
        label=_("Date de réception"),
        initial=timezone.now,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    answer = forms.CharField(
        label=_("Réponse donnée au premier contact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pour une demande d'information : la réponse donnée ferme la demande."),
    )

    class Meta(RequestForm.Meta):
        fields = ["kind", "channel", "received_at", *RequestForm.Meta.fields, "answer"]

    # The Technicien types for someone else: the fields speak of the requester, not to them.
    STAFF_LABELS = {
        "description": _("Exposé des faits (tel que rapporté)"),
        "requester_name": _("Nom et prénom du requérant"),
        "requester_address": _("Adresse complète du requérant"),
        "requester_phone": _("Téléphone du requérant"),
        "requester_email": _("Courriel du requérant"),
        "contact_preference": _("Suivi souhaité par le requérant"),
        "callback_window": _("Moment de rappel préféré du requérant"),
    }
    STAFF_HELP = {
        "description": _("Ce que le requérant a constaté, depuis quand, tout détail utile."),
        "requester_email": _("S'il en donne un : il recevra l'accusé de réception et le lien de suivi."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location_address"].required = False
        self.fields["requester_address"].required = True
        self.fields["contact_preference"].initial = ContactPreference.CALLBACK
        for name, label in self.STAFF_LABELS.items():
            self.fields[name].label = label
        for name, text in self.STAFF_HELP.items():
            self.fields[name].help_text = text

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now():
            raise ValidationError(_("La date de réception ne peut pas être dans le futur."))
        return received_at

    def clean(self):
        data = super().clean()
        if data.get("kind") == RequestKind.INFORMATION and not data.get("answer", "").strip():
            self.add_error(
                "answer", _("Écrivez la réponse donnée : une demande d'information se règle au premier contact.")
            )
        return data

    def request_data(self) -> dict:
        excluded = {"channel", "received_at", "answer"}
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in excluded}


class QuestionForm(forms.ModelForm):
    """Policy 4.1, « accueil, information ou commentaire »: answered at first contact, no follow-up.
    The Technicien answers it from the desk (« Répondre et fermer »)."""

    service = forms.ModelChoiceField(
        label=_("Service concerné (si vous le savez)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— Je ne sais pas —"),
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "service",
            "description",
            "requester_name",
            "requester_email",
            "requester_phone",
            "contact_preference",
        ]
        labels = {
            "description": _("Votre question ou votre commentaire"),
            "requester_name": _("Nom et prénom"),
            "requester_email": _("Courriel"),
            "requester_phone": _("Téléphone"),
            "contact_preference": _("Comment souhaitez-vous recevoir la réponse?"),
        }
        widgets = CITIZEN_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(is_active=True).order_by("name_fr")

    def clean_requester_phone(self):
        return canadian_phone(self.cleaned_data.get("requester_phone", ""))

    def clean_description(self):
        return meaningful_statement(self.cleaned_data.get("description", ""), minimum=5)

    def clean(self):
        data = super().clean()
        _contact_errors(self, data, email_message=_("Indiquez votre courriel pour recevoir la réponse par courriel."))
        return data

    def request_data(self) -> dict:
        return {**{name: self.cleaned_data[name] for name in self.Meta.fields}, "kind": RequestKind.INFORMATION}


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre courriel"),
        help_text=_("Pour recevoir un courriel à chaque étape. Il ne sert à rien d'autre et n'est montré à personne."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("Numéro de la demande"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "2026-000123"}),
        help_text=_("Requête, question, plainte (P-…), réclamation (RC-…) ou demande d'accès (AI-…)."),
    )
    email = forms.EmailField(label=_("Courriel donné lors de la demande"))


# Textareas the citizen will read: js/standard-answers.js offers the réponses types beside them.
CITIZEN_NOTE = {"data-citizen-note": "1"}
