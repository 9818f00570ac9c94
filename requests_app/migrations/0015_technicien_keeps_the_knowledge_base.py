"""The Technicien writes the knowledge base and the standard answers (his journal of problems and
solutions, for colleagues)."""

from django.db import migrations

from accounts.migration_helpers import grant_to_group

TECHNICIEN = "Technicien du Service aux citoyens"


def grant(apps, schema_editor):
    grant_to_group(
        apps,
        TECHNICIEN,
        [
            ("requests_app", f"{action}_{model}")
            for model in ("article", "standardanswer")
            for action in ("add", "change", "delete", "view")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_confidentiality_incidents"), ("requests_app", "0014_knowledge_base")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
