"""Demandes d'accès (issue 9): receipt and its notice, the 20 + 10 days, warnings, the decision letter, the register."""

import csv
import datetime as dt
import html
import io

import pytest
from django.urls import reverse
from freezegun import freeze_time

from core.errors import ApplicationError
from legal.enums import AccessDecision, AccessForm, AccessStatus, LetterKind
from legal.models import AccessRequest, LegalProvision
from legal.services import access as services
from outbox.models import OutboundEmail
from tests.legal.legal_helpers import pdf_text

from ..http_helpers import read_and_close

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _frozen_monday():
    with freeze_time("2026-11-23 15:00:00") as frozen:
        yield frozen


def form_data(**overrides):
    return {
        "documents_requested": "Le rapport d'inspection du pont de la rue des Pins, 2025.",
        "requester_name": "Jean Roy",
        "requester_address": "12, rue des Pins, Prévost J0R 1T0",
        "requester_phone": "",
        "requester_email": "jean@example.test",
        **overrides,
    }


def submit(*, form=AccessForm.WRITTEN, received_on=None, email="jean@example.test", **overrides) -> AccessRequest:
    data = form_data(requester_email=email, **overrides)
    return services.access_request_submit(data={**data, "language": "fr-ca"}, form=form, received_on=received_on)


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_a_written_request_online_gets_its_notice_of_receipt(client, directeur_general, greffier):
    response = client.post(reverse("access:create"), form_data())
    access_request = AccessRequest.objects.get()
    assert response.status_code == 302
    assert access_request.number == "AI-2026-0001" and access_request.form == AccessForm.WRITTEN
    # 20 calendar days (art. 47) end on Sunday 13 December, a jour férié: the next day (I-16 art. 52).
    assert access_request.deadline == D(2026, 12, 14)
    letter = access_request.letters.get()
    text = pdf_text(letter.pdf)
    assert "Avis de réception" in text and "le 23 novembre 2026" in text
    assert "Prévost, le 23 novembre 2026" in text and "Madame, Monsieur," in text, "a letter reads as a letter"
    assert "salutations distinguées" in text
    assert "au plus tard le 14 décembre 2026" in text  # the deadline
    assert "réputée refusée (art. 52)" in text  # the effect of missing it
    assert "Commission d'accès à l'information" in text and "(art. 135)" in text  # the recourse
    email = OutboundEmail.objects.get(to="jean@example.test")
    assert email.attachments.get().mimetype == "application/pdf"
    assert set(OutboundEmail.objects.exclude(pk=email.pk).values_list("to", flat=True)) == {
        directeur_general.email,
        greffier.email,
    }
    track = page(client.get(response["Location"]))
    assert "AI-2026-0001" in track and "14 décembre 2026" in track


def test_a_verbal_request_is_told_that_only_a_written_one_can_be_reviewed(client, technicien):
    client.force_login(technicien)
    intake = page(client.get(reverse("access:staff_intake")))
    assert "seule une décision sur une demande écrite peut être révisée (art. 45)" in intake
    client.post(
        reverse("access:staff_intake"),
        {**form_data(requester_email=""), "form": "verbale", "channel": "telephone", "received_on": "2026-11-20"},
    )
    access_request = AccessRequest.objects.get()
    assert access_request.received_on == D(2026, 11, 20) and access_request.deadline == D(2026, 12, 10)
    letter = access_request.letters.get()
    assert not letter.emailed  # no address: printed for mail
    assert (
        "seule une décision rendue sur une demande écrite peut faire l'objet d'une demande de révision (art. 45)"
        in pdf_text(letter.pdf)
    )
    # The Technicien sees the receipt, not the file.
    register = page(client.get(reverse("access:staff_register")))
    assert access_request.number in register and "Jean Roy" not in register
    assert client.get(reverse("access:staff_detail", args=[access_request.number])).status_code == 403


def test_extension_once_by_ten_days_before_day_twenty(greffier):
    access_request = submit(received_on=D(2026, 11, 3))
    access_request = services.access_request_extend(
        access_request=access_request,
        reason="Documents archivés hors site.",
        acting_user=greffier,
        today=D(2026, 11, 23),
    )
    assert access_request.deadline == D(2026, 12, 3) and access_request.status == AccessStatus.EXTENDED
    text = pdf_text(access_request.letters.get(kind=LetterKind.EXTENSION).pdf)
    assert "prenait fin le 23 novembre 2026" in text and "au plus tard le 3 décembre 2026" in text
    with pytest.raises(ApplicationError, match="une seule fois"):
        services.access_request_extend(access_request=access_request, reason="Encore", acting_user=greffier)


def test_no_extension_once_day_twenty_has_passed(greffier):
    access_request = submit(received_on=D(2026, 11, 2))  # day 20 is Sunday 22 November: the delay runs to the 23rd
    with pytest.raises(ApplicationError, match="ne peut plus être prolongé"):
        services.access_request_extend(
            access_request=access_request, reason="Trop tard", acting_user=greffier, today=D(2026, 11, 24)
        )


