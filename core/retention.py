"""What every retention job shares (Loi 25): locked batches until nothing is left, files after commit.

Each app says what its kind of demand loses (requests_app/services/retention.py,
complaints/retention.py); this runs it so that a run interrupted half-way resumes where it
stopped and two runs at once never take the same rows.
"""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import QuerySet


def anonymize_in_batches(select: Callable[[], QuerySet], anonymize: Callable[[list], None], *, batch: int) -> int:
    """Lock up to `batch` rows of `select()`, hand them to `anonymize` (which must mark them so
    `select` no longer returns them), commit, and again; returns how many were done."""
    done = 0
    while True:
        with transaction.atomic():
            rows = list(select().select_for_update(skip_locked=True, of=("self",))[:batch])
            if not rows:
                return done
            anonymize(rows)
        done += len(rows)


def delete_files_on_commit(files: Iterable) -> None:
    """Files go once the rows no longer point to them for good: a rolled-back batch keeps both."""
    files = [f for f in files if f]
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
