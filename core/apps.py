from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: shared by every app, importing none of them (docs/architecture.md)."""

    name = "core"
    verbose_name = _("Trang chung")

    def ready(self) -> None:
        from django.urls import register_converter

        from core import audit, caching, folding, ratelimit, slugs
        from core.citations import FormatConverter
        from core.registry import content_types

        content_types.autodiscover()  # every app's content_types.py: what each model takes part in
        register_converter(FormatConverter, "citation_format")
        caching.connect()
        ratelimit.connect()
        slugs.connect()
        folding.connect()  # the admin's diacritic-blind search: field__fcontains
        audit.connect()
        post_migrate.connect(_sync_roles, dispatch_uid="core.sync_roles")


def _sync_roles(sender, using="default", **kwargs) -> None:
    """Roles follow the declared content types after every migrate (and flush): no data migration per model.

    post_migrate is sent once per app that has models, after that app's permissions exist; the last such app's
    signal is the one that sees every permission (the top floor has no models, so it is not that app).
    """
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    from core.roles import sync_roles

    sync_roles(using=using)
