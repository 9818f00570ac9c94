"""The roles of the policy as groups, each with the permissions it needs and nothing more."""

from django.db import migrations

from accounts.enums import Role
from accounts.migration_helpers import grant_to_group

# Only the Technicien works in the Django admin; the other roles use the staff pages, whose
# views check the role and the service themselves.
PERMISSIONS = {
    Role.TECHNICIEN: [
        "requests_app.view_request",
        "requests_app.change_request",
        "requests_app.add_request",
        "requests_app.view_requestevent",
        "requests_app.view_intervention",
        "requests_app.view_service",
        "requests_app.change_service",
        "requests_app.view_requesttype",
        "requests_app.add_requesttype",
        "requests_app.change_requesttype",
        "requests_app.view_interventioncode",
        "requests_app.view_closureday",
        "requests_app.add_closureday",
        "requests_app.change_closureday",
        "requests_app.delete_closureday",
        "requests_app.view_outboundemail",
        "requests_app.change_outboundemail",
        "accounts.view_user",
    ],
}


def create_groups(apps, schema_editor):
    for role in Role:
        grant_to_group(apps, role.value, [tuple(dotted.split(".")) for dotted in PERMISSIONS.get(role, [])])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("requests_app", "0002_seed_catalog"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
