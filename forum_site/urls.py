from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path
from django.views.generic import TemplateView

from core import twofactor
from core.attachments import attachment_download
from core.caching import public_page
from core.feedback import feedback_view
from core.health import healthz, readyz
from forum_site import views
from forum_site.sitemaps import SITEMAPS, robots_txt, web_manifest
from search import views as search_views

handler404 = "forum_site.views.page_not_found"
handler500 = "forum_site.views.server_error"
handler403 = "forum_site.views.permission_denied"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # For a load balancer: never cached, no template, no session.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path(
        "sitemap.xml",
        public_page(sitemap_view),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("manifest.webmanifest", web_manifest, name="manifest"),
    # Original files: outside i18n_patterns, the same bytes in every language.
    path("tep-goc/<int:pk>/<str:name>", attachment_download, name="attachment"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dien-dan/<int:year>/", views.edition_detail, name="edition"),
    path("dien-dan/<int:year>/trich-dan.<citation_format:fmt>", views.edition_citation, name="edition_citation"),
    path("su-kien/<slug:series_slug>/<int:year>/", views.series_edition_detail, name="series_edition"),
    path(
        "su-kien/<slug:series_slug>/<int:year>/trich-dan.<citation_format:fmt>",
        views.edition_citation,
        name="series_edition_citation",
    ),
    path("chu-de/<slug:slug>/", views.topic_detail, name="topic"),
    path("co-quan/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("nguon/", views.source_list, name="sources"),
    path("tim-kiem/", search_views.search, name="search"),
    path(
        "gioi-thieu/",
        public_page(TemplateView.as_view(template_name="pages/about.html")),
        name="about",
    ),
    path(
        "tuyen-bo-tiep-can/",
        public_page(TemplateView.as_view(template_name="pages/accessibility.html")),
        name="accessibility",
    ),
    path(
        "quyen-rieng-tu/",
        public_page(TemplateView.as_view(template_name="pages/privacy.html")),
        name="privacy",
    ),
    path("gop-y/", feedback_view, name="feedback"),
    path("", include("editions.urls")),
    path("", include("resolutions.urls")),
    # Two-factor sign-in (core/twofactor.py), before the admin's own URLs.
    path("quan-tri/hai-buoc/xac-thuc/", twofactor.verify, name="core_two_factor_verify"),
    path("quan-tri/hai-buoc/thiet-lap/", twofactor.setup, name="core_two_factor_setup"),
    path("quan-tri/hai-buoc/ma-khoi-phuc/", twofactor.recovery_codes, name="core_two_factor_codes"),
    path("quan-tri/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
