"""Permanent pages of published versions: the text of a document or task as it was at version v.

Versions stay reachable after the thing is edited or withdrawn: a cited text can always be found again.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.caching import public_page
from core.citations import CiteBox, apa, press_style
from core.clock import today
from core.models import PublishedVersion
from core.publishing import is_public, was_public
from resolutions.citations import document_version_citable, task_version_citable
from resolutions.comparison import current_status, document_changes, task_changes
from resolutions.models import Document, Task
from resolutions.snapshots import version_day, version_task


def _citable(obj) -> bool:
    """A thing's versions stay reachable once it was public, whatever happened to it since (withdrawn, sent back
    to review, edited): a cited version URL never breaks. A thing never public has no public versions."""
    return obj is not None and (is_public(obj) or was_public(obj))


def _document(key: str) -> Document:
    document = Document.objects.filter(key=key).select_related("issuer").first()
    if not _citable(document):
        raise Http404("no such document")
    return document


def _task(key: str, number: int) -> Task:
    task = Task.objects.filter(document__key=key, number=number).select_related("document").first()
    if not _citable(task):
        raise Http404("no such task")
    return task


def _versions(obj):
    return PublishedVersion.objects.of(obj).order_by("-number")


def _list_context(obj, extra: dict) -> dict:
    versions = list(_versions(obj))
    return {"obj": obj, "versions": versions, "several": len(versions) > 1, **extra}


def _version_page(request, obj, number: int, template: str, extra):
    versions = list(_versions(obj).values("number", "published_at", "change_note", "major"))
    version = PublishedVersion.objects.of(obj).filter(number=number).first()
    if version is None:
        raise Http404("no such version")
    latest = versions[0]["number"] if versions else number
    context = {
        "version": version,
        "data": version.data,
        "status": current_status(version.data),
        "latest": latest,
        "versions": versions,
    }
    context |= extra(version)
    return render(request, template, context)


def _cite(citable) -> CiteBox:
    day = today()
    return CiteBox(id=f"trich-dan-{citable.key}", press=press_style(citable, day), apa=apa(citable, day))


def _states(data: dict, version) -> dict:
    """A task's status and deadline state as of the version's date, and (labelled apart) as of today."""
    then = version_task(data, version.published_at)
    return {
        "current_then": then.current_status(),
        "state_then": then.deadline_state(version_day(version.published_at)),
        "state_today": then.deadline_state(today()),
    }


@public_page
def document_version(request, key: str, number: int):
    document = _document(key)

    def extra(version) -> dict:
        tasks = [task | _states(task, version) for task in version.data.get("tasks", [])]
        sections = [dict(section, tasks=[]) for section in version.data.get("sections", [])]
        by_title = {section["title"]: section for section in reversed(sections)}
        unsectioned = []
        for task in tasks:  # under its section as the document's page showed it, else after the sections
            by_title.get(task.get("section_title"), {"tasks": unsectioned})["tasks"].append(task)
        cite = _cite(document_version_citable(document, version))
        return {"document": document, "sections": sections, "unsectioned": unsectioned, "cite": cite}

    return _version_page(request, document, number, "resolutions/document_version.html", extra)


@public_page
def task_version(request, key: str, number: int, version: int):
    task = _task(key, number)

    def extra(found) -> dict:
        cite = _cite(task_version_citable(task, found))
        return {"task": task, "document": task.document, "cite": cite, **_states(found.data, found)}

    return _version_page(request, task, version, "resolutions/task_version.html", extra)


@public_page
def document_versions(request, key: str):
    document = _document(key)
    return render(
        request,
        "resolutions/version_list.html",
        _list_context(document, {"document": document}),
    )


@public_page
def task_versions(request, key: str, number: int):
    task = _task(key, number)
    return render(
        request,
        "resolutions/version_list.html",
        _list_context(task, {"task": task, "document": task.document}),
    )


# --- "So sánh phiên bản": two versions side by side (resolutions/comparison.py) --------------------------------------


def _chosen_pair(request, numbers: list[int]) -> tuple[int, int, list[str]]:
    """The versions asked for (?tu=…&den=…, older first); by default the latest and the one before it.
    An unknown value is replaced by the default, with a notice."""
    notices: list[str] = []

    def read(name: str, default: int) -> int:
        raw = request.GET.get(name, "").strip()
        if not raw:
            return default
        if raw.isdigit() and int(raw) in numbers:
            return int(raw)
        notices.append(
            _("Không có phiên bản “%(value)s”; trang so sánh phiên bản %(number)s.")
            % {"value": raw[:20], "number": default}
        )
        return default

    newer = read("den", numbers[-1])
    older = read("tu", max([n for n in numbers if n < newer], default=numbers[0]))
    return min(older, newer), max(older, newer), notices


def _comparison_page(request, obj, changes_of, extra: dict):
    versions = list(PublishedVersion.objects.of(obj).order_by("number"))
    by_number = {v.number: v for v in versions}
    context = {"obj": obj, "versions": versions, **extra}
    if len(versions) < 2:
        return render(request, "resolutions/version_compare.html", context)
    older, newer, notices = _chosen_pair(request, list(by_number))
    before, after = by_number[older], by_number[newer]
    changes = changes_of(before.data, after.data)
    context |= {
        "before": before,
        "after": after,
        "between": [v for v in versions if older < v.number <= newer],
        "changed": [c for c in changes if c.changed],
        "unchanged": [c for c in changes if not c.changed],
        "notices": notices,
    }
    return render(request, "resolutions/version_compare.html", context)


@public_page
def task_comparison(request, key: str, number: int):
    task = _task(key, number)
    return _comparison_page(request, task, task_changes, {"task": task, "document": task.document})


@public_page
def document_comparison(request, key: str):
    document = _document(key)
    return _comparison_page(request, document, document_changes, {"document": document})
