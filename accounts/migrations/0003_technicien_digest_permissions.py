"""The Technicien follows the monthly digests in the admin and can resend one."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"
CODENAMES = ["view_digestdelivery", "change_digestdelivery"]


def grant(apps, schema_editor):
    grant_to_group(apps, TECHNICIEN, [("requests_app", codename) for codename in CODENAMES])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_groups"), ("requests_app", "0003_digests")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
