"""Schemathesis generates requests from the OpenAPI description and checks every answer against it:
no 5xx, documented status codes, content types and response shapes."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from open311.openapi import spec

from ..factories import submit_request

schema = schemathesis.openapi.from_dict(spec())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """A bare WSGI call ends with request_finished, whose close_old_connections would close the test's
    connection mid-transaction on PostgreSQL; Django's test client holds it off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def some_requests(db):
    submit_request()
    submit_request(type_code="lumiere-de-rue")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_the_api_keeps_its_published_contract(case, some_requests):
    # Rules across fields (a 90-day window, lat with long, a key that exists) reject some schema-valid
    # input with a documented 400/403/404: every other check stays (no 5xx, documented codes and shapes).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def test_the_description_is_served(client):
    assert client.get("/open311/v2/openapi.json").json()["openapi"] == "3.0.3"
