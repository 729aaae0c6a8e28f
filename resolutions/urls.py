from django.urls import path

from resolutions import versions, views

app_name = "resolutions"

urlpatterns = [
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/<slug:key>/", views.document_detail, name="document"),
    path("van-ban/<slug:key>/nhiem-vu/<int:number>/", views.task_detail, name="task"),
    path("van-ban/<slug:key>/phien-ban/", versions.document_versions, name="document_versions"),
    path("van-ban/<slug:key>/phien-ban/<int:number>/", versions.document_version, name="document_version"),
    path("van-ban/<slug:key>/nhiem-vu/<int:number>/phien-ban/", versions.task_versions, name="task_versions"),
    path(
        "van-ban/<slug:key>/nhiem-vu/<int:number>/phien-ban/<int:version>/",
        versions.task_version,
        name="task_version",
    ),
]
