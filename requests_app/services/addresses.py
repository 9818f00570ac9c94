"""The civic address table (Adresses Québec or the city's roll), loaded from a CSV export."""

import csv
import io

from django.db import transaction

from requests_app.addresses import BATCH, FIELDS, ImportResult, _address, _columns
from requests_app.models import Address


def _save(batch: list[Address], result: ImportResult) -> None:
    existing = set(
        Address.objects.filter(source_id__in=[a.source_id for a in batch]).values_list("source_id", flat=True)
    )
    Address.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["source_id"],
        update_fields=[name for name in FIELDS if name != "source_id"] + ["search_text", "is_active"],
    )
    result.updated += len(existing)
    result.created += len(batch) - len(existing)


@transaction.atomic
def addresses_import(text: str, *, columns: dict[str, str] | None = None, retire_missing: bool = False) -> ImportResult:
    """Load a CSV export (`text`, already decoded); returns what was created, updated, retired, skipped."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    mapping = _columns(reader.fieldnames or [], columns or {})
    missing = [name for name in ("source_id", "civic_number") if name not in mapping]
    if missing:
        raise ValueError(f"colonnes introuvables : {', '.join(missing)} (précisez-les avec --column)")
    result, batch, seen = ImportResult(), [], set()
    for line, row in enumerate(reader, start=2):
        try:
            address = _address(row, mapping)
        except ValueError as error:
            result.skipped.append((line, str(error)))
            continue
        if address.source_id in seen:
            result.skipped.append((line, f"identifiant {address.source_id} en double"))
            continue
        seen.add(address.source_id)
        batch.append(address)
        if len(batch) >= BATCH:
            _save(batch, result)
            batch = []
    if batch:
        _save(batch, result)
    if retire_missing:
        gone = set(Address.objects.active().values_list("source_id", flat=True)) - seen
        gone_list = sorted(gone)
        for start in range(0, len(gone_list), BATCH):
            result.retired += Address.objects.filter(source_id__in=gone_list[start : start + BATCH]).update(
                is_active=False
            )
    return result
