from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import signatures
from .enums import SignatureMethod


class SignatureFields(forms.Form):
    """Draw with a finger, a pen or a mouse; or, with a keyboard, type your name."""

    signature_method = forms.ChoiceField(
        label=_("Comment signez-vous?"),
        widget=forms.RadioSelect,
        initial=SignatureMethod.DRAWN,
        choices=[(SignatureMethod.DRAWN, _("Je trace ma signature")), (SignatureMethod.TYPED, _("Je tape mon nom"))],
    )
    signature_data = forms.CharField(required=False, widget=forms.HiddenInput)
    signature_typed = forms.CharField(label=_("Votre nom, tapé en guise de signature"), required=False, max_length=150)
    attestation = forms.BooleanField(label=_("J'atteste l'exactitude de ce document et je le signe."))

    def clean(self):
        data = super().clean()
        method = data.get("signature_method")
        if method == SignatureMethod.DRAWN:
            try:
                data["signature_png"] = signatures.clean_drawn_signature(data.get("signature_data") or "")
            except ValidationError as error:
                self.add_error("signature_method", error)
        elif method == SignatureMethod.TYPED and not (data.get("signature_typed") or "").strip():
            self.add_error("signature_typed", _("Tapez votre nom pour signer."))
        return data

    def signature(self, signer_name: str) -> signatures.Signature:
        if self.cleaned_data["signature_method"] == SignatureMethod.DRAWN:
            return signatures.Signature(SignatureMethod.DRAWN, signer_name, self.cleaned_data["signature_png"])
        return signatures.Signature(SignatureMethod.TYPED, self.cleaned_data["signature_typed"].strip())
