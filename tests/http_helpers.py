from django.core.signals import request_finished
from django.db import close_old_connections


def read_and_close(response) -> bytes:
    """Consume a streamed response and release its file, as the server would after sending it.

    Closing a response sends request_finished, whose close_old_connections would close the
    test's database connection in the middle of its transaction (PostgreSQL): the test client
    keeps that receiver off while it runs the view, and so do we while closing."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return content
