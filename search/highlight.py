"""Highlighting: the engines mark matches in folded text; these put the marks back on the original text,
with its diacritics, everything else HTML-escaped."""

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text import fold_aligned
from search.query import ParsedQuery

START, STOP = "[", "]"  # highlight markers: never in folded text, which holds only letters, digits and spaces
# The same escaping as django.utils.html.escape, without its lazy-string wrapper on every piece (20 hits a page).
_escape = html.escape
_MARKERS = re.compile(r"(\[|\])")
_WORD = re.compile(r"\S+")
SNIPPET_WORDS = 28


def mark_snippet(original: str, folded: str, fragment: str, ellipsis: str = "") -> SafeString:
    """Put the engine's highlight of the folded text back on the original text, HTML-escaped.

    `fragment` is a piece of `folded` with START/STOP markers (from ts_headline or snippet()); since
    folded text is aligned with the original character for character, the same span of the original
    is shown, with its diacritics, and only the marked words wrapped in <mark>.
    """
    if ellipsis:
        fragment = fragment.strip(ellipsis)
    plain = fragment.replace(START, "").replace(STOP, "")
    stripped = plain.strip()
    found = folded.find(stripped) if stripped else -1
    if found < 0:
        return escape(first_words(original))
    # Punctuation next to the fragment (folded to spaces, so left out by the engine) is shown with it.
    start = found
    while start > 0 and not original[start - 1].isspace() and folded[start - 1] == " ":
        start -= 1
    fragment = " " * (found - start) + fragment.strip()
    out, position = [], start
    for piece in _MARKERS.split(fragment):
        if piece == START:
            out.append("<mark>")
        elif piece == STOP:
            out.append("</mark>")
        elif piece:
            out.append(_escape(original[position : position + len(piece)]))
            position += len(piece)
    end = position
    while end < len(original) and not original[end].isspace() and folded[end] == " ":
        end += 1
    out.append(_escape(original[position:end]))
    position = end
    before = "… " if start > 0 else ""
    after = " …" if position < len(original.rstrip()) else ""
    # Every piece of text was escaped above; only <mark> is added.
    return mark_safe(before + "".join(out) + after)


def first_words(text: str, count: int = SNIPPET_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:count]) + (" …" if len(parts) > count else "")


def mark_words(text: str, query: ParsedQuery) -> SafeString:
    """Escape `text` and wrap the words that match the query (folded, prefixes too) in <mark>."""
    wanted, prefixes = query.highlight_words, query.prefix_words
    folded = fold_aligned(text)
    out, position = [], 0
    for match in _WORD.finditer(folded):
        word = match.group(0)
        if word in wanted or any(word.startswith(p) for p in prefixes):
            out.append(_escape(text[position : match.start()]))
            out.append(f"<mark>{_escape(text[match.start() : match.end()])}</mark>")
            position = match.end()
    out.append(_escape(text[position:]))
    return mark_safe("".join(out))  # every piece escaped above; only <mark> added
