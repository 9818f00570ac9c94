"""Publishing a task from a web request without ever waiting on the broker.

Work handed to Celery is always recorded first (an outbox row, a digest delivery) and a beat job
picks up whatever was not published. So a publish is a best effort: one attempt, on a connection
with short timeouts, and none at all for half a minute after a failure. A Redis that refuses,
hangs or vanishes costs a citizen's submission at most about a second, once per process, instead
of the 19 s a retry loop with the workers' timeouts took.

The connection is kept for the process's life (issue 20): a fresh one per publish cost a connect and
a queue declaration, three Redis round trips and about a third of a submission's time.
"""

import importlib
import logging
import time
from typing import Any

import redis
from celery import current_app
from django.conf import settings

logger = logging.getLogger(__name__)
PUBLISH_TIMEOUT = 0.5  # seconds to connect, and to wait for Redis to answer
COOL_OFF = 30.0  # seconds without trying once a publish failed (the outbox flush runs every two minutes)
_state: dict[str, Any] = {"down_until": 0.0, "connection": None}


def broker_available() -> bool:
    return time.monotonic() >= _state["down_until"]


def reset() -> None:
    """Forget a failure and the kept connection (tests; or when the operator knows Redis is back)."""
    _state["down_until"] = 0.0
    _drop_connection()


def _connection(app):
    if _state["connection"] is None:
        options: dict[str, float] = {**settings.CELERY_BROKER_TRANSPORT_OPTIONS}
        options.update(socket_connect_timeout=PUBLISH_TIMEOUT, socket_timeout=PUBLISH_TIMEOUT, max_retries=0)
        _state["connection"] = app.connection_for_write(connect_timeout=PUBLISH_TIMEOUT, transport_options=options)
    return _state["connection"]


def _drop_connection() -> None:
    connection, _state["connection"] = _state["connection"], None
    if connection is not None:
        try:
            connection.release()
        except Exception:  # already broken: nothing to give back
            logger.debug("Dropping a broken broker connection", exc_info=True)


def publish(task, *args) -> bool:
    """Queue `task(*args)`; False when the broker is away (the caller's recorded row waits for the beat job).

    `task` may be the task's registered name: a service then need not import its own app's tasks
    module, which imports the service."""
    if not broker_available():
        return False
    if isinstance(task, str):
        # A web process has not imported the tasks modules (only a worker autodiscovers them).
        importlib.import_module(task.rpartition(".")[0])
        task = current_app.tasks[task]
    app = task.app
    if app.conf.task_always_eager:  # no broker (development, tests): the task runs here and now
        try:
            task.apply_async(args)
        except Exception:
            logger.exception("Task %s%s failed in-process; the beat job will try again.", task.name, args)
        return True
    for attempt in (1, 2):
        reused = _state["connection"] is not None
        try:
            # ignore_result: no subscription to the result backend (the same Redis), whose client would
            # retry for many seconds; nothing in a web request ever waits for a task's result.
            task.apply_async(args, connection=_connection(app), retry=False, ignore_result=True)
            return True
        except Exception as error:  # refused, timed out, unknown host: all mean « later »
            _drop_connection()
            # A kept connection that Redis closed meanwhile (a restart, an idle timeout) fails at once:
            # one fresh attempt. A timeout is Redis hanging, and a second wait would double the cost.
            if attempt == 1 and reused and not _is_timeout(error):
                continue
            _state["down_until"] = time.monotonic() + COOL_OFF
            logger.warning(
                "Could not queue %s%s; its recorded row waits for the beat job.", task.name, args, exc_info=True
            )
    return False


def _is_timeout(error: BaseException) -> bool:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, (TimeoutError, redis.exceptions.TimeoutError)):
            return True
        cause = cause.__cause__ or cause.__context__  # kombu re-raises the client's error as its own
    return False
