from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumSiteConfig(AppConfig):
    """The top floor: home and cross-app pages, sitemaps, JSON-LD, the site-wide loading command."""

    name = "forum_site"
    verbose_name = _("Trang web")
