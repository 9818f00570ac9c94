"""The Technicien keeps the questions a type asks, as he keeps the types themselves."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"


def grant(apps, schema_editor):
    grant_to_group(
        apps,
        TECHNICIEN,
        [("requests_app", f"{action}_requesttypeattribute") for action in ("view", "add", "change", "delete")],
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_confidentiality_incidents"), ("requests_app", "0025_request_type_attributes")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
