"""Prévost's catalogue on a fresh install, and the trigram indexes of the Technicien's text search.

Django's admin search is `UPPER(column) LIKE UPPER('%term%')`: without these indexes each search
reads the whole table (1.1 s on a million requests). pg_trgm is a trusted extension (PostgreSQL 13+):
the database owner may create it. SQLite, the embedded default, has no such index and needs none.
"""

from django.db import migrations

from requests_app.catalog_seed import catalog_seed

SEARCHED_COLUMNS = ("number", "requester_name", "requester_email", "location_address", "requester_address")


def seed(apps, schema_editor):
    catalog_seed(apps)


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("requests_app", "ServiceRequest")._meta.db_table
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in SEARCHED_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS request_{column}_trgm ON {table} USING gin (UPPER(\"{column}\") gin_trgm_ops)"
        )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS request_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0001_initial")]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
