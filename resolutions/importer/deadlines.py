"""Deadlines as written → (kind, last day of the period).

Recognised, on the folded text (so "thang"/"tháng" both work):

- day: "trước ngày 31/3/2026", "trước ngày 31 tháng 3 năm 2026", "hoàn thành ngày 15/02/2026",
  "chậm nhất ngày …", "hạn chót …", "không muộn hơn …", "trong/vào/đến ngày …". A date with no such word
  in front ("tại Hội nghị ngày 20/12/2025") is a reference, not a deadline.
- month: "trong tháng 01/2026", "tháng 1 năm 2026", "cuối/hết tháng 3/2026" → last day of the month.
- quarter: "trong quý 1/2026", "quý I/2026", "quý IV năm 2026" → last day of the quarter.
- half-year: "trong 6 tháng đầu năm 2026", "nửa cuối năm 2026" → kind day, 30/6 or 31/12 (no kind of its own).
- year: "trong năm 2026", "hoàn thành năm 2026", "cuối năm 2026" → 31/12. A bare "năm 2026" counts only
  when it is the whole text (in a sentence it is too often a reference).
- "trước tháng/quý/năm X" → the end of the period before X; "trước ngày D" → D (as practice reads it).
- urgent, no date: "khẩn trương", "khẩn cấp", "sớm", "nhanh chóng", "kịp thời", "ngay", "gấp".
- "đầu/giữa tháng/năm …": kept as text, kind none, with a warning.

A date that does not exist (31/02) keeps its text, gets kind none and a warning. Several different
dated deadlines: the first one that has a lead-in word wins, with a warning.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from core.periods import DAY, MONTH, QUARTER, YEAR, month_end
from core.text import fold_keep_punctuation

from .types import ParsedDeadline, ParseWarning

# The values of resolutions.models.DeadlineKind (the parser stays free of Django; a test keeps them equal).
NONE, URGENT = "none", "urgent"

_DONE = r"(?:(?:hoan thanh|hoan tat|xong)\s+)"
_PRE = rf"(?P<pre>{_DONE}?(?:truoc|trong|vao|cuoi|het|den het|den cuoi|ngay trong|dau|giua)\s+|{_DONE})"
_DAY_PRE = (
    rf"(?P<pre>{_DONE}?(?:truoc|cham nhat(?: la)?(?: vao)?|han chot(?: la)?|khong muon hon|trong|vao"
    rf"|den het|(?<!tinh )den)\s+(?:ngay\s+)?|{_DONE}(?:ngay\s+)?)"
)
_NUMERIC = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_LONG = r"(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s*,?\s+nam\s+(?P<y>\d{4})"
_END = r"(?![\w/])"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day", re.compile(rf"(?<!\w){_DAY_PRE}{_NUMERIC}{_END}")),
    ("day", re.compile(rf"(?<!\w){_DAY_PRE}{_LONG}{_END}")),
    ("ref", re.compile(rf"(?<![\w/])(?:ngay\s+)?{_NUMERIC}{_END}")),  # a bare date: masks the month/year in it
    ("ref", re.compile(rf"(?<!\w)(?:ngay\s+)?{_LONG}{_END}")),
    (
        "half",
        re.compile(
            rf"(?<!\w)(?P<pre>{_DONE}?(?:truoc|trong|vao|den het|het)\s+|{_DONE})?"
            rf"(?:(?:6|sau) thang|nua) (?P<which>dau|cuoi) nam\s+(?P<y>\d{{4}}){_END}"
        ),
    ),
    ("month", re.compile(rf"(?<!\w){_PRE}?thang\s+(?P<m>\d{{1,2}})\s*(?:/|-|nam)\s*(?P<y>\d{{4}}){_END}")),
    ("quarter", re.compile(rf"(?<!\w){_PRE}?quy\s+(?P<q>iv|i{{1,3}}|[1-4])\s*(?:/|-|nam)\s*(?P<y>\d{{4}}){_END}")),
    ("year", re.compile(rf"(?<!\w){_PRE}?nam\s+(?P<y>\d{{4}})(?![\w/–-])")),
]
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_URGENT = re.compile(r"(?<!\w)(khẩn trương|khẩn cấp|càng sớm càng tốt|sớm|nhanh chóng|kịp thời|ngay|gấp)(?!\w)")
_NOT_URGENT = re.compile(r"ngay (?:cả|khi)\b")


@dataclass
class _Hit:
    start: int
    end: int
    kind: str  # day/month/quarter/year, or "ref" for a bare date
    date: datetime.date | None
    prefixed: bool
    problem: str = ""  # "invalid" or "unsupported"


def parse_deadline(text: str) -> ParsedDeadline:
    """The deadline of one task's text. Never raises."""
    text = text or ""
    folded = fold_keep_punctuation(text)
    hits = _non_overlapping(_find(folded))
    whole = folded.strip(" .;,")
    # A bare "năm 2026" is a deadline only when it is the whole text.
    dated = [
        h
        for h in hits
        if h.kind != "ref" and (h.kind != YEAR or h.prefixed or folded[h.start : h.end].strip() == whole)
    ]
    if dated:
        chosen = next((h for h in dated if h.prefixed), dated[0])
        written = text[chosen.start : chosen.end].strip()
        result = ParsedDeadline(text=written)
        if chosen.problem == "invalid":
            result.warnings.append(
                ParseWarning(
                    "invalid_deadline", f"Thời hạn “{written}” không phải một ngày có thật: giữ chữ, chưa đặt hạn."
                )
            )
        elif chosen.problem == "unsupported":
            result.warnings.append(
                ParseWarning(
                    "unsupported_deadline", f"Chưa quy được thời hạn “{written}” ra ngày: giữ chữ, chưa đặt hạn."
                )
            )
        else:
            result.kind, result.date = chosen.kind, chosen.date
        rivals = [h for h in dated if h.prefixed or not chosen.prefixed]
        others = {text[h.start : h.end].strip() for h in rivals if (h.kind, h.date) != (chosen.kind, chosen.date)}
        if others:
            listed = "; ".join(f"“{o}”" for o in sorted(others))
            result.warnings.append(
                ParseWarning("several_deadlines", f"Có thêm thời hạn khác ({listed}); đã đề xuất “{written}”.")
            )
        return result
    lowered = text.lower()
    words: list[str] = []
    for match in _URGENT.finditer(lowered):
        if _NOT_URGENT.match(lowered, match.start()):
            continue
        word = text[match.start() : match.end()]
        if word.lower() not in (w.lower() for w in words):
            words.append(word.lower())
    if words:
        return ParsedDeadline(text=", ".join(words), kind=URGENT)
    return ParsedDeadline()


