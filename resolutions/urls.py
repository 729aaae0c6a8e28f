from django.urls import path

from resolutions import views

app_name = "resolutions"

urlpatterns = [
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/<slug:key>/", views.document_detail, name="document"),
    path("van-ban/<slug:key>/nhiem-vu/<int:number>/", views.task_detail, name="task"),
]
