"""Policy 4.1: the Technicien is « Responsable de la gestion des droits du système de requêtes »."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TECHNICIEN = "Technicien du Service aux citoyens"
PERMISSIONS = [("accounts", "add_user"), ("accounts", "change_user"), ("accounts", "view_user"),
               ("accounts", "view_rightschange"), ("auth", "view_group")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name=TECHNICIEN)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_availability_rights_log")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
