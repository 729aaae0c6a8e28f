from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from forum_site import views
from forum_site.attachments import attachment_download

handler404 = "forum_site.views.page_not_found"
handler500 = "forum_site.views.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Original files: outside i18n_patterns, the same bytes in every language.
    path("tep-goc/<int:pk>/<str:name>", attachment_download, name="attachment"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dien-dan/<int:year>/", views.edition_detail, name="edition"),
    path("su-kien/<slug:series_slug>/<int:year>/", views.series_edition_detail, name="series_edition"),
    path("chu-de/<slug:slug>/", views.topic_detail, name="topic"),
    path("co-quan/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("nguon/", views.source_list, name="sources"),
    path("", include("editions.urls")),
    path("", include("resolutions.urls")),
    path("quan-tri/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
