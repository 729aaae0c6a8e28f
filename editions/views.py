"""Pages that show only the editions app's things."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from core.caching import public_page
from core.citations import download_response
from core.clock import today
from core.fragments import deferred
from core.lookup import get_public
from editions.citations import figure_citable
from editions.models import (
    Appearance,
    Edition,
    KeyFigure,
    Organisation,
    OrganisationKind,
    Person,
    Series,
    SeriesKind,
    Source,
    Topic,
)
from editions.timeline import build_timeline


@public_page
def edition_list(request):
    series = SimpleLazyObject(  # the page's content is a fragment (core/fragments.py): read only on a miss
        lambda: (
            Series.objects.published()
            .filter(kind=SeriesKind.MAIN)
            .select_related("organiser")
            .prefetch_related(Prefetch("sources", queryset=Source.objects.published()))
            .first()
        )
    )
    return render(
        request,
        "editions/edition_list.html",
        {
            "series": series,
            "editions": Edition.objects.published().main().for_list(),
            "timeline": deferred(build_timeline),
        },
    )


@public_page
def series_list(request):
    published_editions = Prefetch("editions", queryset=Edition.objects.published().order_by("year"))
    return render(
        request,
        "editions/series_list.html",
        {
            "series_list": Series.objects.published()
            .filter(kind=SeriesKind.RELATED)
            .select_related("organiser")
            .prefetch_related(published_editions)
        },
    )


@public_page
def series_detail(request, slug: str):
    series = get_public(
        Series.objects.published()
        .select_related("organiser")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.published())),
        request=request,
        slug=slug,
    )
    return render(
        request,
        "editions/series_detail.html",
        {
            "series": series,
            "editions": Edition.objects.published().filter(series=series).select_related("series", "organiser"),
            "sources": series.sources.all(),
        },
    )


@public_page
def topic_list(request):
    return render(request, "editions/topic_list.html", {"topics": Topic.objects.published()})


@public_page
def person_list(request):
    public_roles = Prefetch(
        "appearances",
        queryset=Appearance.objects.published().select_related("edition", "edition__series").order_by("-edition__year"),
    )
    return render(
        request, "editions/person_list.html", {"people": Person.objects.published().prefetch_related(public_roles)}
    )


@public_page
def person_detail(request, slug: str):
    person = get_public(Person.objects.published(), request=request, slug=slug)
    appearances = (
        Appearance.objects.published()
        .filter(person=person)
        .select_related("edition", "edition__series", "organisation", "bridge_point")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.published()))
        .order_by("-edition__year", "edition__series__order", "order")
    )
    return render(
        request,
        "editions/person_detail.html",
        {"person": person, "appearances": appearances, "sources": person.sources.published()},
    )


@public_page
def organisation_list(request):
    organisations = Organisation.objects.published().select_related("parent")
    return render(
        request,
        "editions/organisation_list.html",
        {"organisations": organisations, "kinds": OrganisationKind},
    )


@public_page
def figure_list(request):
    return render(request, "editions/figure_list.html", {"figures": KeyFigure.objects.published().for_list()})


@public_page
def figure_citation(request, key: str, fmt: str):
    """A key figure's citation as BibTeX, RIS or CSL-JSON."""
    figure = get_public(KeyFigure.objects.published().select_related("source"), key=key)
    return download_response(figure_citable(figure), fmt, today())
