import csv
from collections.abc import Iterable

from django.http import HttpResponse


def csv_download(filename: str, headers: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV file to save, with a byte-order mark so that spreadsheet software reads the accents."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header in headers])
    writer.writerows(rows)
    return response
