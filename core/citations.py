"""Citation styles over a small `Citable` record (ground floor: imports neither app).

Apps describe their things as `Citable`s in their own `citations.py` and declare them citable in their
`content_types.py` (`citation=Citation(to_citable, download_url)`, core/registry.py); `citable_for(obj)`
finds it. The formatters are pure
functions of a `Citable` and an access date, so tests pin both.

Field order of the Vietnamese press style (house plan): issuer; document type and number; date or
"không rõ ngày"; title; the item; site name; version (when present); "truy cập ngày dd/mm/yyyy";
permanent URL. APA 7, BibTeX, RIS and CSL-JSON carry the same fields.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.registry import Citation, content_types

# Citations are Vietnamese on every page: their catalogue entries keep the Vietnamese text (msgstr = msgid), and
# this one has its own context so that "không rõ ngày" elsewhere (feeds, admin) can still be translated.
UNKNOWN_DATE = pgettext_lazy("citation", "không rõ ngày")

# fmt → (file extension, content type, label on the page)
DOWNLOAD_FORMATS = {
    "bib": ("bib", "application/x-bibtex; charset=utf-8", "BibTeX"),
    "ris": ("ris", "application/x-research-info-systems; charset=utf-8", "RIS"),
    "json": ("json", "application/vnd.citationstyles.csl+json; charset=utf-8", "CSL-JSON"),
}


@dataclass(frozen=True)
class Citable:
    """What a citation says about one thing: a document, a section, a task, an edition, a figure."""

    key: str  # stable, ASCII: the BibTeX key and CSL id ("4-tb-vpcp-nhiem-vu-3")
    title: str  # the document's own title, or our page's title
    url: str  # permanent, absolute: `core.links.permalink()`
    site_name: str
    issuer: str = ""  # who issued the document cited (kind "document" only)
    doc_type: str = ""
    number: str = ""
    date: datetime.date | None = None  # the document's date, or when our page was first published
    date_text: str = ""  # said instead of "không rõ ngày" when there is no exact date
    item: str = ""  # the part cited, named: "nhiệm vụ 3 “…”, theo đánh số của Kho tri thức"
    version: str | int | None = None
    kind: str = "document"  # "document" (a notice and its parts) or "webpage" (our own page about a thing)

    @property
    def author(self) -> str:
        """The issuer of the document cited; for our own pages the site itself, never a body the page is about."""
        return self.issuer if self.kind == "document" else self.site_name

    @property
    def doc_label(self) -> str:
        """ "Thông báo số 4/TB-VPCP"; the type alone when there is no number."""
        if self.doc_type and self.number:
            return _("%(type)s số %(number)s") % {"type": self.doc_type, "number": self.number}
        return self.doc_type or self.number

    @property
    def full_title(self) -> str:
        """The title with the part cited in square brackets (APA's description): what the machine formats carry."""
        title = _part(self.title)
        return f"{title} [{_part(self.item)}]" if self.item else title

    @property
    def publisher(self) -> str:
        """The site, unless it is already the author (APA leaves it out then)."""
        return "" if self.site_name == self.author else self.site_name


def vn_date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _date_phrase(c: Citable) -> str:
    if c.date:
        return vn_date(c.date)
    return c.date_text or str(UNKNOWN_DATE)


def _version(c: Citable) -> str:
    return _("phiên bản %(version)s") % {"version": c.version} if c.version else ""


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _part(text: str) -> str:
    """One field of a citation: single spaces, no closing punctuation of its own (the style adds it)."""
    return _clean(text).rstrip(" .,;:")


def _sentence(parts: list[str]) -> str:
    """Comma-separated fields; the sentence starts with a capital letter."""
    text = ", ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


# --- Vietnamese press style --------------------------------------------------------------------------------------


def press_style(c: Citable, accessed: datetime.date) -> str:
    """Văn phòng Chính phủ, Thông báo số 4/TB-VPCP, không rõ ngày, “…”, nhiệm vụ 3 “…”, theo đánh số của Kho tri
    thức. Kho tri thức…, phiên bản 1, truy cập ngày 15/02/2026, https://…"""
    first = [_part(c.author), c.doc_label, _date_phrase(c), f"“{_part(c.title)}”", _part(c.item)]
    accessed_on = _("truy cập ngày %(date)s") % {"date": vn_date(accessed)}
    return _sentence(first) + ". " + _sentence([c.publisher, _version(c), accessed_on, c.url])


# --- APA 7 (Vietnamese wording) ------------------------------------------------------------------------------------


def apa(c: Citable, accessed: datetime.date) -> str:
    """Author. (Year). Title (Type No.; version) [item]. Site. Truy cập ngày …, từ URL"""
    year = str(c.date.year) if c.date else (c.date_text or str(UNKNOWN_DATE))
    details = "; ".join(p for p in [c.doc_label, _version(c)] if p)
    title = _part(c.title)
    if details:
        title += f" ({details})"
    if c.item:
        title += f" [{_part(c.item)}]"
    # APA: with no author, the title takes the author's place.
    head = f"{_part(c.author)}. ({year}). {title}." if c.author else f"{title}. ({year})."
    retrieved = _("Truy cập ngày %(date)s, từ %(url)s") % {"date": vn_date(accessed), "url": c.url}
    return " ".join(p for p in [head, f"{c.publisher}." if c.publisher else "", retrieved] if p)


# --- BibTeX --------------------------------------------------------------------------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bib(text: str) -> str:
    return "".join(_BIBTEX_SPECIALS.get(ch, ch) for ch in _clean(text))


def bibtex(c: Citable, accessed: datetime.date) -> str:
    fields: list[tuple[str, str]] = []
    if c.author:
        fields.append(("author", "{" + _bib(c.author) + "}"))  # a body, not a person: double braces
    fields.append(("title", "{" + _bib(c.full_title) + "}"))
    if c.doc_type:
        fields.append(("type", _bib(c.doc_type)))
    if c.number:
        fields.append(("number", _bib(c.number)))
    if c.date:
        fields += [("date", c.date.isoformat()), ("year", str(c.date.year))]
    elif c.date_text:
        fields.append(("addendum", _bib(c.date_text)))
    if c.version:
        fields.append(("version", _bib(str(c.version))))
    fields += [
        ("publisher", _bib(c.site_name)),
        ("howpublished", _bib(c.site_name)),
        ("url", c.url),
        ("urldate", accessed.isoformat()),
        ("langid", "vietnamese"),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{c.key},\n{body}}}\n"


