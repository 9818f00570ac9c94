"""The Open311 request feed kept whole in the cache (issue 20): other cities' apps and journalists
poll `requests.json`, and a thousand requests cost about a tenth of a second to read and write out.

A list answer is stored per format, language and query, under the version of everything a list of
requests shows, which every change to a request, its history, its Annexe A interventions, the
catalogue or the addresses bumps at once and on commit (requests_app.signals, core.page_cache). The default window ends « now » and moves
without any change: the stored answer lives at most FEED_TIMEOUT, which bounds how long a request
that just left the 90 days may still be listed.
"""

import hashlib

from core import page_cache
from requests_app.signals import LIST_VERSION_KEY

FEED_TIMEOUT = 60


def page_key(fmt: str, language: str, query: list[tuple[str, str]]) -> str:
    wanted = "&".join(f"{name}={value}" for name, value in sorted(query))
    # The query can be long, and is the client's: hashed, it is a fixed-size key.
    digest = hashlib.sha256(f"{fmt}|{language}|{wanted}".encode()).hexdigest()
    return f"open311-feed:{digest}"


def lookup(key: str) -> tuple[int, bytes | None]:
    return page_cache.lookup_versioned(LIST_VERSION_KEY, key)


def store(key: str, version: int, content: bytes) -> None:
    page_cache.store_versioned(key, version, content, FEED_TIMEOUT)
