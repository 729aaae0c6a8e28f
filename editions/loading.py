"""Loads the editions app's content from `content/*.toml` (the rules are in `core/loading.py`).

Files and natural keys, in load order:

- `sources.toml` — sources by `key`;
- `topics.toml` — topics by `slug`;
- `organisations.toml` — organisations by `slug` (a parent before its children);
- `people.toml` — people by `slug`;
- `series.toml` — series by `slug`; their editions by (series, `year`); an edition's strands, bridge points and
  appearances by `order` within it (part of the edition's fingerprint); programmes by `slug`;
- `figures.toml` — key figures by `key`.

An edition is referred to from other files as "series-slug/year" (`find_edition`).
"""

from pathlib import Path

from django.utils import timezone

from core.loading import (
    Children,
    ContentError,
    ContentLoader,
    Ref,
    Row,
    check_keys,
    field_values,
    table_rows,
    to_decimal,
)
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Person,
    Programme,
    Series,
    Source,
    Strand,
    Topic,
)


def find_sources(loader: ContentLoader, keys: list, where: str) -> list[Source]:
    return [loader.get(Source, where, key=key) for key in keys]


def find_topics(loader: ContentLoader, slugs: list, where: str) -> list[Topic]:
    return [loader.get(Topic, where, slug=slug) for slug in slugs]


def find_organisation(loader: ContentLoader, slug: str | None, where: str) -> Organisation | None:
    return loader.get(Organisation, where, slug=slug) if slug else None


def find_organisations(loader: ContentLoader, slugs: list, where: str) -> list[Organisation]:
    return [loader.get(Organisation, where, slug=slug) for slug in slugs]


def find_edition(loader: ContentLoader, ref: str | None, where: str) -> Edition | None:
    """An edition by "series-slug/year", e.g. "dien-dan/2025"."""
    if not ref:
        return None
    slug, _, year = ref.partition("/")
    if not year.isdigit():
        raise ContentError(f'{where}: kỳ {ref!r} phải viết dạng "slug-chuỗi/năm"')
    return loader.get(Edition, where, series=loader.get(Series, where, slug=slug), year=int(year))


def _subset(keys: list, allowed: list, where: str) -> None:
    """A child row without a sources field of its own must come from its parent's sources."""
    extra = sorted(set(keys) - set(allowed))
    if extra:
        raise ContentError(f"{where}: nguồn {extra} không có trong nguồn của bản ghi cha {allowed}")


# Sources, topics, organisations, people ---------------------------------------------------------------------------
SOURCE_FIELDS = ("key", "title", "kind", "author", "publisher", "published_at", "published_date_known", "date_text")
SOURCE_FIELDS += ("url", "summary", "order", "editor_note")


def load_source(loader: ContentLoader, where: str, row: dict) -> Source:
    check_keys(row, where, required=("key", "title"), optional=SOURCE_FIELDS)
    values = field_values(Source, row, SOURCE_FIELDS)
    if values["published_at"] is not None and timezone.is_naive(values["published_at"]):
        values["published_at"] = timezone.make_aware(values["published_at"])
    return loader.load(Source, key=("key",), values=values, where=where)


TOPIC_FIELDS = ("slug", "name", "description", "order", "editor_note")


def load_topic(loader: ContentLoader, where: str, row: dict) -> Topic:
    check_keys(row, where, required=("slug", "name"), optional=TOPIC_FIELDS)
    return loader.load(Topic, key=("slug",), values=field_values(Topic, row, TOPIC_FIELDS), where=where)


ORGANISATION_FIELDS = ("slug", "name", "short_name", "name_en", "kind", "description", "protocol_order", "editor_note")


def load_organisation(loader: ContentLoader, where: str, row: dict) -> Organisation:
    check_keys(row, where, required=("slug", "name", "kind"), optional=(*ORGANISATION_FIELDS, "parent", "sources"))
    values = field_values(Organisation, row, ORGANISATION_FIELDS)
    values["parent"] = find_organisation(loader, row.get("parent"), where)
    m2m = {"sources": find_sources(loader, row.get("sources", []), where)}
    return loader.load(Organisation, key=("slug",), values=values, m2m=m2m, where=where)


