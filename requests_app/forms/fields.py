"""Widgets and fields the request forms share: dates, several photos, photos kept across an error, the map pin."""

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from core import photos as photo_tools
from core.text_search import normalize
from requests_app.models import Address
from requests_app.selectors import ActiveCatalog, active_catalog


class CatalogChoiceField(forms.ModelChoiceField):
    """A service or a nature, offered from its queryset and checked against the process's copy of
    the active catalogue (selectors.active_catalog) instead of a query per field (issue 20).
    `pick` chooses the catalogue's services or its types; a form whose fields share one `catalog`
    reads the catalogue's version once."""

    def __init__(self, *args, pick: Callable[[ActiveCatalog], Mapping[int, Model]], **kwargs):
        super().__init__(*args, **kwargs)
        self.pick = pick
        self.catalog: Callable[[], ActiveCatalog] = active_catalog

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            chosen = self.pick(self.catalog()).get(int(value))
        except (TypeError, ValueError):
            chosen = None
        if chosen is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return chosen


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Django's documented way to accept several files in one field; each is sanitized."""

    accept = "image/jpeg,image/png"

    @staticmethod
    def sanitize(uploaded):
        return photo_tools.sanitize_photo(uploaded)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": self.accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        errors, cleaned = [], []
        for uploaded in files:
            try:
                cleaned.append(self.sanitize(super().clean(uploaded, initial)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


# The mixin reads the form's data and errors: typed as a form, a plain class at run time.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class StagedPhotosMixin(_FormBase):
    """Photos checked on a first post survive an error elsewhere in the form (fields `photos`, `staged_photos`)."""

    def all_photos(self):
        return photo_tools.unstage_photos(self.cleaned_data.get("staged_photos", "")) + list(
            self.cleaned_data.get("photos") or []
        )

    def keep_valid_photos(self):
        """On an error elsewhere, stage the photos that passed so the citizen need not pick them again."""
        if "photos" in self.errors or not self.cleaned_data.get("photos"):
            return
        previous = photo_tools.unstage_photos(self.cleaned_data.get("staged_photos", ""))
        token = photo_tools.stage_photos(previous + self.cleaned_data["photos"])
        data = self.data.copy()
        data["staged_photos"] = token
        self.data = data

    @property
    def staged_photo_count(self) -> int:
        return photo_tools.staged_count(self.data.get("staged_photos", "") if self.is_bound else "")


def _pin(latitude: str, longitude: str) -> tuple[Decimal | None, Decimal | None]:
    """The position of the citizen's pin, or none: a malformed one is dropped, not shown as an error
    on a field the citizen cannot see (the typed place is what counts)."""
    try:
        lat, lon = Decimal(latitude).quantize(Decimal("0.000001")), Decimal(longitude).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None, None
    if not (lat.is_finite() and lon.is_finite() and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def _chosen_address(raw: str, typed: str) -> Address | None:
    """The civic address picked in the suggestions, if it is still what the place field says; an
    identifier that is not one (« ² » is a digit to str.isdigit, not to int) is dropped like the pin."""
    try:
        address = Address.objects.active().filter(pk=int(raw)).first()
    except ValueError:
        return None
    if address is not None and normalize(address.label) != normalize(typed):
        return None  # the citizen chose an address, then typed another place
    return address


_PHONE_EXTENSION = re.compile(r"\s*(?:poste|post|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)


def canadian_phone(value: str) -> str:
    """A North American number as a person would type it (« 450 224-0000 », « (450) 224-0000 poste 227 »,
    « +1 450 224 0000 »), written back in one form; anything else is refused with an example."""
    value = (value or "").strip()
    if not value:
        return ""
    extension = ""
    match = _PHONE_EXTENSION.search(value)
    if match:
        extension, value = match.group(1), value[: match.start()]
    if re.search(r"[^\d\s().+-]", value):
        raise ValidationError(_("Entrez un numéro de téléphone à 10 chiffres, par exemple 450 224-0000."))
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01":
        raise ValidationError(_("Entrez un numéro de téléphone à 10 chiffres, par exemple 450 224-0000."))
    written = f"{digits[:3]} {digits[3:6]}-{digits[6:]}"
    return f"{written} poste {extension}" if extension else written


def meaningful_place(value: str) -> str:
    """A place a crew can find: a street, an intersection or a landmark, not « !!! »."""
    value = (value or "").strip()
    if value and (len(re.findall(r"\w", value)) < 3 or not re.search(r"[^\W\d_]", value)):
        raise ValidationError(
            _("Indiquez une adresse, une intersection ou un repère, par exemple : devant l'école, rue Principale.")
        )
    return value


def meaningful_statement(value: str, *, minimum: int = 10) -> str:
    value = (value or "").strip()
    if len(re.findall(r"\w", value)) < minimum:
        raise ValidationError(_("Décrivez la situation en quelques mots : ce que vous avez constaté, et où."))
    return value
