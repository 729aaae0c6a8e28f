"""Parsing what a visitor typed into search terms. Parsing never fails: any input gives a query,
perhaps an empty one, and notices say what was cut."""

import re
from dataclasses import dataclass, replace

from core.text import exact_aligned, fold_aligned, fold_keep_punctuation, normalize
from search.documents import _canonical_numbers, abbreviation_key, lexicon

MAX_LENGTH = 200  # characters kept of a query (a notice says it was cut)
MAX_RAW = 4000  # characters looked at before normalising, whatever arrives
MAX_TERMS = 32
MIN_PREFIX = 2  # the last word matches as a prefix from this length on
PREFIX_IDENTIFIER = 6  # a name being typed counts as typed exactly from this many letters on
_QUOTES = '"“”„«»'
_PHRASE_RE = re.compile(f"[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]")


@dataclass(frozen=True)
class Term:
    """One thing every result must match: any of its alternatives (a word, or a phrase of words)."""

    alternatives: tuple[tuple[str, ...], ...]
    exact: tuple[str, ...] = ()  # as typed: lower case with diacritics, for ranking exact matches higher
    prefix: bool = False  # the last word of the first alternative matches as a prefix
    kind: str = "word"  # word | phrase | abbreviation | number

    @property
    def words(self) -> tuple[str, ...]:
        return self.alternatives[0]

    def searched(self, highlight: bool = False) -> tuple[tuple[str, ...], ...]:
        """What the index is searched for. An abbreviation or a document number is one word: the index
        holds that word wherever any of its forms is written (documents.build_text), which is much
        cheaper than matching each expansion as a phrase; highlighting marks every form."""
        if highlight or self.kind not in {"abbreviation", "number"}:
            return self.alternatives
        return self.alternatives[:1]


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what is searched for, cleaned and cut
    terms: tuple[Term, ...] = ()
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def highlight_words(self) -> set[str]:
        return {word for term in self.terms for alternative in term.alternatives for word in alternative}

    @property
    def prefix_words(self) -> set[str]:
        return {term.words[-1] for term in self.terms if term.prefix}

    @property
    def exact_words(self) -> tuple[str, ...]:
        """Words whose diacritics should agree for a higher rank; none when typed without diacritics."""
        exact = tuple(dict.fromkeys(w for term in self.terms for w in term.exact))
        typed_with_diacritics = any(w != fold_aligned(w) for w in exact)
        return exact if typed_with_diacritics else ()

    @property
    def phrase_boost(self) -> tuple[tuple[str, ...], bool]:
        """The typed words in order (and whether the last is a prefix): results where they stand together
        rank higher ("chuyển đổi số" above "chuyển đổi xanh … số")."""
        plain = [term for term in self.terms if term.kind == "word"]
        if len(plain) < 2:
            return (), False
        return tuple(term.words[0] for term in plain), plain[-1].prefix

    @property
    def identifier_patterns(self) -> list[str]:
        """LIKE patterns over SearchEntry.identifiers: the whole query as one word (a name typed exactly),
        document numbers and abbreviations typed."""
        whole = abbreviation_key(self.text)
        keys = [whole] if whole else []
        keys += [term.words[0] for term in self.terms if term.kind in {"number", "abbreviation"}]
        patterns = [f"% {key} %" for key in dict.fromkeys(keys)]
        if self.terms and self.terms[-1].prefix and len(whole) >= PREFIX_IDENTIFIER:
            patterns.append(f"% {whole}%")  # a name being typed: "Phạm Minh Ch"
        return patterns

    @property
    def plain_words(self) -> list[str]:
        """Single words that typo correction may replace."""
        return [term.words[0] for term in self.terms if term.kind == "word"]

    def corrected(self, replacements: dict[str, str]) -> "ParsedQuery":
        terms = []
        for term in self.terms:
            new = replacements.get(term.words[0]) if term.kind == "word" else None
            terms.append(replace(term, alternatives=((new,),), exact=(), prefix=False) if new else term)
        text = " ".join(replacements.get(word, word) for word in fold_aligned(self.text).split())
        return ParsedQuery(text=text, terms=tuple(terms))


def clean(raw: str) -> tuple[str, bool]:
    """NFC, no control characters or NUL, spaces collapsed, cut to MAX_LENGTH characters."""
    text = normalize((raw or "")[:MAX_RAW])
    if len(text) <= MAX_LENGTH:
        return text, False
    return text[:MAX_LENGTH].rstrip(), True


def _number_terms(segment: str) -> tuple[list[Term], str]:
    """Document numbers in a plain segment, and the segment with them blanked out."""
    lex = lexicon()
    folded = fold_keep_punctuation(segment)
    terms: list[Term] = []
    spans: list[tuple[int, int]] = []
    for pattern, order in ((lex.query_number_re, "forward"), (lex.reversed_number_re, "reversed")):
        for match in pattern.finditer(folded):
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            if order == "forward":
                number, year, code, groups = match.groups()
            else:
                code, groups, number = match.groups()
                year = None
            canonical = _canonical_numbers(number, year, code, groups or "")[-1]
            phrase = tuple(fold_aligned(match.group(0)).split())
            if order == "reversed":
                phrase = (number, *fold_aligned(f"{code}{groups or ''}").split())
            terms.append(Term(alternatives=((canonical,), phrase), kind="number"))
            spans.append(match.span())
    for start, end in spans:
        segment = segment[:start] + " " * (end - start) + segment[end:]
    return terms, segment


def _plain_terms(segment: str) -> list[Term]:
    lex = lexicon()
    numbers, segment = _number_terms(segment)
    terms = list(numbers)
    for chunk in segment.split():
        key = abbreviation_key(chunk)
        abbreviation = lex.abbreviations.get(key)
        if abbreviation is not None:
            terms.append(Term(alternatives=((key,), *abbreviation.expansions), kind="abbreviation"))
            continue
        for word, exact in zip(fold_aligned(chunk).split(), exact_aligned(chunk).split(), strict=True):
            terms.append(Term(alternatives=((word,),), exact=(exact,)))
    return terms


def parse(raw: str) -> ParsedQuery:
    text, truncated = clean(raw)
    terms: list[Term] = []
    position = 0
    last_is_plain = False
    for match in _PHRASE_RE.finditer(text):
        terms.extend(_plain_terms(text[position : match.start()]))
        phrase_words = tuple(fold_aligned(match.group(1)).split())
        if phrase_words:
            terms.append(
                Term(alternatives=(phrase_words,), exact=tuple(exact_aligned(match.group(1)).split()), kind="phrase")
            )
        position = match.end()
    tail = _plain_terms(text[position:])
    if len(tail) > 1 and tail[-1].kind == "word" and len(tail[-1].words[0]) < MIN_PREFIX:
        tail.pop()  # a letter just typed ("… quang n"): wait for the next one rather than match every n-word
    last_is_plain = bool(tail) and tail[-1].kind == "word"
    terms.extend(tail)
    unique: list[Term] = []
    for term in terms:
        if term not in unique:
            unique.append(term)
    unique = unique[:MAX_TERMS]
    if last_is_plain and unique[-1] == tail[-1] and len(unique[-1].words[0]) >= MIN_PREFIX:
        unique[-1] = replace(unique[-1], prefix=True)
    return ParsedQuery(text=text, terms=tuple(unique), truncated=truncated)
