"""Small factory functions: each makes one published record with sensible defaults."""

import itertools
from datetime import date

from core.models import SlugRedirect
from core.publishing import Status
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
from resolutions.models import DeadlineKind, Document, Section, StatusUpdate, Task

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_source(**kw) -> Source:
    n = _n()
    kw.setdefault("key", f"t{n}")
    kw.setdefault("title", f"Bài viết thử {n}")
    kw.setdefault("status", Status.PUBLISHED)
    if not kw.get("url"):  # a source has an address or says why it has none
        kw.setdefault("no_url_reason", "Bài viết thử, không có địa chỉ công khai.")
    return Source.objects.create(**kw)


def make_topic(**kw) -> Topic:
    n = _n()
    kw.setdefault("name", f"Chủ đề thử {n}")
    kw.setdefault("slug", f"chu-de-thu-{n}")
    kw.setdefault("status", Status.PUBLISHED)
    return Topic.objects.create(**kw)


def make_organisation(**kw) -> Organisation:
    n = _n()
    kw.setdefault("name", f"Bộ Thử nghiệm {n}")
    kw.setdefault("short_name", f"BTN{n}")
    kw.setdefault("slug", f"bo-thu-nghiem-{n}")
    kw.setdefault("status", Status.PUBLISHED)
    return Organisation.objects.create(**kw)


def make_person(**kw) -> Person:
    n = _n()
    kw.setdefault("name", f"Nguyễn Văn Thử {n}")
    kw.setdefault("slug", f"nguyen-van-thu-{n}")
    kw.setdefault("status", Status.PUBLISHED)
    return Person.objects.create(**kw)


def make_series(**kw) -> Series:
    n = _n()
    kw.setdefault("name", f"Chuỗi sự kiện thử {n}")
    kw.setdefault("slug", f"chuoi-thu-{n}")
    kw.setdefault("kind", SeriesKind.RELATED)
    kw.setdefault("status", Status.PUBLISHED)
    return Series.objects.create(**kw)


def main_series() -> Series:
    series = Series.objects.filter(kind=SeriesKind.MAIN).first()
    return series or make_series(
        name="Diễn đàn Quốc gia phát triển kinh tế số và xã hội số", slug="dien-dan", kind=SeriesKind.MAIN
    )


def make_edition(series: Series | None = None, **kw) -> Edition:
    series = series or main_series()
    n = _n()
    kw.setdefault("year", 1900 + n)
    kw.setdefault("number", (n - 1) % 3999 + 1)  # a Roman numeral exists for 1 to 3999 only
    kw.setdefault("theme", f"Chủ đề kỳ thử {n}")
    kw.setdefault("status", Status.PUBLISHED)
    return Edition.objects.create(series=series, **kw)


def make_strand(edition: Edition, **kw) -> Strand:
    kw.setdefault("order", edition.strands.count() + 1)
    kw.setdefault("title", f"Nhóm vấn đề thử {_n()}")
    return Strand.objects.create(edition=edition, **kw)


def make_appearance(edition: Edition, person: Person | None = None, **kw) -> Appearance:
    kw.setdefault("title", "Bộ trưởng")
    return Appearance.objects.create(edition=edition, person=person or make_person(), **kw)


def make_programme(edition: Edition, **kw) -> Programme:
    n = _n()
    kw.setdefault("name", f"Chương trình thử {n}")
    kw.setdefault("slug", f"chuong-trinh-thu-{n}")
    kw.setdefault("status", Status.PUBLISHED)
    return Programme.objects.create(edition=edition, **kw)


def make_figure(source: Source | None = None, **kw) -> KeyFigure:
    n = _n()
    kw.setdefault("key", f"so-lieu-thu-{n}")
    kw.setdefault("label", f"Số liệu thử {n}")
    kw.setdefault("text_as_written", f"khoảng {n} đơn vị")
    kw.setdefault("status", Status.PUBLISHED)
    return KeyFigure.objects.create(source=source or make_source(), **kw)


def make_document(**kw) -> Document:
    n = _n()
    kw.setdefault("key", f"{n}-tb-thu")
    kw.setdefault("number", f"{n}/TB-THU")
    kw.setdefault("doc_type", "Thông báo")
    kw.setdefault("title", f"Thông báo thử {n}")
    kw.setdefault("subject", f"Kết luận thử số {n}")
    kw.setdefault("status", Status.PUBLISHED)
    return Document.objects.create(**kw)


def make_section(document: Document, **kw) -> Section:
    kw.setdefault("number", document.sections.count() + 1)
    kw.setdefault("title", f"Mục thử {_n()}")
    return Section.objects.create(document=document, **kw)


def make_task(document: Document | None = None, **kw) -> Task:
    document = document or make_document()
    kw.setdefault("number", (document.tasks.order_by("-number").values_list("number", flat=True).first() or 0) + 1)
    kw.setdefault("title", f"Nhiệm vụ thử {_n()}")
    kw.setdefault("summary", "Nội dung nhiệm vụ thử.")
    kw.setdefault("deadline_kind", DeadlineKind.NONE)
    kw.setdefault("status", Status.PUBLISHED)
    return Task.objects.create(document=document, **kw)


def make_tasks(document: Document, numbers: range, **kw) -> list[Task]:
    """Tasks `numbers` of `document` in one bulk insert (no signals: not in the search index), for lists and paging."""
    kw.setdefault("summary", "Nội dung nhiệm vụ thử.")
    kw.setdefault("status", Status.PUBLISHED)
    return Task.objects.bulk_create(
        Task(document=document, number=number, title=f"Nhiệm vụ thử {number}", **kw) for number in numbers
    )


def make_status_update(task: Task, **kw) -> StatusUpdate:
    return StatusUpdate.objects.create(task=task, **kw)


def month_end(year: int, month: int) -> date:
    nxt = date(year + (month // 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def make_bridge_point(edition: Edition, **kw) -> BridgePoint:
    kw.setdefault("order", edition.bridge_points.count() + 1)
    kw.setdefault("name", f"Điểm cầu thử {_n()}")
    return BridgePoint.objects.create(edition=edition, **kw)


def make_slug_redirect(obj, old_slug: str | None = None) -> SlugRedirect:
    """The redirect an old slug of `obj` leaves behind (normally written by core/slugs.py)."""
    return SlugRedirect.objects.create(
        model_label=obj._meta.label_lower, old_slug=old_slug or f"slug-cu-{_n()}", object_id=obj.pk
    )
