"""Policy 4.5: who may read a complaint, asked of every page, file and action, as every role."""

import pytest
from django.contrib import admin
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.enums import Role
from complaints import services
from complaints.models import ComplaintAccessLog

from ..factories import UserFactory
from ..http_helpers import read_and_close
from .conftest import file_complaint

pytestmark = pytest.mark.django_db

OK, DENIED, HIDDEN, LOGIN = 200, 403, 404, 302


@pytest.fixture
def case(
    investigator,
    director_tp,
    other_director,
    employee,
    technicien,
    responsable_tp,
    elu,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file_complaint()
        services.complaint_start_investigation(complaint=complaint, acting_user=investigator)
        services.complaint_identify_employee(complaint=complaint, acting_user=investigator, employee=employee)
        evidence = services.evidence_add(
            complaint=complaint,
            acting_user=investigator,
            description="Photo du camion",
            file=ContentFile(b"jpeg", name="camion.jpg"),
        )
        services.complaint_share(complaint=complaint, director=director_tp, acting_user=investigator)
    superuser = UserFactory(username="it", is_superuser=True, is_staff=True)
    # The employee concerned is a director too, and the complaint is even shared with him by mistake:
    # he must still see nothing.
    boss_employee = UserFactory(username="boss", roles=[Role.DIRECTEUR_SERVICE])
    services.complaint_identify_employee(complaint=complaint, acting_user=investigator, employee=boss_employee)
    services.complaint_share(complaint=complaint, director=other_director, acting_user=investigator)
    complaint.shares.create(director=boss_employee, granted_by=investigator)
    statement = complaint.statements.get()
    users = {
        "anonymous": None,
        "technicien": technicien,
        "responsable": responsable_tp,
        "elu": elu,
        "employee": employee,
        "employee_director": boss_employee,
        "other_director_shared": other_director,
        "director_shared": director_tp,
        "investigator": investigator,
        "superuser": superuser,
    }
    urls = {
        "detail": reverse("complaints:staff_detail", kwargs={"number": complaint.number}),
        "pdf": reverse("complaints:staff_pdf", kwargs={"number": complaint.number, "statement_id": statement.pk}),
        "signature": reverse(
            "complaints:staff_signature", kwargs={"number": complaint.number, "statement_id": statement.pk}
        ),
        "evidence": reverse(
            "complaints:staff_evidence", kwargs={"number": complaint.number, "evidence_id": evidence.pk}
        ),
        "log": reverse("complaints:access_log"),
    }
    return complaint, users, urls


# The expected answer of every cell, written out.
MATRIX = {
    #                        detail  pdf     signature evidence log
    "anonymous": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "technicien": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED),
    "responsable": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED),
    "elu": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED),
    "employee": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED),
    "employee_director": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED),
    "other_director_shared": (OK, OK, OK, OK, DENIED),
    "director_shared": (OK, OK, OK, OK, DENIED),
    "investigator": (OK, OK, OK, OK, OK),
    "superuser": (OK, OK, OK, OK, OK),
}


@pytest.mark.parametrize("role", MATRIX)
def test_complaint_pages_and_files_by_role(client, case, role):
    _complaint, users, urls = case
    if users[role] is not None:
        client.force_login(users[role])
    for (name, url), expected in zip(urls.items(), MATRIX[role], strict=True):
        response = client.get(url)
        assert response.status_code == expected, (role, name)
        read_and_close(response)


@pytest.mark.parametrize("role", ["technicien", "director_shared", "other_director_shared", "responsable"])
def test_only_investigators_act_on_a_complaint(client, case, role):
    complaint, users, _urls = case
    client.force_login(users[role])
    url = reverse("complaints:staff_action", kwargs={"number": complaint.number, "action": "conclure"})
    response = client.post(url, {"conclure-finding": "non_fondee", "conclure-reasons": "x"})
    assert response.status_code in (DENIED, HIDDEN)
    complaint.refresh_from_db()
    assert complaint.status == "enquete"


def test_technicien_sees_receipt_and_status_only(client, case):
    complaint, users, _urls = case
    client.force_login(users["technicien"])
    page = client.get(reverse("complaints:staff_list")).content.decode()
    assert complaint.number in page and "En enquête".lower() in page.lower()
    for secret in ("Lucie", "insult", "chauffeur", "450 224-0000", "lucie@example.ca"):
        assert secret not in page


def test_revoked_share_closes_the_file(client, case, investigator):
    complaint, users, urls = case
    services.complaint_unshare(complaint=complaint, director=users["director_shared"], acting_user=investigator)
    client.force_login(users["director_shared"])
    assert client.get(urls["detail"]).status_code == HIDDEN


def test_every_read_is_logged_and_nobody_edits_the_log(client, case):
    complaint, users, urls = case
    client.force_login(users["director_shared"])
    client.get(urls["detail"])
    entry = ComplaintAccessLog.objects.filter(user=users["director_shared"]).latest("pk")
    assert (entry.complaint, entry.action, entry.detail) == (complaint, "view", "dossier consulté")
    # No admin, no form, no service updates it: the log is only ever appended to.
    assert ComplaintAccessLog not in admin.site._registry


def test_complaint_data_goes_in_no_email_but_to_the_complainant(case):
    """Investigators are told a number and a link; the content stays in the portal, behind the log."""
    secrets = ("Lucie", "Beaulieu", "insultée", "450 224-0000", "45, rue des Érables")
    for message in mail.outbox:
        if message.to == ["lucie@example.ca"]:
            continue
        text = message.subject + message.body + "".join(alt[0] for alt in message.alternatives)
        for secret in secrets:
            assert secret not in text, (message.to, secret)
        assert not message.attachments, message.to
    assert any(m.to == ["lucie@example.ca"] for m in mail.outbox)
