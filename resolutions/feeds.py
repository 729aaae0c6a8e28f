"""Atom feeds: new content (editions, documents, tasks) and task status updates; one feed per organisation.

Every link and id is absolute, from `core.links` (settings.SITE_URL, never the request's Host).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.links import permalink, permanent_reverse, site_host
from core.lookup import MovedPermanently, get_public, model_label
from core.models import PublishedVersion, SlugRedirect
from editions.models import Edition, Organisation
from resolutions.models import Document, StatusUpdate, Task

LIMIT = 50
TAG_YEAR = 2025  # tag: URIs (RFC 4151) need a date on which the site owned its domain


@dataclass(frozen=True)
class Entry:
    guid: str
    title: str
    link: str
    summary: str
    published: datetime.datetime
    updated: datetime.datetime
    category: str


def _tag(path: str) -> str:
    return f"tag:{site_host()},{TAG_YEAR}:{path}"


def _newest(queryset):
    published = Coalesce("first_published_at", "created_at")
    return queryset.annotate(published_on=published).order_by("-published_on", "-pk")[:LIMIT]


def _task_name(task: Task) -> str:
    return _("Nhiệm vụ %(number)s — %(document)s") % {
        "number": task.number,
        "document": task.document.number or task.document.title,
    }


def edition_entries(editions) -> list[Entry]:
    return [
        Entry(
            _tag(f"ky/{e.series.slug}/{e.year}"),
            _("Kỳ tổ chức: %(title)s") % {"title": e.title},
            permalink(e),
            e.theme or e.summary,
            e.published_on,
            e.updated_at,
            _("Kỳ tổ chức"),
        )
        for e in _newest(editions.select_related("series"))
    ]


def document_entries(documents) -> list[Entry]:
    return [
        Entry(
            _tag(f"van-ban/{d.key}"),
            _("Văn bản: %(title)s") % {"title": d.display_title},
            permalink(d),
            d.subject,
            d.published_on,
            d.updated_at,
            _("Văn bản"),
        )
        for d in _newest(documents)
    ]


def task_entries(tasks) -> list[Entry]:
    return [
        Entry(
            _tag(f"nhiem-vu/{t.document.key}/{t.number}"),
            f"{_task_name(t)}: {t.title}",
            permalink(t),
            t.summary,
            t.published_on,
            t.updated_at,
            _("Nhiệm vụ"),
        )
        for t in _newest(tasks.select_related("document"))
    ]


def status_entries(tasks) -> list[Entry]:
    updates = (
        StatusUpdate.objects.filter(Exists(tasks.filter(pk=OuterRef("task_id"))))
        .select_related("task__document")
        .order_by("-created_at", "-pk")[:LIMIT]
    )
    entries = []
    for u in updates:
        when = u.date.strftime("%d/%m/%Y") if u.date else _("không rõ ngày")
        entries.append(
            Entry(
                _tag(f"cap-nhat/{u.pk}"),
                _("Cập nhật %(task)s: %(status)s (%(date)s)")
                % {"task": _task_name(u.task), "status": u.get_status_display(), "date": when},
                f"{permalink(u.task)}#cap-nhat-{u.pk}",
                u.note,
                u.created_at,
                u.created_at,
                _("Cập nhật tình trạng"),
            )
        )
    return entries


def _merge(*groups: list[Entry]) -> list[Entry]:
    entries = [entry for group in groups for entry in group]
    return sorted(entries, key=lambda e: (e.published, e.guid), reverse=True)[:LIMIT]


def site_entries() -> list[Entry]:
    tasks = Task.objects.published()
    return _merge(
        edition_entries(Edition.objects.published()),
        document_entries(Document.objects.published()),
        task_entries(tasks),
        status_entries(tasks),
    )


def organisation_entries(organisation: Organisation) -> list[Entry]:
    partner = Task.partners.through.objects.filter(task=OuterRef("pk"), organisation=organisation)
    assignee = Task.assignees.through.objects.filter(task=OuterRef("pk"), organisation=organisation)
    tasks = Task.objects.published().filter(Q(lead=organisation) | Exists(partner) | Exists(assignee))
    return _merge(
        document_entries(Document.objects.published().filter(issuer=organisation)),
        task_entries(tasks),
        status_entries(tasks),
    )


def public_organisation(slug: str, viewname: str) -> Organisation:
    """The organisation of a per-organisation feed; an old slug answers 301 to the same feed under the new one."""
    queryset = Organisation.objects.published()
    try:
        return get_public(queryset, slug=slug)
    except MovedPermanently:
        redirect = SlugRedirect.objects.get(model_label=model_label(Organisation), old_slug=slug)
        raise MovedPermanently(reverse(viewname, args=[queryset.get(pk=redirect.object_id).slug])) from None


class _EntryFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.summary

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_pubdate(self, item: Entry) -> datetime.datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.updated

    def item_categories(self, item: Entry) -> tuple[str, ...]:
        return (item.category,)

    def author_name(self) -> str:
        return settings.SITE_NAME


class SiteFeed(_EntryFeed):
    def title(self) -> str:
        return _("%(site)s: nội dung mới và cập nhật tình trạng nhiệm vụ") % {"site": settings.SITE_NAME}

    def subtitle(self) -> str:
        return _("Kỳ diễn đàn, văn bản, nhiệm vụ mới và các lần cập nhật tình trạng thực hiện nhiệm vụ.")

    def link(self) -> str:
        return permanent_reverse("resolutions:tracker")

    def feed_url(self) -> str:
        return permanent_reverse("resolutions:feed")

    def feed_guid(self) -> str:
        return _tag("nguon-tin")

    def items(self) -> list[Entry]:
        return site_entries()


def version_entries(task: Task) -> list[Entry]:
    """Each public version of a task: its change note is the change log's entry."""
    versions = PublishedVersion.objects.of(task).order_by("-number")[:LIMIT]
    return [
        Entry(
            _tag(f"nhiem-vu/{task.document.key}/{task.number}/phien-ban/{v.number}"),
            _("%(task)s — phiên bản %(number)s: %(note)s")
            % {"task": _task_name(task), "number": v.number, "note": v.change_note or _("xuất bản")},
            permanent_reverse("resolutions:task_version", task.document.key, task.number, v.number),
            v.change_note,
            v.published_at,
            v.published_at,
            _("Phiên bản"),
        )
        for v in versions
    ]


