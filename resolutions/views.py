"""Documents and tasks pages, the tracker, and citation downloads."""

import functools

from django.db.models import F, Max, Min, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from core.caching import public_page
from core.citations import download_response
from core.clock import today
from core.fragments import deferred, object_ref
from core.lookup import get_public, previewer
from editions.models import Source, Topic
from resolutions.citations import document_citable, section_citable, task_citable
from resolutions.filters import FILTER_LABELS, TrackerOptions, parse_tracker_query, state_options
from resolutions.models import Document, Section, StatusUpdate, Task
from resolutions.tracker import run_tracker


@public_page
def document_list(request):
    return render(
        request,
        "resolutions/document_list.html",
        {"documents": Document.objects.published().for_list().with_task_count()},
    )


@public_page
def document_detail(request, key: str):
    document = get_public(Document.objects.published().for_page(), request=request, key=key)
    who = previewer(request)  # a previewed draft document shows its draft tasks too
    published_sources = Prefetch("sources", queryset=Source.objects.for_refs())
    # The page's body is a fragment (core/fragments.py): what it shows is read only when it is not in the cache.
    return render(
        request,
        "resolutions/document_detail.html",
        {
            "document": document,
            "sections": deferred(
                lambda: (
                    # Through the document's manager: each section's `document` is the page's own (issuer, edition
                    # and series loaded), not joined again.
                    document.sections.prefetch_related(
                        published_sources, Prefetch("topics", queryset=Topic.objects.published())
                    ).order_by("number")
                )
            ),
            # Through the document's manager too (each task's `document` is the page's); the list shows no section.
            "tasks": deferred(
                lambda: document.tasks.visible_to(who).for_list().select_related(None).select_related("lead")
            ),
            "topics": deferred(lambda: Topic.objects.published().filter(documents=document)),
            "sources": deferred(document.public_sources),  # the same query as the facts' `field_refs`
            "today": today(),
        },
    )


@public_page
def task_detail(request, key: str, number: int):
    task = get_public(
        Task.objects.published().select_related("document"), request=request, document__key=key, number=number
    )
    siblings = Task.objects.published().filter(document=task.document)

    @functools.cache
    def neighbours() -> dict[str, list[Task]]:
        """The published tasks before and after this one in its document (their numbers, one aggregate query for
        both; the links need nothing else), each as a list of at most one, read only when the block is not cached."""
        found = siblings.aggregate(
            previous=Max("number", filter=Q(number__lt=number)), next=Min("number", filter=Q(number__gt=number))
        )
        return {name: [] if n is None else [Task(document=task.document, number=n)] for name, n in found.items()}

    @functools.cache
    def full_task():  # the body and the JSON-LD are fragments (core/fragments.py): read only when one is not cached
        return (
            Task.objects.for_list()
            .select_related("document__issuer", "document__edition__series", "section__document")
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.published()),
                Prefetch("sources", queryset=Source.objects.for_refs()),
                Prefetch(
                    "status_updates",
                    queryset=StatusUpdate.objects.select_related("source").order_by(
                        F("date").asc(nulls_first=True), "id"
                    ),
                ),
            )
            .get(pk=task.pk)
        )

    return render(
        request,
        "resolutions/task_detail.html",
        {
            "task": task,
            "document": task.document,
            "full_task": full_task,
            # The body shows these rows of this app (and editions' and core's): a status update of another task
            # leaves it cached.
            "body_objects": (
                object_ref(Task, task.pk),
                object_ref(Document, task.document_id),
                object_ref(Section, task.section_id),
            ),
            "previous": SimpleLazyObject(lambda: neighbours()["previous"]),
            "next": SimpleLazyObject(lambda: neighbours()["next"]),
        },
    )


@public_page
def tracker(request):
    """Every public task with filters, a page of rows at a time; an htmx request gets only the results partial."""
    options = TrackerOptions.current()
    query = parse_tracker_query(request.GET, options)
    context = {
        "options": options,
        "filters": query,
        # The results are a fragment (core/fragments.py) keyed by the query: computed only when it is not cached.
        "result": SimpleLazyObject(lambda: run_tracker(query, today(), options.organisations)),
        "labels": FILTER_LABELS,
        "state_options": state_options(),
        "tracker_url": reverse("resolutions:tracker"),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "resolutions/_task_rows.html" if partial else "resolutions/tracker.html", context)


@public_page
def document_citation(request, key: str, fmt: str):
    document = get_public(Document.objects.published().select_related("issuer"), key=key)
    return download_response(document_citable(document), fmt, today())


@public_page
def section_citation(request, key: str, number: int, fmt: str):
    document = get_public(Document.objects.published(), key=key)
    section = Section.objects.filter(document=document, number=number).select_related("document__issuer").first()
    if section is None:
        raise Http404(f"No section {number} in {key}")
    return download_response(section_citable(section), fmt, today())


@public_page
def task_citation(request, key: str, number: int, fmt: str):
    task = get_public(Task.objects.published().select_related("document__issuer"), document__key=key, number=number)
    return download_response(task_citable(task), fmt, today())
