import datetime as dt
import html
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time
from pypdf import PdfReader

from accounts.enums import Role
from digests import services as digests
from digests.enums import DigestKind, DigestStatus
from digests.models import DigestDelivery
from requests_app import services
from requests_app.models import Address

from ..factories import UserFactory, submit_request

pytestmark = pytest.mark.django_db
TZ_MORNING = "12:00:00"  # noon UTC: 07:00 in Prévost, when beat runs the daily task
RESPONSABLES_DAY = "2026-11-23"  # Monday of the last full work week of November 2026
REMINDER_DAY = "2026-11-26"  # two business days before the deadline (Monday 30 November)
ELUS_DAY = "2026-12-01"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def attachments(message):
    return {name: content for name, content, _mimetype in message.attachments}


@pytest.fixture
def november(technicien, responsable_tp, responsable_env):
    """Open requests in two services, received in October and November."""
    with freeze_time("2026-10-05 14:00:00"):
        old = services.request_assign(
            service_request=submit_request(location_address="1234, rue Principale", requester_name="Marie Tremblay"),
            acting_user=technicien,
        )
    with freeze_time("2026-11-16 14:00:00"):
        recent = services.request_assign(
            service_request=submit_request(type_code="lumiere-de-rue", location_address="88, rue des Érables"),
            acting_user=technicien,
        )
        env = services.request_assign(
            service_request=submit_request(type_code="collecte-manquee", location_address="5, rue Shaw"),
            acting_user=technicien,
        )
    mail.outbox.clear()
    return {"old": old, "recent": recent, "env": env}


def run_daily(day, django_capture_on_commit_callbacks):
    with freeze_time(f"{day} {TZ_MORNING}"), django_capture_on_commit_callbacks(execute=True):
        from digests.tasks import send_rnc_digests

        return send_rnc_digests()


def test_each_responsable_gets_their_list_once_even_if_the_task_runs_twice(
    november, responsable_tp, responsable_env, django_capture_on_commit_callbacks
):
    assert run_daily(RESPONSABLES_DAY, django_capture_on_commit_callbacks) == 2
    assert run_daily(RESPONSABLES_DAY, django_capture_on_commit_callbacks) == 0
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_recipient) == sorted([responsable_tp.email, responsable_env.email])
    assert len(mail.outbox) == 2

    tp_mail = by_recipient[responsable_tp.email]
    assert "2 requêtes" in tp_mail.subject
    files = attachments(tp_mail)
    text = pdf_text(files["rnc-2026-11.pdf"])
    assert november["old"].number in text and november["recent"].number in text
    assert november["env"].number not in text, "another service's request"
    assert text.index(november["old"].number) < text.index(november["recent"].number), "oldest first"
    csv_text = files["rnc-2026-11.csv"]  # Django decodes text/* attachments
    assert november["old"].number in csv_text and "1234, rue Principale" in csv_text
    assert "/personnel/suivi-rnc/" in tp_mail.body


def test_overdue_requests_are_marked_against_their_standard(
    november, django_capture_on_commit_callbacks, responsable_tp
):
    run_daily(RESPONSABLES_DAY, django_capture_on_commit_callbacks)
    body = next(m for m in mail.outbox if m.to == [responsable_tp.email]).body
    old_line = next(line for line in body.splitlines() if november["old"].number in line)
    recent_line = next(line for line in body.splitlines() if november["recent"].number in line)
    assert "⚠" in old_line and "/5" in old_line  # nid-de-poule: 5 business days, received 5 October
    assert "⚠" not in recent_line  # street light, 10 business days, received a week ago


