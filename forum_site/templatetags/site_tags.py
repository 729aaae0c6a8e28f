"""Presentation helpers for templates: paragraphs of plain text, dates that may be unknown."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


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
def first_paragraph(text: str) -> str:
    return (text or "").strip().split("\n\n")[0].replace("- ", "").strip()


@register.simple_tag
def known_date(value, text: str = "", fmt: str = "SHORT_DATE_FORMAT") -> SafeString:
    """A date in Vietnamese form, the known wording when there is no exact date, or "chưa có thông tin"."""
    if value:
        return format_html("<time datetime=\"{}\">{}</time>", value.isoformat(), date_filter(value, fmt))
    if text:
        return format_html("{}", text)
    return format_html('<span class="unknown">{}</span>', _("chưa có thông tin"))


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
