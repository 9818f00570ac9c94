import io

from pypdf import PdfReader


def pdf_text(field_or_bytes) -> str:
    if isinstance(field_or_bytes, bytes):
        content = field_or_bytes
    else:
        with field_or_bytes.open("rb") as handle:
            content = handle.read()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())  # line breaks fall anywhere in a rendered paragraph
