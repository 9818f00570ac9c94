"""PostgreSQL away (issue 7): every page answers a clean, translated 503, and comes back by itself."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from .factories import submit_request

pytestmark = pytest.mark.django_db

REFUSED = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_a_page_that_reads_the_database_answers_503_in_the_visitors_language(client):
    request = submit_request()
    url = f"/suivi/{request.tracking_token}/"
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=REFUSED):
        french = client.get(url)
        english = client.get(f"/en/track/{request.tracking_token}/")
    assert french.status_code == 503 and french["Retry-After"] == "30"
    assert "Service momentanément interrompu" in french.content.decode()
    assert "Traceback" not in french.content.decode()
    assert english.status_code == 503 and "Service temporarily interrupted" in english.content.decode()
    assert client.get(url).status_code == 200  # the database is back: so is the page


def test_staff_pages_and_the_admin_too(client, technicien):
    client.force_login(technicien)
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=REFUSED):
        assert client.get("/personnel/").status_code == 503
        assert client.get("/admin/requests_app/servicerequest/").status_code == 503


def test_other_database_errors_are_not_hidden_as_an_outage(client):
    request = submit_request()
    deadlock = OperationalError("deadlock detected")
    with mock.patch("requests_app.selectors.request_for_tracking", side_effect=deadlock):
        with pytest.raises(OperationalError):  # the test client re-raises what would be a 500
            client.get(f"/en/track/{request.tracking_token}/")


def test_the_api_answers_its_own_error_list(client):
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=REFUSED):
        response = client.get("/open311/v2/requests.json")
    assert response.status_code == 503
    assert response.json() == [{"code": 503, "description": "service unavailable, retry later"}]


def test_the_liveness_probe_reads_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
