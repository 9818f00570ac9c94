"""The Technicien keeps the annual closures as he keeps the single closure days."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"


def grant(apps, schema_editor):
    grant_to_group(
        apps,
        TECHNICIEN,
        [
            ("requests_app", f"{action}_{model}")
            for model in ("recurringclosure", "recurringclosureskip")
            for action in ("view", "add", "change", "delete")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_confidentiality_incidents"), ("requests_app", "0022_recurring_closures")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
