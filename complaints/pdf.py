import base64

from django.conf import settings
from django.template.loader import render_to_string


def render_signed_statement_pdf(context: dict, signature_png: bytes | None) -> bytes:
    """The signed complaint form (policy 4.4). Rendered once, at signing; never again."""
    from weasyprint import HTML

    image = "data:image/png;base64," + base64.b64encode(signature_png).decode() if signature_png else ""
    html = render_to_string("complaints/statement_pdf.html", {**context, "signature_data_uri": image})
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
