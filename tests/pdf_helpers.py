"""A real, tiny PDF for tests that upload one: the portal parses what it is told is a PDF."""

import io

from pypdf import PdfWriter


def tiny_pdf(text: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if text:
        writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
