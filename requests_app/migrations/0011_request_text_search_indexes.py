"""Trigram indexes for the Technicien's text search (number, name, e-mail, addresses), on PostgreSQL.

Django's admin search is `UPPER(column) LIKE UPPER('%term%')`: without these, each search reads
the whole table (1.1 s on a million requests). pg_trgm is a trusted extension (PostgreSQL 13+):
the database owner may create it. SQLite, the embedded default, has no such index and needs none.
"""

from django.db import migrations

COLUMNS = ("number", "requester_name", "requester_email", "location_address", "requester_address")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS request_{column}_trgm "
            f'ON requests_app_request USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS request_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0010_satisfaction")]
    operations = [migrations.RunPython(create, drop)]