def _find(folded: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            groups = match.groupdict()
            pre = (groups.get("pre") or "").strip()
            kind, date, problem = _evaluate(name, groups, pre)
            hits.append(_Hit(match.start(), match.end(), kind, date, bool(pre), problem))
    return hits


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _evaluate(name: str, groups: dict, pre: str) -> tuple[str, datetime.date | None, str]:
    words = pre.split()
    before = "truoc" in words
    vague = bool({"dau", "giua"} & set(words))
    try:
        year = int(groups["y"])
        if not 1900 <= year <= 2200:
            raise ValueError(year)
        if name in ("day", "ref"):
            kind = DAY if name == "day" else "ref"
            return kind, datetime.date(year, int(groups["m"]), int(groups["d"])), ""
        if name == "half":
            first = groups["which"] == "dau"
            if before:
                return DAY, (datetime.date(year, 1, 1) if first else datetime.date(year, 7, 1)) - _ONE_DAY, ""
            return DAY, datetime.date(year, 6, 30) if first else datetime.date(year, 12, 31), ""
        if vague:
            return _KIND[name], None, "unsupported"
        if name == "month":
            month = int(groups["m"])
            if not 1 <= month <= 12:
                raise ValueError(month)
            if before:
                return MONTH, datetime.date(year, month, 1) - _ONE_DAY, ""
            return MONTH, month_end(year, month), ""
        if name == "quarter":
            quarter = _QUARTERS[groups["q"]]
            if before:
                return QUARTER, datetime.date(year, 3 * quarter - 2, 1) - _ONE_DAY, ""
            return QUARTER, month_end(year, 3 * quarter), ""
        return YEAR, datetime.date(year - 1 if before else year, 12, 31), ""
    except (ValueError, KeyError, TypeError, OverflowError):
        return _KIND.get(name, DAY), None, "invalid"


_KIND = {"day": DAY, "ref": "ref", "half": DAY, "month": MONTH, "quarter": QUARTER, "year": YEAR}
_ONE_DAY = datetime.timedelta(days=1)
