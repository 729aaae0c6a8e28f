"""The unaccent extension on PostgreSQL, for the admin's diacritic-blind search (core/folding.py)."""

from django.db import migrations


def create_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_review_requests")]

    operations = [migrations.RunPython(create_unaccent, migrations.RunPython.noop)]
