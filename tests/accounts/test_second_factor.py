"""The second factor of the accounts that read personal information in bulk, through the real forms."""

import datetime as dt
import html
import re
import time
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.enums import Role

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"
SECOND_FACTOR = reverse("accounts:second_factor")


def text(response) -> str:
    return html.unescape(response.content.decode())


def log_in(client, username, next_url=""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def code_for(user, at: float | None = None) -> str:
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = at or time.time()
    return f"{totp.token():06d}"


def enrol(client, user) -> list[str]:
    log_in(client, user.username)
    client.get(SECOND_FACTOR)
    page = client.post(SECOND_FACTOR, {"code": code_for(user), "next": "/personnel/"})
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())


def clock_at(moment: float):
    """A code is good once: the next login must come in a later 30-second step."""
    return mock.patch("time.time", return_value=moment)


def throttle_over():
    """django-otp makes one wait 1, 2, 4... seconds after a wrong code; the test does not sleep."""
    return mock.patch("django_otp.models.timezone.now", return_value=timezone.now() + dt.timedelta(minutes=5))


def test_the_technicien_enrols_an_application_at_first_login_and_gets_ten_backup_codes(client, technicien):
    response = log_in(client, technicien.username)
    assert response.status_code == 302
    home = client.get(reverse("staff:home"))
    assert home.status_code == 302 and home.url.startswith(SECOND_FACTOR)

    page = client.get(home.url)
    assert "Activer le second facteur" in text(page)
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    key = re.search(r'<code class="otp-key" id="otp-key">([A-Z2-7 ]+)</code>', page.content.decode()).group(1)
    assert len(key.replace(" ", "")) == 32  # 160 bits, typed by hand if the camera fails

    wrong = client.post(SECOND_FACTOR, {"code": "000000", "next": "/personnel/"})
    assert wrong.status_code == 400 and "Ce code ne convient pas" in text(wrong)
    assert client.get(reverse("staff:home")).status_code == 302

    with throttle_over():
        done = client.post(SECOND_FACTOR, {"code": code_for(technicien), "next": "/personnel/"})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(set(codes)) == 10
    assert "ne seront plus jamais affichés" in text(done)
    assert client.get(reverse("staff:home")).status_code == 200


def test_next_time_the_code_is_asked_and_the_page_asked_for_opens(client, technicien):
    enrol(client, technicien)
    client.post(reverse("accounts:logout"))

    next_step = time.time() + 60
    log_in(client, technicien.username, next_url="/admin/requests_app/servicerequest/")
    asked = client.get("/admin/requests_app/servicerequest/")
    page = client.get(asked.url)
    assert "Confirmez que c'est bien vous" in text(page)
    assert "Activer" not in text(page)  # no second application can be added with the password alone
    with clock_at(next_step):
        response = client.post(
            asked.url, {"code": code_for(technicien, next_step), "next": "/admin/requests_app/servicerequest/"}
        )
    assert response.status_code == 302 and response.url == "/admin/requests_app/servicerequest/"
    assert client.get("/admin/requests_app/servicerequest/").status_code == 200


def test_a_backup_code_works_once(client, technicien):
    codes = enrol(client, technicien)
    client.post(reverse("accounts:logout"))

    log_in(client, technicien.username)
    assert client.post(SECOND_FACTOR, {"code": codes[0].upper()}).status_code == 302
    client.post(reverse("accounts:logout"))

    log_in(client, technicien.username)
    again = client.post(SECOND_FACTOR, {"code": codes[0]})
    assert again.status_code == 400
    assert client.get(reverse("staff:home")).status_code == 302


def test_wrong_codes_slow_down_the_next_try(client, technicien):
    enrol(client, technicien)
    client.post(reverse("accounts:logout"))
    log_in(client, technicien.username)

    client.post(SECOND_FACTOR, {"code": "000000"})
    client.post(SECOND_FACTOR, {"code": "000001"})
    next_step = time.time() + 60
    with clock_at(next_step):
        response = client.post(SECOND_FACTOR, {"code": code_for(technicien, next_step)})

    assert response.status_code == 400
    assert "Trop d'essais manqués. Attendez" in text(response)
    assert client.get(reverse("staff:home")).status_code == 302


def test_a_responsable_and_an_elected_official_need_only_their_password(client, responsable_tp):
    log_in(client, responsable_tp.username)
    assert client.get(reverse("staff:home")).status_code == 200
    client.post(reverse("accounts:logout"))

    UserFactory(username="elu-2", roles=[Role.ELU])
    log_in(client, "elu-2")
    assert client.get(reverse("staff:elus_report")).status_code == 200


def test_the_code_page_lets_one_log_out(client, technicien):
    log_in(client, technicien.username)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
