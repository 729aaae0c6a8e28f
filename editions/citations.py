"""How editions and key figures are cited (see `core.citations`). Imports nothing from resolutions."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core.citations import Citable
from core.links import permalink
from core.publishing import if_public
from editions.models import Edition, KeyFigure, Source


def edition_key(edition: Edition) -> str:
    return f"{edition.series.slug}-{edition.year}"


def edition_citable(edition: Edition) -> Citable:
    """The edition's series and organiser must be loaded with it."""
    organiser = if_public(edition.organiser)
    date, date_text = edition.start_date, ""
    if edition.start_date and edition.start_date_inferred:  # an inferred day is said to be one, not a plain date
        date, date_text = None, _("%(date)s (suy ra)") % {"date": edition.start_date.strftime("%d/%m/%Y")}
    elif not edition.start_date:
        date_text = _("năm %(year)s") % {"year": edition.year}
        if edition.year_inferred:
            date_text += " " + _("(suy ra)")
    return Citable(
        key=edition_key(edition),
        title=edition.title,
        url=permalink(edition),
        site_name=settings.SITE_NAME,
        issuer=organiser.name if organiser else "",
        date=date,
        date_text=date_text,
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


def figure_citable(figure: KeyFigure) -> Citable:
    """A figure with its as-of time and its source (the source must be loaded with it)."""
    source = if_public(figure.source)
    return Citable(
        key=f"so-lieu-{figure.key}",
        title=f"{figure.label}: {figure.text_as_written}",
        url=permalink(figure),
        site_name=settings.SITE_NAME,
        date=figure.as_of_date,
        date_text=figure.as_of_text,
        item=source_reference(source) if source else "",
        kind="webpage",
    )


def figure_download_url(figure: KeyFigure, fmt: str) -> str:
    return reverse("editions:figure_citation", args=[figure.key, fmt])
