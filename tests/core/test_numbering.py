"""Request numbers on a storm day: concurrent submissions do not wait for one another's number."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from complaints.models import ComplaintNumberSequence
from core import numbering
from requests_app.models import RequestNumberSequence

from ..factories import submit_request

pytestmark = pytest.mark.django_db(transaction=True)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers: the sequence path is PostgreSQL's"
)


def in_other_connection(work):
    """Another gunicorn worker: its own connection, and it gives up after half a second of waiting."""
    result: dict[str, object] = {}

    def run():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '500ms'")
                result["value"] = work()
        except DatabaseError as error:  # the lock timeout, reported to the test's thread
            result["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["value"]  # type: ignore[return-value]


@postgresql_only
def test_a_submission_still_writing_does_not_hold_up_the_next_one(catalog_after_flush):
    # The year has begun (its first submission created the sequence; the ones racing it waited once).
    submit_request()
    with transaction.atomic():
        first = submit_request()
        # Its transaction is still open: on a storm day the next citizen must not wait for it.
        second = in_other_connection(submit_request)
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


@postgresql_only
def test_the_legal_registers_stay_gapless_and_so_queue():
    with transaction.atomic():
        numbering.next_yearly_value(ComplaintNumberSequence, 2031)
        with pytest.raises(Exception, match="lock timeout"):
            in_other_connection(lambda: numbering.next_yearly_value(ComplaintNumberSequence, 2031))
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.next_yearly_value(ComplaintNumberSequence, 2031)
        raise RuntimeError("the filing failed")
    # The failed filing gave its number back.
    assert numbering.next_yearly_value(ComplaintNumberSequence, 2031) == 2


@postgresql_only
def test_a_year_whose_first_submission_failed_still_numbers():
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.next_yearly_value(RequestNumberSequence, 2032, gapless=False)
        raise RuntimeError("the first submission of the year failed, and its sequence with it")
    assert numbering.next_yearly_value(RequestNumberSequence, 2032, gapless=False) == 1


def test_numbers_continue_after_the_counter_and_past_loaded_ones():
    """Switching to the sequence keeps counting from the counter table; a bulk load moves both."""
    RequestNumberSequence.objects.create(year=2033, last_value=41)
    assert numbering.next_yearly_value(RequestNumberSequence, 2033, gapless=False) == 42
    numbering.move_yearly_value_past(RequestNumberSequence, 2033, 500_000)
    assert numbering.last_yearly_value(RequestNumberSequence, 2033) == 500_000
    assert numbering.next_yearly_value(RequestNumberSequence, 2033, gapless=False) == 500_001
