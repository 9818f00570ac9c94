from django.db import migrations

from legal.provisions_seed import provisions_seed


def seed(apps, schema_editor):
    provisions_seed(apps)


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