PERSON_FIELDS = ("slug", "name", "description", "editor_note")


def load_person(loader: ContentLoader, where: str, row: dict) -> Person:
    check_keys(row, where, required=("slug", "name"), optional=(*PERSON_FIELDS, "sources"))
    m2m = {"sources": find_sources(loader, row.get("sources", []), where)}
    return loader.load(Person, key=("slug",), values=field_values(Person, row, PERSON_FIELDS), m2m=m2m, where=where)


# Series, editions and what an edition holds ----------------------------------------------------------------------
SERIES_FIELDS = ("slug", "name", "short_name", "kind", "description", "organiser_note", "founded_year")
SERIES_FIELDS += ("founding_text", "frequency", "order", "editor_note")


def load_series(loader: ContentLoader, where: str, row: dict) -> Series:
    optional = (*SERIES_FIELDS, "organiser", "topics", "sources", "editions")
    check_keys(row, where, required=("slug", "name", "kind"), optional=optional)
    values = field_values(Series, row, SERIES_FIELDS)
    values["organiser"] = find_organisation(loader, row.get("organiser"), where)
    m2m = {
        "topics": find_topics(loader, row.get("topics", []), where),
        "sources": find_sources(loader, row.get("sources", []), where),
    }
    series = loader.load(Series, key=("slug",), values=values, m2m=m2m, where=where)
    for n, edition_row in enumerate(row.get("editions", []), 1):
        load_edition(loader, f"{where} › kỳ #{n}", series, edition_row)
    return series


EDITION_FIELDS = ("year", "number", "year_inferred", "inference_note", "name", "theme", "start_date", "end_date")
EDITION_FIELDS += ("date_text", "venue", "summary", "context", "focus", "highlights", "participants_text")
EDITION_FIELDS += ("editor_note",)
EDITION_CHILDREN = ("strands", "bridge_points", "appearances", "programmes")


def load_edition(loader: ContentLoader, where: str, series: Series, row: dict) -> Edition:
    optional = (*EDITION_FIELDS, "organiser", "topics", "sources", *EDITION_CHILDREN)
    check_keys(row, where, required=("year",), optional=optional)
    values = {"series": series, **field_values(Edition, row, EDITION_FIELDS)}
    values["organiser"] = find_organisation(loader, row.get("organiser"), where)
    sources = row.get("sources", [])
    m2m = {"topics": find_topics(loader, row.get("topics", []), where), "sources": find_sources(loader, sources, where)}
    children = [
        _bridge_points(loader, where, row.get("bridge_points", [])),
        _strands(loader, where, row.get("strands", []), sources),
        _appearances(loader, where, row.get("appearances", []), row.get("bridge_points", [])),
    ]
    edition = loader.load(Edition, key=("series", "year"), values=values, m2m=m2m, children=children, where=where)
    for n, programme_row in enumerate(row.get("programmes", []), 1):
        load_programme(loader, f"{where} › chương trình #{n}", edition, programme_row)
    return edition


BRIDGE_POINT_FIELDS = ("order", "name", "host", "description")


def _bridge_points(loader: ContentLoader, where: str, rows: list) -> Children:
    out = []
    for n, row in enumerate(rows, 1):
        here = f"{where} › điểm cầu #{n}"
        check_keys(row, here, required=("order", "name"), optional=(*BRIDGE_POINT_FIELDS, "sources"))
        values = field_values(BridgePoint, row, ("order", "name", "description"))
        values["host"] = find_organisation(loader, row.get("host"), here)
        out.append(Row(values, {"sources": find_sources(loader, row.get("sources", []), here)}))
    return Children("bridge_points", ("order",), BRIDGE_POINT_FIELDS, out, m2m=("sources",))


STRAND_FIELDS = ("order", "title", "description")


