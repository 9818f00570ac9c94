"""Annexe C: the director names the responsable of the reception (and, schéma B, of the execution)."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from accounts.models import User
from requests_app.enums import ProcessSchema
from requests_app.forms.actions import PersonChoiceField
from requests_app.forms.fields import DateInput
from requests_app.models import Service

# Who may be designated: an employee of the city. Not the élus, the Directeur général, the greffier
# or the Directeur du Service aux citoyens, who receive the lists and complaints, not the requests.
NOT_DESIGNATED = (Role.ELU, Role.DIRECTEUR_GENERAL, Role.GREFFIER, Role.DIRECTEUR_SAC)


def designable_employees() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(groups__name__in=NOT_DESIGNATED)
        .prefetch_related("groups", "services_received", "services_executed")
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


class DesignationForm(forms.Form):
    service = forms.ModelChoiceField(label=gettext_lazy("Nom du service"), queryset=Service.objects.none())
    reception_responsable = PersonChoiceField(
        label=gettext_lazy("Responsable de la réception des requêtes"), queryset=User.objects.none()
    )
    position_email = forms.EmailField(label=gettext_lazy("Adresse courriel du poste"))
    extension = forms.CharField(label=gettext_lazy("Numéro de poste (téléphone)"), max_length=10)
    execution_responsable = PersonChoiceField(
        label=gettext_lazy("Responsable de l'exécution des requêtes (services du schéma B seulement)"),
        queryset=User.objects.none(),
        required=False,
    )
    designation_date = forms.DateField(label=gettext_lazy("Date"), initial=timezone.localdate, widget=DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        services = Service.objects.filter(is_active=True).order_by("name_fr")
        if not (user.is_superuser or user.has_perm("requests_app.triage")):
            services = services.filter(director=user)
        self.fields["service"].queryset = services
        for name in ("reception_responsable", "execution_responsable"):
            self.fields[name].queryset = designable_employees()
        # The page hides the execution field unless the chosen service is in schéma B (static/js).
        schema_b = [str(pk) for pk in services.filter(schema=ProcessSchema.B).values_list("pk", flat=True)]
        self.fields["service"].widget.attrs["data-schema-b"] = " ".join(schema_b)

    def clean(self):
        data = super().clean()
        service = data.get("service")
        if data.get("execution_responsable") and service is not None and service.schema != ProcessSchema.B:
            self.add_error(
                "execution_responsable",
                gettext_lazy(
                    "Seuls les services du schéma B (réception et exécution distinctes) ont un responsable "
                    "de l'exécution : laissez ce champ vide."
                ),
            )
        return data
