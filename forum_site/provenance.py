"""Provenance: every published thing a journalist might cite names a published source, and every source can be
checked (an address, or the reason it has none). Top floor: it knows both apps' models.

`provenance_gaps()` lists what breaks the rule; the test suite and `manage.py check_provenance` call it.
"""

from django.db.models import Count

from core.publishing import is_public, published_q
from editions.models import Appearance, Edition, KeyFigure, Series, Source
from resolutions.models import Document, Task

_PUBLISHED_SOURCE = published_q(Source, "sources")


def _unsourced(queryset, describe) -> list[str]:
    """Rows of `queryset` (a model with a `sources` many-to-many) with no published source."""
    rows = queryset.annotate(published_sources=Count("sources", filter=_PUBLISHED_SOURCE)).filter(published_sources=0)
    return [f"{describe(row)}: không có nguồn đã xuất bản" for row in rows]


def _field_sources_outside(queryset, describe) -> list[str]:
    """`field_sources` that name a source the record does not list among its sources."""
    gaps = []
    for row in queryset.prefetch_related("sources"):
        keys = {source.key for source in row.sources.all()}
        for field, wanted in (row.field_sources or {}).items():
            if extra := sorted(set(wanted) - keys):
                gaps.append(f"{describe(row)}: nguồn của trường {field} {extra} không có trong nguồn của bản ghi")
    return gaps


def provenance_gaps() -> list[str]:
    gaps = [
        f"số liệu {figure.key}: nguồn chưa xuất bản"
        for figure in KeyFigure.objects.published().select_related("source")
        if not is_public(figure.source)
    ]
    gaps += _unsourced(Task.objects.published().select_related("document"), lambda t: f"nhiệm vụ {t}")
    gaps += _unsourced(Edition.objects.published().select_related("series"), lambda e: f"kỳ {e.title} ({e.year})")
    gaps += _unsourced(
        Appearance.objects.published().select_related("person", "edition__series"),
        lambda a: f"vai trò {a.person.name} — {a.title} ({a.edition.title})",
    )
    gaps += _unsourced(Document.objects.published(), lambda d: f"văn bản {d.key}")
    for model, describe in ((Series, str), (Edition, lambda e: f"kỳ {e.title}"), (Document, lambda d: d.key)):
        gaps += _field_sources_outside(model.objects.published(), describe)
    gaps += [
        f"nguồn {source.title}: không có địa chỉ và không nói vì sao"
        for source in Source.objects.published()
        if not source.url and not source.no_url_reason.strip()
    ]
    return gaps
