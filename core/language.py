"""Content in the page's language: a field's English twin (`<field>_en`) on an English page when an editor has filled
it in, the Vietnamese text otherwise. One rule for templates (`{% tr %}`) and for names composed in models."""

from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "").startswith("en")


def in_language(obj, field: str, en_field: str = "") -> tuple[str, bool]:
    """(text, untranslated): untranslated is true when Vietnamese text stands in for an empty English twin."""
    value = getattr(obj, field, "") or ""
    if not is_english():
        return value, False
    english = getattr(obj, en_field or f"{field}_en", "") or ""
    if english:
        return english, False
    return value, bool(value)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
