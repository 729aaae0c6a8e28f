"""Loading content/*.toml from a test: the command, a copy of the files to edit, and what the database holds."""

import shutil
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Person,
    Programme,
    Series,
    Source,
    Strand,
    Topic,
)
from resolutions.models import Document, Section, StatusUpdate, Task

CONTENT = Path(settings.BASE_DIR) / "content"
PUBLISHABLE = (Source, Topic, Organisation, Person, Series, Edition, Programme, KeyFigure, Document, Task)
ALL_MODELS = (*PUBLISHABLE, Strand, BridgePoint, Appearance, Section, StatusUpdate)


def load(path: Path | None = None, *extra: str) -> str:
    out = StringIO()
    args = ["--path", str(path)] if path else []
    call_command("load_forum_content", *args, *extra, stdout=out)
    return out.getvalue()


def copy_content(tmp_path: Path) -> Path:
    """A copy of content/ that a test may edit."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}
