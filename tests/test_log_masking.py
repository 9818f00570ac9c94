"""No tracking token reaches a log: gunicorn's access log (production) and Django's request warnings."""

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from core.log_masking import MaskedAccessLogger, MaskTokensFilter, mask_tokens

TOKEN = "u5JrLIrPXVv_LFaAkdpNqUu9MCcoCBNc1wpeO5igICQ"
SIGNED = "MTIz:1vPx3n:Qk9vZ2xlLXNpZ25lZC10b2tlbi1hYmM"


def test_the_access_log_line_masks_tokens_in_path_request_line_and_referer():
    logger = MaskedAccessLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/suivi/{TOKEN}/photos/3/",
        "PATH_INFO": f"/suivi/{TOKEN}/photos/3/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": f"https://portail.example/en/satisfaction/{SIGNED}/",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = logger.atoms(
        SimpleNamespace(status="200 OK", sent=10, headers=[]), request, environ, dt.timedelta(milliseconds=5)
    )
    line = logger.cfg.access_log_format % atoms
    assert TOKEN not in line and SIGNED not in line
    assert "/suivi/[jeton]/photos/3/" in line and "/satisfaction/[jeton]/" in line


def test_request_numbers_and_static_files_stay_readable():
    for path in ("/admin/requests_app/servicerequest/?q=2026-000123", "/static/css/portal.3c5a9e2b1f4d.css"):
        assert mask_tokens(path) == path
    assert mask_tokens(f"/open311/v2/tokens/{SIGNED}.json") == "/open311/v2/tokens/[jeton].json"


@pytest.mark.django_db
def test_django_request_warnings_are_masked(client, caplog, settings):
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["mask_tokens"]
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/plainte/suivi/{TOKEN}/").status_code == 404
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    MaskTokensFilter().filter(record)
    assert TOKEN not in record.getMessage() and "/plainte/suivi/[jeton]/" in record.getMessage()
