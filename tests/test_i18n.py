"""English is complete: every French message has its translation, compiled and loaded."""

import datetime as dt
import gettext
from pathlib import Path

import polib
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
