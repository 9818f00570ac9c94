"""Signatures of people (complaints, Annexe C designations): drawn on a canvas or typed.

A drawn signature arrives as a PNG data URL from the canvas; it is checked and re-encoded."""

import base64
import binascii
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 400_000


@dataclass(frozen=True)
class Signature:
    """Who signed, how, and the drawn image when there is one (PNG, re-encoded)."""

    method: str
    signer_name: str
    image_png: bytes | None = None


PREFIX = "data:image/png;base64,"


def clean_drawn_signature(data_url: str) -> bytes:
    if not data_url.strip():
        raise ValidationError(
            _(
                "Vous n'avez pas encore signé : tracez votre signature dans le cadre, avec le doigt ou la souris, "
                "ou choisissez « nom tapé » et tapez votre nom."
            )
        )
    if not data_url.startswith(PREFIX) or len(data_url) > MAX_BYTES * 4 // 3 + len(PREFIX):
        raise ValidationError(_("La signature tracée n'a pas pu être lue. Tracez-la de nouveau ou tapez votre nom."))
    try:
        raw = base64.b64decode(data_url[len(PREFIX) :], validate=True)
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "PNG" or image.width > 2000 or image.height > 1000:
                raise ValidationError(
                    _("La signature tracée n'a pas pu être lue. Tracez-la de nouveau ou tapez votre nom.")
                )
            image.load()
            bbox = (
                image.getchannel("A").getbbox()
                if image.mode in ("RGBA", "LA")
                else image.convert("L").point(lambda value: 255 - value).getbbox()
            )
            if bbox is None:
                raise ValidationError(_("La signature est vide : tracez-la dans le cadre ou tapez votre nom."))
            out = io.BytesIO()
            image.save(out, "PNG", optimize=True)
    except (binascii.Error, UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            _("La signature tracée n'a pas pu être lue. Tracez-la de nouveau ou tapez votre nom.")
        ) from error
    return out.getvalue()
