"""Forms of the réclamations and access requests: the citizen's, the Technicien's intake, the Greffe's."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import photos as photo_tools
from legal.enums import AccessDecision, AccessForm, ClaimDocumentKind
from legal.models import AccessRequest, Claim, LegalProvision
from requests_app.enums import STAFF_CHANNELS, Channel
from requests_app.forms import DateInput, MultiplePhotoField
from requests_app.models import Service

DOCUMENT_ACCEPT = "image/jpeg,image/png,application/pdf"


class MultipleDocumentField(MultiplePhotoField):
    """Photos (re-encoded, metadata stripped) or PDF invoices and estimates, checked by their content."""

    accept = DOCUMENT_ACCEPT

    @staticmethod
    def sanitize(uploaded):
        return photo_tools.sanitize_document(uploaded)


# The mixin reads the form's data and errors: typed as a form, a plain class at run time.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class ClaimDocumentsMixin(_FormBase):
    """Photos and supporting documents, each in its own field so the Greffe knows what it reads."""

    DOCUMENT_FIELDS = {
        "photos": ClaimDocumentKind.PHOTO,
        "invoices": ClaimDocumentKind.INVOICE,
        "estimates": ClaimDocumentKind.ESTIMATE,
    }

    @staticmethod
    def document_fields():
        return {
            "staged_documents": forms.CharField(required=False, widget=forms.HiddenInput),
            "photos": MultiplePhotoField(
                label=_("Photos des dommages"), required=False, help_text=_("JPEG ou PNG, 10 Mo au plus chacune.")
            ),
            "invoices": MultipleDocumentField(
                label=_("Factures"), required=False, help_text=_("PDF, JPEG ou PNG, 10 Mo au plus chacun.")
            ),
            "estimates": MultipleDocumentField(
                label=_("Estimations"), required=False, help_text=_("PDF, JPEG ou PNG, 10 Mo au plus chacun.")
            ),
        }

    def new_documents(self) -> list[tuple[str, Any]]:
        return [
            (kind, content)
            for field, kind in self.DOCUMENT_FIELDS.items()
            for content in self.cleaned_data.get(field) or []
        ]

    def documents(self) -> list[tuple[str, Any]]:
        """Files kept from an earlier post (see keep_valid_documents) and the ones sent now."""
        return photo_tools.unstage_documents(self.cleaned_data.get("staged_documents", "")) + self.new_documents()

    def keep_valid_documents(self) -> None:
        """On an error elsewhere, keep the files that passed so a citizen on a phone need not pick them again."""
        if any(field in self.errors for field in self.DOCUMENT_FIELDS) or not self.new_documents():
            return
        data = self.data.copy()  # type: ignore[attr-defined]  # a bound form's QueryDict
        data["staged_documents"] = photo_tools.stage_documents(self.documents())
        self.data = data

    @property
    def staged_document_count(self) -> int:
        return photo_tools.staged_document_count(self.data.get("staged_documents", "") if self.is_bound else "")

    def staged_and_new_count(self, data) -> int:
        staged = photo_tools.staged_document_count(data.get("staged_documents", ""))
        return staged + sum(len(data.get(field) or []) for field in self.DOCUMENT_FIELDS)


class ClaimForm(ClaimDocumentsMixin, forms.ModelForm):
    class Meta:
        model = Claim
        fields = [
            "damage_kind",
            "cause_kind",
            "event_date",
            "event_time",
            "event_place",
            "cause",
            "damage_description",
            "amount_claimed",
            "claimant_name",
            "claimant_address",
            "claimant_phone",
            "claimant_email",
            "insurer_name",
            "insurer_policy",
        ]
        labels = {
            "damage_kind": _("Nature du dommage"),
            "cause_kind": _("Ce qui a causé le dommage, selon vous"),
            "event_date": _("Date de l'événement"),
            "event_time": _("Heure de l'événement (si vous la connaissez)"),
            "event_place": _("Lieu exact de l'événement"),
            "cause": _("Expliquez ce qui s'est produit"),
            "damage_description": _("Description des dommages"),
            "amount_claimed": _("Montant réclamé, si vous le connaissez ($)"),
            "claimant_name": _("Nom et prénom"),
            "claimant_address": _("Votre adresse complète"),
            "claimant_phone": _("Téléphone"),
            "claimant_email": _("Courriel"),
            "insurer_name": _("Votre assureur (facultatif)"),
            "insurer_policy": _("Numéro de police (facultatif)"),
        }
        help_texts = {
            "event_place": _(
                "Adresse civique, intersection ou repère précis (par exemple : face au 1050, rue Principale)."
            ),
            "claimant_email": _("Vous recevrez l'avis de réclamation et un lien pour ajouter des pièces plus tard."),
            "amount_claimed": _("Vous pourrez le préciser plus tard en ajoutant factures et estimations."),
        }
        widgets = {
            "damage_kind": forms.RadioSelect,
            "cause_kind": forms.RadioSelect,
            "event_date": DateInput,
            "event_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "cause": forms.Textarea(attrs={"rows": 3}),
            "damage_description": forms.Textarea(attrs={"rows": 4}),
            "amount_claimed": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
            "claimant_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "claimant_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "claimant_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "claimant_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(self.document_fields())
        self.fields["damage_kind"].choices = self.fields["damage_kind"].choices[1:]  # no blank radio
        self.fields["cause_kind"].choices = self.fields["cause_kind"].choices[1:]

    def clean_event_date(self):
        event_date = self.cleaned_data["event_date"]
        if event_date > timezone.localdate():
            raise ValidationError(_("La date de l'événement ne peut pas être dans le futur."))
        return event_date

    def clean_amount_claimed(self):
        amount = self.cleaned_data.get("amount_claimed")
        if amount is not None and amount < 0:
            raise ValidationError(_("Le montant ne peut pas être négatif."))
        return amount

    def clean(self):
        data = super().clean()
        if self.staged_and_new_count(data) > settings.CLAIM_MAX_DOCUMENTS:
            raise ValidationError(
                _("Joignez au plus %(max)s fichiers; vous pourrez en ajouter d'autres depuis votre lien de suivi.")
                % {"max": settings.CLAIM_MAX_DOCUMENTS}
            )
        return data

    def claim_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ClaimIntakeForm(ClaimForm):
    """The Technicien takes a claim by phone or at the counter; the claimant signs nothing here."""

    channel = forms.ChoiceField(label=_("Provenance"), choices=STAFF_CHANNELS, initial=Channel.PHONE)


class ClaimDocumentsForm(ClaimDocumentsMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(self.document_fields())

    def clean(self):
        data = super().clean()
        if not self.staged_and_new_count(data):
            raise ValidationError(_("Choisissez au moins un fichier à ajouter."))
        return data


class ClaimNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Message au réclamant (facultatif)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClaimInsurerForm(ClaimNoteForm):
    insurer_reference = forms.CharField(label=_("Référence du dossier chez l'assureur de la Ville"), max_length=80)


class ClaimAcceptForm(ClaimNoteForm):
    amount_paid = forms.DecimalField(label=_("Montant versé ($)"), min_value=0, max_digits=10, decimal_places=2)


class ClaimRefuseForm(forms.Form):
    reasons = forms.CharField(
        label=_("Motifs du refus, communiqués au réclamant"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ClaimConsultForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service à consulter"), queryset=Service.objects.none())
    question = forms.CharField(
        label=_("Ce que le Greffe veut savoir"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le service lira la date, le lieu, la cause et les dommages, jamais l'identité du réclamant."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = (
            Service.objects.filter(is_active=True).exclude(code="greffe").order_by("name_fr")
        )


class FindingsForm(forms.Form):
    findings = forms.CharField(
        label=_("Constatations de votre service"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce que le service a constaté ou fait à cet endroit, avec les dates."),
    )


# --- access requests ----------------------------------------------------------------------------------


class AccessRequestForm(forms.ModelForm):
    class Meta:
        model = AccessRequest
        fields = ["documents_requested", "requester_name", "requester_address", "requester_phone", "requester_email"]
        labels = {
            "documents_requested": _("Documents demandés"),
            "requester_name": _("Nom et prénom"),
            "requester_address": _("Adresse postale"),
            "requester_phone": _("Téléphone (facultatif)"),
            "requester_email": _("Courriel"),
        }
        help_texts = {
            "documents_requested": _(
                "Décrivez le plus précisément possible les documents voulus : sujet, période, service, numéro de "
                "règlement ou de résolution s'il y a lieu."
            ),
            "requester_address": _("La loi prévoit une réponse par écrit : indiquez où vous l'envoyer par la poste."),
            "requester_email": _("Pour recevoir l'avis de réception et la réponse par courriel."),
        }
        widgets = {
            "documents_requested": forms.Textarea(attrs={"rows": 5}),
            "requester_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "requester_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "requester_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "requester_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def access_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AccessIntakeForm(AccessRequestForm):
    form = forms.ChoiceField(
        label=_("Forme de la demande"),
        choices=AccessForm.choices,
        initial=AccessForm.VERBAL,
        widget=forms.RadioSelect,
        help_text=_(
            "Dites au requérant qui fait une demande verbale qu'il peut la faire par écrit, et que seule une décision "
            "sur une demande écrite peut être révisée (art. 45)."
        ),
    )
    channel = forms.ChoiceField(label=_("Provenance"), choices=STAFF_CHANNELS, initial=Channel.PHONE)
    received_on = forms.DateField(label=_("Date de réception"), initial=timezone.localdate, widget=DateInput)

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise ValidationError(_("La date de réception ne peut pas être dans le futur."))
        return received_on


class AccessExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi le délai de 20 jours ne peut être respecté"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AccessDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Décision"), choices=AccessDecision.choices, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Réponse au requérant"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qui est communiqué, sous quelle forme, et les frais s'il y a lieu."),
    )
    refusal_reasons = forms.CharField(
        label=_("Motifs du refus (refus total ou partiel)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    provisions = forms.ModelMultipleChoiceField(
        label=_("Dispositions de la loi invoquées"),
        queryset=LegalProvision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provisions"].queryset = LegalProvision.objects.filter(is_active=True)
