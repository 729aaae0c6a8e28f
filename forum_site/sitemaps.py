"""sitemap.xml (published content only, both languages), robots.txt and the web app manifest.

The sections: "trang" (the site's list and information pages, named here), then one section per content type
declared with `sitemap=SitemapSection(...)` in its app's content_types.py (core/registry.py).
Absolute URLs come from `core.links` (settings.SITE_URL), never from the request's Host header.
"""

import json
from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse

from core.caching import public_file
from core.links import absolute_url, site_netloc, site_scheme
from core.registry import SitemapSection, content_types


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
    def __init__(self, section: SitemapSection):
        super().__init__()
        self.section = section

    def items(self):
        return self.section.items()  # a fresh query on each request (the sitemap follows publishing)

    def lastmod(self, obj):
        return obj.updated_at


class DeclaredSitemaps(Mapping):
    """The sitemap view's sections, read from the declarations on each request."""

    def _sections(self) -> dict[str, SiteSitemap]:
        declared = [c.sitemap for c in content_types if c.sitemap is not None]
        return {"trang": PagesSitemap(), **{section.name: ContentSitemap(section) for section in declared}}

    def __getitem__(self, name: str) -> SiteSitemap:
        return self._sections()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sections())

    def __len__(self) -> int:
        return len(self._sections())

    # One object, equal only to itself: reverse("sitemap") compares the URL pattern's default kwargs with `==`,
    # and two readings of the sections are never equal (new Sitemap instances).
    __eq__ = object.__eq__
    __hash__ = object.__hash__


SITEMAPS = DeclaredSitemaps()


@public_file
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /gop-y/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_file
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


def public_paths() -> list[str]:
    """Every address the sitemap lists, in both languages (paths only): what a new release warms (`warm_site`)."""
    paths: list[str] = []
    for section in SITEMAPS.values():
        for page in section.paginator.page_range:
            paths += [urlsplit(url["location"]).path for url in section.get_urls(page=page)]
    return list(dict.fromkeys(paths))
