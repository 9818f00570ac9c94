"""The second factor (TOTP, django-otp) of the accounts that read personal information in bulk.

A password alone opens nothing for them: after it, the code of an authenticator application, or
one of the ten single-use backup codes shown once at enrolment. Every other staff account may turn
it on. A lost phone is reset by IT: a superuser's logged action (services.second_factor_remove);
nobody sets another person's password either, so nobody can enrol a colleague's factor.
"""

import base64
import io
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import login, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import RoleSecurity

BACKUP_CODES = 10
_APP_DEVICE = "application"
_BACKUP_DEVICE = "codes de secours"


def required_by_role(user) -> bool:
    """Whoever reaches the admin, and the roles a superuser marked (RoleSecurity; by default the
    Technicien, the directors, the DG and the Greffe)."""
    return (
        user.is_superuser
        or user.is_staff
        or RoleSecurity.objects.filter(group__user=user, second_factor_required=True).exists()
    )


def required_for(user) -> bool:
    """Who must pass it: those their role obliges, and anyone who turned it on for their own account
    (a factor one is never asked for protects nothing). Computed once per request."""
    if not settings.SECOND_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    cached = getattr(user, "_second_factor_required", None)
    if cached is None:
        cached = user._second_factor_required = required_by_role(user) or is_enrolled(user)
    return cached


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The application being enrolled: the same key until it is confirmed, so a reload does not
    invalidate what the person just scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_APP_DEVICE, confirmed=False)


@dataclass(frozen=True)
class Enrolment:
    key: str  # base32, grouped by four, for typing into an application by hand
    qr_data_url: str


def enrolment(device: TOTPDevice) -> Enrolment:
    secret = base64.b32encode(device.bin_key).decode()
    svg = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(svg)
    return Enrolment(
        key=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        qr_data_url="data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode(),
    )


def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """The first code proves the application works: the device is confirmed, the session verified,
    and the backup codes (to be shown once) are returned. None if the code is wrong."""
    with transaction.atomic():
        if not device.verify_token(_digits(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.devices_for_user(request.user, confirmed=False).delete()
        codes = _new_backup_codes(request.user)
    login(request, device)
    return codes


def verify(request, code: str) -> bool:
    """Six digits are the application's; anything else is tried as a backup code (each works once).
    Each kind keeps its own count of failures, so a mistyped backup code does not lock the other."""
    code = "".join(code.split()).lower()
    model = TOTPDevice if code.isdigit() else StaticDevice
    for device in model.objects.devices_for_user(request.user, confirmed=True):
        verified = verify_token(request.user, device.persistent_id, code)
        if verified is not None:
            login(request, verified)
            return True
    return False


def wait_seconds(user) -> int:
    """Seconds before another code may be tried (django-otp doubles the wait after each failure)."""
    now = timezone.now()
    waits = [0]
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.devices_for_user(user, confirmed=None):
            allowed, data = device.verify_is_allowed()
            if not allowed and data and "locked_until" in data:
                waits.append(int((data["locked_until"] - now).total_seconds()) + 1)
    return max(waits)


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_BACKUP_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
