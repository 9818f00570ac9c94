"""The Technicien reads the history of Annexe C designations in the admin (read-only there)."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"


def grant(apps, schema_editor):
    grant_to_group(apps, TECHNICIEN, [("requests_app", "view_designation")])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_technicien_manages_accounts"), ("requests_app", "0005_designations")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
