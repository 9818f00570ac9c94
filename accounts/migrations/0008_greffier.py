"""The greffier receives réclamations and acts for the DG on access requests (policy 4.6)."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group


def create_group(apps, schema_editor):
    grant_to_group(apps, "Greffier", [])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_technicien_views_designations")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
