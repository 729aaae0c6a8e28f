"""With CI=true a skipped test is a failure, unless it does not apply to the database in use (tests/skips.py)."""

from tests.skips import skip_fails


def test_a_skip_fails_in_ci_only():
    assert skip_fails("Skipped: chromium is not installed (make browser)", ci=True)
    assert skip_fails("Skipped: Redis does not answer at 127.0.0.1:6379", ci=True)
    assert not skip_fails("Skipped: chromium is not installed (make browser)", ci=False)


def test_a_test_for_another_database_is_skipped_even_in_ci():
    assert not skip_fails("Skipped: only on sqlite", ci=True)
    assert not skip_fails("only on postgresql", ci=True)
