"""Vietnamese text helpers: folding for search and comparison, position-keeping ("aligned") folds, slugs,
Roman numerals."""

import re
import unicodedata

# Old-style tone placement ("hoà", "thuỷ") → the new style ("hòa", "thủy"), applied to
# NFC text so that both habits compare equal before and after folding.
_TONE_PLACEMENT = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# Only in open syllables ("hoàng" is written the same in both habits), and never after "q",
# where "u" belongs to the consonant: "quý", "Quỹ" stay as they are.
_TONE_RE = re.compile(r"(?<![qQ])(?:" + "|".join(_TONE_PLACEMENT) + r")(?!\w)", re.IGNORECASE)


def _retone(match: re.Match) -> str:
    found = match.group(0)
    new = _TONE_PLACEMENT[found.lower()]
    return "".join(n.upper() if f.isupper() else n for f, n in zip(found, new, strict=True))


def normalize(text: str) -> str:
    """NFC, one tone-placement habit, no control characters, collapsed spaces."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = _TONE_RE.sub(_retone, text)
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Lower-case, diacritic-free form: "Đảng" → "dang", "chuyển đổi số" → "chuyen doi so"."""
    text = normalize(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).casefold()


# --- Aligned folds: character i of the result is the fold of character i of the text --------------------------------
# So a match found in the folded text slices the original, diacritics and all (search highlights, the notice
# importer's spans). Apply them to `normalize()`d text when both tone-placement habits must compare equal.

# Look-alikes typed instead of Đ/đ (Icelandic eth): fold them like đ.
_EXTRA_FOLDS = {"ð": "d", "Ð": "d"}


class _Table(dict):
    """A str.translate table filled on first use of each character (so it stays small and fast)."""

    def __init__(self, convert):
        super().__init__()
        self._convert = convert

    def __missing__(self, code: int) -> str:
        value = self._convert(chr(code))
        self[code] = value
        return value


def _fold_char(ch: str) -> str:
    if ch in _EXTRA_FOLDS:
        return _EXTRA_FOLDS[ch]
    if not ch.isalnum():
        return " "
    folded = fold(ch)
    if len(folded) == 1 and folded.isalnum():
        return folded
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _fold_char_keep(ch: str) -> str:
    if ch.isspace():
        return " "
    return _fold_char(ch) if ch.isalnum() or ch in _EXTRA_FOLDS else ch


def _exact_char(ch: str) -> str:
    if not ch.isalnum():
        return " "
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


_FOLD = _Table(_fold_char)
_FOLD_KEEP = _Table(_fold_char_keep)
_EXACT = _Table(_exact_char)


def fold_aligned(text: str) -> str:
    """Fold character for character, anything not a letter or digit as a space: "Đảng (2025)" → "dang  2025 "."""
    return text.translate(_FOLD)


def fold_keep_punctuation(text: str) -> str:
    """Like `fold_aligned`, but punctuation stays (any space is " "): "4/TB-VPCP" → "4/tb-vpcp"."""
    return text.translate(_FOLD_KEEP)


def exact_aligned(text: str) -> str:
    """Lower case with diacritics kept, punctuation as spaces: "Bộ KH&CN" → "bộ kh cn"."""
    return text.translate(_EXACT)


def slugify_vi(text: str, max_length: int = 80) -> str:
    """URL slug without diacritics; đ/Đ become d (Django's slugify drops them)."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def to_roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError("Roman numerals cover 1 to 3999")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int:
    values = {letters: value for value, letters in _ROMAN if len(letters) == 1}
    text = text.strip().upper()
    if not text or any(ch not in values for ch in text):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total = 0
    for current, following in zip(text, text[1:] + " ", strict=True):
        value = values[current]
        total += -value if following != " " and values[following] > value else value
    if to_roman(total) != text:
        raise ValueError(f"not a canonical Roman numeral: {text!r}")
    return total
