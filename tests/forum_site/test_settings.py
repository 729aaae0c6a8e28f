import os
import subprocess
import sys
from pathlib import Path

from forum_site.settings import database_from_url

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_environment():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}} | {
        "DEBUG": "false",
        "HTTPS": "true",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "kinhteso.example.vn",
        "SITE_URL": "https://kinhteso.example.vn",
        "DJANGO_SETTINGS_MODULE": "forum_site.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_parses_postgres():
    config = database_from_url("postgres://user:p%40ss@db.example:5433/kho?sslmode=require")
    # Django's backend with a client-side deadline (core/db/postgresql), timeouts on every connection.
    assert config["ENGINE"] == "core.db.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("kho", "user", "p@ss")
    assert (config["HOST"], config["PORT"]) == ("db.example", "5433")
    assert config["OPTIONS"] == {"sslmode": "require", "connect_timeout": "2", "options": "-c statement_timeout=5000"}
    assert config["CONN_HEALTH_CHECKS"] is True


def test_database_url_parses_sqlite_path():
    assert database_from_url("sqlite:////tmp/kho.sqlite3")["NAME"] == "/tmp/kho.sqlite3"


def test_vietnamese_formats_for_display_and_input():
    from datetime import date

    from django import forms
    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(date(2025, 12, 20), "SHORT_DATE_FORMAT") == "20/12/2025"
        assert formats.number_format(72000, force_grouping=True) == "72.000"
        assert formats.number_format(29.68, decimal_pos=2) == "29,68"
        assert forms.DateField().clean("05/01/2026") == date(2026, 1, 5)


def test_english_dates_stay_day_first():
    from datetime import date

    from django import forms
    from django.utils import formats, translation

    with translation.override("en"):
        assert formats.date_format(date(2025, 12, 20), "SHORT_DATE_FORMAT") == "20/12/2025"
        assert forms.DateField().clean("05/01/2026") == date(2026, 1, 5)
