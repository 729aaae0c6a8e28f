"""sitemap.xml (published content only, both languages), robots.txt and the web app manifest.

Absolute URLs come from `core.links` (settings.SITE_URL), never from the request's Host header.
"""

import json

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.links import absolute_url, site_netloc, site_scheme
from editions.models import Edition, Organisation, Person, Series, SeriesKind, Topic
from resolutions.models import Document, Task


class SiteSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def protocol(self):
        return site_scheme()

    def get_domain(self, site=None):
        return site_netloc()


class PagesSitemap(SiteSitemap):
    changefreq = "weekly"
    names = [
        "home",
        "editions:edition_list",
        "editions:series_list",
        "editions:topic_list",
        "editions:person_list",
        "editions:organisation_list",
        "editions:figures",
        "resolutions:document_list",
        "resolutions:tracker",
        "resolutions:open_data",
        "sources",
        "about",
        "accessibility",
        "privacy",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class ContentSitemap(SiteSitemap):
    def __init__(self, queryset):
        super().__init__()
        self.queryset = queryset

    def items(self):
        # A fresh query each time: the module-level queryset would otherwise keep its first results for good.
        return self.queryset.all()

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {
    "trang": PagesSitemap(),
    "ky": ContentSitemap(Edition.objects.published().select_related("series").order_by("pk")),
    "chuoi": ContentSitemap(Series.objects.published().filter(kind=SeriesKind.RELATED).order_by("pk")),
    "chu-de": ContentSitemap(Topic.objects.published().order_by("pk")),
    "nhan-vat": ContentSitemap(Person.objects.published().order_by("pk")),
    "co-quan": ContentSitemap(Organisation.objects.published().order_by("pk")),
    "van-ban": ContentSitemap(Document.objects.published().order_by("pk")),
    "nhiem-vu": ContentSitemap(Task.objects.published().select_related("document").order_by("pk")),
}


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /gop-y/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def web_manifest(request):
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": "Kinh tế số",
        "lang": "vi",
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [{"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return HttpResponse(json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json")
