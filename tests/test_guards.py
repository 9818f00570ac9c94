"""Guards that were right but unheld: each of these tests fails on a copy of the code that gives the
guard up (issue 17, « Guards no test holds today »)."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints import services as complaint_services
from digests import services as digests
from digests.enums import DigestKind, DigestStatus
from digests.models import DigestDelivery
from legal.models import Claim
from legal.services.retention import claims_anonymize
from open311 import georeport as open311
from outbox import services as outbox_services
from outbox.enums import OutboxStatus
from outbox.models import OutboundEmail
from requests_app.enums import RequestKind
from requests_app.models import ServiceRequest
from requests_app.services.retention import requests_anonymize
from tests.legal.test_legal_retention import decided_claim

from .factories import UserFactory, submit_request
from .requests_app.test_retention import handled

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


# --- Open311 answers requêtes only ---------------------------------------------------------------


def test_open311_never_lists_nor_answers_an_information_demand_or_a_requete_become_a_plainte(client, technicien):
    kept = submit_request()
    information = submit_request(type_code="permis-question")
    ServiceRequest.objects.filter(pk=information.pk).update(kind=RequestKind.INFORMATION)
    reclassified = submit_request(description="L'employé m'a manqué de respect.")
    complaint_services.complaint_from_request(
        service_request=reclassified, acting_user=technicien, facts_date=timezone.localdate()
    )
    listed = {entry["service_request_id"] for entry in client.get(f"{BASE}/requests.json").json()}
    assert listed == {kept.number}
    for hidden in (information, reclassified):
        assert client.get(f"{BASE}/requests/{hidden.number}.json").status_code == 404
        assert client.get(f"{BASE}/tokens/{open311.token_for(hidden)}.json").status_code == 404
    assert client.get(f"{BASE}/tokens/{open311.token_for(kept)}.json").status_code == 200


# --- the outbox and the digests: safe to run twice -------------------------------------------------


def test_the_flush_leaves_alone_an_email_a_live_worker_claimed_a_minute_ago():
    request = submit_request()
    email = OutboundEmail.objects.get(owner=request.outbox_owner)
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert outbox_services.outbox_flush() == 0
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENDING and not mail.outbox


def test_a_digest_built_twice_for_one_delivery_does_nothing_the_second_time(responsable_tp):
    (delivery,) = [d for _due, d, _created in digests.digests_dispatch(today=dt.date(2026, 11, 23), enqueue=False) if d]
    assert digests.digest_build(delivery_id=delivery.pk, today=dt.date(2026, 11, 23)) is True
    assert digests.digest_build(delivery_id=delivery.pk, today=dt.date(2026, 11, 23)) is False  # a redelivered task
    delivery.refresh_from_db()
    assert delivery.status == DigestStatus.QUEUED
    assert OutboundEmail.objects.filter(dedupe_key__startswith=f"digest:{delivery.pk}:").count() == 1


def test_the_database_refuses_a_second_delivery_for_one_month_kind_and_recipient():
    user = UserFactory()
    fields = {"month": dt.date(2026, 11, 1), "kind": DigestKind.ELUS, "recipient": user}
    DigestDelivery.objects.create(**fields, scheduled_for=dt.date(2026, 11, 2), next_attempt_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestDelivery.objects.create(**fields, scheduled_for=dt.date(2026, 11, 3), next_attempt_at=timezone.now())


# --- retention at its boundary: one day less keeps, one day more loses ----------------------------

CLOSED = dt.datetime(2019, 6, 10, 15, tzinfo=dt.UTC)


def test_a_request_keeps_its_person_until_its_retention_period_has_passed(technicien, responsable_tp, settings):
    request = handled(technicien, responsable_tp, when=CLOSED)
    period_end = ServiceRequest.objects.get(pk=request.pk).closed_at + relativedelta(
        years=settings.RETENTION_REQUEST_YEARS
    )
    assert requests_anonymize(now=period_end - dt.timedelta(days=1)) == 0
    assert ServiceRequest.objects.get(pk=request.pk).requester_name == "Marie Tremblay"
    assert requests_anonymize(now=period_end + dt.timedelta(days=1)) == 1
    assert ServiceRequest.objects.get(pk=request.pk).requester_name == ""


def test_a_claim_keeps_its_claimant_until_its_retention_period_has_passed(greffier, settings):
    claim = decided_claim(greffier, CLOSED)
    period_end = Claim.objects.get(pk=claim.pk).updated_at + relativedelta(years=settings.RETENTION_CLAIM_YEARS)
    assert claims_anonymize(now=period_end - dt.timedelta(days=1)) == 0
    assert Claim.objects.get(pk=claim.pk).claimant_name == "Marie Tremblay"
    assert claims_anonymize(now=period_end + dt.timedelta(days=1)) == 1
    assert Claim.objects.get(pk=claim.pk).claimant_name == ""
