"""Presentation helpers for templates: paragraphs of plain text, dates that may be unknown."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import publishing

register = template.Library()


@register.filter
def if_public(obj):
    """A related thing only when the public may see it, else None: `{% with lead=task.lead|if_public %}`."""
    return publishing.if_public(obj)


@register.filter
def paragraphs(text: str) -> SafeString:
    """Blank-line separated paragraphs; consecutive lines starting with "- " become a list. Escapes everything."""
    if not text:
        return mark_safe("")
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        items = [line[2:].strip() for line in lines if line.startswith("- ")]
        if len(items) == len(lines):
            blocks.append(format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items))))
            continue
        lead = [line for line in lines if not line.startswith("- ")]
        blocks.append(format_html("<p>{}</p>", " ".join(lead)))
        if items:
            blocks.append(format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items))))
    return mark_safe("".join(str(b) for b in blocks))


@register.filter
def lines(text: str) -> list[str]:
    """The non-blank lines of a one-item-per-line field (a source's facts)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def first_paragraph(text: str) -> str:
    return (text or "").strip().split("\n\n")[0].replace("- ", "").strip()


@register.simple_tag
def known_date(value, text: str = "", fmt: str = "SHORT_DATE_FORMAT") -> SafeString:
    """A date in Vietnamese form, the known wording when there is no exact date, or "chưa có thông tin"."""
    if value:
        return format_html('<time datetime="{}">{}</time>', value.isoformat(), date_filter(value, fmt))
    if text:
        return format_html("{}", text)
    return format_html('<span class="unknown">{}</span>', _("chưa có thông tin"))


@register.filter
def html_datetime(value) -> str:
    """A date or datetime as a valid HTML `datetime` value: whole seconds, with the offset (no microseconds)."""
    import datetime

    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.simple_tag
def or_unknown(value) -> SafeString:
    if value:
        return format_html("{}", value)
    return format_html('<span class="unknown">{}</span>', _("chưa có thông tin"))


@register.filter
def iso_date(value: str) -> str:
    """An ISO date string from a stored snapshot, shown as 20/12/2025 (unparseable text is shown as is)."""
    import datetime

    try:
        return date_filter(datetime.date.fromisoformat(str(value)[:10]), "SHORT_DATE_FORMAT")
    except ValueError:
        return str(value or "")


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The nodelist's output is already escaped HTML: keep it from being escaped twice.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: render once, use many times (the page title in <title> and og:title)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


class InvariantNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered: dict[str, str] = {}  # by language; the node lives as long as its compiled template

    def render(self, context):
        language = get_language() or ""
        if language not in self.rendered:
            self.rendered[language] = self.nodelist.render(context)
        return self.rendered[language]


@register.tag
def invariant(parser, token):
    """{% invariant %}…{% endinvariant %}: a block that shows nothing of the request, the reader or the content —
    the site's navigation, the footer's links — rendered once per process and language (a dozen `{% url %}` and
    `{% translate %}` on every page otherwise). Never put a variable of the page inside."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("usage: {% invariant %}…{% endinvariant %}")
    nodelist = parser.parse(("endinvariant",))
    parser.delete_first_token()
    return InvariantNode(nodelist)


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    """(language code, path) of the current page in every language, for hreflang links and the switcher."""
    from django.conf import settings
    from django.urls import translate_url

    request = context.get("request")
    if request is None:
        return []
    return [(code, translate_url(request.path, code)) for code, _name in settings.LANGUAGES]


def _in_language(context, obj, field: str, en_field: str = ""):
    """(text, untranslated) — the English field on English pages when it is filled in (`core/language.py`)."""
    from core.language import in_language

    value, untranslated = in_language(obj, field, en_field)
    request = context.get("request")
    if untranslated and request is not None:
        request.untranslated_content = True  # base.html then says that some text is shown in Vietnamese
    return value, untranslated


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str, en_field: str = "", capitalise: bool = False) -> SafeString:
    """A content field in the page's language; untranslated text on an English page is marked lang="vi".
    `capitalise`: the first letter in upper case (headline figures start a line: "Gần 59% dân số")."""
    value, untranslated = _in_language(context, obj, field, en_field)
    if capitalise:
        value = value[:1].upper() + value[1:]
    return format_html('<span lang="vi">{}</span>', value) if untranslated else format_html("{}", value)


@register.simple_tag(takes_context=True)
def tr_text(context, obj, field: str, en_field: str = "") -> str:
    """The plain text of a content field in the page's language, for attributes and meta tags
    (`{% tr_text series "description" as text %}`); untranslated text still makes the page say so."""
    return _in_language(context, obj, field, en_field)[0]


@register.simple_tag(takes_context=True)
def quoted(context, obj, field: str) -> SafeString:
    """A quoted theme or programme name. English pages keep the Vietnamese original (marked lang="vi") and give the
    English gloss beside it: “Mang nền tảng số đến hộ gia đình” (“Bringing digital platforms to households”)."""
    from core.language import is_english

    original = getattr(obj, field, "") or ""
    if not is_english():
        return format_html("“{}”", original)
    gloss, untranslated = _in_language(context, obj, field)
    if untranslated or not gloss:
        return format_html('“<span lang="vi">{}</span>”', original)
    return format_html('“<span lang="vi">{}</span>” (“{}”)', original, gloss)


@register.simple_tag(takes_context=True)
def tr_paragraphs(context, obj, field: str, en_field: str = "", first_only: bool = False) -> SafeString:
    """A content field's paragraphs in the page's language; `first_only`: its first paragraph (a short intro)."""
    value, untranslated = _in_language(context, obj, field, en_field)
    if first_only:
        value = (value or "").replace("\r\n", "\n").strip().split("\n\n")[0]
    rendered = paragraphs(value)
    return format_html('<div lang="vi">{}</div>', rendered) if untranslated else rendered


@register.simple_tag
def public_history(obj, limit: int = 20) -> list[dict]:
    """The major change notes of a thing, newest first, for its public "Lịch sử cập nhật"."""
    from reversion.models import Version

    versions = (
        Version.objects.get_for_object(obj)
        .filter(revision__note__major=True)
        .select_related("revision")
        .order_by("-revision__date_created")[:limit]
    )
    return [{"date": v.revision.date_created, "note": v.revision.comment} for v in versions if v.revision.comment]


@register.simple_tag
def public_attachments(obj) -> list:
    """Original files attached to a document or edition, for its public page."""
    from core.attachments import attachments_for

    return list(attachments_for(obj))


@register.inclusion_tag("includes/source_refs.html")
def field_refs(obj, *fields: str) -> dict:
    """ "Nguồn: …" for the sources that give these fields of `obj` (its `field_sources`), each once."""
    found = []
    for name in fields:
        found += [source for source in obj.sources_of(name) if source not in found]
    return {"sources": found}


@register.simple_tag(takes_context=True)
def source_date(context, source) -> SafeString:
    """When a source was published: its date and time, its date, the wording it gives, or "chưa rõ ngày đăng"."""
    if source.published_at:
        moment = timezone.localtime(source.published_at)
        return format_html(
            '<time datetime="{}">{}</time>', date_filter(moment, "c"), date_filter(moment, "SHORT_DATETIME_FORMAT")
        )
    if source.published_date:
        return known_date(source.published_date)
    if source.date_text:
        return tr(context, source, "date_text")
    return format_html("{}", _("chưa rõ ngày đăng"))


@register.simple_tag(takes_context=True)
def source_ref(context, source) -> SafeString:
    """One source, inline: who published it, when, and the original with our access date. Never the internal key.
    (Written here rather than as an included template: a page lists dozens, and an include costs ~0.2 ms each.)"""
    author = format_html(" ({})", source.author) if source.author and not source.publisher else ""
    if source.url:
        if source.accessed_date:
            accessed = _("đã truy cập ngày %(date)s") % {"date": date_filter(source.accessed_date, "SHORT_DATE_FORMAT")}
        else:
            accessed = _("chưa rõ ngày truy cập")
        original = format_html(
            ' · <a href="{}" rel="external noopener">{}</a> ({})', source.url, _("xem bài gốc"), accessed
        )
    else:
        original = format_html(" ({})", _("không có địa chỉ công khai"))
    return format_html(
        '<a href="{}">{}</a>{}, {}{}',
        source.get_absolute_url(),
        source.display_name,
        author,
        source_date(context, source),
        original,
    )
