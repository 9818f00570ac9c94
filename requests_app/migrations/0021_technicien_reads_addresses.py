"""The Technicien looks up the civic-address table (it is loaded by import, not typed)."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"


def grant(apps, schema_editor):
    grant_to_group(apps, TECHNICIEN, [("requests_app", "view_address")])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_confidentiality_incidents"), ("requests_app", "0020_civic_addresses")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