def task_entries_of(task: Task) -> list[Entry]:
    """One task's feed: its status updates and its versions with their change notes."""
    return _merge(status_entries(Task.objects.filter(pk=task.pk)), version_entries(task))


class TaskFeed(_EntryFeed):
    def get_object(self, request, key: str, number: int) -> Task:
        queryset = Task.objects.published().select_related("document")
        return get_public(queryset, document__key=key, number=number)

    def title(self, obj: Task) -> str:
        return _("%(site)s: %(task)s") % {"site": settings.SITE_NAME, "task": f"{_task_name(obj)}: {obj.title}"}

    def subtitle(self, obj: Task) -> str:
        return _("Các lần cập nhật tình trạng và các phiên bản của nhiệm vụ, với ghi chú thay đổi.")

    def link(self, obj: Task) -> str:
        return permalink(obj)

    def feed_url(self, obj: Task) -> str:
        return permanent_reverse("resolutions:task_feed", obj.document.key, obj.number)

    def feed_guid(self, obj: Task) -> str:
        return _tag(f"nguon-tin/nhiem-vu/{obj.document.key}/{obj.number}")

    def items(self, obj: Task) -> list[Entry]:
        return task_entries_of(obj)


class OrganisationFeed(_EntryFeed):
    def get_object(self, request, slug: str) -> Organisation:
        return public_organisation(slug, "resolutions:organisation_feed")

    def title(self, obj: Organisation) -> str:
        return _("%(site)s: nhiệm vụ của %(organisation)s") % {"site": settings.SITE_NAME, "organisation": obj.name}

    def subtitle(self, obj: Organisation) -> str:
        text = _(
            "Nhiệm vụ %(organisation)s chủ trì, được giao chung hoặc phối hợp, văn bản do cơ quan ban hành, và các lần"
            " cập nhật."
        )
        return text % {"organisation": obj.display_name}

    def link(self, obj: Organisation) -> str:
        return permalink(obj)

    def feed_url(self, obj: Organisation) -> str:
        return permanent_reverse("resolutions:organisation_feed", obj.slug)

    def feed_guid(self, obj: Organisation) -> str:
        return _tag(f"nguon-tin/co-quan/{obj.slug}")

    def items(self, obj: Organisation) -> list[Entry]:
        return organisation_entries(obj)
