"""Top-floor pages: home, and pages that show both apps' things (editions with their
conclusions, topics, organisations). Views parse input, call querysets, render."""

import functools
import logging
import sys

from django.db.models import Prefetch
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from core.caching import public_page
from core.citations import download_response
from core.clock import today
from core.database import is_database_error, unavailable_response
from core.fragments import deferred, object_refs
from core.lookup import get_public
from core.publishing import if_public
from editions.citations import edition_citable
from editions.figures import grouped_by_source
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Person,
    Programme,
    Series,
    SeriesKind,
    Source,
    Strand,
    Topic,
)
from resolutions.changes import recent_changes
from resolutions.models import Document, Section, Task
from resolutions.summary import deadline_state_counts, state_links

logger = logging.getLogger(__name__)


@public_page
def home(request):
    """The front door: what the forum is, its editions, the Prime Minister's tasks with their state counts as links
    into the tracker (overdue first), the latest public changes, the key figures, related events, a search box."""
    state_counts = SimpleLazyObject(lambda: deadline_state_counts(Task.objects.published(), today()))
    every_edition = functools.cache(lambda: list(Edition.objects.published().for_list()))

    def editions_of(kind: str) -> list[Edition]:
        """The forum's editions and the related events' (two blocks) from one query, in the list order."""
        return [edition for edition in every_edition() if edition.series.kind == kind]

    # Every block is a fragment (core/fragments.py): what it shows is read only when it is not in the cache.
    return render(
        request,
        "home.html",
        {
            "series": SimpleLazyObject(
                lambda: Series.objects.published().filter(kind=SeriesKind.MAIN).first()  # its name and description
            ),
            "editions": deferred(lambda: editions_of(SeriesKind.MAIN)),
            "related_editions": deferred(lambda: editions_of(SeriesKind.RELATED)),
            "documents": Document.objects.published().with_public_tasks().in_list_order(),  # their own fields only
            "state_links": deferred(lambda: state_links(state_counts)),
            "task_total": SimpleLazyObject(lambda: sum(item.count for item in state_counts)),
            "changes": deferred(recent_changes),
            "figure_groups": deferred(  # the cards show each figure's source, not its edition
                lambda: grouped_by_source(KeyFigure.objects.published().select_related("source"))
            ),
            "today": today(),
        },
    )


def _edition_page(request, edition):
    """The edition's own sections are fragments (`{% fragment %}`, core/fragments.py): what they show is `deferred`,
    read only when the fragment is not in the cache."""
    editions = edition.series.editions.published()  # each one's `series` is the page's (not joined again)

    @functools.cache
    def neighbours() -> tuple[list, list]:
        """([the edition before], [the one after]) in the series: one query for both (a series has one edition a
        year, a few dozen at most), read only when the previous/next block is not in the cache."""
        others = list(editions.exclude(pk=edition.pk).order_by("year"))
        before = [other for other in others if other.year < edition.year][-1:]
        after = [other for other in others if other.year > edition.year][:1]
        return before, after

    published_sources = Prefetch("sources", queryset=Source.objects.for_refs())
    context = {
        "edition": edition,
        "strands": deferred(
            lambda: Strand.objects.filter(edition=edition).order_by("order").prefetch_related(published_sources)
        ),
        "topics": deferred(lambda: Topic.objects.published().filter(editions=edition)),
        "sources": deferred(edition.public_sources),  # the same query as the facts' `field_refs`
        "appearances": deferred(
            lambda: (
                Appearance.objects.published()
                .filter(edition=edition)
                .in_protocol_order()
                .prefetch_related(published_sources)
            )
        ),
        "bridge_points": deferred(
            lambda: (
                edition.bridge_points.select_related("host")
                .order_by("order")  # the model's order (edition, order) within one edition: no join to sort by
                .prefetch_related(
                    # A point lists its people's names and roles: its own rows (in protocol order) with their person.
                    Prefetch(
                        "appearances",
                        queryset=Appearance.objects.published()
                        .in_protocol_order()
                        .select_related(None)
                        .select_related("person"),
                    ),
                    published_sources,
                )
            )
        ),
        "programmes": deferred(
            lambda: edition.programmes.published().order_by("name").prefetch_related(published_sources)
        ),
        # The cards show each figure's source; the edition is this one (known to the manager, not joined).
        "figures": deferred(lambda: edition.figures.published().select_related("source")),
        "documents": deferred(
            # The block shows each document's own fields and task count: no issuer or edition joined (and grouped).
            lambda: Document.objects.published().filter(edition=edition).with_task_count().in_list_order()
        ),
        "previous": SimpleLazyObject(lambda: neighbours()[0]),
        "next": SimpleLazyObject(lambda: neighbours()[1]),
    }
    return render(request, "editions/edition_detail.html", context)


@public_page
def edition_detail(request, year: int):
    return _edition_page(request, get_public(Edition.objects.published().main().for_page(), request=request, year=year))