def _strands(loader: ContentLoader, where: str, rows: list, edition_sources: list) -> Children:
    out = []
    for n, row in enumerate(rows, 1):
        here = f"{where} › nhóm vấn đề #{n}"
        check_keys(row, here, required=("order", "title"), optional=(*STRAND_FIELDS, "topics", "sources"))
        _subset(row.get("sources", []), edition_sources, here)
        values = field_values(Strand, row, STRAND_FIELDS)
        out.append(Row(values, {"topics": find_topics(loader, row.get("topics", []), here)}))
    return Children("strands", ("order",), STRAND_FIELDS, out, m2m=("topics",))


APPEARANCE_FIELDS = ("order", "person", "title", "organisation", "part", "bridge_point", "note")


def _appearances(loader: ContentLoader, where: str, rows: list, bridge_point_rows: list) -> Children:
    bridge_point_names = {bp.get("name") for bp in bridge_point_rows}
    out = []
    for n, row in enumerate(rows, 1):
        here = f"{where} › vai trò #{n}"
        check_keys(row, here, required=("order", "person", "title"), optional=(*APPEARANCE_FIELDS, "sources"))
        values = field_values(Appearance, row, ("order", "title", "part", "note"))
        values["person"] = loader.get(Person, here, slug=row["person"])
        values["organisation"] = find_organisation(loader, row.get("organisation"), here)
        bridge_point = row.get("bridge_point")
        if bridge_point and bridge_point not in bridge_point_names:
            raise ContentError(f"{here}: kỳ này không có điểm cầu {bridge_point!r}")
        values["bridge_point"] = Ref.to("bridge_points", name=bridge_point) if bridge_point else None
        out.append(Row(values, {"sources": find_sources(loader, row.get("sources", []), here)}))
    return Children("appearances", ("order",), APPEARANCE_FIELDS, out, m2m=("sources",))


PROGRAMME_FIELDS = ("slug", "name", "description", "editor_note")


def load_programme(loader: ContentLoader, where: str, edition: Edition, row: dict) -> Programme:
    optional = (*PROGRAMME_FIELDS, "other_names", "topics", "sources")
    check_keys(row, where, required=("slug", "name"), optional=optional)
    values = {**field_values(Programme, row, PROGRAMME_FIELDS), "edition": edition}
    values["other_names"] = "\n".join(row.get("other_names", []))
    m2m = {
        "topics": find_topics(loader, row.get("topics", []), where),
        "sources": find_sources(loader, row.get("sources", []), where),
    }
    return loader.load(Programme, key=("slug",), values=values, m2m=m2m, where=where)


# Key figures -----------------------------------------------------------------------------------------------------
FIGURE_FIELDS = ("key", "label", "text_as_written", "qualifier", "unit", "as_of_date", "as_of_text", "note", "order")
FIGURE_FIELDS += ("editor_note",)


def load_figure(loader: ContentLoader, where: str, row: dict) -> KeyFigure:
    required = ("key", "label", "text_as_written", "source")
    check_keys(row, where, required=required, optional=(*FIGURE_FIELDS, "value", "edition", "topics"))
    values = field_values(KeyFigure, row, FIGURE_FIELDS)
    values["value"] = to_decimal(row.get("value"), where)
    values["source"] = loader.get(Source, where, key=row["source"])
    values["edition"] = find_edition(loader, row.get("edition"), where)
    m2m = {"topics": find_topics(loader, row.get("topics", []), where)}
    return loader.load(KeyFigure, key=("key",), values=values, m2m=m2m, where=where)


FILES = (
    ("sources.toml", "sources", load_source),
    ("topics.toml", "topics", load_topic),
    ("organisations.toml", "organisations", load_organisation),
    ("people.toml", "people", load_person),
    ("series.toml", "series", load_series),
    ("figures.toml", "figures", load_figure),
)


def load_editions_content(loader: ContentLoader, content_dir: Path) -> None:
    for filename, table, load_row in FILES:
        for where, row in table_rows(content_dir / filename, table):
            load_row(loader, where, row)
