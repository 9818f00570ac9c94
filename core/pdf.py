"""PDF documents, one pure function each: a template in, bytes out (WeasyPrint)."""

import base64

from django.conf import settings
from django.template.loader import render_to_string


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # ~1.4 s to import: paid once per worker process, on first use

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


def render_responsable_digest_pdf(context: dict) -> bytes:
    return _render("digests/responsable_pdf.html", context)


ELUS_PDF_MAX_ROWS = 25  # per service and list; the report in the portal lists every row


def render_elus_digest_pdf(context: dict) -> bytes:
    return _render(
        "digests/elus_pdf.html", {**context, "max_rows": ELUS_PDF_MAX_ROWS, "rows_slice": f":{ELUS_PDF_MAX_ROWS}"}
    )


def render_designation_pdf(context: dict) -> bytes:
    """Annexe C, signed: frozen when it takes effect, never rendered again."""
    designation = context["designation"]
    images = {}
    for prefix in ("employee", "director"):
        field = getattr(designation, f"{prefix}_signature")
        if field:
            with field.open("rb") as handle:
                images[prefix] = "data:image/png;base64," + base64.b64encode(handle.read()).decode()
    return _render("designations/annexe_c_pdf.html", {**context, "signature_images": images})


def render_claim_acknowledgement_pdf(context: dict) -> bytes:
    """The Avis de réclamation: the statement, the clocks and their legal basis. Frozen at filing."""
    return _render("claims/avis_pdf.html", context)


def render_access_letter_pdf(context: dict) -> bytes:
    """A letter of the Responsable de l'accès: acknowledgement, extension or decision. Frozen when sent."""
    return _render("access/letter_pdf.html", context)
