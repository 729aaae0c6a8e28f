"""The notice parser stays free of Django, so it names deadline and section kinds itself: they must be the models'."""

import dataclasses

from core import periods
from resolutions.importer import ParsedDeadline, ParsedTask, deadlines, structure
from resolutions.models import DeadlineKind, SectionKind


def test_deadline_kinds_are_the_models_choices():
    importer = {deadlines.NONE, deadlines.URGENT, *periods.PERIODS}
    assert importer == set(DeadlineKind.values)
    assert (deadlines.NONE, deadlines.URGENT) == (DeadlineKind.NONE, DeadlineKind.URGENT)
    assert periods.PERIODS == (DeadlineKind.DAY, DeadlineKind.MONTH, DeadlineKind.QUARTER, DeadlineKind.YEAR)


def test_parsed_defaults_are_the_models_defaults():
    task_default = next(f.default for f in dataclasses.fields(ParsedTask) if f.name == "deadline_kind")
    assert ParsedDeadline().kind == task_default == DeadlineKind.NONE


def test_section_kinds_are_the_models_choices():
    importer = (structure.RESULTS, structure.LIMITATIONS, structure.DIRECTIONS, structure.TASKS, structure.OTHER)
    assert importer == tuple(SectionKind.values)
    assert structure.guess_kind("Nội dung khác") in SectionKind.values
