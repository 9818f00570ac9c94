"""Policy 4.1: the Technicien is « Responsable de la gestion des droits du système de requêtes »."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"
PERMISSIONS = [("accounts", "add_user"), ("accounts", "change_user"), ("accounts", "view_user"),
               ("accounts", "view_rightschange"), ("auth", "view_group")]


def grant(apps, schema_editor):
    grant_to_group(apps, TECHNICIEN, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_availability_rights_log")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
