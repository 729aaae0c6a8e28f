"""The searchable text of one thing: folded copies that keep character positions, abbreviations and
document numbers.

Every folded text here is *aligned* (`core.text.fold_aligned`): character i of `fold_aligned(t)` is the fold of
character i of `t` (lower case, no diacritics, đ → d; anything that is not a letter or digit becomes a space). Both
engines tokenise on spaces alone, so they see the same words, and a highlight found in the folded text is put back
on the same characters of the original, diacritics and all.
"""

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from core.text import exact_aligned, fold_aligned, fold_keep_punctuation, normalize

ABBREVIATIONS_FILE = Path(settings.BASE_DIR) / "content" / "search" / "abbreviations.toml"
MAX_TITLE = 500
MAX_BODY = 60_000  # characters; PostgreSQL's tsvector holds at most 1 MB
TERM_LENGTHS = range(2, 41)  # words kept in the vocabulary used for typo correction


def words(text: str) -> list[str]:
    """The folded words of any text."""
    return fold_aligned(normalize(text)).split()


# --- Abbreviations and document numbers (data: content/search/abbreviations.toml) ---------------------


@dataclass(frozen=True)
class Abbreviation:
    key: str  # the abbreviation as one folded word: "KH&CN" → "khcn"
    forms: tuple[str, ...]
    expansions: tuple[tuple[str, ...], ...]  # folded words of each expansion


@dataclass(frozen=True)
class Lexicon:
    abbreviations: dict[str, Abbreviation]
    form_re: re.Pattern | None
    type_codes: frozenset[str]
    index_number_re: re.Pattern
    query_number_re: re.Pattern
    reversed_number_re: re.Pattern
    expansions: dict[str, list[tuple[tuple[str, ...], Abbreviation]]] = field(default_factory=dict)


def abbreviation_key(form: str) -> str:
    return "".join(fold_aligned(normalize(form)).split())


def _number_patterns(codes: frozenset[str]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    code = "|".join(sorted(codes, key=len, reverse=True)) or "(?!)"
    number = r"(?<![\w/.,])(\d{1,6})(?:/(\d{4}))?"
    groups = r"((?:[-/][a-z0-9]{1,8}){0,3})"
    index_re = re.compile(rf"{number}\s*[/-]\s*({code}){groups}(?![\w])")
    # In a query the parts may be separated by spaces: "4 TB VPCP".
    query_groups = r"((?:\s*[-/]\s*[a-z0-9]{1,8}){1,3}|\s[a-z]{2,8})?"
    query_re = re.compile(rf"{number}(?:\s*[/-]\s*|\s+)({code}){query_groups}(?![\w])")
    reversed_re = re.compile(rf"(?<![\w/])({code}){groups}\s+(?:so\s+)?(\d{{1,6}})(?![\w/])")
    return index_re, query_re, reversed_re


@cache
def lexicon() -> Lexicon:
    """The abbreviations and document-number codes, read once per process (tests may cache_clear())."""
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8")) if ABBREVIATIONS_FILE.exists() else {}
    abbreviations: dict[str, Abbreviation] = {}
    for item in data.get("abbreviation", []):
        forms = tuple(normalize(f) for f in item.get("forms", []) if normalize(f))
        if not forms:
            continue
        expansions = tuple(tuple(words(e)) for e in item.get("expansions", []) if words(e))
        key = abbreviation_key(forms[0])
        abbreviations[key] = Abbreviation(key, forms, expansions)
        for form in forms[1:]:
            abbreviations.setdefault(abbreviation_key(form), abbreviations[key])
    all_forms = sorted({f for a in abbreviations.values() for f in a.forms}, key=len, reverse=True)
    form_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, all_forms)) + r")(?!\w)") if all_forms else None
    expansions: dict[str, list] = {}
    for abbreviation in {a.key: a for a in abbreviations.values()}.values():
        for expansion in abbreviation.expansions:
            expansions.setdefault(expansion[0], []).append((expansion, abbreviation))
    codes = frozenset(c.strip().lower() for c in data.get("document_numbers", {}).get("type_codes", []) if c.strip())
    return Lexicon(abbreviations, form_re, codes, *_number_patterns(codes), expansions=expansions)


