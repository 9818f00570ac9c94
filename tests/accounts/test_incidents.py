"""The register of confidentiality incidents (A-2.1, art. 63.11), kept in the admin by the DG and the Greffe."""

import html

import pytest
from django.urls import reverse

from accounts.models import ConfidentialityIncident

pytestmark = pytest.mark.django_db
ADD = reverse("admin:accounts_confidentialityincident_add")
LIST = reverse("admin:accounts_confidentialityincident_changelist")


def incident(**overrides):
    return {
        "occurred_on": "2026-11-16",
        "occurred_until": "",
        "discovered_on": "2026-11-18",
        "circumstances": "Une liste RNC envoyée par erreur à une adresse externe.",
        "information_concerned": "Noms et adresses de 14 demandeurs",
        "people_concerned": "14",
        "serious_injury_risk": "on",
        "risk_assessment": "Adresses seulement, destinataire connu, liste supprimée sur demande.",
        "cai_notified_on": "",
        "people_notified_on": "",
        "measures": "Destinataire a confirmé la suppression; rappel au personnel sur les listes de diffusion.",
        **overrides,
    }


def test_the_dg_records_an_incident_and_sees_the_notices_still_to_send(client, directeur_general):
    directeur_general.is_staff = True
    directeur_general.save()
    client.force_login(directeur_general)
    response = client.post(ADD, incident())
    assert response.status_code == 302, response.content.decode()[:3000]
    recorded = ConfidentialityIncident.objects.get()
    assert recorded.recorded_by == directeur_general and recorded.notices_pending
    text = html.unescape(client.get(LIST).content.decode())
    assert "Noms et adresses de 14 demandeurs" in text and "à envoyer" in text

    change = reverse("admin:accounts_confidentialityincident_change", args=[recorded.pk])
    client.post(change, incident(cai_notified_on="2026-11-19", people_notified_on="2026-11-20"))
    assert not ConfidentialityIncident.objects.get().notices_pending
    assert "envoyés" in html.unescape(client.get(LIST).content.decode())


def test_the_register_is_closed_to_the_technicien_and_cannot_be_deleted(client, technicien, greffier):
    client.force_login(technicien)
    assert client.get(LIST).status_code == 403
    assert client.get(ADD).status_code == 403
    greffier.is_staff = True
    greffier.save()
    client.force_login(greffier)
    client.post(ADD, incident(serious_injury_risk=""))
    recorded = ConfidentialityIncident.objects.get()
    delete = reverse("admin:accounts_confidentialityincident_delete", args=[recorded.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ConfidentialityIncident.objects.exists()


def test_a_missing_field_is_named_and_nothing_typed_is_lost(client, directeur_general):
    directeur_general.is_staff = True
    directeur_general.save()
    client.force_login(directeur_general)
    response = client.post(ADD, incident(measures=""))
    text = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Ce champ est obligatoire" in text
    assert "Une liste RNC envoyée par erreur à une adresse externe." in text
    assert not ConfidentialityIncident.objects.exists()
