"""Redis as a cache and nothing more: when it does not answer, reads miss and writes are dropped.

Everything the portal keeps in the cache (closure dates, the status pages, Open311 rate windows)
can be recomputed or skipped, so a Redis outage must slow pages down, not fail them: a citizen's
submission computes business days, which read the cache. Connection refusals are immediate; the
socket timeouts in the settings bound a Redis that hangs, and after one failure the cache is not
asked again for half a minute, so a hung Redis costs a request one timeout, not one per call.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


COOL_OFF = 30.0  # seconds without asking Redis once it failed to answer (a miss costs a query, a timeout half a second)


def _forgiving(fallback):
    def decorate(method):
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:  # a Redis that hangs is not waited for on every call
                return fallback(*args, **kwargs) if callable(fallback) else fallback
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._down_until = time.monotonic() + COOL_OFF
                logger.warning("cache unavailable (%s): %s skipped", error.__class__.__name__, method.__name__)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        wrapper.__name__ = method.__name__
        wrapper.__doc__ = method.__doc__
        return wrapper

    return decorate


class _ReusedClients(RedisCacheClient):
    """Django builds a new redis.Redis around the pool for every operation; with redis-py 8 that
    costs more than the round trip itself (~0.3 ms). A client is thread-safe: keep one per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClients
        self._down_until = 0.0

    get = _forgiving(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _forgiving({})(RedisCache.get_many)
    has_key = _forgiving(False)(RedisCache.has_key)
    add = _forgiving(False)(RedisCache.add)
    set = _forgiving(None)(RedisCache.set)
    set_many = _forgiving([])(RedisCache.set_many)
    touch = _forgiving(False)(RedisCache.touch)
    delete = _forgiving(False)(RedisCache.delete)
    delete_many = _forgiving(None)(RedisCache.delete_many)
    # Counters (Open311 rate windows) fail open: a client is not refused because Redis is down.
    incr = _forgiving(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    clear = _forgiving(False)(RedisCache.clear)
