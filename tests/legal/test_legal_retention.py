"""Loi 25 for claims and access requests: past their retention period, the person goes, the figures stay."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from legal.enums import AccessDecision, ClaimStatus
from legal.models import AccessRequest, Claim
from legal.services import access as access_services
from legal.services import claims as claim_services
from legal.services.retention import access_anonymize, claims_anonymize
from outbox.models import OutboundEmail
from tests.legal.test_access_requests import submit as submit_access
from tests.legal.test_claims import file_claim

pytestmark = pytest.mark.django_db
LONG_AGO = dt.datetime(2014, 3, 5, 10, tzinfo=dt.UTC)


def decided_claim(greffier, when):
    with freeze_time(when):
        claim = file_claim(today=when.date(), event_date=(when.date() - dt.timedelta(days=3)).isoformat())
        claim_services.claim_start_analysis(claim=claim, acting_user=greffier)
        claim_services.claim_accept(claim=claim, acting_user=greffier, amount_paid=Decimal("1800.00"))
    return claim


def test_an_old_claim_loses_the_claimant_and_keeps_its_figures(greffier, client, django_capture_on_commit_callbacks):
    old = decided_claim(greffier, LONG_AGO)
    recent = decided_claim(greffier, dt.datetime(2026, 10, 5, 10, tzinfo=dt.UTC))
    avis = old.acknowledgement_pdf.name
    storage = old.acknowledgement_pdf.storage
    assert storage.exists(avis)

    with django_capture_on_commit_callbacks(execute=True):
        assert claims_anonymize() == 1
    assert claims_anonymize() == 0

    old.refresh_from_db()
    assert (old.claimant_name, old.claimant_phone, old.claimant_email, old.cause) == ("", "", "", "")
    assert old.event_place == "rue Principale, sous-sol" and not old.acknowledgement_pdf
    assert (old.status, old.amount_claimed, old.amount_paid) == (
        ClaimStatus.ACCEPTED,
        Decimal("3250.00"),
        Decimal("1800.00"),
    )
    assert not storage.exists(avis)
    assert not OutboundEmail.objects.filter(dedupe_key__startswith=f"claim:{old.pk}:").exists()
    assert client.get(reverse("claims:acknowledgement", kwargs={"token": old.tracking_token})).status_code == 404
    recent.refresh_from_db()
    assert recent.claimant_name == "Marie Tremblay" and recent.anonymized_at is None


def test_a_claim_is_kept_until_its_prescription_date_and_while_open(greffier):
    with freeze_time(LONG_AGO):
        open_claim = file_claim(today=LONG_AGO.date(), event_date=(LONG_AGO.date() - dt.timedelta(days=3)).isoformat())
    claim = decided_claim(greffier, LONG_AGO)
    Claim.objects.filter(pk=claim.pk).update(prescription_date=dt.date(2099, 1, 1))
    assert claims_anonymize() == 0
    assert Claim.objects.get(pk=open_claim.pk).claimant_name == "Marie Tremblay"


def test_an_old_access_request_loses_the_requester_and_keeps_the_register_figures(
    greffier, client, django_capture_on_commit_callbacks
):
    with freeze_time(LONG_AGO):
        old = submit_access(received_on=LONG_AGO.date())
        access_services.access_request_decide(
            access_request=old,
            decision=AccessDecision.ACCEPTED,
            answer="Voici le rapport demandé.",
            acting_user=greffier,
        )
    letters = list(old.letters.all())
    storage, names = letters[0].pdf.storage, [letter.pdf.name for letter in letters]
    assert len(letters) >= 1 and all(storage.exists(name) for name in names)
    recent = submit_access()

    with django_capture_on_commit_callbacks(execute=True):
        assert access_anonymize() == 1

    old.refresh_from_db()
    assert (old.requester_name, old.requester_address, old.requester_email, old.documents_requested) == ("", "", "", "")
    assert old.decision == AccessDecision.ACCEPTED and old.decided_on == LONG_AGO.date()
    assert not any(storage.exists(name) for name in names) and not old.letters.exclude(pdf="").exists()
    letter_url = reverse("access:letter", kwargs={"token": old.tracking_token, "letter_id": letters[0].pk})
    assert client.get(letter_url).status_code == 404
    assert AccessRequest.objects.get(pk=recent.pk).requester_name == "Jean Roy"
