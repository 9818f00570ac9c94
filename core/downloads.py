import csv
from collections.abc import Iterable

from django.http import HttpResponse

# OWASP « CSV injection »: a cell a spreadsheet would read as a formula (or that starts with a tab or a
# carriage return that hides one) is written as text by a leading apostrophe. Citizens type what staff
# later open in a spreadsheet: « =HYPERLINK(…) » in a place must stay words.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeCsvWriter:
    """The only CSV writer the portal uses: `csv.writer` with every text cell neutralised."""

    def __init__(self, stream):
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_download(filename: str, headers: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV file to save, with a byte-order mark so that spreadsheet software reads the accents."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = SafeCsvWriter(response)
    writer.writerow([str(header) for header in headers])
    writer.writerows(rows)
    return response
