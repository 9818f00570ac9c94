"""The Technicien follows the monthly digests in the admin and can resend one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TECHNICIEN = "Technicien du Service aux citoyens"
CODENAMES = ["view_digestdelivery", "change_digestdelivery"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name=TECHNICIEN)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="requests_app", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_groups"), ("requests_app", "0003_digests")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
