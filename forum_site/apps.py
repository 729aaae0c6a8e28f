from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumSiteConfig(AppConfig):
    name = "forum_site"
    verbose_name = _("Trang chung")

    def ready(self) -> None:
        from forum_site import audit, slugs

        slugs.connect()
        audit.connect()
