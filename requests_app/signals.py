"""Receivers that keep derived copies in step with the rows they come from."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from core import page_cache
from requests_app.models import (
    Address,
    Intervention,
    RequestEvent,
    RequestPhoto,
    RequestType,
    Service,
    ServiceRequest,
)

# Sent inside the transaction that anonymizes requests (Loi 25), with `request_ids`: an app that
# keeps personal information about requests (the mailbox log) forgets it in the same transaction.
requests_anonymized = Signal()


# One version for everything a list of requests shows, read by the pages that keep such a list in the
# cache: the Open311 feed (open311.feed_cache) and the desk's likely-duplicate flags (duplicates).
# Bumped at once and on commit (core.page_cache) by every change to a request, its history, its
# Annexe A interventions, the catalogue or the civic addresses. Each receiver bumps every key its
# change touches in one call: one round trip to Redis, not one per key.
LIST_VERSION_KEY = "requests-list-v"


@receiver([post_save, post_delete], sender=ServiceRequest)
def request_changed(sender, instance, **kwargs):
    page_cache.page_changed(instance.tracking_token, LIST_VERSION_KEY)


@receiver([post_save, post_delete], sender=RequestEvent)
@receiver([post_save, post_delete], sender=Intervention)
@receiver([post_save, post_delete], sender=RequestPhoto)
def request_part_changed(sender, instance, **kwargs):
    also = () if sender is RequestPhoto else (LIST_VERSION_KEY,)  # the lists show no photo
    if sender.request.is_cached(instance):  # services create these with the request in hand
        token = instance.request.tracking_token
    else:
        token = ServiceRequest.objects.filter(pk=instance.request_id).values_list("tracking_token", flat=True).first()
    if token:
        page_cache.page_changed(token, *also)
    elif also:
        page_cache.versions_changed(*also)


@receiver([post_save, post_delete], sender=Service)
@receiver([post_save, post_delete], sender=RequestType)
def catalog_changed(sender, instance, **kwargs):
    page_cache.catalog_changed(LIST_VERSION_KEY)


@receiver([post_save, post_delete], sender=Address)
def addresses_changed(sender, **kwargs):
    page_cache.versions_changed(LIST_VERSION_KEY)


def requests_list_changed() -> None:
    """Everything a list of requests shows may have changed (a bulk load or delete sent no signal)."""
    page_cache.versions_changed(LIST_VERSION_KEY)
