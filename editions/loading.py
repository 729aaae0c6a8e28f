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

The English texts come from `content/en/` with the same files and keys (`core/overlay.py`); the `*_OVERLAY` specs
below say where English may go.
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
from core.overlay import Overlay, apply_overlay, overlay_path
from core.provenance import field_sources_problems
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


def field_sources(model, row: dict, where: str) -> dict:
    """`field_sources = { venue = ["s8"] }`: each name a field of the model, each key one of the row's sources."""
    mapping = row.get("field_sources", {})
    problems = field_sources_problems(model(), mapping)
    if problems:
        raise ContentError(f"{where} › field_sources: {' '.join(problems)}")
    for name, keys in mapping.items():
        extra = sorted(set(keys) - set(row.get("sources", [])))
        if extra:
            raise ContentError(f"{where} › field_sources.{name}: nguồn {extra} không có trong `sources` của bản ghi")
    return mapping


NOTES = ("editor_note", "public_note", "public_note_en")  # internal note; public "Ghi chú của ban biên tập"


# Sources, topics, organisations, people ---------------------------------------------------------------------------
SOURCE_OVERLAY = Overlay(
    ("key",), texts=("title", "kind", "date_text", "no_url_reason", "summary", "supports", "public_note")
)
SOURCE_FIELDS = ("key", "title", "kind", "author", "publisher", "reprinted_from", "published_at", "published_date")
SOURCE_FIELDS += ("date_text", "url", "no_url_reason", "accessed_date", "summary", "order", *NOTES)
SOURCE_FIELDS += ("title_en", "kind_en", "date_text_en", "no_url_reason_en", "summary_en")


def load_source(loader: ContentLoader, where: str, row: dict) -> Source:
    check_keys(row, where, required=("key", "title"), optional=(*SOURCE_FIELDS, "supports", "supports_en"))
    values = field_values(Source, row, SOURCE_FIELDS)
    if values["published_at"] is not None and timezone.is_naive(values["published_at"]):
        values["published_at"] = timezone.make_aware(values["published_at"])
    values["supports"] = "\n".join(row.get("supports", []))
    values["supports_en"] = "\n".join(row.get("supports_en", []))
    return loader.load(Source, key=("key",), values=values, where=where)


TOPIC_OVERLAY = Overlay(("slug",), texts=("name", "description", "public_note"))
TOPIC_FIELDS = ("slug", "name", "description", "order", *NOTES, "name_en", "description_en")


def load_topic(loader: ContentLoader, where: str, row: dict) -> Topic:
    check_keys(row, where, required=("slug", "name"), optional=TOPIC_FIELDS)
    return loader.load(Topic, key=("slug",), values=field_values(Topic, row, TOPIC_FIELDS), where=where)


ORGANISATION_OVERLAY = Overlay(("slug",), texts=("name", "short_name", "description", "public_note"))
ORGANISATION_FIELDS = ("slug", "name", "short_name", "kind", "description", "protocol_order", *NOTES)
ORGANISATION_FIELDS += ("name_en", "short_name_en", "description_en")


def load_organisation(loader: ContentLoader, where: str, row: dict) -> Organisation:
    check_keys(row, where, required=("slug", "name", "kind"), optional=(*ORGANISATION_FIELDS, "parent", "sources"))
    values = field_values(Organisation, row, ORGANISATION_FIELDS)
    values["parent"] = find_organisation(loader, row.get("parent"), where)
    m2m = {"sources": find_sources(loader, row.get("sources", []), where)}
    return loader.load(Organisation, key=("slug",), values=values, m2m=m2m, where=where)


PERSON_OVERLAY = Overlay(("slug",), texts=("description", "public_note"))
PERSON_FIELDS = ("slug", "name", "description", *NOTES, "description_en")


def load_person(loader: ContentLoader, where: str, row: dict) -> Person:
    check_keys(row, where, required=("slug", "name"), optional=(*PERSON_FIELDS, "sources"))
    m2m = {"sources": find_sources(loader, row.get("sources", []), where)}
    return loader.load(Person, key=("slug",), values=field_values(Person, row, PERSON_FIELDS), m2m=m2m, where=where)


