"""The Technicien reads what the mailbox intake did with each message (his inbox's log)."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"


def grant(apps, schema_editor):
    grant_to_group(apps, TECHNICIEN, [("requests_app", "view_inboundemail")])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_confidentiality_incidents"), ("requests_app", "0018_email_intake")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
