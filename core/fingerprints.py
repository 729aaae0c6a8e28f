"""Fingerprints of a record's loaded state (see `core/loading.py`).

A stored fingerprint proves that nobody has touched a record since it was loaded. When a new kind of field joins the
loaded state, every fingerprint stored before would stop matching and every record would look edited. The English
fields (`*_en`, from the `content/en/` overlay) joined the state after the first loads, so a record also matches when
its state *without its empty English fields* hashes to the stored fingerprint: that is the state as it was loaded.
"""

import hashlib
import json


def fingerprint(state: dict) -> str:
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _without_empty_english(state: dict) -> dict:
    out = {}
    for name, value in state.items():
        if name.endswith("_en") and value in ("", None):
            continue
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            value = [_without_empty_english(item) for item in value]  # child rows
        out[name] = value
    return out


def matches_loaded(state: dict, stored: str) -> bool:
    """Whether `state` is the state whose fingerprint was stored (also from before the English fields)."""
    return bool(stored) and stored in {fingerprint(state), fingerprint(_without_empty_english(state))}
