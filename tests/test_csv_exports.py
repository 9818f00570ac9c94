"""Every CSV the portal writes keeps what a citizen or an employee typed as text: a cell that a
spreadsheet would run as a formula is neutralised (OWASP, CSV injection)."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from freezegun import freeze_time

from core.downloads import neutralise
from digests import reports
from legal.enums import AccessDecision
from legal.models import LegalProvision
from legal.services import access as access_services
from requests_app import services
from requests_app.models import RequestType
from requests_app.services.standards import standards_refresh

from .factories import service, submit_request

pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://example.test/x","clic")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def test_the_shared_writer_neutralises_each_trigger_and_leaves_the_rest():
    for value in HOSTILE:
        assert neutralise(value) == "'" + value
    assert neutralise("1234, rue Principale") == "1234, rue Principale"
    assert neutralise(-3) == -3  # a number stays a number


def test_the_rnc_digest_csv_carries_no_live_formula(technicien, responsable_tp):
    for place in HOSTILE:
        services.request_assign(service_request=submit_request(location_address=place), acting_user=technicien)
    content = reports.rnc_csv(reports.rnc_rows([service("travaux-publics")], dt.date.today()))
    written = cells(content)
    for place in HOSTILE:
        assert "'" + place in written and place not in written


@freeze_time("2026-11-23 12:00:00")
def test_the_dashboard_csv_carries_no_live_formula(client, directeur_sac):
    RequestType.objects.filter(code="nid-de-poule").update(name_fr='=HYPERLINK("http://x","clic")')
    submit_request()
    standards_refresh()
    client.force_login(directeur_sac)
    response = client.get(reverse("staff:dashboard"), {"service": "travaux-publics", "export": "normes"})
    written = cells(response.content)
    assert '\'=HYPERLINK("http://x","clic")' in written
    assert not any(cell.startswith("=") for cell in written)


def test_the_access_register_csv_carries_no_live_formula(client, greffier):
    # The register holds no requester's words; its only typed text is the provisions an employee enters.
    provision = LegalProvision.objects.create(law='=HYPERLINK("http://x","clic")', article="1", title="t", text="t")
    access_request = access_services.access_request_submit(
        data={
            "requester_name": "Jean Roy",
            "requester_address": "1, rue Principale",
            "requester_email": "",
            "requester_phone": "",
            "documents_requested": "Le rapport.",
            "language": "fr-ca",
        },
        form="ecrite",
    )
    access_services.access_request_decide(
        access_request=access_request,
        decision=AccessDecision.REFUSED,
        answer="",
        refusal_reasons="Avis juridique.",
        provisions=LegalProvision.objects.filter(pk=provision.pk),
        acting_user=greffier,
    )
    client.force_login(greffier)
    written = cells(client.get(reverse("access:staff_register_csv")).content)
    assert '\'=HYPERLINK("http://x","clic") art. 1' in written
    assert not any(cell.startswith("=") for cell in written)
