"""Citizen photos: checked by their content, re-encoded so no metadata (GPS, camera) survives,
and kept across a form error so a citizen on a phone never has to pick them again."""

import datetime as dt
import io
import uuid

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
STAGING_DIR = "requests/staging"
STAGING_MAX_AGE = 24 * 3600
_SIGNER_SALT = "requests.staged-photos"


class CheckedFile(ContentFile):
    """A file the portal checked (and re-encoded), with the type it proved to be."""

    def __init__(self, content: bytes, *, name: str, content_type: str):
        super().__init__(content, name=name)
        self.content_type = content_type


def sanitize_photo(uploaded) -> CheckedFile:
    """A clean copy of an uploaded JPEG or PNG, or a ValidationError that names the file."""
    name = getattr(uploaded, "name", "photo")
    if uploaded.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("La photo « %(name)s » dépasse %(max)s Mo.") % {"name": name, "max": settings.PHOTO_MAX_BYTES // 2**20}
        )
    try:
        with Image.open(uploaded) as image:
            image_format = image.format
            if image_format not in FORMATS:
                raise ValidationError(_("« %(name)s » n'est pas une photo JPEG ou PNG.") % {"name": name})
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the orientation the EXIF data gave
            buffer = io.BytesIO()
            if image_format == "JPEG":
                upright.convert("RGB").save(buffer, "JPEG", quality=88, optimize=True)
            else:
                upright.save(buffer, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(_("« %(name)s » n'est pas une photo JPEG ou PNG lisible.") % {"name": name}) from exc
    content_type, extension = FORMATS[image_format]
    return CheckedFile(buffer.getvalue(), name=f"photo.{extension}", content_type=content_type)


def is_pdf(content: bytes) -> bool:
    """A PDF that a PDF reader can open, not merely a file that starts with « %PDF- » (an HTML page
    with that prefix is not one). pypdf parses its structure and reads its pages."""
    if not content.startswith(b"%PDF-"):
        return False
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        return len(reader.pages) > 0
    except Exception:  # noqa: BLE001 - pypdf raises a dozen kinds of error on a broken file: all mean « not a PDF »
        return False


def sanitize_document(uploaded) -> CheckedFile:
    """An invoice or an estimate: a PDF that parses as one, or a photo cleaned as above."""
    head = uploaded.read(5)
    uploaded.seek(0)
    if head != b"%PDF-":
        return sanitize_photo(uploaded)
    name = getattr(uploaded, "name", "document.pdf")
    if uploaded.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("Le fichier « %(name)s » dépasse %(max)s Mo.") % {"name": name, "max": settings.PHOTO_MAX_BYTES // 2**20}
        )
    content = uploaded.read()
    if not is_pdf(content):
        raise ValidationError(_("« %(name)s » n'est pas un document PDF lisible.") % {"name": name})
    document = CheckedFile(content, name="document.pdf", content_type="application/pdf")
    return document


_CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "pdf": "application/pdf"}


def stage_documents(documents: list[tuple[str, CheckedFile]]) -> str:
    """Keep already-checked files, as (kind, file) pairs, while the citizen fixes another field;
    returns a signed token that stands for them."""
    staged = []
    for kind, document in documents:
        extension = (document.name or "").rsplit(".", 1)[-1]
        staged.append((kind, default_storage.save(f"{STAGING_DIR}/{uuid.uuid4().hex}.{extension}", document)))
    return signing.dumps(staged, salt=_SIGNER_SALT) if staged else ""


def _staged(token: str) -> list:
    if not token:
        return []
    try:
        return signing.loads(token, salt=_SIGNER_SALT, max_age=STAGING_MAX_AGE)
    except signing.BadSignature:
        return []


def unstage_documents(token: str) -> list[tuple[str, CheckedFile]]:
    """The files a signed token stands for; a forged, expired or stale token gives none."""
    documents = []
    for kind, name in _staged(token):
        extension = name.rsplit(".", 1)[-1]
        if (
            not name.startswith(f"{STAGING_DIR}/")
            or extension not in _CONTENT_TYPES
            or not default_storage.exists(name)
        ):
            continue
        with default_storage.open(name) as handle:
            document = CheckedFile(handle.read(), name=f"document.{extension}", content_type=_CONTENT_TYPES[extension])
        documents.append((kind, document))
    return documents


def staged_document_count(token: str) -> int:
    return len(_staged(token))


# Photos alone (requêtes, complaints): the same staging, every file of kind "photo".


def stage_photos(photos: list[CheckedFile]) -> str:
    return stage_documents([("photo", photo) for photo in photos])


def unstage_photos(token: str) -> list[CheckedFile]:
    return [photo for _kind, photo in unstage_documents(token)]


staged_count = staged_document_count


def purge_staged_photos(*, older_than_seconds: int = STAGING_MAX_AGE) -> int:
    """Delete photos staged for forms that were never sent again; their tokens have expired anyway."""
    try:
        _dirs, files = default_storage.listdir(STAGING_DIR)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    removed = 0
    for name in files:
        path = f"{STAGING_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed
