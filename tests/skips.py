"""Skips. With CI=true a missing tool or service (PostgreSQL, Redis, Chromium, Java…) fails a test, never skips it:
`tests/conftest.py` turns every skip into a failure there, except a test that does not apply to the database in use,
which says so with `only_on(vendor)`."""

import os

import pytest
from django.db import connection

NOT_APPLICABLE = "only on "


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def only_on(vendor: str):
    """Mark a test that applies to one database engine only ("sqlite", "postgresql"); skipped, even in CI, elsewhere."""
    return pytest.mark.skipif(connection.vendor != vendor, reason=f"{NOT_APPLICABLE}{vendor}")


def missing(what: str):
    """Skip a test whose tool or service is missing; with CI=true fail it."""
    if in_ci():
        pytest.fail(f"CI=true: {what}")
    pytest.skip(what)


def skip_fails(reason: str, ci: bool) -> bool:
    """Whether a skip with this reason is a failure: in CI, unless the test does not apply to this database."""
    return ci and not reason.removeprefix("Skipped: ").startswith(NOT_APPLICABLE)
