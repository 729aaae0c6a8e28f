"""How editions and key figures are cited (see `core.citations`). Imports nothing from resolutions."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.citations import Citable, vn_date
from core.links import permalink
from core.publishing import if_public
from editions.models import Edition, KeyFigure, Source


def edition_key(edition: Edition) -> str:
    return f"{edition.series.slug}-{edition.year}"


def published_on(obj):
    """When our page about `obj` was first published (local date), or None: the date of a citation of our page."""
    return timezone.localdate(obj.first_published_at) if obj.first_published_at else None


def edition_citable(edition: Edition) -> Citable:
    """Our page about an edition: the site is its author (the organiser organised the event, not the page)."""
    if edition.start_date:
        held = _("tổ chức ngày %(date)s") % {"date": vn_date(edition.start_date)}
        if edition.start_date_inferred:  # an inferred day is said to be one, not a plain date
            held += " " + _("(suy ra)")
    else:
        held = _("tổ chức năm %(year)s") % {"year": edition.year}
        if edition.year_inferred:
            held += " " + _("(năm suy ra)")
    return Citable(
        key=edition_key(edition),
        title=edition.title,
        url=permalink(edition),
        site_name=settings.SITE_NAME,
        date=published_on(edition),
        item=held,
        kind="webpage",
    )


def edition_download_url(edition: Edition, fmt: str) -> str:
    if edition.series.is_main:
        return reverse("edition_citation", args=[edition.year, fmt])
    return reverse("series_edition_citation", args=[edition.series.slug, edition.year, fmt])


def source_reference(source: Source) -> str:
    """A source as a citation names it: publisher (or description), date, address — never the internal key."""
    when = source.published_on.strftime("%d/%m/%Y") if source.published_on else source.date_text
    parts = [source.display_name, source.author if not source.publisher else "", when or _("không rõ ngày"), source.url]
    return _("nguồn: %(source)s") % {"source": ", ".join(p for p in parts if p)}


def mid_sentence(text: str) -> str:
    """Editors' text used inside a sentence: a capital first letter is lowered unless it starts an abbreviation."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def figure_citable(figure: KeyFigure) -> Citable:
    """Our page's entry for a figure, with its as-of time and its source (the source must be loaded with it)."""
    source = if_public(figure.source)
    parts = []
    if figure.as_of_date:
        parts.append(_("tính đến ngày %(date)s") % {"date": vn_date(figure.as_of_date)})
    elif figure.as_of_text.strip():
        parts.append(mid_sentence(figure.as_of_text))
    if source:
        parts.append(source_reference(source))
    return Citable(
        key=f"so-lieu-{figure.key}",
        title=f"{figure.label.strip().rstrip('.')}: {figure.text_as_written}",
        url=permalink(figure),
        site_name=settings.SITE_NAME,
        date=published_on(figure),
        item="; ".join(parts),
        kind="webpage",
    )


def figure_download_url(figure: KeyFigure, fmt: str) -> str:
    return reverse("editions:figure_citation", args=[figure.key, fmt])
