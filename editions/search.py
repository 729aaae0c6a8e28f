"""How the editions app's things read to search (docs/search.md); declared searchable in editions/content_types.py.

Each spec says what is public of its model, how one thing reads, and what it `follows`: the other models
whose changes alter its text or its visibility (reindexed with them).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.publishing import if_public, is_public
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    Series,
    Source,
    Strand,
    Topic,
)
from search.registry import SearchDocument, SearchSpec


def published_topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.published().order_by("order", "name"))


def topic_facets(obj) -> list[tuple[str, str]]:
    """(slug, name) of the prefetched published topics of `obj`."""
    return [(topic.slug, topic.name) for topic in obj.topics.all()]


def organisation_facets(*organisations) -> list[tuple[str, str]]:
    return [(o.slug, o.name) for o in organisations if is_public(o)]


def organisation_words(organisation) -> list[str]:
    if not is_public(organisation):
        return []
    return [organisation.name, organisation.short_name]


# --- series, editions and what they hold ---------------------------------------------------------------


def build_series(series: Series) -> SearchDocument:
    return SearchDocument(
        title=series.name,
        url=series.get_absolute_url(),
        subtitle=series.get_kind_display(),
        body=[
            series.description,
            series.founding_text,
            series.frequency,
            series.organiser_note,
            *organisation_words(series.organiser),
        ],
        names=[series.short_name],
        topics=topic_facets(series),
        organisations=organisation_facets(series.organiser),
    )


def build_edition(edition: Edition) -> SearchDocument:
    bridge_points = [f"{b.name}: {b.description}" if b.description else b.name for b in edition.bridge_points.all()]
    return SearchDocument(
        title=edition.title,
        url=edition.get_absolute_url(),
        subtitle=f"“{edition.theme}”" if edition.theme else edition.date_text,
        body=[
            edition.theme,
            edition.date_text,
            edition.venue,
            edition.summary,
            edition.context,
            edition.focus,
            edition.highlights,
            edition.participants_text,
            *bridge_points,
            *organisation_words(edition.organiser),
        ],
        keywords=[
            edition.series.name,
            edition.series.short_name,
            f"lần thứ {edition.number}" if edition.number else "",
            edition.roman if edition.number and edition.number < 4000 else "",
            str(edition.year),
        ],
        year=edition.year,
        topics=topic_facets(edition),
        organisations=organisation_facets(edition.organiser),
    )


def build_strand(strand: Strand) -> SearchDocument:
    return SearchDocument(
        title=strand.title,
        url=strand.get_absolute_url(),
        subtitle=str(
            _("%(edition)s · nhóm vấn đề %(order)s") % {"edition": strand.edition.title, "order": strand.order}
        ),
        body=[strand.description],
        keywords=[strand.edition.title],
        year=strand.edition.year,
        topics=topic_facets(strand),
    )


def build_programme(programme: Programme) -> SearchDocument:
    other_names = programme.other_name_list
    return SearchDocument(
        title=programme.name,
        url=programme.get_absolute_url(),
        subtitle=str(_("Phát động tại %(edition)s") % {"edition": programme.edition.title}),
        body=[programme.description]
        + ([str(_("Tên gọi khác: %(names)s") % {"names": "; ".join(other_names)})] if other_names else []),
        names=other_names,
        year=programme.edition.year,
        topics=topic_facets(programme),
    )


# --- people, organisations, topics ----------------------------------------------------------------------


def build_person(person: Person) -> SearchDocument:
    appearances = list(person.appearances.all())
    roles = [f"{a.title} ({a.edition.title})" for a in appearances]
    return SearchDocument(
        title=person.name,
        url=person.get_absolute_url(),
        subtitle=appearances[-1].title if appearances else "",
        body=[person.description, *roles],
        organisations=organisation_facets(*(a.organisation for a in appearances)),
    )


MINISTRY_PREFIX = "Bộ "


def build_organisation(organisation: Organisation) -> SearchDocument:
    parent = if_public(organisation.parent)
    parent_name = parent.name if parent else ""
    # A ministry is also called by its field alone: "Khoa học và Công nghệ" names Bộ Khoa học và Công nghệ.
    field_name = (
        organisation.name.removeprefix(MINISTRY_PREFIX) if organisation.kind == OrganisationKind.MINISTRY else ""
    )
    return SearchDocument(
        title=organisation.name,
        url=organisation.get_absolute_url(),
        subtitle=" · ".join(p for p in [organisation.short_name, parent_name] if p),
        body=[organisation.description, parent_name],
        names=[organisation.short_name, organisation.name_en, field_name],
        organisations=organisation_facets(organisation),
    )


def build_topic(topic: Topic) -> SearchDocument:
    return SearchDocument(title=topic.name, url=topic.get_absolute_url(), body=[topic.description])


# --- figures and sources --------------------------------------------------------------------------------


def build_figure(figure: KeyFigure) -> SearchDocument:
    value = format(figure.value.normalize(), "f") if figure.value is not None else ""
    source = if_public(figure.source)
    edition = if_public(figure.edition)
    year = figure.as_of_date.year if figure.as_of_date else (edition.year if edition else None)
    return SearchDocument(
        title=f"{figure.label}: {figure.text_as_written}",
        url=figure.get_absolute_url(),
        subtitle=figure.as_of_text or (figure.as_of_date.strftime("%d/%m/%Y") if figure.as_of_date else ""),
        body=[figure.note, figure.as_of_text, source.title if source else ""],
        keywords=[value, figure.unit, figure.qualifier],
        year=year,
        topics=topic_facets(figure),
    )


def build_source(source: Source) -> SearchDocument:
    published = source.published_on
    when = published.strftime("%d/%m/%Y") if published else source.date_text
    return SearchDocument(
        title=source.title,
        url=source.get_absolute_url(),
        subtitle=" · ".join(p for p in [source.publisher, source.author, when] if p),
        body=[source.summary, source.author, source.publisher, source.reprinted_from, source.kind, source.supports],
        year=published.year if published else None,
    )


# --- what each content type puts into search ------------------------------------------------------------

EDITION = SearchSpec(
    "edition",
    _("Kỳ tổ chức"),
    lambda: (
        Edition.objects.published()
        .select_related("series", "organiser")
        .prefetch_related(published_topics(), "bridge_points")
    ),
    build_edition,
    order=10,
    follows={
        Series: lambda s: Edition.objects.filter(series_id=s.pk),
        BridgePoint: lambda b: Edition.objects.filter(pk=b.edition_id),
        Organisation: lambda o: Edition.objects.filter(organiser_id=o.pk),
        Topic: lambda t: Edition.objects.filter(topics=t.pk),
    },
)
STRAND = SearchSpec(
    "strand",
    _("Nhóm vấn đề thảo luận"),
    lambda: (
        Strand.objects.published().select_related("edition", "edition__series").prefetch_related(published_topics())
    ),
    build_strand,
    order=15,
    follows={
        Series: lambda s: Strand.objects.filter(edition__series_id=s.pk),
        Edition: lambda e: Strand.objects.filter(edition_id=e.pk),
        Topic: lambda t: Strand.objects.filter(topics=t.pk),
    },
)
PROGRAMME = SearchSpec(
    "programme",
    _("Chương trình"),
    lambda: (
        Programme.objects.published().select_related("edition", "edition__series").prefetch_related(published_topics())
    ),
    build_programme,
    order=18,
    follows={
        Series: lambda s: Programme.objects.filter(edition__series_id=s.pk),
        Edition: lambda e: Programme.objects.filter(edition_id=e.pk),
        Topic: lambda t: Programme.objects.filter(topics=t.pk),
    },
)
SERIES = SearchSpec(
    "series",
    _("Chuỗi sự kiện"),
    lambda: Series.objects.published().select_related("organiser").prefetch_related(published_topics()),
    build_series,
    order=20,
    follows={
        Organisation: lambda o: Series.objects.filter(organiser_id=o.pk),
        Topic: lambda t: Series.objects.filter(topics=t.pk),
    },
)
PERSON = SearchSpec(
    "person",
    _("Nhân vật"),
    lambda: Person.objects.published().prefetch_related(
        Prefetch(
            "appearances",
            queryset=Appearance.objects.published()
            .select_related("organisation", "edition", "edition__series")
            .order_by("edition__year", "order", "id"),
        )
    ),
    build_person,
    order=60,
    follows={
        Appearance: lambda a: Person.objects.filter(pk=a.person_id),
        Series: lambda s: Person.objects.filter(appearances__edition__series_id=s.pk).distinct(),
        Edition: lambda e: Person.objects.filter(appearances__edition_id=e.pk).distinct(),
        Organisation: lambda o: Person.objects.filter(appearances__organisation_id=o.pk).distinct(),
    },
)
ORGANISATION = SearchSpec(
    "organisation",
    _("Cơ quan, tổ chức"),
    lambda: Organisation.objects.published().select_related("parent"),
    build_organisation,
    order=70,
    follows={Organisation: lambda parent: Organisation.objects.filter(parent_id=parent.pk)},
)
FIGURE = SearchSpec(
    "figure",
    _("Số liệu"),
    lambda: (
        KeyFigure.objects.published()
        .select_related("source", "edition", "edition__series")
        .prefetch_related(published_topics())
    ),
    build_figure,
    order=80,
    follows={
        Series: lambda s: KeyFigure.objects.filter(edition__series_id=s.pk),
        Edition: lambda e: KeyFigure.objects.filter(edition_id=e.pk),
        Source: lambda s: KeyFigure.objects.filter(source_id=s.pk),
        Topic: lambda t: KeyFigure.objects.filter(topics=t.pk),
    },
)
TOPIC = SearchSpec("topic", _("Chủ đề"), Topic.objects.published, build_topic, order=90, featured=True)
SOURCE = SearchSpec("source", _("Nguồn"), Source.objects.published, build_source, order=95)
