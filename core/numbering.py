"""Numbers like 2026-000123: a counter per year and kind of number.

Two guarantees to choose from. The registers of the legal processes (complaints, claims, access
requests) are gapless: the year's row in the counter table is incremented inside the filing's
transaction, so a filing that fails gives its number back, and concurrent filings queue on that row
until each commits. Those are a few a day. Citizen requests come by the hundred on a storm day,
and holding that row lock for a whole submission serialised them (issue 20): on PostgreSQL they
draw from a database sequence per year, which never blocks and never rolls back, so a submission
that fails after taking its number leaves a gap. Numbers stay unique and increasing either way.
"""

from django.db import DatabaseError, connection, models, transaction


class YearlySequence(models.Model):
    """A counter per year for numbers like 2026-000123; subclass it per kind of number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


# Sequences this process has seen committed: the common case then costs one `nextval`.
_known_sequences: set[str] = set()


def forget_sequences() -> None:
    """Look again before drawing (tests: a test's transaction rolled back may have held the creation)."""
    _known_sequences.clear()


def next_yearly_value(sequence_model, year: int, *, gapless: bool = True) -> int:
    """The year's next value. `sequence_model` has `year` (primary key) and `last_value`.

    gapless=False draws from a PostgreSQL sequence named after the table and the year (created on
    the year's first number, starting after the table's value); SQLite, which serialises writers
    anyway, always uses the table."""
    if not gapless and connection.vendor == "postgresql":
        return _next_from_sequence(sequence_model, year)
    table = sequence_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_value) VALUES (%s, 1) "
            f"ON CONFLICT (year) DO UPDATE SET last_value = {table}.last_value + 1 RETURNING last_value",
            [year],
        )
        (value,) = cursor.fetchone()
    return value


def last_yearly_value(sequence_model, year: int) -> int:
    """The last value given for the year, by the table or by the sequence."""
    table = sequence_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value FROM {table} WHERE year = %s", [year])
        row = cursor.fetchone()
        last = row[0] if row else 0
        name = _sequence_name(sequence_model, year)
        if connection.vendor == "postgresql" and _sequence_exists(cursor, name):
            cursor.execute(f"SELECT last_value, is_called FROM {name}")
            value, is_called = cursor.fetchone()
            last = max(last, value if is_called else value - 1)
    return last


def move_yearly_value_past(sequence_model, year: int, value: int) -> None:
    """Make sure the year's next number is above `value` (numbers loaded from elsewhere)."""
    sequence_model.objects.get_or_create(year=year)
    sequence_model.objects.filter(year=year, last_value__lt=value).update(last_value=value)
    with connection.cursor() as cursor:
        name = _sequence_name(sequence_model, year)
        if connection.vendor == "postgresql" and _sequence_exists(cursor, name):
            cursor.execute(
                f"SELECT setval(%s, GREATEST(%s, (SELECT last_value FROM {name})))",
                [name, value],
            )


def _sequence_name(sequence_model, year: int) -> str:
    return f"{sequence_model._meta.db_table}_{int(year)}"


def _sequence_exists(cursor, name: str) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
    return cursor.fetchone()[0]


def _next_from_sequence(sequence_model, year: int) -> int:
    name = _sequence_name(sequence_model, year)
    with connection.cursor() as cursor:
        if name not in _known_sequences and not _sequence_exists(cursor, name):
            _create_sequence(cursor, sequence_model, year, name)
        cursor.execute("SELECT nextval(%s)", [name])
        (value,) = cursor.fetchone()
    if name not in _known_sequences:
        # Only once the transaction that may have created it commits: a rolled-back creation is gone.
        transaction.on_commit(lambda: _known_sequences.add(name))
    return value


def _create_sequence(cursor, sequence_model, year: int, name: str) -> None:
    table = sequence_model._meta.db_table
    cursor.execute(f"SELECT last_value FROM {table} WHERE year = %s", [year])
    row = cursor.fetchone()
    start = (row[0] if row else 0) + 1
    try:
        # Two processes may start the year at once: the second one's CREATE fails on the catalogue's
        # unique index once the first commits, and then simply uses the sequence the first made.
        with transaction.atomic():
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {int(start)}")
    except DatabaseError:
        pass