@public_page
def series_edition_detail(request, series_slug: str, year: int):
    edition = get_public(
        Edition.objects.published().related().for_page(), request=request, series__slug=series_slug, year=year
    )
    return _edition_page(request, edition)


@public_page
def edition_citation(request, year: int, fmt: str, series_slug: str | None = None):
    """An edition's citation as BibTeX, RIS or CSL-JSON."""
    editions = Edition.objects.published().select_related("series", "organiser")
    if series_slug is None:
        edition = get_public(editions.main(), year=year)
    else:
        edition = get_public(editions.related(), series__slug=series_slug, year=year)
    return download_response(edition_citable(edition), fmt, today())


@public_page
def topic_detail(request, slug: str):
    topic = get_public(Topic.objects.published(), request=request, slug=slug)
    return render(
        request,
        "editions/topic_detail.html",
        {
            "topic": topic,
            "editions": Edition.objects.published().for_list().filter(topics=topic),
            "strands": Strand.objects.published()
            .filter(topics=topic)
            .select_related("edition", "edition__series")
            .order_by("edition__year", "order"),
            "documents": Document.objects.published().for_list().filter(topics=topic),
            "sections": Section.objects.filter(topics=topic, document__in=Document.objects.published())
            .select_related("document")
            .order_by("document__order", "document__key", "number"),
            "bridge_points": BridgePoint.objects.filter(topics=topic, edition__in=Edition.objects.published())
            .select_related("edition", "edition__series")
            .order_by("edition__year", "order"),
            "tasks": Task.objects.published().for_list().filter(topics=topic),
            # The task list is a block keyed on its tasks (and their documents, sections): a status update of a
            # task listed elsewhere leaves it cached.
            "task_objects": SimpleLazyObject(
                lambda: object_refs(Task.objects.published().filter(topics=topic), "document", "section")
            ),
            "figures": KeyFigure.objects.published().for_list().filter(topics=topic),
            "programmes": Programme.objects.published().filter(topics=topic).select_related("edition__series"),
            "today": today(),
        },
    )


@public_page
def organisation_detail(request, slug: str):
    organisation = get_public(Organisation.objects.published().select_related("parent"), request=request, slug=slug)
    return render(
        request,
        "editions/organisation_detail.html",
        {
            "organisation": organisation,
            "parent": if_public(organisation.parent),
            "children": Organisation.objects.published().filter(parent=organisation),
            "appearances": Appearance.objects.published()
            .filter(organisation=organisation)
            .select_related("person", "edition", "edition__series")
            .order_by("-edition__year", "order"),
            "led_tasks": Task.objects.published().for_list().led_by(organisation),
            "joint_tasks": Task.objects.published().for_list().assigned_jointly_to(organisation),
            "partner_tasks": Task.objects.published().for_list().filter(partners=organisation),
            "task_objects": SimpleLazyObject(
                lambda: object_refs(Task.objects.published().involving(organisation), "document", "section")
            ),
            "documents": Document.objects.published().for_list().filter(issuer=organisation),
            "editions": Edition.objects.published().for_list().filter(organiser=organisation),
            "series_list": Series.objects.published().filter(organiser=organisation),
            "sources": organisation.sources.published(),
            "today": today(),
        },
    )


@public_page
def source_list(request):
    """Each source and what it supports, across both apps."""
    return render(
        request,
        "source_list.html",
        {
            "sources": Source.objects.published().prefetch_related(
                Prefetch("editions", queryset=Edition.objects.published().select_related("series")),
                Prefetch("series", queryset=Series.objects.published()),
                Prefetch("people", queryset=Person.objects.published()),
                Prefetch("organisations", queryset=Organisation.objects.published()),
                Prefetch("figures", queryset=KeyFigure.objects.published()),
                Prefetch("documents", queryset=Document.objects.published()),
                Prefetch("tasks", queryset=Task.objects.published().select_related("document")),
            )
        },
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page in the site's design; plain text if even that cannot be rendered (the error may be in it).

    Called inside the `except` of Django's handler: a database failure is a 503 (core/database.py), not our error."""
    if is_database_error(sys.exc_info()[1]):
        return unavailable_response(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the last resort must not raise
        logger.exception("The 500 page could not be rendered")
        return HttpResponseServerError(
            "<!doctype html><html lang=vi><meta charset=utf-8><title>Lỗi máy chủ</title><h1>Đã có lỗi xảy ra</h1>",
            content_type="text/html; charset=utf-8",
        )


def permission_denied(request, exception=None):
    """A refusal in words: the reason the service gave (in Vietnamese), never a bare 403. In the admin it keeps the
    admin's look and links back to where the user was."""
    reason = str(exception or "").strip()
    in_admin = "/quan-tri/" in request.path
    template = "admin/403.html" if in_admin else "403.html"
    response = render(request, template, {"reason": reason, "title": _("Không thực hiện được thao tác")}, status=403)
    response["Cache-Control"] = "private, no-store"
    return response
