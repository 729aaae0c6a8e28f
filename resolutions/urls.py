from django.urls import path

from core.caching import public_page
from resolutions import data_views, versions, views
from resolutions.feeds import OrganisationFeed, SiteFeed, TaskFeed

app_name = "resolutions"

urlpatterns = [
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/<slug:key>/", views.document_detail, name="document"),
    path("van-ban/<slug:key>/trich-dan.<citation_format:fmt>", views.document_citation, name="document_citation"),
    path(
        "van-ban/<slug:key>/muc/<int:number>/trich-dan.<citation_format:fmt>",
        views.section_citation,
        name="section_citation",
    ),
    path("van-ban/<slug:key>/nhiem-vu/<int:number>/", views.task_detail, name="task"),
    path(
        "van-ban/<slug:key>/nhiem-vu/<int:number>/trich-dan.<citation_format:fmt>",
        views.task_citation,
        name="task_citation",
    ),
    path(
        "van-ban/<slug:key>/nhiem-vu/<int:number>/atom.xml",
        public_page(TaskFeed()),
        name="task_feed",
    ),
    # Permanent pages of published versions (resolutions/versions.py).
    path("van-ban/<slug:key>/phien-ban/", versions.document_versions, name="document_versions"),
    path("van-ban/<slug:key>/phien-ban/<int:number>/", versions.document_version, name="document_version"),
    path("van-ban/<slug:key>/nhiem-vu/<int:number>/phien-ban/", versions.task_versions, name="task_versions"),
    path("van-ban/<slug:key>/so-sanh/", versions.document_comparison, name="document_comparison"),
    path("van-ban/<slug:key>/nhiem-vu/<int:number>/so-sanh/", versions.task_comparison, name="task_comparison"),
    path(
        "van-ban/<slug:key>/nhiem-vu/<int:number>/phien-ban/<int:version>/",
        versions.task_version,
        name="task_version",
    ),
    path("nhiem-vu/", views.tracker, name="tracker"),
    path("du-lieu/", data_views.open_data, name="open_data"),
    path("du-lieu/nhiem-vu.csv", data_views.tasks_csv, name="tasks_csv"),
    path("du-lieu/nhiem-vu.json", data_views.tasks_json, name="tasks_json"),
    path("du-lieu/nhiem-vu.ics", data_views.tasks_ics, name="tasks_ics"),
    path("du-lieu/cac-ky.json", data_views.editions_json, name="editions_json"),
    path("du-lieu/van-ban.json", data_views.documents_json, name="documents_json"),
    path("du-lieu/nhan-vat.json", data_views.people_json, name="people_json"),
    path("du-lieu/co-quan.json", data_views.organisations_json, name="organisations_json"),
    path("du-lieu/atom.xml", public_page(SiteFeed()), name="feed"),
    path(
        "du-lieu/co-quan/<slug:slug>/atom.xml",
        public_page(OrganisationFeed()),
        name="organisation_feed",
    ),
    path("du-lieu/co-quan/<slug:slug>/nhiem-vu.ics", data_views.organisation_ics, name="organisation_ics"),
]
