"""Documents and tasks pages."""

from django.db.models import F, Prefetch
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from editions.models import Source, Topic
from forum_site.clock import today
from forum_site.lookup import get_public
from resolutions.models import Document, Section, StatusUpdate, Task

PUBLIC_CACHE = {"public": True, "max_age": 300}


@require_safe
@cache_control(**PUBLIC_CACHE)
def document_list(request):
    return render(
        request,
        "resolutions/document_list.html",
        {"documents": Document.objects.published().for_list().with_task_count()},
    )


@require_safe
@cache_control(**PUBLIC_CACHE)
def document_detail(request, key: str):
    document = get_public(Document.objects.published().for_page(), key=key)
    tasks = list(Task.objects.published().for_list().filter(document=document))
    sections = list(Section.objects.filter(document=document).order_by("number"))
    return render(
        request,
        "resolutions/document_detail.html",
        {
            "document": document,
            "sections": sections,
            "tasks": tasks,
            "unsectioned_tasks": [t for t in tasks if t.section_id is None],
            "today": today(),
        },
    )


@require_safe
@cache_control(**PUBLIC_CACHE)
def task_detail(request, key: str, number: int):
    task = get_public(
        Task.objects.published()
        .for_list()
        .select_related("document__issuer", "document__edition", "document__edition__series")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.published()),
            Prefetch("sources", queryset=Source.objects.published()),
            Prefetch(
                "status_updates",
                queryset=StatusUpdate.objects.select_related("source").order_by(F("date").asc(nulls_first=True), "id"),
            ),
        ),
        document__key=key,
        number=number,
    )
    siblings = Task.objects.published().filter(document=task.document)
    return render(
        request,
        "resolutions/task_detail.html",
        {
            "task": task,
            "document": task.document,
            "state": task.deadline_state(today()),
            "previous": siblings.filter(number__lt=number).order_by("-number").first(),
            "next": siblings.filter(number__gt=number).order_by("number").first(),
        },
    )
