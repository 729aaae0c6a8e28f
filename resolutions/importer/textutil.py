"""Text plumbing for the parser: clean lines, sentences. Matching folds with `core.text.fold_keep_punctuation`
(same length as the text, so a match's span slices the original)."""

from __future__ import annotations

import re
import unicodedata

MAX_INPUT_CHARS = 300_000  # a long notice is ~50 000 characters; the rest is ignored with a warning
MAX_SENTENCE_CHARS = 4_000  # longer "sentences" are analysed on their first part only


def tidy(text: str) -> str:
    """NFC, control characters as spaces, one space between words.

    Like `core.text.normalize()` but keeps the tone placement as written: its old → new rule also turns
    "quý" into "qúy", which must not reach a proposed text. Matching folds, so both habits still compare equal.
    """
    text = unicodedata.normalize("NFC", text or "")
    if not text.isascii() or _CONTROL.search(text):
        text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


_COLUMN_GAP = re.compile(r"\t+| {3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_lines(text: str) -> list[str]:
    """NFC lines with one space between words; a tab or a run of spaces (pasted columns) splits a line.

    Blank lines are kept as "" (they end paragraphs).
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub(" ", text.replace("\t", "   "))
    lines: list[str] = []
    for raw in text.split("\n"):
        parts = [tidy(part) for part in _COLUMN_GAP.split(raw)]
        parts = [p for p in parts if p]
        lines.extend(parts or [""])
    return lines


_SENTENCE_END = re.compile(r"[.;:!?…]$|\./\.$")
_JOINING_END = (",", "với", "và", "của", "cho", "tại", "về", "các", "để", "theo", "giao", "đề nghị", "-", "–")
_ITEM_START = re.compile(r"^(?:[-+•*–]\s|\(?\d{1,2}[.)]|\(?[a-zđ][)]|[IVXLC]{1,6}\s*[.)])")


def unwrap(lines: list[str]) -> list[str]:
    """Join a line broken in the middle of a sentence (as PDF copies do) back onto the previous one.

    Linear in the input: a paragraph is kept as its parts and joined once, and each decision looks only at the
    last part and at what is known of the paragraph so far (whether all its letters are capitals), never at the
    whole text gathered until then (a paste of 100,000 short lines took minutes).
    """
    paragraphs: list[list[str]] = []
    capitals: list[tuple[bool, int]] = []  # per paragraph: all letters upper case so far, and how many letters
    for line in lines:
        if paragraphs and paragraphs[-1][0] and line and _continues(paragraphs[-1][-1], line, _upper(*capitals[-1])):
            paragraphs[-1].append(line)
            capitals[-1] = _add_capitals(capitals[-1], line)
        else:
            paragraphs.append([line])
            capitals.append(_add_capitals((True, 0), line))
    return [" ".join(parts) for parts in paragraphs]


def _add_capitals(state: tuple[bool, int], text: str) -> tuple[bool, int]:
    upper, count = state
    letters = [ch for ch in text if ch.isalpha()]
    return upper and all(ch.isupper() for ch in letters), count + len(letters)


def _upper(all_upper: bool, letters: int) -> bool:
    return all_upper and letters >= 2


def _continues(prev: str, line: str, prev_is_upper: bool | None = None) -> bool:
    """Whether `line` goes on from `prev` (the previous line, or the last line of the paragraph so far)."""
    if prev_is_upper is None:
        prev_is_upper = is_upper(prev)
    if _SENTENCE_END.search(prev) or _ITEM_START.match(line) or prev_is_upper:
        return False
    first = line[0]
    if first.islower():
        return True
    return prev.endswith(_JOINING_END) or prev.lower().endswith(tuple(f" {w}" for w in _JOINING_END))


def is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


_ABBREV_BEFORE_DOT = {"tp", "ts", "ths", "pgs", "gs", "kt", "tl", "tm", "q", "v.v", "st", "ông", "bà", "tr", "ng"}
_BOUNDARY = re.compile(r"[.!?…][\"”»)]?\s+")
_OPENERS = "\"“«('‘"


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph; a period after "TP", "TS", a number, an initial… does not end one."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        following = text[match.end() : match.end() + 2].lstrip(_OPENERS)[:1]
        if not following or not (following.isupper() or following.isdigit()):
            continue
        before = text[start : match.start()]
        last_word = before.rsplit(" ", 1)[-1].lower()
        if last_word in _ABBREV_BEFORE_DOT or last_word.isdigit() or (len(last_word) == 1 and last_word.isalpha()):
            continue
        piece = text[start : match.end()].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-– ")
    return f"{cut}…"


def capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
