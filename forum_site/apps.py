from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumSiteConfig(AppConfig):
    name = "forum_site"
    verbose_name = _("Trang chung")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from forum_site import audit, slugs
        from forum_site.search import index

        slugs.connect()
        audit.connect()
        # Search index upkeep for every model the apps register (in their own ready()).
        index.connect()
        post_migrate.connect(_ensure_search_schema, sender=self, dispatch_uid="forum_site.search.ensure_schema")


def _ensure_search_schema(sender, using="default", **kwargs) -> None:
    """Recreate SQLite's FTS triggers if a migration remade the index table (forum_site/search/schema.py)."""
    from django.db import connections

    from forum_site.search import schema

    schema.ensure_sqlite(connections[using])
