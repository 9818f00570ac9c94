import html
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from core import photos as photo_tools
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from requests_app import selectors, services
from requests_app.enums import Channel, RequestKind, Status
from requests_app.models import RequestEvent, RequestType, ServiceRequest

from ..factories import request_type, service

pytestmark = pytest.mark.django_db


def jpeg_with_gps(name="rue.jpg", size=(40, 30)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (45.0, 52.0, 10.0)}  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**overrides):
    pothole = request_type("nid-de-poule")
    data = {
        "service": pothole.service_id,
        "request_type": pothole.pk,
        "description": "Nid-de-poule profond devant le 1234.",
        "location_address": "1234, rue Principale",
        "requester_name": "Marie Tremblay",
        "requester_address": "1234, rue Principale, Prévost",
        "requester_phone": "450 555-0101",
        "requester_email": "marie@example.ca",
        "contact_preference": "courriel",
    }
    data.update(overrides)
    return data


def test_citizen_submission_is_saved_numbered_and_acknowledged(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("requests:create"), form_data(), follow=True)

    created = ServiceRequest.objects.get()
    assert re.fullmatch(r"\d{4}-\d{6}", created.number)
    assert created.status == Status.RECEIVED and created.channel == Channel.WEB
    assert created.service == service("travaux-publics")
    assert "Merci, votre demande est reçue" in response.content.decode()
    assert created.number in response.content.decode()
    assert RequestEvent.objects.filter(request=created, kind="submitted").exists()
    assert len(mail.outbox) == 1
    ack = mail.outbox[0]
    assert ack.to == ["marie@example.ca"]
    assert created.number in ack.subject
    assert f"/suivi/{created.tracking_token}/" in ack.body


def test_numbers_follow_each_other_within_a_year(client):
    client.post(reverse("requests:create"), form_data())
    client.post(reverse("requests:create"), form_data())
    first, second = ServiceRequest.objects.order_by("pk").values_list("number", flat=True)
    assert int(second[-6:]) == int(first[-6:]) + 1


def test_errors_are_next_to_fields_and_nothing_typed_is_lost(client):
    data = form_data(requester_email="", description="Le lampadaire est éteint depuis lundi.")
    response = client.post(reverse("requests:create"), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Indiquez votre courriel pour recevoir le suivi par courriel." in page
    assert "Le lampadaire est éteint depuis lundi." in page
    assert 'value="Marie Tremblay"' in page
    assert ServiceRequest.objects.count() == 0


def test_type_must_belong_to_the_chosen_service(client):
    data = form_data(service=service("environnement").pk)
    response = client.post(reverse("requests:create"), data)
    assert "Cette nature de requête ne relève pas du service choisi." in response.content.decode()
    assert ServiceRequest.objects.count() == 0


def test_photo_metadata_is_stripped(client):
    client.post(reverse("requests:create"), {**form_data(), "photos": [jpeg_with_gps()]})
    photo = ServiceRequest.objects.get().photos.get()
    with photo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        assert stored.format == "JPEG"
        assert not stored.getexif()
    assert photo.image.name.startswith("requests/photos/") and "rue" not in photo.image.name


def test_a_file_that_is_not_an_image_is_refused_by_its_content(client):
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(reverse("requests:create"), {**form_data(), "photos": [fake]})
    assert "« photo.jpg » n'est pas une photo JPEG ou PNG lisible." in page_text(response)
    assert ServiceRequest.objects.count() == 0


def test_more_than_three_photos_are_refused(client):
    photos = [jpeg_with_gps(f"p{i}.jpg") for i in range(4)]
    response = client.post(reverse("requests:create"), {**form_data(), "photos": photos})
    assert "Vous pouvez joindre au plus 3 photos." in response.content.decode()


def test_oversized_photo_is_refused(client, settings):
    settings.PHOTO_MAX_BYTES = 100
    response = client.post(reverse("requests:create"), {**form_data(), "photos": [jpeg_with_gps()]})
    assert "dépasse" in response.content.decode()


def test_valid_photos_survive_an_error_elsewhere(client):
    response = client.post(reverse("requests:create"), {**form_data(requester_name=""), "photos": [jpeg_with_gps()]})
    assert "Une photo est déjà jointe" in response.content.decode()
    token = response.context["form"].data["staged_photos"]
    assert token

    client.post(reverse("requests:create"), {**form_data(), "staged_photos": token})
    assert ServiceRequest.objects.get().photos.count() == 1


def test_forged_staged_photo_token_attaches_nothing(client):
    client.post(reverse("requests:create"), {**form_data(), "staged_photos": "forged:token"})
    assert ServiceRequest.objects.get().photos.count() == 0


def test_failing_mail_server_never_loses_the_request(client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.intake.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("requests:create"), form_data(), follow=True)

    assert response.status_code == 200
    created = ServiceRequest.objects.get()
    email = OutboundEmail.objects.get(owner=created.outbox_owner)
    assert email.status == OutboxStatus.PENDING
    assert email.attempts == 1
    assert "SMTP" in email.last_error


def test_english_citizen_gets_english_pages_and_email(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/request/new/", form_data(), follow=True)
    assert "Thank you, your request has been received" in page_text(response)
    assert ServiceRequest.objects.get().language == "en"
    assert "received" in mail.outbox[0].subject


def test_abandoned_staged_photos_are_purged(client):
    response = client.post(reverse("requests:create"), {**form_data(requester_name=""), "photos": [jpeg_with_gps()]})
    token = response.context["form"].data["staged_photos"]
    assert photo_tools.purge_staged_photos() == 0, "fresh photos stay for the citizen"
    assert photo_tools.purge_staged_photos(older_than_seconds=-1) == 1
    client.post(reverse("requests:create"), {**form_data(), "staged_photos": token})
    assert ServiceRequest.objects.get().photos.count() == 0


def test_request_form_offers_a_type_added_or_renamed_in_the_admin_at_once(client, django_capture_on_commit_callbacks):
    url = reverse("requests:create")
    with translation.override("en"):
        english_url = reverse("requests:create")
    assert "Bac brun endommagé" not in page_text(client.get(url))  # the fields are now cached
    with django_capture_on_commit_callbacks(execute=True):
        new_type = RequestType.objects.create(
            service=service("travaux-publics"),
            code="bac-brun",
            name_fr="Bac brun endommagé",
            name_en="Damaged green bin",
            target_business_days=10,
        )
    text = page_text(client.get(url))
    assert "Bac brun endommagé" in text
    types_script = text.split('id="types-by-service"')[1].split("</script>")[0]
    assert str(new_type.pk) in types_script  # the script that narrows types to the service knows it
    assert "Damaged green bin" in page_text(client.get(english_url))

    new_type.name_fr = "Bac brun brisé"
    new_type.save()
    assert "Bac brun brisé" in page_text(client.get(url))


def test_a_question_from_the_home_page_is_answered_at_first_contact(client, technicien):
    """Policy 4.1: « information ou commentaire » leads to asking, not to an access-to-information form;
    the question is a demand of its own kind that the Technicien answers and closes."""
    home = html.unescape(client.get(reverse("home")).content.decode())
    assert reverse("requests:question") in home.split("Information ou commentaire")[1].split("</article>")[0]
    question = {
        "description": "Les écocentres sont-ils ouverts le dimanche en décembre?",
        "requester_name": "Jean Roy",
        "requester_email": "",
        "requester_phone": "",
        "contact_preference": "courriel",
    }
    refused = html.unescape(client.post(reverse("requests:question"), question).content.decode())
    assert "Indiquez votre courriel pour recevoir la réponse" in refused and question["description"] in refused
    client.post(reverse("requests:question"), {**question, "requester_email": "jean@example.test"})
    asked = ServiceRequest.objects.get()
    assert asked.kind == RequestKind.INFORMATION and asked.request_type is None and asked.channel == Channel.WEB
    services.request_answer(service_request=asked, acting_user=technicien, answer="Fermés le dimanche.")
    asked.refresh_from_db()
    assert asked.status == Status.CLOSED


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("requester_phone", "abc", "numéro de téléphone à 10 chiffres"),
        ("requester_phone", "555-12", "numéro de téléphone à 10 chiffres"),
        ("location_address", "!!!", "une adresse, une intersection ou un repère"),
        ("description", "x", "Décrivez la situation en quelques mots"),
    ],
)
def test_what_a_person_would_not_accept_is_refused_with_one_message_and_everything_kept(client, field, typed, message):
    response = client.post(reverse("requests:create"), form_data(**{field: typed}))
    page = html.unescape(response.content.decode())
    assert response.status_code == 400 and message in page and not ServiceRequest.objects.exists()
    assert "Marie Tremblay" in page and "marie@example.ca" in page, "everything typed is still there"


