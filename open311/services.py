"""Keys of the organisations that file requests through Open311: issued once, revoked, never deleted."""

import secrets

from django.utils import timezone

from open311.models import ApiKey, hash_key


def api_key_issue(*, api_key: ApiKey) -> str:
    """Give this key a new secret and save it; returns the secret, the only time it is readable."""
    raw = secrets.token_urlsafe(32)
    api_key.key_hash = hash_key(raw)
    api_key.key_prefix = raw[:8]
    api_key.save()
    return raw


def api_key_revoke(*, api_key: ApiKey) -> None:
    ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
