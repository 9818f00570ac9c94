from django.db import connection, models


class YearlySequence(models.Model):
    """A counter per year for numbers like 2026-000123; subclass it per kind of number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


def next_yearly_value(sequence_model, year: int) -> int:
    """Create or increment the year's counter in one statement: concurrent writers queue on that
    row and each gets its own value, on PostgreSQL as on SQLite. `sequence_model` has `year`
    (primary key) and `last_value`."""
    table = sequence_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_value) VALUES (%s, 1) "
            f"ON CONFLICT (year) DO UPDATE SET last_value = {table}.last_value + 1 RETURNING last_value",
            [year],
        )
        (value,) = cursor.fetchone()
    return value
