"""Loading the city's civic addresses from a CSV export (property roll, Adresses Québec) and finding
them again as a citizen types.

Exports name their columns differently; the usual names are recognised and any other is given with
`--column field=name` (manage.py import_addresses). Loading twice is harmless: rows are matched by
their identifier and updated in place; addresses absent from a complete export can be retired
(kept for the requests that point to them, no longer offered).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.text_search import normalize
from requests_app.models import Address

_WORD = re.compile(r"[a-z0-9]+")

FIELDS = ("source_id", "civic_number", "civic_suffix", "street", "postal_code", "latitude", "longitude")
# Lower-cased column names seen in municipal and Québec exports.
ALIASES = {
    "source_id": (
        "identifiant",
        "id",
        "id_adresse",
        "idadresse",
        "idadr",
        "adresse_id",
        "matricule",
        "id_adr",
        "code_adresse",
    ),
    "civic_number": ("numero", "numero_civique", "no_civique", "nocivq", "no_civq", "no_civq_debut", "civic_number"),
    "civic_suffix": ("suffixe", "suffixe_civique", "sufx_civq", "suffxcivq", "civic_suffix"),
    "street": ("rue", "odonyme", "nom_rue", "nomrue", "street", "nom_odonyme"),
    "postal_code": ("code_postal", "codepostal", "cp", "postal_code"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "long", "lon", "lng", "x"),
}
# Adresses Québec splits the street name: generic (« rue »), link (« de la »), specific (« Gare »).
STREET_PARTS = (("odo_genr", "generique"), ("odo_liai", "liaison"), ("odo_spec", "specifique"))
BATCH = 1000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    retired: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


def _columns(header: Sequence[str], overrides: dict[str, str]) -> dict[str, str]:
    lowered = {name.strip().lower(): name for name in header}
    found = {}
    for name in FIELDS:
        if name in overrides:
            found[name] = overrides[name]
            continue
        for alias in ALIASES[name]:
            if alias in lowered:
                found[name] = lowered[alias]
                break
    return found


def _street(row: dict, columns: dict, lowered_row: dict) -> str:
    if "street" in columns:
        return " ".join(row.get(columns["street"], "").split())
    parts = [lowered_row.get(a) or lowered_row.get(b) or "" for a, b in STREET_PARTS]
    return " ".join(" ".join(parts).split())


def _decimal(value: str) -> Decimal | None:
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        return Decimal(value).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise ValueError(f"« {value} » n'est pas une coordonnée") from None


def _address(row: dict, columns: dict) -> Address:
    lowered_row = {key.strip().lower(): (value or "").strip() for key, value in row.items() if key}
    get = lambda name: (row.get(columns[name]) or "").strip() if name in columns else ""  # noqa: E731
    source_id, number, street = get("source_id"), get("civic_number"), _street(row, columns, lowered_row)
    if not source_id:
        raise ValueError("identifiant manquant")
    if not number.isdigit():
        raise ValueError(f"numéro civique « {number} » invalide")
    if not street:
        raise ValueError("rue manquante")
    address = Address(
        source_id=source_id[:64],
        civic_number=int(number),
        civic_suffix=get("civic_suffix")[:10],
        street=street[:150],
        postal_code=get("postal_code").upper().replace(" ", "")[:7],
        latitude=_decimal(get("latitude")),
        longitude=_decimal(get("longitude")),
        is_active=True,
    )
    if address.postal_code and len(address.postal_code) == 6:
        address.postal_code = f"{address.postal_code[:3]} {address.postal_code[3:]}"
    address.search_text = address.compute_search_text()
    return address


def address_suggestions(text: str, limit: int = 8) -> list[Address]:
    if len(text.strip()) < 2:
        return []
    return list(Address.objects.matching(text).order_by("street", "civic_number", "civic_suffix")[:limit])


class StreetNamer:
    """Where a request is, for a report that carries no personal information: the street of its civic
    address when it has one, otherwise a street of the city's address table named in what the citizen
    typed, otherwise « lieu non précisé ». The free text itself never passes (« chez Marie Tremblay,
    5 rue Shaw » → « rue Shaw »)."""

    def __init__(self, streets):
        self._known: dict[tuple[str, ...], str] = {}
        for street in streets:
            self._known.setdefault(tuple(_WORD.findall(normalize(street))), street)
        self._known.pop((), None)
        self._longest = max(map(len, self._known), default=0)

    def of(self, service_request) -> str:
        """The street of a request: its civic address's, else one named in its place as typed."""
        address = service_request.address
        return self(address.street if address is not None else None, service_request.location_address)

    def __call__(self, address_street: str | None, text: str) -> str:
        if address_street:
            return address_street
        words = _WORD.findall(normalize(text or ""))
        for length in range(min(self._longest, len(words)), 0, -1):  # the longest name wins
            for start in range(len(words) - length + 1):
                street = self._known.get(tuple(words[start : start + length]))
                if street:
                    return street
        return _("lieu non précisé")


def street_namer() -> StreetNamer:
    return StreetNamer(Address.objects.active().order_by().values_list("street", flat=True).distinct())