# Series, editions and what an edition holds ----------------------------------------------------------------------
STRAND_OVERLAY = Overlay(("order",), texts=("title", "description"))
BRIDGE_POINT_OVERLAY = Overlay(("order",), texts=("description",))
APPEARANCE_OVERLAY = Overlay(("order",), texts=("title", "note"))
PROGRAMME_OVERLAY = Overlay(("slug",), texts=("name", "description", "inference_note", "public_note"))
EDITION_TEXTS = ("inference_note", "theme", "date_text", "venue", "summary", "context", "focus", "highlights")
EDITION_OVERLAY = Overlay(
    ("year",),
    texts=(*EDITION_TEXTS, "participants_text", "public_note"),
    children=(
        ("strands", STRAND_OVERLAY),
        ("bridge_points", BRIDGE_POINT_OVERLAY),
        ("appearances", APPEARANCE_OVERLAY),
        ("programmes", PROGRAMME_OVERLAY),
    ),
)
SERIES_OVERLAY = Overlay(
    ("slug",),
    texts=("name", "description", "organiser_note", "founding_text", "frequency", "public_note"),
    children=(("editions", EDITION_OVERLAY),),
)


def english(overlay: Overlay) -> tuple[str, ...]:
    """The English fields of a spec, but `public_note_en` (in NOTES already)."""
    return tuple(name for name in overlay.fields if name != "public_note_en")


SERIES_FIELDS = ("slug", "name", "short_name", "kind", "description", "organiser_note", "founded_year")
SERIES_FIELDS += ("founding_text", "frequency", "order", *NOTES, *english(SERIES_OVERLAY))


def load_series(loader: ContentLoader, where: str, row: dict) -> Series:
    optional = (*SERIES_FIELDS, "organiser", "topics", "sources", "field_sources", "editions")
    check_keys(row, where, required=("slug", "name", "kind"), optional=optional)
    values = field_values(Series, row, SERIES_FIELDS)
    values["field_sources"] = field_sources(Series, row, where)
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
EDITION_FIELDS += ("start_date_inferred", "date_text", "venue", "summary", "context", "focus", "highlights")
EDITION_FIELDS += ("participants_text", *NOTES, *english(EDITION_OVERLAY))
EDITION_CHILDREN = ("strands", "bridge_points", "appearances", "programmes")


def load_edition(loader: ContentLoader, where: str, series: Series, row: dict) -> Edition:
    optional = (*EDITION_FIELDS, "organiser", "topics", "sources", "field_sources", *EDITION_CHILDREN)
    check_keys(row, where, required=("year",), optional=optional)
    values = {"series": series, **field_values(Edition, row, EDITION_FIELDS)}
    values["field_sources"] = field_sources(Edition, row, where)
    if (values["year_inferred"] or values["start_date_inferred"]) and not values["inference_note"]:
        raise ContentError(f"{where}: điều suy ra cần `inference_note` (suy ra từ đâu)")
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


BRIDGE_POINT_FIELDS = ("order", "name", "host", "description", *BRIDGE_POINT_OVERLAY.fields)


def _bridge_points(loader: ContentLoader, where: str, rows: list) -> Children:
    out = []
    for n, row in enumerate(rows, 1):
        here = f"{where} › điểm cầu #{n}"
        check_keys(row, here, required=("order", "name"), optional=(*BRIDGE_POINT_FIELDS, "sources", "topics"))
        values = field_values(BridgePoint, row, ("order", "name", "description", *BRIDGE_POINT_OVERLAY.fields))
        values["host"] = find_organisation(loader, row.get("host"), here)
        m2m = {
            "sources": find_sources(loader, row.get("sources", []), here),
            "topics": find_topics(loader, row.get("topics", []), here),
        }
        out.append(Row(values, m2m))
    return Children("bridge_points", ("order",), BRIDGE_POINT_FIELDS, out, m2m=("sources", "topics"))


STRAND_FIELDS = ("order", "title", "description", *STRAND_OVERLAY.fields)


