"""A one-page signed complaint form (policy 4.4) rendered again and again in one warm process.

    .venv/bin/python bench/pdf.py [--repeat 30]

The form is rendered once, when the citizen signs, inside the request that records the signature:
it is on a citizen's path. Prints the first rendering (fonts and styles loaded) and then the median
and the slowest of the following ones, in milliseconds, and the PDF's pages and size.
Target (issue 20, « keep what holds »): under 100 ms in a warm process. No database is read.
"""

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevost_service.settings.local")


def signature_png() -> bytes:
    """A traced signature as the signing pad sends it: a line on a transparent 600×200 PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(20, 150), (160, 40), (300, 160), (440, 50), (580, 120)], fill="black", width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils import timezone, translation
    from pypdf import PdfReader

    from complaints.pdf import render_signed_statement_pdf

    complaint = SimpleNamespace(
        number="P-2026-0042",
        complainant_name="Marie Tremblay",
        complainant_address="1234, rue Principale, Prévost (Québec) J0R 1T0",
        complainant_email="marie@example.ca",
        complainant_phone="450 555-0101",
        service="Travaux publics",
        employee_named="",
        facts_date=dt.date(2026, 11, 20),
        facts="Le déneigement de la rue a laissé un banc de neige de deux mètres devant mon entrée. " * 6,
        safety_risk=True,
    )
    signature = SimpleNamespace(method="dessinee", signer_name="Marie Tremblay")
    context = {
        "complaint": complaint,
        "signature": signature,
        "signed_at": timezone.now(),
        "fingerprint": "9f2c" * 16,
        "attachments": [{"piece": "photo-entree.jpg", "sha256": "ab12" * 16}],
    }
    png = signature_png()
    timings = []
    with translation.override("fr-ca"):
        for _ in range(args.repeat + 1):
            started = time.perf_counter()
            content = render_signed_statement_pdf(context, png)
            timings.append((time.perf_counter() - started) * 1000)
    pages = len(PdfReader(io.BytesIO(content)).pages)
    rest = timings[1:]
    print(f"signed complaint form: {pages} page(s), {len(content) / 1024:.0f} KiB")
    print(
        f"first rendering (cold) {timings[0]:.0f} ms; then median {statistics.median(rest):.0f} ms, slowest {max(rest):.0f} ms over {len(rest)} (target: under 100 ms)"
    )


if __name__ == "__main__":
    main()
