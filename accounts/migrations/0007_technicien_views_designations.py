"""The Technicien reads the history of Annexe C designations in the admin (read-only there)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TECHNICIEN = "Technicien du Service aux citoyens"


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name=TECHNICIEN).permissions.add(
        Permission.objects.get(content_type__app_label="requests_app", codename="view_designation")
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_technicien_manages_accounts"), ("requests_app", "0005_designations")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