def _strands(loader: ContentLoader, where: str, rows: list, edition_sources: list) -> Children:
    out = []
    for n, row in enumerate(rows, 1):
        here = f"{where} › nhóm vấn đề #{n}"
        check_keys(row, here, required=("order", "title"), optional=(*STRAND_FIELDS, "topics", "sources"))
        _subset(row.get("sources", []), edition_sources, here)
        values = field_values(Strand, row, STRAND_FIELDS)
        m2m = {
            "topics": find_topics(loader, row.get("topics", []), here),
            "sources": find_sources(loader, row.get("sources", []), here),
        }
        out.append(Row(values, m2m))
    return Children("strands", ("order",), STRAND_FIELDS, out, m2m=("topics", "sources"))


APPEARANCE_FIELDS = ("order", "person", "title", "organisation", "part", "bridge_point", "note")
APPEARANCE_FIELDS += APPEARANCE_OVERLAY.fields


def _appearances(loader: ContentLoader, where: str, rows: list, bridge_point_rows: list) -> Children:
    bridge_point_names = {bp.get("name") for bp in bridge_point_rows}
    out = []
    for n, row in enumerate(rows, 1):
        here = f"{where} › vai trò #{n}"
        check_keys(row, here, required=("order", "person", "title"), optional=(*APPEARANCE_FIELDS, "sources"))
        values = field_values(Appearance, row, ("order", "title", "part", "note", *APPEARANCE_OVERLAY.fields))
        values["person"] = loader.get(Person, here, slug=row["person"])
        values["organisation"] = find_organisation(loader, row.get("organisation"), here)
        bridge_point = row.get("bridge_point")
        if bridge_point and bridge_point not in bridge_point_names:
            raise ContentError(f"{here}: kỳ này không có điểm cầu {bridge_point!r}")
        values["bridge_point"] = Ref.to("bridge_points", name=bridge_point) if bridge_point else None
        out.append(Row(values, {"sources": find_sources(loader, row.get("sources", []), here)}))
    return Children("appearances", ("order",), APPEARANCE_FIELDS, out, m2m=("sources",))


PROGRAMME_FIELDS = ("slug", "name", "description", "other_names_inferred", "inference_note", *NOTES)
PROGRAMME_FIELDS += english(PROGRAMME_OVERLAY)


def load_programme(loader: ContentLoader, where: str, edition: Edition, row: dict) -> Programme:
    optional = (*PROGRAMME_FIELDS, "other_names", "topics", "sources")
    check_keys(row, where, required=("slug", "name"), optional=optional)
    values = {**field_values(Programme, row, PROGRAMME_FIELDS), "edition": edition}
    if values["other_names_inferred"] and not values["inference_note"]:
        raise ContentError(f"{where}: điều suy ra cần `inference_note` (suy ra từ đâu)")
    values["other_names"] = "\n".join(row.get("other_names", []))
    m2m = {
        "topics": find_topics(loader, row.get("topics", []), where),
        "sources": find_sources(loader, row.get("sources", []), where),
    }
    return loader.load(Programme, key=("slug",), values=values, m2m=m2m, where=where)


# Key figures -----------------------------------------------------------------------------------------------------
FIGURE_OVERLAY = Overlay(
    ("key",),
    texts=("label", "qualifier", "unit", "as_of_text", "note", "public_note"),
    twins=(("text_en", "text_as_written"),),
)
FIGURE_FIELDS = ("key", "label", "text_as_written", "qualifier", "unit", "as_of_date", "as_of_text", "note", "order")
FIGURE_FIELDS += (*NOTES, *english(FIGURE_OVERLAY))


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
    ("sources.toml", "sources", load_source, SOURCE_OVERLAY),
    ("topics.toml", "topics", load_topic, TOPIC_OVERLAY),
    ("organisations.toml", "organisations", load_organisation, ORGANISATION_OVERLAY),
    ("people.toml", "people", load_person, PERSON_OVERLAY),
    ("series.toml", "series", load_series, SERIES_OVERLAY),
    ("figures.toml", "figures", load_figure, FIGURE_OVERLAY),
)
FILENAMES = tuple(filename for filename, *_rest in FILES)


def load_editions_content(loader: ContentLoader, content_dir: Path) -> None:
    for filename, table, load_row, overlay in FILES:
        rows = table_rows(content_dir / filename, table)
        apply_overlay(rows, overlay_path(content_dir, filename), table, overlay)
        for where, row in rows:
            load_row(loader, where, row)
