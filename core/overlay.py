"""The English overlay: `content/en/<file>.toml` holds the English texts of the records of `content/<file>.toml`.

An overlay record names a record of the Vietnamese file by the same natural key (a source's `key`, an edition's
`year` within its series, a strand's `order` within its edition…) and holds only English fields, `<field>_en`, of text
fields that the Vietnamese record has. `apply_overlay()` merges them into the Vietnamese rows before those rows reach
the loader, so the English fields are loaded, fingerprinted and kept like every other field, and loading stays
idempotent. Each app's loader declares, next to its field lists, where English may go (`Overlay`).

Refused with a `ContentError`, before anything is written: a key the Vietnamese file does not have, the same record
twice, a field that is not an English field of that record, English for a field whose Vietnamese text is empty, and an
English field given in both files (English lives in one place: the overlay).
"""

from dataclasses import dataclass
from pathlib import Path

from core.loading import ContentError, read_toml

OVERLAY_DIR = "en"


@dataclass(frozen=True)
class Overlay:
    """Where English may go in one kind of record: its natural key, the text fields that take an English twin
    `<field>_en`, other twins named differently (English field, Vietnamese field) and nested records."""

    key: tuple[str, ...]
    texts: tuple[str, ...] = ()
    twins: tuple[tuple[str, str], ...] = ()
    children: tuple[tuple[str, "Overlay"], ...] = ()

    @property
    def english(self) -> dict[str, str]:
        """English field → the Vietnamese field it translates."""
        return {f"{name}_en": name for name in self.texts} | dict(self.twins)

    @property
    def fields(self) -> tuple[str, ...]:
        """The English field names, for the loader's field lists."""
        return tuple(self.english)


def overlay_path(content_dir: Path, filename: str) -> Path:
    return content_dir / OVERLAY_DIR / filename


def check_overlay_files(content_dir: Path, known: set[str]) -> None:
    """Refuse a file in `content/en/` that no loader reads (a misspelt name would be silently ignored)."""
    directory = content_dir / OVERLAY_DIR
    files = directory.iterdir() if directory.is_dir() else ()
    unknown = sorted(path.name for path in files if path.is_file() and path.name not in known)
    if unknown:
        raise ContentError(f"{OVERLAY_DIR}/: tệp không được nạp {unknown}; chỉ có thể là {sorted(known)}")


def apply_overlay(rows: list[tuple[str, dict]], path: Path, table: str, spec: Overlay, others: tuple = ()) -> None:
    """Merge the English records of `path` (if the file exists) into `rows`, the (label, row) pairs of `table`."""
    if not path.exists():
        return
    data = read_toml(path)
    name = f"{OVERLAY_DIR}/{path.name}"
    unknown = sorted(set(data) - {table, *others})
    if unknown:
        raise ContentError(f"{name}: bảng không dùng được {unknown}")
    english = data.get(table, [])
    if not isinstance(english, list):
        raise ContentError(f"{name}: [[{table}]] phải là một mảng bảng")
    _merge_list([row for _where, row in rows], english, spec, f"{name} [[{table}]]")


def _merge_list(base: list, english: list, spec: Overlay, where: str) -> None:
    by_key = {}
    for row in base:
        if isinstance(row, dict):
            by_key.setdefault(tuple(row.get(name) for name in spec.key), row)
    seen = set()
    for n, row in enumerate(english, 1):
        here = f"{where} #{n}"
        if not isinstance(row, dict):
            raise ContentError(f"{here}: cần một bảng TOML, không phải {type(row).__name__}")
        missing = [name for name in spec.key if name not in row]
        if missing:
            raise ContentError(f"{here}: thiếu khoá {missing}")
        key = tuple(row[name] for name in spec.key)
        wanted = ", ".join(f"{name} = {value!r}" for name, value in zip(spec.key, key, strict=True))
        if key in seen:
            raise ContentError(f"{here}: bản ghi {wanted} đã có ở trên")
        seen.add(key)
        if key not in by_key:
            raise ContentError(f"{here}: tệp tiếng Việt không có bản ghi {wanted}")
        _merge_row(by_key[key], row, spec, f"{here} ({wanted})")


def _merge_row(base: dict, row: dict, spec: Overlay, where: str) -> None:
    children = dict(spec.children)
    english = spec.english
    for name, value in row.items():
        if name in spec.key:
            continue
        if name in children:
            nested = base.get(name)
            if isinstance(value, dict):  # a single nested table, e.g. a task's initial_status
                if not isinstance(nested, dict):
                    raise ContentError(f"{where} › {name}: tệp tiếng Việt không có bảng này")
                _merge_row(nested, value, children[name], f"{where} › {name}")
            else:
                _merge_list(nested if isinstance(nested, list) else [], value, children[name], f"{where} › {name}")
        elif name in english:
            if name in base:
                raise ContentError(f"{where}: {name} có ở cả tệp tiếng Việt; tiếng Anh chỉ ghi ở {OVERLAY_DIR}/")
            if not base.get(english[name]):
                raise ContentError(f"{where}: {name} dịch trường {english[name]}, nhưng trường này trống")
            if not isinstance(value, str | list):
                raise ContentError(f"{where}: {name} phải là văn bản")
            base[name] = value
        else:
            allowed = sorted({*english, *children})
            raise ContentError(f"{where}: khoá không dùng được {name!r}; chỉ dùng được {allowed}")