# --- RIS -----------------------------------------------------------------------------------------------------------


def ris(c: Citable, accessed: datetime.date) -> str:
    lines = [("TY", "GOVDOC" if c.kind == "document" else "ELEC"), ("ID", c.key)]
    if c.author:
        lines.append(("AU", c.author))
    lines.append(("TI", c.full_title))
    if c.doc_type:
        lines.append(("M3", c.doc_type))
    if c.number:
        lines.append(("M1", c.number))
    if c.date:
        lines += [("PY", str(c.date.year)), ("DA", c.date.strftime("%Y/%m/%d"))]
    elif c.date_text:
        lines.append(("N1", c.date_text))
    if c.version:
        lines.append(("ET", str(c.version)))
    lines += [("PB", c.site_name), ("UR", c.url), ("Y2", accessed.strftime("%Y/%m/%d")), ("LA", "vi"), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


# --- CSL-JSON ------------------------------------------------------------------------------------------------------


def csl_item(c: Citable, accessed: datetime.date) -> dict:
    item: dict = {"id": c.key, "type": c.kind}
    if c.author:
        item["author"] = [{"literal": c.author}]
    item["title"] = c.full_title
    if c.doc_type:
        item["genre"] = c.doc_type
    if c.number:
        item["number"] = c.number
    if c.date:
        item["issued"] = {"date-parts": [[c.date.year, c.date.month, c.date.day]]}
    elif c.date_text:
        item["issued"] = {"literal": c.date_text}
    if c.version:
        item["version"] = str(c.version)
    item |= {
        "publisher": c.site_name,
        "URL": c.url,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "language": "vi",
    }
    return item


def csl_json(c: Citable, accessed: datetime.date) -> str:
    return json.dumps([csl_item(c, accessed)], ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[Citable, datetime.date], str]] = {"bib": bibtex, "ris": ris, "json": csl_json}


class FormatConverter:
    """`<citation_format:fmt>` in a URL: only the known formats match, so an unknown one is a 404 before any view
    runs. The one place a citation format is checked (registered in `core.apps`)."""

    regex = "|".join(DOWNLOAD_FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def download_response(c: Citable, fmt: str, accessed: datetime.date) -> HttpResponse:
    """The citation as a file (BibTeX, RIS or CSL-JSON); `fmt` comes through `FormatConverter`."""
    extension, content_type, _label = DOWNLOAD_FORMATS[fmt]
    response = HttpResponse(RENDERERS[fmt](c, accessed), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{c.key}.{extension}"'
    return response


# --- What the cite box shows, for any thing declared citable -------------------------------------------------------


@dataclass(frozen=True)
class Download:
    fmt: str
    label: str
    url: str


@dataclass(frozen=True)
class CiteBox:
    id: str
    press: str
    apa: str
    downloads: tuple[Download, ...] = field(default_factory=tuple)


def _adapter(obj) -> Citation:
    declared = content_types.get(obj)
    if declared is None or declared.citation is None:
        raise LookupError(f"{type(obj).__name__} is not declared citable (core/registry.py)")
    return declared.citation


def _to_citable(adapter, obj) -> Citable:
    # Citations are Vietnamese on every page, names that models compose in the page's language included.
    with translation.override(settings.LANGUAGE_CODE):
        return adapter.to_citable(obj)


def citable_for(obj) -> Citable:
    return _to_citable(_adapter(obj), obj)


def cite_box(obj, accessed: datetime.date) -> CiteBox:
    adapter = _adapter(obj)
    citable = _to_citable(adapter, obj)
    downloads: tuple[Download, ...] = ()
    if adapter.download_url is not None:
        downloads = tuple(
            Download(fmt, label, adapter.download_url(obj, fmt)) for fmt, (_e, _t, label) in DOWNLOAD_FORMATS.items()
        )
    return CiteBox(
        id=f"trich-dan-{citable.key}",
        press=press_style(citable, accessed),
        apa=apa(citable, accessed),
        downloads=downloads,
    )
