"""English is complete: every French message has its translation, compiled and loaded."""

import datetime as dt
import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import formats, translation

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated_to_english():
    catalog = polib.pofile(str(PO))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


def test_compiled_catalog_matches_the_po_file():
    with open(PO.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in polib.pofile(str(PO)).translated_entries():
        if entry.msgid_plural or entry.msgctxt:
            continue
        assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_french_times_read_as_in_quebec():
    with translation.override("fr-ca"):
        assert (
            formats.date_format(dt.datetime(2026, 11, 23, 5, 7), "DATETIME_FORMAT") == "23 novembre 2026, 05\xa0h\xa007"
        )


def test_dates_in_words_write_the_first_of_the_month_as_french_does():
    from core.dates import in_words

    with translation.override("fr-ca"):
        assert in_words(dt.date(2027, 5, 1)) == "1er mai 2027"
        assert in_words(dt.date(2027, 5, 2)) == "2 mai 2027"
    with translation.override("en"):
        assert in_words(dt.date(2027, 5, 1)) == "1 May 2027"


@pytest.mark.django_db
def test_the_address_chooses_the_language_whatever_the_browser_asks(client):
    """French at the root and English under /en/, as citizens share links; the browser's
    Accept-Language and an old language cookie change nothing (core.middleware.LocaleMiddleware)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    french = client.get("/normes-de-service/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert french["Content-Language"] == "fr-ca" and "Accept-Language" in french["Vary"]
    assert '<html lang="fr-CA">' in french.content.decode()
    english = client.get("/en/service-standards/", HTTP_ACCEPT_LANGUAGE="fr-CA")
    assert english["Content-Language"] == "en" and "Accept-Language" not in english.get("Vary", "")
    assert '<html lang="en">' in english.content.decode()
    # The API has one address whatever the language: French, like the root.
    assert client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "fr-ca"
