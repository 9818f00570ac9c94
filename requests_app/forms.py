from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.models import User
from core import photos as photo_tools
from core.text_search import normalize
from requests_app.enums import STAFF_CHANNELS, CallbackOutcome, Channel, ContactPreference, RejectionReason, RequestKind
from requests_app.models import Address, InterventionCode, RequestType, Service, ServiceRequest
from requests_app.selectors import request_types_by_service


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Django's documented way to accept several files in one field; each is sanitized."""

    accept = "image/jpeg,image/png"

    @staticmethod
    def sanitize(uploaded):
        return photo_tools.sanitize_photo(uploaded)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": self.accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        errors, cleaned = [], []
        for uploaded in files:
            try:
                cleaned.append(self.sanitize(super().clean(uploaded, initial)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


# The mixin reads the form's data and errors: typed as a form, a plain class at run time.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class StagedPhotosMixin(_FormBase):
    """Photos checked on a first post survive an error elsewhere in the form (fields `photos`, `staged_photos`)."""

    def all_photos(self):
        return photo_tools.unstage_photos(self.cleaned_data.get("staged_photos", "")) + list(
            self.cleaned_data.get("photos") or []
        )

    def keep_valid_photos(self):
        """On an error elsewhere, stage the photos that passed so the citizen need not pick them again."""
        if "photos" in self.errors or not self.cleaned_data.get("photos"):
            return
        previous = photo_tools.unstage_photos(self.cleaned_data.get("staged_photos", ""))
        token = photo_tools.stage_photos(previous + self.cleaned_data["photos"])
        data = self.data.copy()
        data["staged_photos"] = token
        self.data = data

    @property
    def staged_photo_count(self) -> int:
        return photo_tools.staged_count(self.data.get("staged_photos", "") if self.is_bound else "")


def _pin(latitude: str, longitude: str) -> tuple[Decimal | None, Decimal | None]:
    """The position of the citizen's pin, or none: a malformed one is dropped, not shown as an error
    on a field the citizen cannot see (the typed place is what counts)."""
    try:
        lat, lon = Decimal(latitude).quantize(Decimal("0.000001")), Decimal(longitude).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None, None
    if not (lat.is_finite() and lon.is_finite() and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def _chosen_address(raw: str, typed: str) -> Address | None:
    """The civic address picked in the suggestions, if it is still what the place field says; an
    identifier that is not one (« ² » is a digit to str.isdigit, not to int) is dropped like the pin."""
    try:
        address = Address.objects.active().filter(pk=int(raw)).first()
    except ValueError:
        return None
    if address is not None and normalize(address.label) != normalize(typed):
        return None  # the citizen chose an address, then typed another place
    return address


class RequestForm(StagedPhotosMixin, forms.ModelForm):
    """The citizen's requête form: service then type, the facts, the place, how to reach them."""

    service = forms.ModelChoiceField(
        label=_("Service concerné"),
        queryset=Service.objects.filter(is_active=True),
        empty_label=_("— Choisissez un service —"),
    )
    request_type = forms.ModelChoiceField(
        label=_("Nature de la requête"),
        queryset=RequestType.objects.active(),
        empty_label=_("— Choisissez la nature de la requête —"),
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
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "contact_preference": forms.RadioSelect,
            "requester_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "requester_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "requester_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "requester_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(is_active=True).order_by("name_fr")
        self.fields["request_type"].queryset = request_types_by_service()
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

    def clean(self):
        data = super().clean()
        service, request_type = data.get("service"), data.get("request_type")
        if service and request_type and request_type.service_id != service.pk:
            self.add_error("request_type", _("Cette nature de requête ne relève pas du service choisi."))
        preference = data.get("contact_preference")
        if preference == ContactPreference.EMAIL and not data.get("requester_email"):
            self.add_error("requester_email", _("Indiquez votre courriel pour recevoir le suivi par courriel."))
        if preference == ContactPreference.CALLBACK and not data.get("requester_phone"):
            self.add_error("requester_phone", _("Indiquez un numéro de téléphone pour être rappelé."))
        data["address"] = _chosen_address(data.get("address") or "", data.get("location_address", ""))
        data["latitude"], data["longitude"] = _pin(data.get("latitude", ""), data.get("longitude", ""))
        staged = photo_tools.staged_count(data.get("staged_photos", ""))
        if staged + len(data.get("photos") or []) > settings.PHOTO_MAX_COUNT:
            self.add_error("photos", _("Vous pouvez joindre au plus 3 photos."))
        return data

    def request_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location_address"].required = False
        self.fields["requester_address"].required = True
        self.fields["contact_preference"].initial = ContactPreference.CALLBACK

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


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("Numéro de la demande"), max_length=20, widget=forms.TextInput(attrs={"placeholder": "2026-000123"})
    )
    email = forms.EmailField(label=_("Courriel donné lors de la demande"))


# Textareas the citizen will read: js/standard-answers.js offers the réponses types beside them.
CITIZEN_NOTE = {"data-citizen-note": "1"}


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


# --- satisfaction -------------------------------------------------------------------------------------


class SatisfactionForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Votre appréciation"),
        choices=[
            (5, _("5 — Très satisfait")),
            (4, _("4 — Satisfait")),
            (3, _("3 — Ni l'un ni l'autre")),
            (2, _("2 — Insatisfait")),
            (1, _("1 — Très insatisfait")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Un commentaire? (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qui a bien fonctionné, ce que nous devrions améliorer."),
    )


class SatisfactionFilterForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.filter(is_active=True).order_by("name_fr"), required=False
    )
    start = forms.DateField(label=_("Du"), required=False, widget=DateInput)
    end = forms.DateField(label=_("Au"), required=False, widget=DateInput)


class CallbackForm(forms.Form):
    # No outcome chosen in advance: a click on « Inscrire » must not record « joint » by mistake.
    outcome = forms.ChoiceField(label=_("Résultat de l'appel"), choices=[("", "—"), *CallbackOutcome.choices])
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
