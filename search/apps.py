from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from search import index

        # Index upkeep for every searchable model the apps declare in their content_types.py (core/registry.py;
        # the registry discovers the declarations on its first read if core's ready() has not yet).
        index.connect()
        post_migrate.connect(_ensure_search_schema, sender=self, dispatch_uid="search.ensure_schema")


def _ensure_search_schema(sender, using="default", **kwargs) -> None:
    """Recreate SQLite's FTS triggers if a migration remade the index table (search/schema.py)."""
    from django.db import connections

    from search import schema

    schema.ensure_sqlite(connections[using])
