import base64
import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.enums import Role, SignatureMethod
from complaints import services

from ..factories import UserFactory, service


def drawn_signature_png() -> bytes:
    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(10, 90), (80, 20), (150, 100), (280, 30)], fill=(0, 0, 0, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def complaint_data(**overrides):
    data = {
        "complainant_name": "Lucie Beaulieu",
        "complainant_address": "45, rue des Érables, Prévost",
        "complainant_phone": "450 224-0000",
        "complainant_email": "lucie@example.ca",
        "facts_date": timezone.localdate() - dt.timedelta(days=3),
        "service": service("travaux-publics"),
        "employee_named": "le chauffeur de la déneigeuse",
        "facts": "Le chauffeur m'a insultée quand je lui ai demandé de dégager mon entrée.",
        "safety_risk": False,
    }
    data.update(overrides)
    return data


def file_complaint(**overrides):
    return services.complaint_submit(
        data=complaint_data(**overrides),
        signature=services.Signature(SignatureMethod.DRAWN, "Lucie Beaulieu", drawn_signature_png()),
    )


@pytest.fixture
def investigator(db):
    return UserFactory(username="dsac", first_name="Martin", roles=[Role.DIRECTEUR_SAC])


@pytest.fixture
def director_tp(db):
    return UserFactory(username="dir-tp", first_name="Robert", roles=[Role.DIRECTEUR_SERVICE])


@pytest.fixture
def other_director(db):
    return UserFactory(username="dir-urb", first_name="Nadia", roles=[Role.DIRECTEUR_SERVICE])


@pytest.fixture
def employee(db):
    return UserFactory(username="chauffeur", first_name="Roger", last_name="Chauffeur")
