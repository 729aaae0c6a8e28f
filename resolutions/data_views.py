"""Open data (/du-lieu/): the page that documents every dataset, the files, and the calendars.

Task files follow the tracker's filters (same query parameters), so "Tải các dòng này" gives the rows on screen.
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.caching import public_page
from core.clock import today
from resolutions import exports
from resolutions.feeds import public_organisation
from resolutions.filters import TrackerOptions, TrackerQuery, organisations_with_tasks, parse_tracker_query
from resolutions.models import Task
from resolutions.tracker import tracker_rows

JSON = "application/json; charset=utf-8"


@dataclass(frozen=True)
class Dataset:
    slug: str  # anchor on /du-lieu/ and key of `exports.last_updates()`
    title: str
    description: str
    fields: tuple[exports.Field, ...]
    files: tuple[tuple[str, str], ...]  # (format label, URL name)


DATASETS = (
    Dataset(
        "nhiem-vu",
        gettext_lazy("Nhiệm vụ"),
        gettext_lazy(
            "Mỗi dòng là một nhiệm vụ đã công bố của một văn bản kết luận, kèm cơ quan chủ trì, phối hợp, thời hạn, "
            "tình trạng thời hạn (tính đến ngày tải) và lần cập nhật gần nhất. Nhận cùng các tham số lọc như trang "
            "Theo dõi nhiệm vụ."
        ),
        exports.TASK_FIELDS,
        (("CSV", "resolutions:tasks_csv"), ("JSON", "resolutions:tasks_json"), ("iCalendar", "resolutions:tasks_ics")),
    ),
    Dataset(
        "cac-ky",
        gettext_lazy("Các kỳ diễn đàn và sự kiện liên quan"),
        gettext_lazy("Mỗi mục là một kỳ tổ chức của diễn đàn hoặc của một sự kiện liên quan."),
        exports.EDITION_FIELDS,
        (("JSON", "resolutions:editions_json"),),
    ),
    Dataset(
        "van-ban",
        gettext_lazy("Văn bản"),
        gettext_lazy("Mỗi mục là một văn bản: thông báo kết luận, quyết định, kế hoạch."),
        exports.DOCUMENT_FIELDS,
        (("JSON", "resolutions:documents_json"),),
    ),
    Dataset(
        "nhan-vat",
        gettext_lazy("Nhân vật"),
        gettext_lazy("Mỗi mục là một người, với chức vụ tại từng kỳ (chức vụ ghi theo thời điểm diễn ra sự kiện)."),
        exports.PERSON_FIELDS,
        (("JSON", "resolutions:people_json"),),
    ),
    Dataset(
        "co-quan",
        gettext_lazy("Cơ quan, tổ chức"),
        gettext_lazy("Mỗi mục là một cơ quan hoặc tổ chức."),
        exports.ORGANISATION_FIELDS,
        (("JSON", "resolutions:organisations_json"),),
    ),
)


def _file(content, content_type: str, filename: str, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: usable from any page
    return response


def _filtered_rows(request):
    query = parse_tracker_query(request.GET, TrackerOptions.current())
    return query, tracker_rows(query, today(), Task.objects.published().for_export())


@public_page
def open_data(request):
    updates = exports.last_updates()
    return render(
        request,
        "resolutions/open_data.html",
        {
            "datasets": [(dataset, updates.get(dataset.slug)) for dataset in DATASETS],
            "organisations": organisations_with_tasks(),
            "licence": exports.LICENCE,
            "licence_url": exports.LICENCE_URL,
            "formula_prefixes": exports.FORMULA_PREFIXES,
        },
    )


@public_page
def tasks_csv(request):
    query, rows = _filtered_rows(request)
    return _file(exports.tasks_csv(rows), "text/csv; charset=utf-8", f"{query.filename_stem}.csv")


@public_page
def tasks_json(request):
    query, rows = _filtered_rows(request)
    return _file(exports.tasks_json(rows, today(), query.params), JSON, f"{query.filename_stem}.json", attachment=False)


@public_page
def tasks_ics(request):
    query, rows = _filtered_rows(request)
    calendar = exports.tasks_ical(rows, _("Hạn chót các nhiệm vụ — Kho tri thức Diễn đàn Kinh tế số"))
    return _file(calendar, "text/calendar; charset=utf-8", f"{query.filename_stem}.ics", attachment=False)


@public_page
def organisation_ics(request, slug: str):
    organisation = public_organisation(slug, "resolutions:organisation_ics")
    rows = tracker_rows(TrackerQuery(organisations=[organisation]), today(), Task.objects.published().for_export())
    name = _("Hạn chót các nhiệm vụ của %(organisation)s") % {"organisation": organisation.short_or_name}
    return _file(exports.tasks_ical(rows, name), "text/calendar; charset=utf-8", f"nhiem-vu-{slug}.ics", False)


@public_page
def editions_json(request):
    return _file(exports.to_json(exports.editions_data()), JSON, "cac-ky.json", attachment=False)


@public_page
def documents_json(request):
    return _file(exports.to_json(exports.documents_data()), JSON, "van-ban.json", attachment=False)


@public_page
def people_json(request):
    return _file(exports.to_json(exports.people_data()), JSON, "nhan-vat.json", attachment=False)


@public_page
def organisations_json(request):
    return _file(exports.to_json(exports.organisations_data()), JSON, "co-quan.json", attachment=False)
