"""The satisfaction survey, its results' filter, and the Technicien's call-back record."""

from django import forms
from django.utils.translation import gettext_lazy as _

from requests_app.enums import CallbackOutcome
from requests_app.forms.fields import DateInput
from requests_app.models import Service

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
