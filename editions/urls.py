from django.urls import path

from editions import views

app_name = "editions"

urlpatterns = [
    path("dien-dan/", views.edition_list, name="edition_list"),
    path("su-kien/", views.series_list, name="series_list"),
    path("su-kien/<slug:slug>/", views.series_detail, name="series"),
    path("chu-de/", views.topic_list, name="topic_list"),
    path("nhan-vat/", views.person_list, name="person_list"),
    path("nhan-vat/<slug:slug>/", views.person_detail, name="person"),
    path("co-quan/", views.organisation_list, name="organisation_list"),
    path("so-lieu/", views.figure_list, name="figures"),
    path("so-lieu/<slug:key>/trich-dan.<citation_format:fmt>", views.figure_citation, name="figure_citation"),
]
