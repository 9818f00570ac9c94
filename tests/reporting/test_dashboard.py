"""The directors' dashboard (issue 6): his services only, figures checked by hand, CSV of any table
with the filters applied, constant queries, complaints counted and never shown."""

import csv
import datetime as dt
import html
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.enums import Role, SignatureMethod
from accounts.signatures import Signature
from complaints import services as complaint_services
from requests_app.enums import Status
from requests_app.models import ServiceRequest

from ..factories import UserFactory, service, submit_request

pytestmark = pytest.mark.django_db
D = dt.date


def at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def director_tp(db):
    user = UserFactory(username="dir-tp", roles=[Role.DIRECTEUR_SERVICE])
    tp = service("travaux-publics")
    tp.director = user
    tp.save()
    return user


@pytest.fixture
def data():
    with freeze_time("2026-11-23 12:00:00"):
        a = submit_request(received_at=at(D(2026, 10, 5)))  # TP, completed 10-08
        ServiceRequest.objects.filter(pk=a.pk).update(status=Status.COMPLETED, completed_on=D(2026, 10, 8))
        submit_request(received_at=at(D(2026, 10, 20)))  # TP, still open: 24 business days on 11-23
        submit_request(received_at=at(D(2026, 11, 18)))  # TP, open 3 days
        submit_request(type_code="collecte-manquee", received_at=at(D(2026, 11, 2)))  # Environnement
        complaint_services.complaint_submit(
            data={
                "complainant_name": "Lucie Beaulieu",
                "complainant_address": "45, rue des Érables",
                "complainant_phone": "450 224-0000",
                "complainant_email": "lucie@example.ca",
                "facts_date": D(2026, 11, 20),
                "service": service("travaux-publics"),
                "employee_named": "le chauffeur",
                "facts": "Le chauffeur m'a insultée.",
            },
            signature=Signature(SignatureMethod.TYPED, "Lucie Beaulieu"),
        )


def table(response, key):
    return next(t for t, _chart in response.context["tables"] if t.key == key)


def totals(response):
    volume = table(response, "volume")
    column = volume.headers.index("Total")
    return {row[0]: row[column] for row in volume.rows}


@freeze_time("2026-11-23 12:00:00")
def test_a_director_sees_his_services_figures(client, director_tp, data):
    client.force_login(director_tp)
    response = client.get(reverse("staff:dashboard"))
    volume = totals(response)
    assert volume["2026-10"] == 2 and volume["2026-11"] == 1  # Environnement's request is not his
    backlog = {row[0]: row[1:] for row in table(response, "arrerages").rows}
    assert backlog["0–5"] == [1, 0] and backlog["21–60"] == [1, 1]  # 24 days, standard 5: late
    rnc = dict(table(response, "rnc").rows)
    assert rnc["2026-10"] == 1 and rnc["2026-09"] == 0  # end of October: the 10-20 one only
    assert dict(table(response, "plaintes").rows)["2026-11"] == 1
    page = html.unescape(response.content.decode())
    assert "insultée" not in page and "Lucie" not in page  # complaints are counted, never shown


@freeze_time("2026-11-23 12:00:00")
def test_dsac_sees_all_and_filters_by_service(client, directeur_sac, data):
    client.force_login(directeur_sac)
    volume = totals(client.get(reverse("staff:dashboard")))
    assert volume["2026-11"] == 2
    filtered = client.get(reverse("staff:dashboard"), {"service": "environnement"})
    assert totals(filtered)["2026-11"] == 1


@freeze_time("2026-11-23 12:00:00")
def test_any_table_exports_to_csv_with_the_filters(client, directeur_sac, data):
    client.force_login(directeur_sac)
    response = client.get(reverse("staff:dashboard"), {"service": "travaux-publics", "export": "arrerages"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"] == 'attachment; filename="tableau-arrerages-travaux-publics.csv"'
    assert rows[0] == ["Âge", "Demandes", "Hors norme"]
    assert rows[1] == ["0–5", "1", "0"] and rows[4] == ["21–60", "1", "1"]
    assert client.get(reverse("staff:dashboard"), {"export": "inconnu"}).status_code == 404


@freeze_time("2026-11-23 12:00:00")
def test_queries_do_not_grow_with_the_data(client, directeur_sac, data, django_assert_max_num_queries):
    client.force_login(directeur_sac)
    client.get(reverse("staff:dashboard"))
    for day in range(1, 20):
        submit_request(received_at=at(D(2026, 9, day)))
    with django_assert_max_num_queries(17):  # a fixed budget; one of them reads the viewer's permissions
        client.get(reverse("staff:dashboard"))


def test_others_are_refused(client, responsable_tp, director_tp):
    client.force_login(responsable_tp)
    assert client.get(reverse("staff:dashboard")).status_code == 403
    client.force_login(director_tp)
    assert client.get(reverse("staff:dashboard"), {"service": "environnement"}).status_code == 404


def test_the_share_within_standard_says_how_it_is_counted_beside_the_median(client, directeur_sac, data):
    client.force_login(directeur_sac)
    page = html.unescape(client.get(reverse("staff:dashboard")).content.decode())
    section = page.split('id="t-normes"')[1].split("</section>")[0]
    assert "Délai médian (jours ouvrables)" in section
    assert "parmi celles dont le résultat est connu" in section