def _canonical_numbers(number: str, year: str | None, code: str, groups: str) -> list[str]:
    """ "4", None, "tb", "-vpcp" → ["4tb", "4tbvpcp"]: each prefix of the code, as one word."""
    parts = [code, *(g for g in re.split(r"[-/\s]", groups or "") if g)]
    heads = [number] + ([number + year] if year else [])
    return ["".join([head, *parts[: i + 1]]) for head in heads for i in range(len(parts))]


_MAYBE_NUMBER = re.compile(r"\d\s*[/-]")


def number_words(text: str, normalized: bool = False) -> list[str]:
    """Document numbers written in `text` ("Thông báo 4/TB-VPCP") as single words ("4tb", "4tbvpcp")."""
    found: list[str] = []
    if not _MAYBE_NUMBER.search(text):
        return found
    text = text if normalized else normalize(text)
    for match in lexicon().index_number_re.finditer(fold_keep_punctuation(text)):
        found.extend(_canonical_numbers(*match.groups()))
    return found


def abbreviation_words(original: str, folded_words: list[str]) -> list[str]:
    """Words to add so that abbreviations and their expansions find each other.

    A form found in the original text (exactly as written in the data file) adds its key and expansions; an
    expansion found among the folded words adds the key.
    """
    lex = lexicon()
    added: list[str] = []
    if lex.form_re is not None:
        for form in dict.fromkeys(lex.form_re.findall(original)):
            abbreviation = lex.abbreviations[abbreviation_key(form)]
            added.append(abbreviation.key)
            for expansion in abbreviation.expansions:
                added.extend(expansion)
    if lex.expansions:
        joined = " " + " ".join(folded_words) + " "
        for first in {w for w in folded_words if w in lex.expansions}:
            for expansion, abbreviation in lex.expansions[first]:
                if " " + " ".join(expansion) + " " in joined:
                    added.append(abbreviation.key)
    return added


# --- One thing's indexed text -------------------------------------------------------------------------


@dataclass
class IndexedText:
    title: str
    title_folded: str
    body: str
    body_folded: str
    keywords_folded: str
    exact: str
    identifiers: str
    terms: set[str]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


MAX_IDENTIFIER = 120


def name_identifiers(title: str, names: list[str]) -> list[str]:
    """Each name as one word; document numbers among the names; abbreviations written in the names; the
    abbreviation of a name that is an expansion ("Trí tuệ nhân tạo" → "ai")."""
    lex = lexicon()
    found = [abbreviation_key(name) for name in [title, *names]]
    found += number_words(" · ".join(names))
    if lex.form_re is not None:
        for name in names:
            found += [lex.abbreviations[abbreviation_key(form)].key for form in lex.form_re.findall(normalize(name))]
    for name in [title, *names]:
        name_words = tuple(words(name))
        if name_words:
            found += [a.key for expansion, a in lex.expansions.get(name_words[0], []) if expansion == name_words]
    return [key for key in dict.fromkeys(found) if 0 < len(key) <= MAX_IDENTIFIER]


def build_text(title: str, body_parts: list[str], keywords: list[str], names: list[str] = ()) -> IndexedText:
    """Normalise, fold and enrich the text of one search entry."""
    names = [n for n in names if n]
    title = _clip(normalize(title), MAX_TITLE)
    # Normalised pieces joined by a separator stay normalised: each piece is normalised once.
    body = _clip(" · ".join(part for part in map(normalize, filter(None, body_parts)) if part), MAX_BODY)
    keyword_text = " · ".join(part for part in map(normalize, filter(None, [*keywords, *names])) if part)
    # The title's folded copy is compact (words and single spaces): titles are highlighted word by word
    # (highlight.mark_words) and checked with instr(); only the body needs positions kept for snippets.
    title_folded, body_folded = " ".join(fold_aligned(title).split()), fold_aligned(body)
    keyword_words = fold_aligned(keyword_text).split()
    everything = f"{title} · {body} · {keyword_text}"
    all_words = title_folded.split() + body_folded.split() + keyword_words
    extra = number_words(everything, normalized=True) + abbreviation_words(everything, all_words)
    keywords_folded = " ".join(keyword_words + list(dict.fromkeys(extra)))
    terms = {w for w in all_words + extra if len(w) in TERM_LENGTHS and not w.isdigit()}
    return IndexedText(
        title=title,
        title_folded=title_folded,
        body=body,
        body_folded=body_folded,
        keywords_folded=keywords_folded,
        exact=" ".join(exact_aligned(everything).split()),
        identifiers=" ".join(name_identifiers(title, names)),
        terms=terms,
    )
