from contextlib import contextmanager

from prevost_service.celery import app


def _drop_cached_pools():
    # Celery caches its connection and producer pools on first use (even eager calls acquire a
    # producer): a changed broker_url is only used once the app forgets them. They are not closed:
    # kombu keeps them in a registry per broker URL and would hand a closed one back later.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_config(**changes):
    saved = {key: app.conf[key] for key in changes}
    app.conf.update(changes)
    _drop_cached_pools()
    try:
        yield app
    finally:
        app.conf.update(saved)
        _drop_cached_pools()
