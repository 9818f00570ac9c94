"""PDF documents, one pure function each: a template in, bytes out (WeasyPrint)."""

from django.conf import settings
from django.template.loader import render_to_string


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # ~1.4 s to import: paid once per worker process, on first use

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


def render_responsable_digest_pdf(context: dict) -> bytes:
    return _render("digests/responsable_pdf.html", context)


def render_elus_digest_pdf(context: dict) -> bytes:
    return _render("digests/elus_pdf.html", context)