def test_warnings_on_day_fifteen_and_on_the_last_day_once_each(directeur_general):
    submit(received_on=D(2026, 11, 8))  # day 15 is 2026-11-23, deadline 2026-11-28
    submit(received_on=D(2026, 11, 3))  # deadline today
    submit(received_on=D(2026, 11, 10))  # nothing today
    assert services.access_deadline_warnings(today=D(2026, 11, 23)) == 2
    subjects = sorted(
        OutboundEmail.objects.filter(to=directeur_general.email, subject__icontains="jour").values_list(
            "subject", flat=True
        )
    )
    assert subjects == [
        "Demande d'accès AI-2026-0001 : réponse due le 2026-11-28 (jour 15)",
        "Demande d'accès AI-2026-0002 : DERNIER JOUR pour répondre (2026-11-23)",
    ]
    count = OutboundEmail.objects.count()
    services.access_deadline_warnings(today=D(2026, 11, 23))
    assert OutboundEmail.objects.count() == count  # a second run the same day sends nothing


def test_every_overdue_request_is_on_the_responsables_home_page(client, directeur_general):
    overdue = submit(received_on=D(2026, 10, 20))
    soon = submit(received_on=D(2026, 11, 5))
    answered = submit(received_on=D(2026, 10, 1))
    services.access_request_decide(
        access_request=answered, decision=AccessDecision.ACCEPTED, answer="Copie jointe.", acting_user=directeur_general
    )
    client.force_login(directeur_general)
    home = page(client.get(reverse("staff:home")))
    assert "réputées refusées, art. 52" in home
    assert overdue.number in home and "échéance dépassée le 2026-11-09" in home
    assert soon.number in home and "réponse due le 2026-11-25" in home
    assert answered.number not in home


def test_a_refusal_names_its_provisions_with_their_text_and_the_review(client, greffier):
    access_request = submit()
    provisions = list(LegalProvision.objects.filter(article__in=["53", "88"]))
    with pytest.raises(ApplicationError, match="motivé"):
        services.access_request_decide(
            access_request=access_request, decision=AccessDecision.REFUSED, answer="", acting_user=greffier
        )
    client.force_login(greffier)
    response = client.post(
        reverse("access:staff_action", args=[access_request.number, "decider"]),
        {
            "decider-decision": AccessDecision.PARTIAL,
            "decider-answer": "Le rapport vous est transmis, caviardé.",
            "decider-refusal_reasons": "Le rapport nomme des tiers.",
            "decider-provisions": [p.pk for p in provisions],
        },
    )
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessStatus.ANSWERED and access_request.days_taken == 0
    letter = access_request.letters.get(kind=LetterKind.DECISION)
    text = pdf_text(letter.pdf)
    assert "Le rapport nomme des tiers." in text
    assert "A-2.1, art. 53; A-2.1, art. 88" in text
    assert "Annexe — dispositions invoquées" in text and "renseignements personnels sont confidentiels" in text
    # Art. 135: 30 days from the decision (not from its receipt), and the recourse notice is in the letter.
    assert "dans les 30 jours qui suivent la date de la décision (Loi sur l'accès, art. 135)" in text
    assert "qui suivent sa réception" not in text
    assert "Avis de recours" in text and "l'expiration du délai accordé au responsable pour répondre" in text
    assert greffier.get_full_name() in text, "the letter is signed by the person who decided"
    download = client.get(reverse("access:letter", args=[access_request.tracking_token, letter.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert read_and_close(download).startswith(b"%PDF-")


def test_the_decision_form_keeps_what_was_typed_when_reasons_are_missing(client, greffier):
    access_request = submit()
    client.force_login(greffier)
    response = client.post(
        reverse("access:staff_action", args=[access_request.number, "decider"]),
        {"decider-decision": AccessDecision.REFUSED, "decider-answer": "Refus motivé plus bas."},
    )
    assert response.status_code == 400
    text = page(response)
    assert "doit être motivé et indiquer les dispositions" in text and "Refus motivé plus bas." in text


def test_the_register_exports_to_csv_for_the_responsable_only(client, greffier, technicien):
    first = submit(received_on=D(2026, 11, 2))
    services.access_request_extend(access_request=first, reason="Volume", acting_user=greffier, today=D(2026, 11, 20))
    services.access_request_decide(
        access_request=first,
        decision=AccessDecision.REFUSED,
        answer="",
        refusal_reasons="Avis juridique.",
        provisions=LegalProvision.objects.filter(article="31"),
        acting_user=greffier,
        today=D(2026, 11, 23),
    )
    submit()
    client.force_login(greffier)
    response = client.get(reverse("access:staff_register_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Numéro", "Forme", "Reçue le", "Échéance"]
    assert rows[1:] == [
        ["AI-2026-0002", "écrite", "2026-11-23", "2026-12-14", "", "reçue", "", "", "", ""],
        [
            "AI-2026-0001",
            "écrite",
            "2026-11-02",
            "2026-12-02",
            "2026-11-20",
            "décision rendue",
            "accès refusé",
            "2026-11-23",
            "21",
            "A-2.1 art. 31",
        ],
    ]
    client.force_login(technicien)
    assert client.get(reverse("access:staff_register_csv")).status_code == 403


def test_letters_can_be_marked_printed_for_mail(client, greffier):
    access_request = submit(email="")
    letter = access_request.letters.get()
    client.force_login(greffier)
    client.post(reverse("access:staff_letter_printed", args=[access_request.number, letter.pk]))
    letter.refresh_from_db()
    assert letter.printed_at is not None


def test_the_daily_task_sends_the_warnings(directeur_general):
    from legal.tasks import warn_access_deadlines

    submit(received_on=D(2026, 11, 8))
    assert warn_access_deadlines.delay("2026-11-23").get() == 1
    assert OutboundEmail.objects.filter(to=directeur_general.email, subject__contains="(jour 15)").count() == 1