def test_an_invalid_email_is_one_message_not_also_a_missing_one(client):
    page = html.unescape(client.post(reverse("requests:create"), form_data(requester_email="marie@")).content.decode())
    assert "Indiquez votre courriel" not in page and "Saisissez une adresse de courriel valide." in page


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("(450) 555-0101", "450 555-0101"),
        ("+1 450.555.0101", "450 555-0101"),
        ("4505550101 poste 227", "450 555-0101 poste 227"),
    ],
)
def test_phone_numbers_as_people_type_them_are_accepted_and_written_one_way(client, typed, stored):
    client.post(reverse("requests:create"), form_data(requester_phone=typed))
    assert ServiceRequest.objects.get().requester_phone == stored


def test_choosing_the_nature_alone_fills_its_service(client):
    client.post(reverse("requests:create"), form_data(service=""))
    created = ServiceRequest.objects.get()
    assert created.service == created.request_type.service


def test_a_nature_withdrawn_in_the_admin_is_refused_from_the_next_submission(client):
    # Issue 20: the web processes keep the catalogue in memory under its version.
    assert client.post(reverse("requests:create"), form_data()).status_code == 302
    pothole = request_type("nid-de-poule")
    pothole.is_active = False
    pothole.save()

    response = client.post(reverse("requests:create"), form_data(description="Encore un nid-de-poule, plus loin."))
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in page_text(response)
    assert "Encore un nid-de-poule, plus loin." in page_text(response), "nothing the citizen typed is lost"
    assert ServiceRequest.objects.count() == 1


def test_a_process_reads_the_catalogue_again_within_a_minute_when_the_cache_is_away(client, cache_away, monkeypatch):
    # With no cache the catalogue's version never changes: only the memo's age makes a withdrawn
    # nature refused.
    assert client.post(reverse("requests:create"), form_data()).status_code == 302
    RequestType.objects.filter(code="nid-de-poule").update(is_active=False)
    later = selectors.time.monotonic() + selectors.CATALOG_MEMO_SECONDS + 1
    monkeypatch.setattr(selectors.time, "monotonic", lambda: later)

    response = client.post(reverse("requests:create"), form_data())
    assert "Sélectionnez un choix valide" in page_text(response)
    assert ServiceRequest.objects.count() == 1