def test_nothing_goes_to_responsables_before_their_date(november, django_capture_on_commit_callbacks):
    assert run_daily("2026-11-20", django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_missed_day_is_caught_up_and_marked_late(november, django_capture_on_commit_callbacks, responsable_tp):
    assert run_daily("2026-11-25", django_capture_on_commit_callbacks) == 2
    delivery = DigestDelivery.objects.get(recipient=responsable_tp)
    assert delivery.is_late and delivery.scheduled_for == dt.date(2026, 11, 23)
    assert "en retard" in next(m for m in mail.outbox if m.to == [responsable_tp.email]).body


def test_no_list_once_the_deadline_has_passed(november, django_capture_on_commit_callbacks):
    with freeze_time("2026-12-01 12:00:00"):
        assert [
            d
            for d in digests.digests_due(dt.date(2026, 11, 30) + dt.timedelta(days=1))
            if d.kind == DigestKind.RESPONSABLE
        ] == []


def test_reminder_only_to_responsables_with_unanswered_items(
    november, responsable_tp, responsable_env, django_capture_on_commit_callbacks
):
    run_daily(RESPONSABLES_DAY, django_capture_on_commit_callbacks)
    with freeze_time("2026-11-24 15:00:00"):
        services.request_put_on_hold(
            service_request=november["env"], acting_user=responsable_env, reason="Camion en panne"
        )
    mail.outbox.clear()
    run_daily(REMINDER_DAY, django_capture_on_commit_callbacks)
    run_daily(REMINDER_DAY, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[responsable_tp.email]]
    assert "2 requêtes" in mail.outbox[0].subject


@pytest.fixture
def streets(db):
    """The city's address table knows these streets (loaded from the property roll)."""
    for number, (civic, street) in enumerate([(1234, "rue Principale"), (88, "rue des Érables"), (5, "rue Shaw")]):
        address = Address(source_id=f"R-{number}", civic_number=civic, street=street)
        address.search_text = address.compute_search_text()
        address.save()


def test_elus_report_names_a_known_street_never_the_free_text(client, technicien, responsable_tp, streets):
    typed = {
        "App. 3, 1234 rue Principale": "rue Principale",
        "rue Principale 1234": "rue Principale",
        "chez Marie Tremblay, 5 rue Shaw": "rue Shaw",
        "derrière chez Ginette Roy": "lieu non précisé",
    }
    with freeze_time("2026-11-16 14:00:00"):
        for place in typed:
            services.request_assign(service_request=submit_request(location_address=place), acting_user=technicien)
    with freeze_time("2026-12-02 15:00:00"):  # the report on November
        client.force_login(UserFactory(username="conseiller", roles=[Role.ELU]))
        page = client.get(reverse("staff:elus_report")).content.decode()
    for shown in typed.values():
        assert shown in page
    for personal in ("App. 3", "1234", "Marie Tremblay", "Ginette Roy", "chez"):
        assert personal not in page


def test_elus_report_in_the_portal_lists_every_row_the_pdf_says_it_summarises(client, technicien, responsable_tp):
    with freeze_time("2026-11-16 14:00:00"):
        for _ in range(27):
            services.request_assign(service_request=submit_request(), acting_user=technicien)
    with freeze_time("2026-12-02 15:00:00"):  # the report on November
        client.force_login(UserFactory(username="conseiller", roles=[Role.ELU]))
        page = client.get(reverse("staff:elus_report")).content.decode()
        text = pdf_text(client.get(reverse("staff:elus_report_pdf")).content)
    assert page.count("lieu non précisé") == 27
    assert "les 25 plus anciennes; la liste complète est dans le portail" in " ".join(text.split())


def test_elus_digest_has_the_picture_and_no_personal_information(
    november, technicien, responsable_tp, django_capture_on_commit_callbacks, streets
):
    elu = UserFactory(username="conseillere", roles=[Role.ELU])
    with freeze_time("2026-11-20 15:00:00"):
        services.request_complete(
            service_request=november["recent"],
            acting_user=responsable_tp,
            done_date=dt.date(2026, 11, 20),
            extension="227",
        )
    run_daily(ELUS_DAY, django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if m.to == [elu.email]]
    text = pdf_text(attachments(message)["rapport-elus-2026-12.pdf"])
    everything = "\n".join([message.subject, message.body, message.alternatives[0][0], text])
    assert "novembre 2026" in message.subject
    assert "Travaux publics : 1 non complétées (1 hors norme), 1 complétées (100 % dans la norme)" in message.body
    assert "rue Principale" in text and "rue des Érables" in text
    for personal in ("Marie Tremblay", "marie@example.ca", "450 555-0101", "1234", "88,"):
        assert personal not in everything


def test_elus_read_the_same_report_after_login(client, november):
    elu = UserFactory(username="conseiller", roles=[Role.ELU])
    client.force_login(elu)
    response = client.get(reverse("staff:home"), follow=True)
    page = response.content.decode()
    assert "Suivi des requêtes des citoyens" in page and november["old"].number in page
    assert "Marie Tremblay" not in page and "1234" not in page
    pdf = client.get(reverse("staff:elus_report_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and november["old"].number in pdf_text(pdf.content)


def test_responsable_cannot_read_the_elus_report(client, responsable_tp):
    client.force_login(responsable_tp)
    assert client.get(reverse("staff:elus_report")).status_code == 403


def test_follow_up_screen_answers_each_listed_request(
    client, november, responsable_tp, technicien, django_capture_on_commit_callbacks
):
    run_daily(RESPONSABLES_DAY, django_capture_on_commit_callbacks)
    with freeze_time("2026-11-24 15:00:00"):
        client.force_login(responsable_tp)  # inside the frozen day: sessions expire after 8 hours
        page = client.get(reverse("staff:rnc_follow_up")).content.decode()
        assert "0 sur 2 répondues." in page
        action = reverse("staff:request_action", kwargs={"number": november["old"].number, "action": "en-attente"})
        response = client.post(
            action, {"hold-reason": "Asphalte chaud au printemps", "next": reverse("staff:rnc_follow_up")}
        )
        assert response.status_code == 302 and response.url == reverse("staff:rnc_follow_up")
        action = reverse(
            "staff:request_action", kwargs={"number": november["recent"].number, "action": "action-a-venir"}
        )
        client.post(action, {"schedule-planned_date": "2026-12-02", "next": reverse("staff:rnc_follow_up")})
        page = client.get(reverse("staff:rnc_follow_up")).content.decode()
    assert "2 sur 2 répondues." in page

    with freeze_time("2026-11-24 16:00:00"):
        client.force_login(technicien)
        progress = client.get(reverse("staff:rnc_progress")).content.decode()
    row = re.search(r"Travaux publics</th>(.*?)</tr>", progress, re.S).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[1:] == ["2", "2", "0", "0", "100 %"]


def test_a_failing_build_is_retried_and_visible(
    november, responsable_tp, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(context):
        raise OSError("disque plein")

    monkeypatch.setattr("core.pdf.render_responsable_digest_pdf", broken)
    run_daily(RESPONSABLES_DAY, django_capture_on_commit_callbacks)
    delivery = DigestDelivery.objects.get(recipient=responsable_tp)
    assert delivery.status == DigestStatus.PENDING and "disque plein" in delivery.last_error
    assert mail.outbox == []

    monkeypatch.undo()
    with freeze_time("2026-11-23 14:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert digests.digests_retry() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([responsable_tp.email, "resp-env@ville.test"])


def test_technicien_resends_a_digest_and_it_is_recorded(
    november, technicien, responsable_tp, django_capture_on_commit_callbacks
):
    run_daily(RESPONSABLES_DAY, django_capture_on_commit_callbacks)
    delivery = DigestDelivery.objects.get(recipient=responsable_tp)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digests.digest_resend(delivery=delivery, acting_user=technicien)
    delivery.refresh_from_db()
    assert (delivery.resend_count, delivery.last_resent_by) == (1, technicien)
    (copy,) = mail.outbox
    assert copy.to == [responsable_tp.email] and "rnc-2026-11.pdf" in attachments(copy)


def test_send_rnc_digests_command_dry_run_then_real(november, capsys, responsable_tp):
    call_command("send_rnc_digests", "--date", RESPONSABLES_DAY, "--dry-run")
    assert "serait envoyé: 2026-11 responsable resp-tp" in capsys.readouterr().out
    assert not DigestDelivery.objects.exists()
    call_command("send_rnc_digests", "--date", "2026-11-24")
    out = capsys.readouterr().out
    assert "envoyé: 2026-11 responsable resp-tp (en retard)" in out
    call_command("send_rnc_digests", "--date", "2026-11-24")
    assert "déjà envoyé: 2026-11 responsable resp-tp" in capsys.readouterr().out
    assert DigestDelivery.objects.count() == 2


def test_the_elus_report_is_about_one_month_its_rnc_as_they_stood_at_its_end(client, technicien, responsable_tp):
    """Titled « novembre 2026 », the report counts what was not completed on 30 November, with the
    status it had then; what arrived since, or was completed before the month ended, is not in it."""
    with freeze_time("2026-11-10 10:00:00"):
        still_open = services.request_assign(service_request=submit_request(), acting_user=technicien)
        done_in_time = services.request_assign(service_request=submit_request(), acting_user=technicien)
        done_later = services.request_assign(service_request=submit_request(), acting_user=technicien)
    with freeze_time("2026-11-20 10:00:00"):
        services.request_complete(
            service_request=done_in_time, acting_user=responsable_tp, done_date=dt.date(2026, 11, 20), extension="1"
        )
    with freeze_time("2026-12-01 09:00:00"):
        services.request_complete(
            service_request=done_later, acting_user=responsable_tp, done_date=dt.date(2026, 12, 1), extension="1"
        )
        arrived_after = submit_request()
    with freeze_time("2026-12-02 15:00:00"):
        client.force_login(UserFactory(username="conseillere", roles=[Role.ELU]))
        page = html.unescape(client.get(reverse("staff:elus_report")).content.decode())
    assert "novembre 2026" in page and "au 30 novembre 2026" in page
    assert still_open.number in page and done_later.number in page
    assert arrived_after.number not in page
    assert page.count(done_in_time.number) == 1, "listed once: among the completed of the month, not the RNC"
