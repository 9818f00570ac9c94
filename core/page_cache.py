"""Public pages kept in the cache: the citizen's status page whole, the request form's fields.

The status page
---------------

A status page is read many times (the citizen's bookmark, the link in every e-mail) and changes a
few times in its life. For a visitor without a session or messages cookie the page is the same for
everyone who holds the link, so it is stored per tracking token and language and served without
touching the database.

Freshness does not rest on a timeout: each token has a version number in the cache, and the page is
stored with the version read *before* the database was, and served only while that is still the
current version. Every save or delete of what the page shows
(the request, its events, its Annexe A interventions, its photos) bumps the version at once and again
on commit, so a page rendered from a state that a commit has since replaced is stored under a version
nobody reads any more. The timeout only bounds what a flushed or evicted version key could leave.

The request form
----------------
Rendering the form's fields (crispy-forms, the service and type choices) costs more than the rest
of the page; unbound, they depend only on the language and the catalogue, so the template caches
them under the catalogue's version, which every save or delete of a service or a type bumps.

The Open311 feed
----------------
`requests.json` and `.xml` are kept the same way under one version for the whole feed (open311),
bumped by every change to a request, its public notes or the catalogue.

The cache is a convenience: when Redis does not answer (core.cache), every visit is a
miss and the page is rendered from the database.
"""

import re
import secrets
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction

from core import just_filed

PAGE_TIMEOUT = 600


# secrets.token_urlsafe(32): 43 URL-safe characters. Anything else is not a link we issued, and
# must not become a cache key (a 10,000-character address would).
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def is_token(token: str) -> bool:
    return TOKEN.fullmatch(token) is not None


def _version_key(token: str) -> str:
    return f"track-v:{token}"


def _page_key(token: str, language: str) -> str:
    return f"track-page:{token}:{language}"


def is_shared_view(request) -> bool:
    """True when nothing in the page depends on who asks: no session (staff header), no « just
    received » banner to show and no pending flash message."""
    cookies = request.COOKIES
    return not any(
        name in cookies for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, just_filed.COOKIE)
    )


def lookup(token: str, language: str) -> tuple[int, bytes | None]:
    """(current version, the page if one was stored under it), in one round trip."""
    return lookup_versioned(_version_key(token), _page_key(token, language))


def store(token: str, language: str, version: int, content: bytes) -> None:
    """Keep the page rendered after reading `version`; a later change makes it unreadable."""
    store_versioned(_page_key(token, language), version, content, PAGE_TIMEOUT)


def lookup_versioned(version_key: str, page_key: str) -> tuple[int, Any]:
    """Anything kept under a version key (the status page, the Open311 feed, the desk's duplicate
    flags): (current version, what was stored under that version or None), in one round trip."""
    found = cache.get_many([version_key, page_key])
    version = found.get(version_key, 0)
    stored = found.get(page_key)
    if stored is not None and stored[0] == version:
        return version, stored[1]
    return version, None


def store_versioned(page_key: str, version: int, content: Any, timeout: int) -> None:
    cache.set(page_key, (version, content), timeout)


def _bump_all(keys) -> None:
    # A version only has to differ from the one a reader saw: a random one is a single write, and
    # several keys are one MSET.
    cache.set_many({key: secrets.randbits(62) for key in keys}, timeout=None)


class _BumpOnCommit:
    """The version keys an atomic block changed, bumped together when it commits."""

    def __init__(self, keys):
        self.keys, self.ran = set(keys), False

    def __call__(self) -> None:
        self.ran = True
        _bump_all(self.keys)


def versions_changed(*keys: str) -> None:
    """Bump `keys` at once, and again when the current atomic block commits.

    A submission saves the request, its history and its outbox row in one block, each change
    bumping its pages' keys: the keys are bumped at once only the first time in the block, and
    all together on commit, in one round trip each (issue 20). Only the same block (a savepoint
    rolled back drops its callbacks), and only back to the last callback run early: the tests run
    a block's callbacks before the commit, while older ones of the test's transaction wait forever."""
    connection = transaction.get_connection()
    level = set(connection.savepoint_ids)
    pending = None
    for sids, hook, _robust in reversed(connection.run_on_commit):
        if isinstance(hook, _BumpOnCommit):
            if hook.ran:
                break
            if sids == level:
                pending = hook
                break
    new = [key for key in dict.fromkeys(keys) if pending is None or key not in pending.keys]
    if not new:
        return
    _bump_all(new)
    if pending is None:
        transaction.on_commit(_BumpOnCommit(new))  # outside a block, this runs at once
    else:
        pending.keys.update(new)


def page_changed(token: str, *also: str) -> None:
    """Called for every change to what the status page shows; `also`: other version keys the same
    change bumps (one round trip for all)."""
    versions_changed(_version_key(token), *also)


CATALOG_VERSION_KEY = "catalog-v"


def catalog_version() -> int:
    return cache.get(CATALOG_VERSION_KEY, 0)


def catalog_changed(*also: str) -> None:
    """Called for every change to the services and types the forms offer."""
    versions_changed(CATALOG_VERSION_KEY, *also)
