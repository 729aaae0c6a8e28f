"""Search engine structures, version 2 (forum_site/search/schema.py): a thing's names (SearchEntry.identifiers)
are searched with its title — PostgreSQL gains `title_vector` and drops `exact_vector`; SQLite's FTS5 table indexes
`identifiers` instead of `exact`. Derived data only: the FTS tables are refilled from the rows; run
`manage.py rebuild_search_index` afterwards to rewrite the rows themselves with the current code."""

from django.db import migrations

from forum_site.search import schema


def upgrade(apps, schema_editor):
    schema.upgrade_to_v2(schema_editor)


def downgrade(apps, schema_editor):
    schema.downgrade_to_v1(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("forum_site", "0005_search_index"),
    ]

    operations = [
        migrations.RunPython(upgrade, downgrade, elidable=False),
    ]
